"""Deadlines built the way the product builds them: opened by the engine, moved on by the engine and the sweep.

One trait per lifecycle state: DeadlineFactory() is open, and `due_now`, `overdue`, `met`, `cancelled` and
`suspended` give the other states. By default a departure term (art. 62 Vw 2000) of a decision that took
effect on Monday 2 March 2026: 28 days → Monday 30 March, due at 31 March 00:00 Amsterdam time (after the
clocks went forward on 29 March), with the reminder at 24 March 00:00 (before they did). The traits' moments
fit that default; with another `start`, pass `opened_at` and `state_at` as well.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.db import transaction

from cases.constants import DeadlineStatus
from cases.deadlines.engine import deadline_meet, deadline_open, deadline_suspend, deadlines_cancel
from cases.deadlines.rules import DeadlineKind
from cases.deadlines.sweep import SweepReport, _process
from cases.models import Deadline

from .cases import CaseFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam(*args):
    """An aware moment on the Amsterdam wall clock."""
    return dt.datetime(*args, tzinfo=AMSTERDAM)


DECISION_DATE = dt.date(2026, 3, 2)
OPENED_AT = amsterdam(2026, 3, 2, 10, 0)
REMIND_AT = amsterdam(2026, 3, 24, 0, 0)
DUE_AT = amsterdam(2026, 3, 31, 0, 0)
MET_AT = amsterdam(2026, 3, 20, 11, 0)
GRACE = dt.timedelta(hours=24)


def sweep_one(deadline, *, now, grace=GRACE):
    """Let the sweep act on this one deadline's current stage (the factory must not touch other deadlines)."""
    with transaction.atomic():
        locked = list(Deadline.objects.select_for_update().select_related("case").filter(pk=deadline.pk))
        _process(locked, now=now, grace=grace, report=SweepReport())
    deadline.refresh_from_db()
    return deadline


class DeadlineFactory(factory.Factory):
    """A deadline opened through `deadline_open`; traits: due_now, overdue, met, cancelled, suspended."""

    class Meta:
        model = Deadline

    case = factory.SubFactory(CaseFactory, in_progress=True)
    kind = DeadlineKind.DEPARTURE_TERM
    start = DECISION_DATE
    params = None
    source = None
    trigger = "Terugkeerbesluit in werking getreden"
    actor = factory.LazyAttribute(lambda d: d.case.case_officer)
    opened_at = OPENED_AT
    # The state the engine (and the sweep) must bring the deadline to, and when.
    state = DeadlineStatus.OPEN
    state_at = None
    reason = "Beroep met schorsende werking ingesteld"

    class Params:
        # Recorded only when the term had run out: the sweep finds it due at once, without a reminder.
        due_now = factory.Trait(opened_at=DUE_AT)
        # Due, and the sweep has acted on it: a work item and a notification exist, escalation is next.
        overdue = factory.Trait(opened_at=DUE_AT, state=DeadlineStatus.OVERDUE, state_at=DUE_AT)
        met = factory.Trait(state=DeadlineStatus.MET, state_at=MET_AT)
        cancelled = factory.Trait(state=DeadlineStatus.CANCELLED, state_at=MET_AT, reason="Zaak gesloten")
        suspended = factory.Trait(state=DeadlineStatus.SUSPENDED, state_at=MET_AT)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise TypeError("A deadline only exists as the engine opened it: use DeadlineFactory.create().")

    @classmethod
    def _create(
        cls, model_class, *, case, kind, start, params, source, trigger, actor, opened_at, state, state_at, reason
    ):
        deadline = deadline_open(
            case=case,
            kind=kind,
            start=start,
            params=params,
            source=source,
            trigger=trigger,
            actor=actor,
            now=opened_at,
        )
        if state == DeadlineStatus.OVERDUE:
            sweep_one(deadline, now=state_at)
        elif state == DeadlineStatus.MET:
            deadline = deadline_meet(deadline=deadline, actor=actor, now=state_at)
        elif state == DeadlineStatus.CANCELLED:
            deadlines_cancel(case=case, actor=actor, now=state_at, reason=reason, only=[deadline])
            deadline.refresh_from_db()
        elif state == DeadlineStatus.SUSPENDED:
            deadline = deadline_suspend(deadline=deadline, actor=actor, now=state_at, reason=reason)
        return deadline
