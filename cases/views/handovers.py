"""Handovers awaiting a match: a partner named a V-number outside its scope, and a team lead decides."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dtv.core.exceptions import DomainError

from ..accesslog import log_list_read
from ..intake import handover_match, handover_not_matched, handovers_awaiting_match
from ..intake import handovers_to_match as intake_handovers_to_match
from ..processing import INTAKE
from ._common import now as _now


@permission_required("cases.assign_case", raise_exception=True)
def handovers_to_match(request):
    rows = intake_handovers_to_match(user=request.user)
    people = [row.person for row in rows if row.person is not None]
    if people:
        log_list_read(request, people, activity=INTAKE)
    return render(request, "cases/handovers_to_match.html", {"rows": rows})


@require_POST
@permission_required("cases.assign_case", raise_exception=True)
def handover_decide(request, pk):
    # Only a handover the user may decide on exists here: no other's V-number is confirmed by a 403.
    handover = next((row for row in handovers_awaiting_match(user=request.user) if row.pk == pk), None)
    if handover is None:
        raise Http404
    decide = {"koppelen": handover_match, "geen-match": handover_not_matched}.get(request.POST.get("besluit", ""))
    if decide is None:
        messages.error(request, _("Choose whether the handover belongs to this case."))
        return redirect("cases:handovers_to_match")
    try:
        decide(handover=handover, actor=request.user, now=_now())
    except (DomainError, PermissionDenied) as refusal:
        messages.error(request, getattr(refusal, "message", None) or _("You may not match this handover."))
    else:
        messages.success(
            request,
            _("Handover added to the case.") if decide is handover_match else _("Handover marked as not matched."),
        )
    return redirect("cases:handovers_to_match")
