"""Registering a self-registration (manual intake)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import Source
from ..forms import (
    IntakeForm,
)
from ..intake import HandoverData, handover_receive
from ._common import now as _now


@permission_required("cases.add_case", raise_exception=True)
def intake(request):
    now = _now()
    form = IntakeForm(request.POST or None, today=timezone.localdate(now))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        date_of_birth, precision = data["date_of_birth"]
        handover, created = handover_receive(
            data=HandoverData(
                source=Source.SELF_REGISTRATION,
                reference=data["reference"],
                handover_date=data["handover_date"],
                v_number=data["v_number"],
                surname=data["surname"],
                given_names=data["given_names"],
                date_of_birth=date_of_birth,
                date_of_birth_precision=precision,
                sex=data["sex"],
                nationalities=[(data["nationality"], data["nationality_status"])],
                languages=data["languages"],
                vulnerabilities=data["vulnerabilities"],
                track=data["track"],
                payload={"form": "intake", "reference": data["reference"]},
            ),
            received_by=request.user,
            now=now,
        )
        messages.success(request, _outcome_message(handover, created))
        return redirect("cases:case_detail", pk=handover.case_id)
    return render(request, "cases/intake.html", {"form": form})


def _outcome_message(handover, created):
    if not created:
        return _("This registration had been received already; it is the same case.")
    return {
        "new_case": _("New case opened."),
        "added_to_open_case": _("This V-number already has an open case: the registration was added to it."),
        "new_case_after_closed": _("New case opened, linked to the earlier closed case of this V-number."),
    }.get(handover.outcome, "")


# --- The case file ----------------------------------------------------------------------------------------
