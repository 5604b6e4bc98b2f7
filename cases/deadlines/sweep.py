"""The sweep: every minute, act on the deadlines whose next stage has come — exactly once.

Exactly once, whatever happens:
- each batch is one transaction that locks its deadlines with FOR UPDATE SKIP LOCKED, so two
  sweeps at once take different deadlines, and a worker killed mid-batch rolls the batch back
  for the next sweep to redo;
- a stage's work item and notifications are unique per (deadline, revision, stage[, recipient])
  and inserted with ON CONFLICT DO NOTHING, so even a repeated stage cannot duplicate them;
- the stage and its moment advance in the same transaction, so a committed stage is never redone.
After downtime the first sweep finds everything whose moment passed (`sweep_at <= now`) and
walks each deadline through the stages it missed, in order.

The stages, and the two dates they aim at (the internal target and the legal last day, see engine):
- REMINDER, `remind_before` ahead of the internal target: the responsible person is told;
- TARGET, at the internal target, only where it lies before the legal last day (art. 94 Vw 2000 under
  the Atw): the responsible person is told and gets the work item; the deadline stays open, because
  nothing is late yet;
- DUE, at the legal last day's end: the deadline is overdue ("verstreken"), the responsible person is
  told, and gets the work item unless the target stage already made it;
- ESCALATION, the grace period after the legal last day: the team lead(s) are told.
For every rule whose target is its legal day the target stage does not exist, and the due stage does
what both would.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F

from dtv.accounts.constants import Role

from ..constants import LIVE_DEADLINE_STATUSES, DeadlineStatus, Responsible, SweepStage
from ..events import case_event, case_events_record_many
from ..models import Deadline, Notification, WorkItem
from .engine import deadline_event_data
from .events import DEADLINE_ESCALATED, DEADLINE_OVERDUE, DEADLINE_TARGET_REACHED

BATCH_SIZE = 500


@dataclass
class SweepReport:
    reminders: int = 0
    targets: int = 0
    due: int = 0
    escalations: int = 0
    notifications: int = 0
    work_items: int = 0
    batches: int = 0
    deadlines: set = field(default_factory=set)


def due_deadlines(now):
    """The sweep's one query: live deadlines whose stage has come, oldest first, locked and skipping locked ones.

    Served by the partial index `deadline_sweep` (sweep_at WHERE status IN ('open', 'overdue')).
    """
    return (
        Deadline.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status__in=LIVE_DEADLINE_STATUSES, sweep_at__lte=now)
        .order_by("sweep_at")
    )


def _people_by_team(team_ids, role):
    """{team id: [active users with `role`]} in one query."""
    people = {}
    users = (
        get_user_model()
        .objects.filter(team_id__in=team_ids, is_active=True, groups__name=role.value)
        .order_by("pk")
        .only("pk", "team_id")
    )
    for user in users:
        people.setdefault(user.team_id, []).append(user.pk)
    return people


def _recipients(deadline, stage, leads, enforcers):
    """Who is told: the responsible person for reminders and due stages, the team lead(s) on escalation.

    Without a team (the national intake) the person who recorded the triggering fact stays
    responsible until the case is assigned; an inactive case officer is replaced by the team lead.
    """
    case = deadline.case
    team_leads = leads.get(case.team_id, [])
    fallback = team_leads or ([deadline.opened_by_id] if deadline.opened_by_id else [])
    if stage == SweepStage.ESCALATION or deadline.responsible == Responsible.TEAM_LEAD:
        return fallback
    if deadline.responsible == Responsible.ENFORCEMENT_OFFICER and enforcers.get(case.team_id):
        return enforcers[case.team_id]
    officer = case.case_officer
    return [officer.pk] if officer is not None and officer.is_active else fallback


def _next_stage(stage, deadline, grace):
    """(the stage after `stage`, the field its moment counts from, the offset); the field is None when done."""
    if stage == SweepStage.REMINDER and deadline.has_internal_target:
        return SweepStage.TARGET, "target_at", dt.timedelta(0)
    return {
        SweepStage.REMINDER: (SweepStage.DUE, "due_at", dt.timedelta(0)),
        SweepStage.TARGET: (SweepStage.DUE, "due_at", dt.timedelta(0)),
        SweepStage.DUE: (SweepStage.ESCALATION, "due_at", grace),
        SweepStage.ESCALATION: ("", None, None),
    }[stage]


def _work_item(deadline, stage, recipients, now):
    return WorkItem(
        case_id=deadline.case_id,
        deadline=deadline,
        stage=stage,
        revision=deadline.revision,
        assignee_id=recipients[0] if recipients else None,
        team_id=deadline.case.team_id,
        created_at=now,
        # The work aims at the internal target, even where the law allows later.
        due_at=deadline.target_at,
    )


def _process(batch, *, now, grace, report):
    leads = _people_by_team({d.case.team_id for d in batch if d.case.team_id}, Role.TEAM_LEAD)
    enforcers = _people_by_team({d.case.team_id for d in batch if d.case.team_id}, Role.ENFORCEMENT_OFFICER)
    notifications, work_items, events = [], [], []
    moves = {}
    for deadline in batch:
        stage = deadline.sweep_stage
        next_stage, base, offset = _next_stage(stage, deadline, grace)
        moves.setdefault((stage, next_stage, base, offset), []).append(deadline.pk)
        recipients = _recipients(deadline, stage, leads, enforcers)
        notifications += [
            Notification(
                recipient_id=user_id,
                case_id=deadline.case_id,
                deadline=deadline,
                stage=stage,
                revision=deadline.revision,
                created_at=now,
            )
            for user_id in recipients
        ]
        if stage == SweepStage.TARGET:
            report.targets += 1
            work_items.append(_work_item(deadline, stage, recipients, now))
            events.append(_event(deadline, DEADLINE_TARGET_REACHED, now))
        elif stage == SweepStage.DUE:
            report.due += 1
            deadline.status = DeadlineStatus.OVERDUE
            if not deadline.has_internal_target:
                work_items.append(_work_item(deadline, stage, recipients, now))
            events.append(_event(deadline, DEADLINE_OVERDUE, now))
        elif stage == SweepStage.ESCALATION:
            report.escalations += 1
            events.append(_event(deadline, DEADLINE_ESCALATED, now, team_leads=recipients))
        else:
            report.reminders += 1
        deadline.sweep_stage = next_stage
        deadline.sweep_at = getattr(deadline, base) + offset if base is not None else None
        report.deadlines.add(deadline.pk)
    report.notifications += _insert_new(
        Notification, notifications, batch, lambda n: (n.deadline_id, n.revision, n.stage, n.recipient_id)
    )
    new_items = _insert_new(WorkItem, work_items, batch, lambda w: (w.deadline_id, w.revision, w.stage))
    report.work_items += new_items
    if new_items:
        WorkItem.history.bulk_history_create(
            WorkItem.objects.filter(deadline__in=batch, created_at=now, stage__in=(SweepStage.TARGET, SweepStage.DUE)),
            default_date=now,
            default_change_reason="sweep",
        )
    case_events_record_many(events)
    _advance(batch, moves, now=now)


def _advance(batch, moves, *, now):
    """Store each deadline's next stage: one UPDATE per kind of move (set-wise, no CASE per row), one history insert."""
    for (stage, next_stage, base, offset), ids in moves.items():
        fields = {"sweep_stage": next_stage, "sweep_at": F(base) + offset if base is not None else None}
        if stage == SweepStage.DUE:
            fields["status"] = DeadlineStatus.OVERDUE
        Deadline.objects.filter(pk__in=ids).update(**fields)
    # The objects in `batch` carry the same new values (set in _process), so the history matches the rows.
    Deadline.history.bulk_history_create(batch, update=True, default_date=now, default_change_reason="sweep")


