"""The Dublin page of a case: its claims with answer period, tacit acceptance, transfer period and expiry (htmx)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from cases.accesslog import log_read
from cases.permissions import OutsideScope, case_for_reading, scoped
from cases.selectors import case_with_person
from dtv.core.forms import run_service
from dtv.core.http import htmx_target

from . import forms, services
from .dublin import claim_facts
from .models import DublinClaim
from .processing import DEPARTURES

_VIEW = "departures.view_dublinclaim"


def _access(request, case_id):
    if not request.user.has_perm(_VIEW):
        raise PermissionDenied
    try:
        return case_for_reading(
            user=request.user, case_id=case_id, now=timezone.now(), queryset=case_with_person(), break_glass=False
        )
    except OutsideScope:
        raise Http404 from None


def _may_change(request, access):
    return access.can_edit and request.user.has_perm("departures.change_dublinclaim")


# step → (form, service call with the form's data)
STEPS = {
    "answer": (forms.DublinAnswerForm, lambda c, u, n, d: services.dublin_claim_answer(claim=c, actor=u, now=n, **d)),
    "tacit": (forms.ConfirmForm, lambda c, u, n, d: services.dublin_claim_record_tacit_acceptance(
        claim=c, actor=u, now=n)),
    "extend": (forms.DublinExtendForm, lambda c, u, n, d: services.dublin_claim_extend(claim=c, actor=u, now=n, **d)),
}  # fmt: skip


def _step_forms(facts, *, failed=None):
    """Per step the form to show for this claim (the failed one bound, with its errors)."""

    def make(key):
        if failed and failed[0] == key:
            return failed[1]
        form_class = STEPS[key][0]
        kwargs = {"grounds": facts.grounds} if key == "extend" else {}
        return form_class(prefix=f"{key}-{facts.claim.pk}", auto_id=f"{key}-{facts.claim.pk}_%s", **kwargs)

    shown = {}
    if facts.pending:
        shown["answer"] = make("answer")
        if facts.may_record_tacit:
            shown["tacit"] = make("tacit")
    elif facts.accepted and not facts.expired and facts.grounds:
        shown["extend"] = make("extend")
    return shown


def _facts(case, claims, *, may_change, failed=None):
    today = timezone.localdate()
    found = claim_facts(claims, today=today)
    for facts in found:
        facts.steps = _step_forms(facts, failed=failed if failed and failed[2] == facts.claim.pk else None)
        facts.may_change = may_change
    return found


@vary_on_headers("HX-Request", "HX-Target")
def dublin(request, pk):
    access = _access(request, pk)
    case = access.case
    may_change = _may_change(request, access)
    form = forms.DublinClaimForm(request.POST or None, prefix="claim") if may_change else None
    if request.method == "POST":
        if not may_change or not request.user.has_perm("departures.add_dublinclaim"):
            raise PermissionDenied
        now = timezone.now()
        if form.is_valid() and run_service(
            form, lambda: services.dublin_claim_record(case=case, actor=request.user, now=now, **form.cleaned_data)
        ):
            messages.success(request, _("Dublin request recorded."))
            return redirect("departures:dublin", pk=case.pk)
    claims = list(DublinClaim.objects.filter(case_id=case.pk).order_by("-requested_on", "-id"))
    log_read(request, activity=DEPARTURES, case=case)
    return render(
        request,
        "departures/dublin.html",
        {
            "case": case,
            "person": case.foreign_national,
            "claims": _facts(case, claims, may_change=may_change),
            "form": form,
        },
    )


@require_POST
@vary_on_headers("HX-Request", "HX-Target")
def dublin_step(request, pk, step):
    if step not in STEPS:
        raise Http404
    if not request.user.has_perm(_VIEW):
        raise PermissionDenied
    claim = get_object_or_404(scoped(DublinClaim.objects.all(), request.user), pk=pk)
    access = _access(request, claim.case_id)
    if not _may_change(request, access):
        raise PermissionDenied
    claim.case = access.case
    form_class, call = STEPS[step]
    kwargs = {"grounds": claim_facts([claim], today=timezone.localdate())[0].grounds} if step == "extend" else {}
    form = form_class(request.POST, prefix=f"{step}-{claim.pk}", auto_id=f"{step}-{claim.pk}_%s", **kwargs)
    now = timezone.now()
    failed = None
    if form.is_valid() and run_service(form, lambda: call(claim, request.user, now, form.cleaned_data)):
        messages.success(request, _("Recorded."))
        if htmx_target(request) is None:
            return redirect("departures:dublin", pk=claim.case_id)
    else:
        failed = (step, form, claim.pk)
    claim = DublinClaim.objects.get(pk=claim.pk)
    log_read(request, activity=DEPARTURES, case=access.case)
    (facts,) = _facts(access.case, [claim], may_change=True, failed=failed)
    if htmx_target(request) == f"claim-{claim.pk}":
        return render(request, "departures/_dublin_claim.html", {"c": facts, "case": access.case})
    claims = list(DublinClaim.objects.filter(case_id=claim.case_id).order_by("-requested_on", "-id"))
    others = [f for f in _facts(access.case, claims, may_change=True) if f.claim.pk != claim.pk]
    return render(
        request,
        "departures/dublin.html",
        {
            "case": access.case,
            "person": access.case.foreign_national,
            "claims": sorted([facts, *others], key=lambda f: (f.claim.requested_on, f.claim.pk), reverse=True),
            "form": forms.DublinClaimForm(prefix="claim"),
        },
    )
