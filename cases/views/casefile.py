"""The case file, its change history, and break-the-glass access to a case outside the scope."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dtv.core.forms import add_service_errors
from dtv.core.http import bad_request
from dtv.core.ids import parse_id

from .. import services
from ..accesslog import log_list_read, log_read, log_refused
from ..constants import LIVE_DEADLINE_STATUSES
from ..forms import (
    BreakGlassForm,
    NoteForm,
)
from ..models import Case
from ..permissions import OutsideScope, break_glass_offered, case_access, case_for_reading
from ..processing import CASE_WORK, EMERGENCY_ACCESS
from ..selectors import (
    case_changes,
    case_file,
    case_with_person,
)
from ..workflow import transitions_from
from ._common import now as _now
from ._common import readable


@permission_required("cases.view_case", raise_exception=True)
def case_detail(request, pk):
    now = _now()
    before = request.GET.get("voor")
    if before and parse_id(before) is None:
        return bad_request(request, _("This page does not exist: its page parameter is not a number."))
    try:
        access = case_for_reading(user=request.user, case_id=pk, now=now, queryset=case_with_person())
    except OutsideScope:
        # Like a missing case (same queries, same page): trying ids tells nothing. An exact V-number
        # search offers break-the-glass instead (cases/views/search.py).
        raise Http404 from None
    case = access.case
    file = case_file(case=case, on=timezone.localdate(now), user=request.user, params=request.GET)
    log_read(request, activity=CASE_WORK, case=case, reason=access.break_glass_reason)
    if file.people_read:
        log_list_read(request, file.people_read, activity=CASE_WORK)
    can_edit = access.can_edit
    return render(
        request,
        "cases/case_detail.html",
        {
            "file": file,
            "case": case,
            "person": case.foreign_national,
            "access": access,
            "can_edit": can_edit,
            "can_assign": access.can_assign,
            "can_mark_confidential": access.can_mark_confidential,
            "can_reopen": access.can_reopen,
            "transitions": transitions_from(case.phase) if can_edit else [],
            "note_form": NoteForm(auto_id="note_%s") if can_edit else None,
            "now": now,
            "live_statuses": LIVE_DEADLINE_STATUSES,
        },
    )


@permission_required("cases.view_case", raise_exception=True)
def case_changes_view(request, pk):
    access = readable(request, pk, now=_now())
    log_read(request, activity=CASE_WORK, case=access.case, reason=access.break_glass_reason)
    return render(request, "cases/case_changes.html", {"case": access.case, "changes": case_changes(case=access.case)})


@permission_required("cases.break_glass", raise_exception=True)
def break_glass(request, pk):
    """Ask break-the-glass access: only on the offer of an exact V-number search; otherwise as for a missing case."""
    now = _now()
    try:
        access = case_access(user=request.user, case_id=pk, now=now)
    except OutsideScope:
        access = None
    else:
        if access is None:
            raise Http404
    if access is not None:
        return redirect("cases:case_detail", pk=pk)
    # The same answer as for a missing id (the same queries ran), unless the search offered this case.
    if not break_glass_offered(user=request.user, case_id=pk, token=request.GET.get("zoek")):
        raise Http404
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            services.break_glass_open(case_id=pk, reason=reason, actor=request.user, now=now)
        except ValidationError as error:
            add_service_errors(form, error)
            # A refused attempt to open a case outside the scope is for the privacy officer to see.
            log_refused(
                request,
                activity=EMERGENCY_ACCESS,
                case=Case.objects.select_related("foreign_national").get(pk=pk),
                reason=reason,
            )
        else:
            return redirect("cases:case_detail", pk=pk)
    return render(request, "cases/break_glass.html", {"form": form, "case_id": pk}, status=403)