def _insert_new(model, rows, batch, key):
    """Insert the rows whose stage has not been written before; returns how many were new.

    ON CONFLICT DO NOTHING is the guarantee against duplicates; the key lookup first only makes
    the count honest (bulk_create with ignore_conflicts returns every object it was given).
    """
    if not rows:
        return 0
    fields = (
        ("deadline_id", "revision", "stage", "recipient_id")
        if model is Notification
        else ("deadline_id", "revision", "stage")
    )
    existing = set(model.objects.filter(deadline__in=batch).values_list(*fields))
    new = [row for row in rows if key(row) not in existing]
    model.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _event(deadline, kind, now, **extra):
    return case_event(
        case_id=deadline.case_id, kind=kind, actor=None, now=now, data=deadline_event_data(deadline, **extra)
    )


def deadlines_sweep(*, now, batch_size=BATCH_SIZE, grace=None) -> SweepReport:
    """Act on every deadline whose reminder, due moment or escalation has come; safe to run at any time, twice."""
    grace = grace if grace is not None else dt.timedelta(hours=settings.DEADLINE_ESCALATION_GRACE_HOURS)
    report = SweepReport()
    while True:
        with transaction.atomic():
            batch = list(due_deadlines(now).select_related("case", "case__case_officer")[:batch_size])
            if not batch:
                break
            _process(batch, now=now, grace=grace, report=report)
            report.batches += 1
    return report
