"""Registering a self-registration (manual intake)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dtv.core.forms import add_service_errors

from ..constants import Source
from ..forms import (
    IntakeForm,
)
from ..intake import HandoverData, handover_receive
from ..permissions import cases_visible_to
from ._common import now as _now


@permission_required("cases.add_case", raise_exception=True)
def intake(request):
    now = _now()
    form = IntakeForm(request.POST or None, today=timezone.localdate(now))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            handover, created = handover_receive(
                data=HandoverData.from_cleaned(
                    data,
                    source=Source.SELF_REGISTRATION,
                    payload={"form": "intake", "reference": data["reference"]},
                ),
                received_by=request.user,
                now=now,
            )
        except ValidationError as error:
            # The form asked the same rules already; this is the shell-proof second look.
            fields = form.service_fields
            add_service_errors(form, ValidationError({fields.get(k, k): v for k, v in error.error_dict.items()}))
        else:
            messages.success(request, _outcome_message(handover, created))
            if cases_visible_to(request.user).filter(pk=handover.case_id).exists():
                return redirect("cases:case_detail", pk=handover.case_id)
            # A new case waits in the national intake, which only team leads see: the officer who
            # registered it lands where they may be, told where the case went.
            messages.info(request, _("The case waits in the national intake until a team lead assigns it."))
            return redirect("cases:workqueue")
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
