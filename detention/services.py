"""Every change to a supervision measure: one service per transition, each one transaction.

Each service locks the case (`select_for_update`), checks who acts (`permissions`) and the rule, writes the
measure, one timeline event and the deadlines through the engine. A broken rule raises `DomainError` with its
code, a field problem `ValidationError`, an actor who may not act `PermissionDenied`. Nothing is half-saved.
Detention itself is imposed only by issuing a complete order (orders.py).
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import DEMONSTRABLE_DEPARTURES, ClosureReason, SweepStage
from cases.deadlines.engine import deadline_meet, deadline_open, deadlines_cancel, deadlines_for_source
from cases.events import case_event_record
from cases.models import Case, WorkItem
from dtv.core.exceptions import DomainError

from . import events, permissions
from .constants import MEASURE_BASIS, EndReason, MeasureKind
from .deadlines import DetentionDeadlineKind, holding_ends_at, holding_extension_ends_at
from .models import Measure, ReportingEvent


def lock_case(case) -> Case:
    return Case.objects.select_for_update().select_related("foreign_national").get(pk=case.pk)


def lock_measure(measure) -> Measure:
    """Lock the case, then the measure (the order every service keeps)."""
    case = lock_case(measure.case)
    locked = Measure.objects.select_for_update(of=("self",)).get(pk=measure.pk)
    locked.case = case
    return locked


def require(allowed):
    if not allowed:
        raise PermissionDenied(_("You may not do this for this case."))


def measure_facts(measure, **extra) -> dict:
    return {
        "measure": measure.pk,
        "measure_kind": measure.kind,
        "legal_basis": measure.legal_basis,
        "starts_at": measure.starts_at.isoformat(),
        **extra,
    }


def _text(errors, field, value, message):
    if not (value or "").strip():
        errors[field] = message
    return (value or "").strip()


def _starts(starts_at, now):
    if starts_at is None:
        return now
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("Give the moment with its time zone.")})
    if starts_at > now + dt.timedelta(days=366):
        raise ValidationError({"starts_at": _("The start lies too far ahead.")})
    return starts_at


@transaction.atomic
def measure_impose(
    *,
    case,
    kind,
    ground,
    actor,
    now,
    starts_at=None,
    frequency_days=None,
    place="",
    amount=None,
    location="",
) -> Measure:
    """Impose a supervision measure (reporting duty, deposit, VBL, family location, holding) with its ground."""
    case = lock_case(case)
    require(permissions.can_impose(actor, case))
    if kind not in MeasureKind.values:
        raise ValidationError({"kind": _("Choose the measure.")})
    if kind == MeasureKind.DETENTION:
        raise DomainError(
            _("Detention is imposed by issuing a complete detention order."), code="detention_needs_order"
        )
    errors = {}
    ground = _text(errors, "ground", ground, _("Give the ground of the measure."))
    if kind == MeasureKind.REPORTING_DUTY:
        if not frequency_days or frequency_days < 1:
            errors["frequency_days"] = _("Give how often the person reports (every so many days).")
        _text(errors, "place", place, _("Give where the person reports."))
    if kind == MeasureKind.DEPOSIT and (amount is None or Decimal(amount) <= 0):
        errors["amount"] = _("Give the amount of the deposit.")
    if kind in (MeasureKind.RESTRICTED_LOCATION, MeasureKind.FAMILY_LOCATION):
        _text(errors, "location", location, _("Give the location."))
    if errors:
        raise ValidationError(errors)
    starts_at = _starts(starts_at, now)
    if (
        kind == MeasureKind.HOLDING
        and Measure.objects.filter(case=case, kind=MeasureKind.HOLDING, ends_at__isnull=True).exists()
    ):
        raise DomainError(_("The person is held already."), code="already_held")
    measure = Measure.objects.create(
        case=case,
        kind=kind,
        legal_basis=MEASURE_BASIS[kind],
        ground=ground,
        imposed_by=actor,
        imposed_at=now,
        starts_at=starts_at,
        frequency_days=frequency_days if kind == MeasureKind.REPORTING_DUTY else None,
        place=place.strip(),
        amount=amount if kind == MeasureKind.DEPOSIT else None,
        location=location.strip(),
    )
    case_event_record(case=case, kind=events.MEASURE_IMPOSED, actor=actor, now=now, data=measure_facts(measure))
    if kind == MeasureKind.RESTRICTED_LOCATION:
        deadline_open(
            case=case,
            kind=DetentionDeadlineKind.RESTRICTED_LOCATION,
            start=timezone.localdate(starts_at),
            actor=actor,
            now=now,
            source=measure,
            trigger=str(measure),
        )
    if kind == MeasureKind.HOLDING:
        deadline_open(
            case=case,
            kind=DetentionDeadlineKind.HOLDING,
            start=starts_at,
            actor=actor,
            now=now,
            source=measure,
            trigger=str(measure),
        )
    return measure


def _require_running(measure, kind=None):
    if measure.ends_at is not None:
        raise DomainError(_("This measure has ended."), code="measure_ended")
    if kind is not None and measure.kind != kind:
        raise DomainError(_("This step does not belong to this measure."), code="wrong_measure")


@transaction.atomic
def measure_end(*, measure, reason, actor, now, note="", ends_at=None) -> Measure:
    """End a measure: when and why; its running deadlines are met (holding, VBL) or cancelled (detention)."""
    measure = lock_measure(measure)
    require(permissions.can_impose(actor, measure.case))
    _require_running(measure)
    if reason not in EndReason.values:
        raise ValidationError({"reason": _("Choose why the measure ends.")})
    if reason == EndReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Explain why the measure ends.")})
    ends_at = ends_at or now
    if ends_at < measure.starts_at:
        raise ValidationError({"ends_at": _("A measure cannot end before it started.")})
    measure.ends_at, measure.end_reason, measure.end_note, measure.ended_by = ends_at, reason, note.strip(), actor
    measure.save(update_fields=["ends_at", "end_reason", "end_note", "ended_by"])
    _close_deadlines(measure, actor=actor, now=now, reason=str(EndReason(reason).label))
    case_event_record(
        case=measure.case,
        kind=events.MEASURE_ENDED,
        actor=actor,
        now=now,
        data=measure_facts(measure, ends_at=ends_at.isoformat(), reason=reason),
    )
    return measure


def _close_deadlines(measure, *, actor, now, reason):
    running = list(deadlines_for_source(measure))
    if measure.kind in (MeasureKind.HOLDING, MeasureKind.RESTRICTED_LOCATION):
        for deadline in running:
            deadline_meet(deadline=deadline, actor=actor, now=now, reason=reason)
    elif running:
        deadlines_cancel(case=measure.case, actor=actor, now=now, reason=reason, only=running)


@transaction.atomic
def restricted_location_extend(*, measure, until, reason, actor, now) -> Measure:
    """Keep the VBL placement beyond 12 weeks: only with a reason (art. 56 Vw 2000, "in principle" 12 weeks)."""
    measure = lock_measure(measure)
    require(permissions.can_impose(actor, measure.case))
    _require_running(measure, MeasureKind.RESTRICTED_LOCATION)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason why the placement continues beyond 12 weeks.")})
    if until is None or until <= measure.starts_at + dt.timedelta(weeks=12):
        raise ValidationError({"until": _("An extension runs beyond the 12 weeks.")})
    measure.extended_until, measure.extension_reason, measure.extended_by = until, reason.strip(), actor
    measure.save(update_fields=["extended_until", "extension_reason", "extended_by"])
    for deadline in deadlines_for_source(measure):
        deadline_meet(deadline=deadline, actor=actor, now=now, reason=reason.strip()[:200])
    case_event_record(
        case=measure.case,
        kind=events.MEASURE_EXTENDED,
        actor=actor,
        now=now,
        data=measure_facts(measure, until=until.isoformat(), reason=reason.strip()),
    )
    return measure


@transaction.atomic
def holding_extend(*, measure, hours, reason, actor, now) -> Measure:
    """Extend a holding by at most 48 hours, decided by an authorised officer before it ends (art. 50 lid 4 Vw 2000)."""
    measure = lock_measure(measure)
    require(permissions.can_extend_holding(actor, measure.case))
    _require_running(measure, MeasureKind.HOLDING)
    if measure.extended_until is not None:
        raise DomainError(_("This holding has been extended already."), code="holding_extended_already")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    ends = holding_ends_at(measure.starts_at)
    if now >= ends:
        raise DomainError(
            _("The 6 hours of holding have run out: the person must be released (art. 50 lid 4 Vw 2000)."),
            code="holding_expired",
        )
    try:
        until = holding_extension_ends_at(ends, int(hours or 0))
    except ValueError:
        raise ValidationError({"hours": _("An extension lasts 1 to 48 hours (art. 50 lid 4 Vw 2000).")}) from None
    measure.extended_until, measure.extension_reason, measure.extended_by = until, reason.strip(), actor
    measure.save(update_fields=["extended_until", "extension_reason", "extended_by"])
    for deadline in deadlines_for_source(measure):
        deadline_meet(deadline=deadline, actor=actor, now=now, reason=_("Extended"))
    deadline_open(
        case=measure.case,
        kind=DetentionDeadlineKind.HOLDING_EXTENSION,
        start=ends,
        params={"hours": int(hours)},
        actor=actor,
        now=now,
        source=measure,
        trigger=str(measure),
    )
    case_event_record(
        case=measure.case,
        kind=events.MEASURE_EXTENDED,
        actor=actor,
        now=now,
        data=measure_facts(measure, until=until.isoformat(), reason=reason.strip()),
    )
    return measure


@transaction.atomic
def report_record(*, measure, on, attended, actor, now, note="") -> ReportingEvent:
    """One due report of the reporting duty, attended or missed; N missed in a row signal a risk of absconding."""
    measure = lock_measure(measure)
    require(permissions.can_record_progress(actor, measure.case))
    _require_running(measure, MeasureKind.REPORTING_DUTY)
    if on is None or on > timezone.localdate(now) or on < timezone.localdate(measure.starts_at):
        raise ValidationError({"on": _("Give a day between the start of the duty and today.")})
    if ReportingEvent.objects.filter(measure=measure, on=on).exists():
        raise DomainError(_("This day's report is recorded already."), code="report_recorded")
    report = ReportingEvent.objects.create(
        measure=measure, on=on, attended=bool(attended), note=note.strip(), recorded_by=actor, recorded_at=now
    )
    case_event_record(
        case=measure.case,
        kind=events.REPORT_RECORDED,
        actor=actor,
        now=now,
        data=measure_facts(measure, on=on.isoformat(), attended=bool(attended)),
    )
    if not attended:
        _signal_absconding(measure, actor=actor, now=now)
    return report


def missed_in_a_row(attended_newest_first) -> int:
    """How many reports were missed since the last one attended."""
    count = 0
    for attended in attended_newest_first:
        if attended:
            break
        count += 1
    return count


def _signal_absconding(measure, *, actor, now):
    limit = settings.REPORTING_MISSED_IN_A_ROW
    latest = list(measure.reports.order_by("-on").values_list("attended", flat=True)[: limit + 1])
    # Exactly when the streak reaches the limit: one signal per streak, not one per further missed report.
    if missed_in_a_row(latest) != limit:
        return
    case = measure.case
    case_event_record(
        case=case, kind=events.ABSCONDING_SIGNAL, actor=actor, now=now, data=measure_facts(measure, missed=limit)
    )
    # The follow-up is a deadline of the engine (ABSCONDING_SIGNAL_FOLLOW_UP_DAYS from the day of the signal, a
    # working agreement), so the case file and the work queue show its task, article and due date. Its work item
    # is made at once, the signal being the call to act: it is the item of the deadline's due stage, so the
    # sweep, reaching that stage, finds it and writes no second one (it still tells the officer and escalates).
    deadline = deadline_open(
        case=case,
        kind=DetentionDeadlineKind.ABSCONDING_SIGNAL,
        start=timezone.localdate(now),
        actor=actor,
        now=now,
        source=measure,
        trigger=str(measure),
    )
    WorkItem.objects.create(
        case=case,
        deadline=deadline,
        stage=SweepStage.DUE,
        revision=deadline.revision,
        assignee=case.case_officer,
        team=case.team,
        created_at=now,
        due_at=deadline.target_at,
    )


@transaction.atomic
def deposit_settle(*, measure, settled, on, actor, now) -> Measure:
    """The deposit is returned (the person complied) or forfeited (they did not)."""
    measure = lock_measure(measure)
    require(permissions.can_impose(actor, measure.case))
    if measure.kind != MeasureKind.DEPOSIT:
        raise DomainError(_("This step does not belong to this measure."), code="wrong_measure")
    if measure.settled:
        raise DomainError(_("The deposit is settled already."), code="deposit_settled")
    if settled not in ("returned", "forfeited"):
        raise ValidationError({"settled": _("Choose returned or forfeited.")})
    if on is None or on > timezone.localdate(now):
        raise ValidationError({"on": _("Give the date.")})
    measure.settled, measure.settled_on = settled, on
    measure.save(update_fields=["settled", "settled_on"])
    case_event_record(
        case=measure.case,
        kind=events.DEPOSIT_SETTLED,
        actor=actor,
        now=now,
        data=measure_facts(measure, settled=settled, on=on.isoformat()),
    )
    return measure


@transaction.atomic
def deposit_record_payment(*, measure, on, actor, now) -> Measure:
    """The deposit was paid."""
    measure = lock_measure(measure)
    require(permissions.can_impose(actor, measure.case))
    if measure.kind != MeasureKind.DEPOSIT:
        raise DomainError(_("This step does not belong to this measure."), code="wrong_measure")
    if on is None or on > timezone.localdate(now):
        raise ValidationError({"on": _("Give the date.")})
    measure.paid_on = on
    measure.save(update_fields=["paid_on"])
    return measure


def outflow_end_reason(closure_reason) -> str:
    """Why a closed case's measures end: the person departed, absconded, or the case closed for another reason."""
    if closure_reason in DEMONSTRABLE_DEPARTURES:
        return EndReason.DEPARTED
    if closure_reason == ClosureReason.DEPARTED_UNSUPERVISED:
        return EndReason.ABSCONDED
    return EndReason.CASE_CLOSED


def measures_end_for_outflow(*, case_id, now, actor=None, closure_reason="") -> list:
    """The case closed: every running measure ends, with the reason its closure gives; idempotent."""
    reason = outflow_end_reason(closure_reason)
    ended = []
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        for measure in Measure.objects.select_for_update().filter(case=case, ends_at__isnull=True):
            measure.case = case
            measure.ends_at, measure.end_reason, measure.ended_by = (
                max(now, measure.starts_at),
                reason,
                actor,
            )
            measure.save(update_fields=["ends_at", "end_reason", "ended_by"])
            case_event_record(
                case=case,
                kind=events.MEASURE_ENDED,
                actor=actor,
                now=now,
                data=measure_facts(measure, ends_at=measure.ends_at.isoformat(), reason=reason),
            )
            ended.append(measure)
    return ended
