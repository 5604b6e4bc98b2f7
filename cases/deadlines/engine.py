"""The deadline engine: the one way any module opens, recomputes, meets, suspends or cancels a deadline.

A module registers its trigger by calling `deadline_open(case=…, kind=…, start=…, source=obj)` when
the triggering fact is recorded (a departure term, a detention order, a flight booking), and
`deadline_recompute` when that fact is corrected. The rule itself — which version, which
arithmetic, whether the Algemene termijnenwet applies, which settings it reads — is a registered
rule version (`registry.py`) with pure functions; this module stores the result with its explanation
steps and keeps `Case.next_deadline` current. The engine trusts its callers: who may do what is
checked by the services that call it (`notifications.deadline_mark_met`, the case services).

Two dates. Every deadline stores its legal last day (`due_date`/`due_at`: late only after it) and
its internal target (`target_date`/`target_at`), which is the same except where a rule keeps an
earlier, unshifted day (art. 94 Vw 2000: day 28, while the Atw extends the legal day). The reminder
is counted back from the target, the sweep's target stage and the work item aim at it, and the
status turns overdue only when the legal last day has passed.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from dtv.core.exceptions import DomainError

from ..constants import LIVE_DEADLINE_STATUSES, RUNNING_DEADLINE_STATUSES, DeadlineStatus, SweepStage
from ..events import case_event_record
from ..models import AtwHoliday, Case, Deadline, WorkItem
from . import registry
from .atw import HolidayCalendar
from .counting import urgency_key
from .events import (
    DEADLINE_CANCELLED,
    DEADLINE_MET,
    DEADLINE_OPENED,
    DEADLINE_RECOMPUTED,
    DEADLINE_RESUMED,
    DEADLINE_SUSPENDED,
)


def atw_holidays() -> HolidayCalendar:
    """The Atw holiday calendar as functional administration keeps it (reference data), predicted days marked."""
    rows = list(AtwHoliday.objects.values_list("date", "name", "predicted"))
    return HolidayCalendar({day: name for day, name, _p in rows}, predicted=[day for day, _n, p in rows if p])


def source_key(source) -> tuple[str, int]:
    """How a deadline points back at the fact that triggered it ("cases.departureterm", 12)."""
    return f"{source._meta.app_label}.{source._meta.model_name}", source.pk


def first_sweep_stage(*, due_at, remind_at, now, target_at=None) -> tuple[str, dt.datetime]:
    """The sweep's first stage: a reminder ahead of the target, else the target stage (where the target comes
    before the legal last day), else the due moment."""
    target_at = due_at if target_at is None else target_at
    if remind_at is not None and target_at > now:
        return SweepStage.REMINDER, remind_at
    if target_at < due_at:
        return SweepStage.TARGET, target_at
    return SweepStage.DUE, due_at


def deadline_fill(deadline, *, kind, start, params, now, version=None, holidays=None):
    """Put the rule's computation into an unsaved or locked Deadline (no save): for the engine and bulk loaders."""
    rule, merged = registry.resolve(kind, start=start, params=params, version=version, settings=settings)
    holidays = atw_holidays() if holidays is None else holidays
    computation = rule.compute(start, merged, holidays=holidays, tz=registry.AMSTERDAM)
    lead = rule.reminder(merged)
    remind_at = computation.target_at - lead if lead else None
    stage, sweep_at = first_sweep_stage(
        due_at=computation.due_at, target_at=computation.target_at, remind_at=remind_at, now=now
    )
    is_moment = isinstance(start, dt.datetime)
    deadline.kind = kind
    deadline.rule_version = rule.version
    deadline.legal_basis = _legal_basis(rule, computation)
    deadline.counting = rule.counting
    deadline.params = merged
    deadline.start_date = None if is_moment else start
    deadline.start_at = start if is_moment else None
    deadline.due_date = computation.due_date
    deadline.due_at = computation.due_at
    deadline.statutory = rule.statutory
    deadline.urgency = urgency_key(
        due_date=computation.due_date, due_at=computation.due_at, statutory=rule.statutory, tz=registry.AMSTERDAM
    )
    deadline.target_date = computation.target_date
    deadline.target_at = computation.target_at
    deadline.atw_applies = rule.atw_applies
    deadline.atw_applied = computation.atw_applied
    deadline.explanation = list(computation.steps)
    deadline.responsible = rule.responsible
    deadline.remind_at = remind_at
    deadline.sweep_stage = stage
    deadline.sweep_at = sweep_at
    if deadline.status == DeadlineStatus.OVERDUE and computation.due_at > now:
        deadline.status = DeadlineStatus.OPEN
    return deadline


def _legal_basis(rule, computation):
    # Some rules cite a more specific article for the ground used (Dublin: detained, absconded…).
    for step in computation.steps:
        if step.get("legal_basis"):
            return step["legal_basis"]
    return rule.legal_basis


def most_urgent_live(case_id):
    """The case's live deadlines, most urgent first (the work queue's rank: day, statutory first, moment)."""
    return Deadline.objects.live().filter(case_id=case_id).order_by("urgency", "id")


