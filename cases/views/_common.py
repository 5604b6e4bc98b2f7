"""Request adapters every case view uses: the clock, the case this request may read or change, form pages."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dtv.core.forms import run_service

from ..accesslog import log_read
from ..permissions import OutsideScope, case_for_change, case_for_reading
from ..processing import CASE_WORK
from ..selectors import case_with_person


def now():
    """The moment of this request (views read the clock once and pass it into services)."""
    return timezone.now()


def readable(request, pk, *, now):
    """The user's access to the case; outside the scope it does not exist here (the case file offers the glass)."""
    try:
        return case_for_reading(user=request.user, case_id=pk, now=now, queryset=case_with_person())
    except OutsideScope:
        raise Http404 from None


def editable(request, pk, *, now):
    """The case the user may change (never through break-the-glass): 404 out of scope, 403 without the right."""
    return case_for_change(user=request.user, case_id=pk, now=now, queryset=case_with_person())


def case_url(case_id, anchor=""):
    """The case file, at a section."""
    return reverse("cases:case_detail", kwargs={"pk": case_id}) + (f"#{anchor}" if anchor else "")


def form_page(request, template, case, form, **context):
    """A form page about a case (it names the person, so the read is logged)."""
    log_read(request, activity=CASE_WORK, case=case)
    return render(request, template, {"case": case, "person": case.foreign_national, "form": form, **context})


def form_flow(request, *, case, form, action, success, target, template, **context):
    """GET shows the form; a valid POST calls the service and redirects, or shows its errors on the form."""
    if request.method == "POST" and form.is_valid() and run_service(form, lambda: action(form.cleaned_data)):
        messages.success(request, success)
        return redirect(target)
    return form_page(request, template, case, form, **context)
