"""Legal procedures of the person and their outcomes; whether removal is blocked follows from them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dtv.core.exceptions import DomainError
from dtv.core.fields import date_in_range, date_out_of_range_message

from .. import events, signals
from ..constants import (
    PROTECTIVE_MEASURES,
    ProcedureOutcome,
)
from ..models import (
    LegalProcedure,
)
from ._common import _local_today, _lock, _not_in_future, _require_edit
from .removability import case_legal_obstacle_refresh


def _validate_decision(*, kind, lodged_on, outcome, decided_on, effective_until, now):
    errors = {}
    # The years a case file can hold, for the shell as for the forms and the API (dtv.core.fields).
    for name, value in (("lodged_on", lodged_on), ("decided_on", decided_on), ("effective_until", effective_until)):
        if value is not None and not date_in_range(value):
            errors[name] = date_out_of_range_message()
    if errors:
        raise ValidationError(errors)
    if outcome == ProcedureOutcome.PENDING:
        if decided_on:
            errors["decided_on"] = _("A pending procedure has no decision date.")
    elif not decided_on:
        errors["decided_on"] = _("Give the date of the decision.")
    elif decided_on < lodged_on:
        errors["decided_on"] = _("A decision cannot precede the lodging of the procedure.")
    elif decided_on > _local_today(now):
        errors["decided_on"] = _("This cannot lie in the future.")
    if effective_until and not (kind in PROTECTIVE_MEASURES and outcome == ProcedureOutcome.GRANTED):
        errors["effective_until"] = _("Only a granted interim measure or medical postponement has an end date.")
    if effective_until and decided_on and effective_until < decided_on:
        errors["effective_until"] = _("The end date cannot precede the decision.")
    if errors:
        raise ValidationError(errors)


def _legal_obstacle_today(case, now):
    until = case.legal_obstacle_until
    return until is not None and until >= _local_today(now)


def _signal(signal, procedure, actor, now):
    signals.send_on_commit(
        signal,
        case_id=procedure.case_id,
        procedure_id=procedure.pk,
        kind=procedure.kind,
        outcome=procedure.outcome,
        may_await_in_nl=procedure.may_await_in_nl,
        actor_id=actor.pk,
        at=now,
    )


@transaction.atomic
def procedure_record(
    *,
    case,
    kind,
    lodged_on,
    may_await_in_nl,
    actor,
    now,
    reference="",
    notes="",
    outcome=ProcedureOutcome.PENDING,
    decided_on=None,
    effective_until=None,
) -> LegalProcedure:
    """Record a legal procedure; the case's legal obstacle to removal follows from the procedures."""
    case = _lock(case)
    _require_edit(actor, case)
    _not_in_future("lodged_on", lodged_on, now)
    _validate_decision(
        kind=kind,
        lodged_on=lodged_on,
        outcome=outcome,
        decided_on=decided_on,
        effective_until=effective_until,
        now=now,
    )
    before = _legal_obstacle_today(case, now)
    procedure = LegalProcedure.objects.create(
        case=case,
        kind=kind,
        reference=reference,
        lodged_on=lodged_on,
        may_await_in_nl=may_await_in_nl,
        outcome=outcome,
        decided_on=decided_on,
        effective_until=effective_until,
        notes=notes,
        recorded_at=now,
        recorded_by=actor,
    )
    after = case_legal_obstacle_refresh(case=case, actor=actor, now=now)
    events.case_event_record(
        case=case,
        kind=events.PROCEDURE_RECORDED,
        actor=actor,
        now=now,
        data={
            "procedure": procedure.pk,
            "kind": kind,
            "outcome": outcome,
            "may_await_in_nl": may_await_in_nl,
            "legal_obstacle_before": before,
            "legal_obstacle_after": after,
        },
    )
    _signal(signals.procedure_recorded, procedure, actor, now)
    return procedure


@transaction.atomic
def procedure_decide(*, procedure, outcome, decided_on, actor, now, effective_until=None) -> LegalProcedure:
    """Record the outcome of a pending procedure (or lift a granted measure by giving its end date)."""
    case = _lock(procedure.case)
    _require_edit(actor, case)
    procedure = LegalProcedure.objects.select_for_update().get(pk=procedure.pk)
    if procedure.outcome != ProcedureOutcome.PENDING and not (
        procedure.outcome == outcome == ProcedureOutcome.GRANTED and effective_until
    ):
        raise DomainError(_("This procedure has been decided already."), code="already_decided")
    _validate_decision(
        kind=procedure.kind,
        lodged_on=procedure.lodged_on,
        outcome=outcome,
        decided_on=decided_on,
        effective_until=effective_until,
        now=now,
    )
    before = _legal_obstacle_today(case, now)
    procedure.outcome = outcome
    procedure.decided_on = decided_on
    procedure.effective_until = effective_until
    procedure.save(update_fields=["outcome", "decided_on", "effective_until"])
    after = case_legal_obstacle_refresh(case=case, actor=actor, now=now)
    events.case_event_record(
        case=case,
        kind=events.PROCEDURE_DECIDED,
        actor=actor,
        now=now,
        data={
            "procedure": procedure.pk,
            "kind": procedure.kind,
            "outcome": outcome,
            "legal_obstacle_before": before,
            "legal_obstacle_after": after,
        },
    )
    _signal(signals.procedure_decided, procedure, actor, now)
    return procedure