def case_next_deadline_refresh(case) -> Deadline | None:
    """Point the case at its most urgent live deadline, with its due moment and urgency (the work queue sorts on it)."""
    nearest = most_urgent_live(case.pk).first()
    values = {
        "next_deadline": nearest,
        "next_due_at": nearest.due_at if nearest else None,
        "next_due_key": nearest.urgency if nearest else None,
    }
    Case.objects.filter(pk=case.pk).update(**values)
    for name, value in values.items():
        setattr(case, name, value)
    return nearest


def cases_next_deadline_refresh(cases) -> int:
    """case_next_deadline_refresh for every case of the queryset `cases`, in one UPDATE (bulk loaders, migrations)."""
    nearest = most_urgent_live(OuterRef("pk"))
    return cases.update(
        next_deadline=Subquery(nearest.values("id")[:1]),
        next_due_at=Subquery(nearest.values("due_at")[:1]),
        next_due_key=Subquery(nearest.values("urgency")[:1]),
    )


def deadline_event_data(deadline, *, steps=False, **extra) -> dict:
    """What a timeline event about a deadline records (the engine's, the sweep's and the demo's events alike).

    Facts only, never rendered text: the timeline, the API and the digest render them in the reader's
    language. `steps=True` adds the explanation steps as they stand at this revision.
    """
    data = {
        "deadline": deadline.pk,
        "kind": deadline.kind,
        "due_date": deadline.due_date.isoformat() if deadline.due_date else None,
        "due_at": deadline.due_at.isoformat(),
        "legal_basis": deadline.legal_basis,
    }
    if deadline.has_internal_target:
        data["target_date"] = deadline.target_date.isoformat() if deadline.target_date else None
        data["target_at"] = deadline.target_at.isoformat()
    if steps:
        data["steps"] = list(deadline.explanation)
    return {**data, **extra}


def _event(deadline, kind, actor, now, **extra):
    case_event_record(case=deadline.case, kind=kind, actor=actor, now=now, data=deadline_event_data(deadline, **extra))


@transaction.atomic
def deadline_open(*, case, kind, start, actor, now, params=None, source=None, trigger="", version=None) -> Deadline:
    """Open a deadline of `kind` from `start` (a date, or an aware moment for terms in hours)."""
    source_type, source_id = source_key(source) if source is not None else ("", None)
    deadline = deadline_fill(
        Deadline(
            case=case,
            opened_at=now,
            opened_by=actor,
            trigger=trigger[:300],
            source_type=source_type,
            source_id=source_id,
        ),
        kind=kind,
        start=start,
        params=params,
        now=now,
        version=version,
    )
    deadline.save()
    _event(deadline, DEADLINE_OPENED, actor, now, steps=True)
    case_next_deadline_refresh(case)
    return deadline


def _locked(deadline):
    return Deadline.objects.select_for_update().select_related("case").get(pk=deadline.pk)


@transaction.atomic
def deadline_recompute(*, deadline, start, actor, now, reason, params=None, version=None) -> Deadline:
    """Recompute after the triggering fact changed; the old due moment stays in the deadline's history."""
    deadline = _locked(deadline)
    if deadline.status not in RUNNING_DEADLINE_STATUSES:
        raise DomainError(_("A deadline that was met or cancelled is not recomputed."), code="deadline_closed")
    return _recompute(deadline, start=start, actor=actor, now=now, reason=reason, params=params, version=version)


def _recompute(deadline, *, start, actor, now, reason, params=None, version=None, event=DEADLINE_RECOMPUTED):
    old_due, old_due_date = deadline.due_at, deadline.due_date
    deadline_fill(
        deadline,
        kind=deadline.kind,
        start=start,
        params={**deadline.params, **(params or {})},
        now=now,
        version=version,
    )
    if deadline.status == DeadlineStatus.SUSPENDED:
        deadline.sweep_stage, deadline.sweep_at = "", None
    deadline.revision += 1
    deadline.status_reason = reason
    deadline._change_reason = reason[:100]
    deadline.save()
    # The earlier revision's "deadline passed" task no longer stands: the new revision falls due on its own.
    _finish_work_items(deadline, actor=actor, now=now, reason=reason)
    _event(
        deadline,
        event,
        actor,
        now,
        old_due_at=old_due.isoformat(),
        old_due_date=old_due_date.isoformat() if old_due_date else None,
        reason=reason,
        steps=True,
    )
    case_next_deadline_refresh(deadline.case)
    return deadline


def _finish_work_items(deadline, *, actor, now, reason):
    items = list(WorkItem.objects.filter(deadline=deadline, done_at__isnull=True))
    for item in items:
        item.done_at, item.done_by = now, actor
    bulk_update_with_history(
        items,
        WorkItem,
        ["done_at", "done_by"],
        default_user=actor,
        default_date=now,
        default_change_reason=reason[:100],
    )


