"""Registering a self-registration (manual intake)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dtv.core.forms import add_service_errors

from .. import services
from ..constants import HandoverOutcome, Source
from ..forms import (
    IntakeForm,
)
from ..intake import HandoverData
from ..permissions import case_for_reading
from ..services import RegistrantAssignment
from ._common import now as _now


@permission_required("cases.add_case", raise_exception=True)
def intake(request):
    now = _now()
    form = IntakeForm(request.POST or None, today=timezone.localdate(now))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            handover, created, assignment = services.self_registration_record(
                data=HandoverData.from_cleaned(
                    data,
                    source=Source.SELF_REGISTRATION,
                    # What the officer who matches a handover awaiting a match compares (intake.handover_match).
                    payload={
                        "form": "intake",
                        "reference": data["reference"],
                        "surname": data["surname"],
                        "given_names": data.get("given_names", ""),
                        "track": data.get("track", ""),
                    },
                ),
                actor=request.user,
                now=now,
            )
        except ValidationError as error:
            # The form asked the same rules already; this is the shell-proof second look.
            fields = form.service_fields
            add_service_errors(form, ValidationError({fields.get(k, k): v for k, v in error.error_dict.items()}))
        else:
            if handover.case_id is None:
                # Another team's person: stored for a DT&V officer to match; nothing about the person shown.
                messages.info(request, _outcome_message(handover, created, assignment))
                return redirect("cases:workqueue")
            messages.success(request, _outcome_message(handover, created, assignment))
            try:
                case_for_reading(user=request.user, case_id=handover.case_id, now=now, break_glass=False)
            except Http404:
                # The case went where the registrant cannot follow (another team's open case): no details.
                messages.info(
                    request, _("The case lies outside your scope; the team that holds it sees the registration.")
                )
                return redirect("cases:workqueue")
            return redirect("cases:case_detail", pk=handover.case_id)
    return render(request, "cases/intake.html", {"form": form})


def _outcome_message(handover, created, assignment):
    if handover.outcome == HandoverOutcome.AWAITING_MATCH:
        return _(
            "The registration has been stored. A team lead checks it against the V-number and adds it to the right "
            "case."
        )
    if not created:
        return _("This registration had been received already; it is the same case.")
    opened = {
        "new_case": _("New case opened."),
        "added_to_open_case": _("This V-number already has an open case: the registration was added to it."),
        "new_case_after_closed": _("New case opened, linked to the earlier closed case of this V-number."),
    }.get(handover.outcome, "")
    held = {
        RegistrantAssignment.OFFICER: _("It is in your work queue."),
        RegistrantAssignment.TEAM: _(
            "It is with your team: the case of an unaccompanied minor goes to an AMV specialist, whom the team lead "
            "assigns."
        ),
        RegistrantAssignment.INTAKE: _("It is in the national intake queue, for a team lead to assign."),
    }
    if handover.outcome == "added_to_open_case":
        return opened
    return f"{opened} {held.get(assignment, '')}".strip()


# --- The case file ----------------------------------------------------------------------------------------