def _close(deadline, *, status, actor, now, reason=""):
    deadline.status = status
    deadline.status_reason = reason
    deadline.closed_at = now
    deadline.closed_by = actor
    deadline.sweep_stage, deadline.sweep_at = "", None
    deadline._change_reason = reason[:100]
    deadline.save()
    _finish_work_items(deadline, actor=actor, now=now, reason=reason or status)


@transaction.atomic
def deadline_meet(*, deadline, actor, now, reason="") -> Deadline:
    """The required action was taken: the deadline is met and its open work items are done (no permission check:
    users go through `notifications.deadline_mark_met`)."""
    deadline = _locked(deadline)
    if deadline.status not in LIVE_DEADLINE_STATUSES:
        raise DomainError(_("Only an open or overdue deadline can be met."), code="deadline_not_live")
    # Late only after the legal last day; missing the internal target alone is not.
    late = now > deadline.due_at
    _close(deadline, status=DeadlineStatus.MET, actor=actor, now=now, reason=reason)
    extra = {"late": late}
    if reason:
        extra["reason"] = reason
    _event(deadline, DEADLINE_MET, actor, now, **extra)
    case_next_deadline_refresh(deadline.case)
    return deadline


@transaction.atomic
def deadlines_cancel(*, case, actor, now, reason, only=None) -> list[Deadline]:
    """Cancel the case's live and suspended deadlines (or just `only`), e.g. when the case closes."""
    query = Deadline.objects.select_for_update().filter(
        case_id=case.pk, status__in=RUNNING_DEADLINE_STATUSES
    )
    if only is not None:
        query = query.filter(pk__in=[d.pk for d in only])
    cancelled = list(query.select_related("case"))
    for deadline in cancelled:
        _close(deadline, status=DeadlineStatus.CANCELLED, actor=actor, now=now, reason=reason)
        _event(deadline, DEADLINE_CANCELLED, actor, now, reason=reason)
    case_next_deadline_refresh(case)
    return cancelled


@transaction.atomic
def deadline_suspend(*, deadline, actor, now, reason) -> Deadline:
    """Stop the clock (e.g. a transfer period during an appeal with suspensive effect): no sweep acts on it."""
    deadline = _locked(deadline)
    if deadline.status not in LIVE_DEADLINE_STATUSES:
        raise DomainError(_("Only an open or overdue deadline can be suspended."), code="deadline_not_live")
    if not reason.strip():
        raise DomainError(_("Give the reason for suspending the deadline."), code="reason_required")
    deadline.status = DeadlineStatus.SUSPENDED
    deadline.status_reason = reason
    deadline.sweep_stage, deadline.sweep_at = "", None
    deadline._change_reason = reason[:100]
    deadline.save()
    _event(deadline, DEADLINE_SUSPENDED, actor, now, reason=reason)
    case_next_deadline_refresh(deadline.case)
    return deadline


@transaction.atomic
def deadline_resume(*, deadline, start, actor, now, reason) -> Deadline:
    """Restart a suspended deadline from `start` (e.g. the final decision on the appeal)."""
    deadline = _locked(deadline)
    if deadline.status != DeadlineStatus.SUSPENDED:
        raise DomainError(_("Only a suspended deadline can be resumed."), code="deadline_not_suspended")
    deadline.status = DeadlineStatus.OPEN
    return _recompute(deadline, start=start, actor=actor, now=now, reason=reason, event=DEADLINE_RESUMED)


def deadlines_for_source(source):
    """The live or suspended deadlines a fact (departure term, agreed action…) opened."""
    source_type, source_id = source_key(source)
    return Deadline.objects.filter(
        Q(status__in=RUNNING_DEADLINE_STATUSES),
        source_type=source_type,
        source_id=source_id,
    ).select_related("case")


def deadlines_recompute_for_calendar_change(*, day, actor, now, reason) -> list[Deadline]:
    """Recompute live Atw deadlines that a new, changed or removed holiday on `day` may move.

    Only deadlines whose rule applies the Atw and whose term runs over `day` (started before it and
    due no more than a week before it — a shift is never longer than that) can change; the others
    are left alone. A recomputation that lands on the same moment opens no new revision; if only the
    explanation changed (a predicted day confirmed by its decree), the steps are updated in place.
    """
    candidates = Deadline.objects.filter(
        status__in=LIVE_DEADLINE_STATUSES,
        atw_applies=True,
        start_date__lte=day,
        due_date__gte=day - dt.timedelta(days=7),
    ).select_related("case")
    holidays = atw_holidays()
    moved = []
    for deadline in candidates:
        _rule, computation = registry.compute(
            deadline.kind, start=deadline.start_date, params=deadline.params, holidays=holidays
        )
        if computation.due_at != deadline.due_at or computation.target_at != deadline.target_at:
            moved.append(
                deadline_recompute(deadline=deadline, start=deadline.start_date, actor=actor, now=now, reason=reason)
            )
        elif list(computation.steps) != deadline.explanation:
            deadline.explanation = list(computation.steps)
            deadline._change_reason = reason[:100]
            deadline.save(update_fields=["explanation"])
    return moved
