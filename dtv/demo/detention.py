"""Demo supervision and detention: measures at every rung of the ladder, and detentions with courts' rulings.

Written in bulk on the first open demo cases, the way the services would have left them (measure, issued
order, court steps, timeline events; every detention's clocks opened through the deadline engine, its periodic
reviews recorded, the notice met by the appeal and, for an ended detention, what still ran cancelled at its end).
The rulings are 18 lawful out of 20 (90%, the KPI's threshold). Idempotent: once a demo case has a measure,
nothing is written again.

`plan_reviews` is the periodic review (art. 15 lid 3 Richtlijn 2008/115/EG) of any seeded detention, this one's and
the bulk seed's (cases._plan_detention) alike: the rows court.court_step_record writes, without calling it per row.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cases.deadlines.engine import deadline_meet, deadline_open, deadlines_cancel, deadlines_for_source
from cases.deadlines.registry import AMSTERDAM
from cases.events import case_event, case_event_record, case_events_record_many
from cases.models import Case
from detention import events
from detention.constants import (
    MEASURE_BASIS,
    CourtStepKind,
    DetentionLocation,
    EndReason,
    MeasureKind,
    OrderState,
    Ruling,
)
from detention.court import REVIEW_CHECKLIST, review_every_days
from detention.deadlines import DetentionDeadlineKind
from detention.models import CourtStep, DetentionOrder, Measure, ReportingEvent
from dtv.accounts.constants import Role

from .bulk import insert
from .people import V_PREFIX

RULED = 20  # ended detentions, each with a first ruling
UNLAWFUL = {7, 16}  # 18 of 20 lawful: 90%
RUNNING = 8
LADDER = (
    MeasureKind.REPORTING_DUTY,
    MeasureKind.DEPOSIT,
    MeasureKind.RESTRICTED_LOCATION,
    MeasureKind.FAMILY_LOCATION,
    MeasureKind.HOLDING,
)
PER_RUNG = 4

_ORDER_TEXT = {
    "article": "59",
    "detention_location": DetentionLocation.DETENTION_CENTRE,
    "grounds": [
        {"code": "3b", "facts": "Vertrok zonder bericht uit de opvang; sindsdien onvindbaar tot de staandehouding."},
        {"code": "4c", "facts": "Heeft geen vaste woon- of verblijfplaats."},
    ],
    "lighter_measures": {
        "reporting_duty": "Meldde zich eerder niet bij de meldplicht.",
        "deposit": "Heeft geen middelen voor een borgsom.",
        "restricted_location": "Onttrok zich eerder aan de vrijheidsbeperkende locatie.",
        "family_location": "Geen gezin met minderjarige kinderen.",
    },
    "prospect_evidence": "De nationaliteit is bevestigd; een laissez-passer is toegezegd.",
    "non_refoulement": "Geen reëel risico op schending van art. 3 EVRM bij terugkeer.",
    "interpreter": "Tolk Arabisch (telefonisch)",
    "lawyer_present": True,
    "vulnerability": "Geen bijzondere kwetsbaarheid gebleken.",
}


# The periodic review as the enforcement officer records it (court.court_step_record, step "review"): every
# question of its checklist answered, the acts towards removal named.
REVIEW_ANSWERS = {
    "prospect_of_removal": True,
    "lighter_measure_suffices": False,
    "removal_acts": "Laissez-passer aangevraagd bij de ambassade; vertrekgesprek gevoerd.",
}
assert tuple(REVIEW_ANSWERS) == REVIEW_CHECKLIST
REVIEW_HOUR = 10  # a review is recorded at 10:00 (Amsterdam) on the day it falls due


def review_moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(REVIEW_HOUR), tzinfo=AMSTERDAM).astimezone(dt.UTC)


def review_step(measure, *, on, at, actor) -> CourtStep:
    """The court step court.court_step_record writes for a periodic review with REVIEW_ANSWERS (unsaved)."""
    return CourtStep(
        measure=measure, kind=CourtStepKind.REVIEW, on=on, data=dict(REVIEW_ANSWERS), recorded_by=actor,
        recorded_at=at,
    )  # fmt: skip


def review_event_data(measure, step) -> dict:
    """The timeline event court.court_step_record writes with the step (the measure, an instance until inserted)."""
    return {"measure": measure, "step": step.kind, "on": step.on.isoformat(), "ruling": ""}


def reviewed_reason() -> str:
    """The reason court.court_step_record gives the review deadline it meets (in the active language, as there)."""
    return gettext("Reviewed")


def plan_reviews(*, start, opened_at, now, open_review, record_review, until=None, leave_last_due=False):
    """The periodic reviews of one detention up to `now`, in the order the services write them; the open deadline.

    Issuing the order opened the review deadline from the first day (`open_review(start, opened_at)` gives it);
    each review is recorded at 10:00 on the last day of its deadline (`record_review(deadline, day, at)` writes the
    court step with its checklist, its event, and meets the deadline) and opens the next deadline from that day,
    as court.court_step_record does. The reviews stop at the first that is not due by `now` (or falls after
    `until`, the end of an ended detention); with `leave_last_due` the last review that fell due is left
    unrecorded, an overdue deadline for the sweep's work item. Returns the deadline that stays open.
    """
    deadline = open_review(start, opened_at)
    every = dt.timedelta(days=review_every_days())
    while True:
        day = deadline.due_date
        at = review_moment(day)
        if at > now or (until is not None and at > until):
            return deadline
        if leave_last_due and review_moment(day + every) > now:
            return deadline
        record_review(deadline, day, at)
        deadline = open_review(day, at)


def bulk_detention(case, officer, at):
    """A running detention issued at `at` as the bulk seed writes it: the issued order and its measure (unsaved)."""
    order = DetentionOrder(
        case=case, state=OrderState.ISSUED, drafted_by=officer, drafted_at=at - dt.timedelta(hours=2),
        issued_by=officer, issued_at=at, hearing_at=at - dt.timedelta(hours=1), **_ORDER_TEXT,
    )  # fmt: skip
    measure = Measure(
        case=case, kind=MeasureKind.DETENTION, legal_basis="art. 59 Vw 2000",
        ground="Risico op onttrekken, art. 5.1b Vb: 3b, 4c", imposed_by=officer, imposed_at=at, starts_at=at,
        article="59", detention_location=DetentionLocation.DETENTION_CENTRE, order=order,
    )  # fmt: skip
    for row in (order, measure):
        row._history_date, row._history_user = at, officer
    return order, measure


def _enforcers():
    group = Group.objects.filter(name=Role.ENFORCEMENT_OFFICER.value).first()
    users = list(group.user_set.order_by("username")) if group else []
    return {u.team_id: u for u in reversed(users)}, (users[0] if users else None)


def seed_detention(*, now) -> int:
    """Write the demo measures once; returns how many measures were written (0 on a second run)."""
    demo = Case.objects.filter(foreign_national__v_number__startswith=V_PREFIX, closed_at__isnull=True)
    # The bulk seed's running detentions (bulk_detention) are not these: the rulings and the ladder mark a run.
    if Measure.objects.filter(case__in=demo).exclude(kind=MeasureKind.DETENTION).exists():
        return 0
    by_team, anyone = _enforcers()
    if anyone is None:
        return 0
    free = demo.exclude(pk__in=Measure.objects.values("case_id"))
    cases = list(free.order_by("id")[: RULED + RUNNING + len(LADDER) * PER_RUNG])
    # Detentions first on the cases of teams with an enforcement officer, so that they find them in their lists.
    cases.sort(key=lambda case: (case.team_id not in by_team, case.pk))
    with transaction.atomic():
        return _write(cases, by_team, anyone, now)


def _write(cases, by_team, anyone, now):
    measures, orders, steps, reports, evts = [], [], [], [], []

    def actor_for(case):
        return by_team.get(case.team_id, anyone)

    for i, case in enumerate(cases):
        actor = actor_for(case)
        if i < RULED + RUNNING:
            ruled = i < RULED
            starts = now - dt.timedelta(days=(400 - 12 * i) if ruled else 10 + 3 * (i - RULED))
            order = DetentionOrder(
                case=case, state=OrderState.ISSUED, drafted_by=actor, drafted_at=starts - dt.timedelta(hours=2),
                issued_by=actor, issued_at=starts, hearing_at=starts - dt.timedelta(hours=1), **_ORDER_TEXT,
            )  # fmt: skip
            orders.append(order)
            measure = Measure(
                case=case, kind=MeasureKind.DETENTION, legal_basis="art. 59 Vw 2000",
                ground="Risico op onttrekken, art. 5.1b Vb: 3b, 4c", imposed_by=actor, imposed_at=starts,
                starts_at=starts, article="59", detention_location=DetentionLocation.DETENTION_CENTRE, order=order,
            )  # fmt: skip
            if ruled:
                unlawful = i in UNLAWFUL
                measure.ends_at = starts + dt.timedelta(days=21 if unlawful else 45)
                measure.end_reason = EndReason.COURT_ORDER if unlawful else EndReason.DEPARTED
                measure.ended_by = actor
                ruling_on = (starts + dt.timedelta(days=20)).date()
                steps.append(
                    CourtStep(
                        measure=measure,
                        kind=CourtStepKind.APPEAL_LODGED,
                        on=(starts + dt.timedelta(days=2)).date(),
                        recorded_by=actor,
                        recorded_at=starts + dt.timedelta(days=2),
                    )  # fmt: skip
                )
                steps.append(
                    CourtStep(
                        measure=measure,
                        kind=CourtStepKind.RULING,
                        on=ruling_on,
                        ruling=Ruling.UNLAWFUL if unlawful else Ruling.LAWFUL,
                        grounds="Onvoldoende zicht op uitzetting." if unlawful else "De maatregel is rechtmatig.",
                        compensation=Decimal("1300.00") if unlawful else None,
                        recorded_by=actor,
                        recorded_at=starts + dt.timedelta(days=20),
                    )  # fmt: skip
                )
            measures.append(measure)
        else:
            kind = LADDER[(i - RULED - RUNNING) % len(LADDER)]
            starts = now - dt.timedelta(days=30 + i)
            measure = Measure(
                case=case, kind=kind, legal_basis=MEASURE_BASIS[kind], ground="Vertrekplicht; toezicht nodig.",
                imposed_by=actor, imposed_at=starts, starts_at=starts,
            )  # fmt: skip
            if kind == MeasureKind.REPORTING_DUTY:
                measure.frequency_days, measure.place = 7, "Ter Apel"
                for week in range(4):
                    reports.append(
                        ReportingEvent(
                            measure=measure,
                            on=(starts + dt.timedelta(days=7 * (week + 1))).date(),
                            attended=week != 2,
                            recorded_by=actor,
                            recorded_at=starts + dt.timedelta(days=7 * (week + 1)),
                        )  # fmt: skip
                    )
            elif kind == MeasureKind.DEPOSIT:
                measure.amount, measure.paid_on = Decimal("1500.00"), (starts + dt.timedelta(days=1)).date()
            elif kind in (MeasureKind.RESTRICTED_LOCATION, MeasureKind.FAMILY_LOCATION):
                measure.location = (
                    "VBL Ter Apel" if kind == MeasureKind.RESTRICTED_LOCATION else "Gezinslocatie Katwijk"
                )
            elif kind == MeasureKind.HOLDING:
                measure.ends_at, measure.end_reason, measure.ended_by = (
                    starts + dt.timedelta(hours=5), EndReason.IDENTIFIED, actor
                )  # fmt: skip
            measures.append(measure)
    for row in orders:
        row._history_date, row._history_user = row.issued_at, row.issued_by
    for row in measures:
        row._history_date, row._history_user = row.imposed_at, row.imposed_by
    insert(DetentionOrder, orders)
    for measure in measures:
        if measure.order is not None:
            measure.order_id = measure.order.pk
    insert(Measure, measures)
    for row in steps + reports:
        row.measure_id = row.measure.pk
    insert(CourtStep, steps, history=False)
    insert(ReportingEvent, reports, history=False)
    for measure in measures:
        facts = {"measure": measure.pk, "measure_kind": measure.kind, "legal_basis": measure.legal_basis,
                 "starts_at": measure.starts_at.isoformat()}  # fmt: skip
        evts.append(
            case_event(
                case_id=measure.case_id,
                kind=events.MEASURE_IMPOSED,
                actor=measure.imposed_by,
                now=measure.imposed_at,
                data=facts,
            )  # fmt: skip
        )
        if measure.ends_at:
            evts.append(
                case_event(
                    case_id=measure.case_id,
                    kind=events.MEASURE_ENDED,
                    actor=measure.ended_by,
                    now=measure.ends_at,
                    data={**facts, "ends_at": measure.ends_at.isoformat(), "reason": measure.end_reason},
                )  # fmt: skip
            )
    for step in steps:
        evts.append(
            case_event(
                case_id=step.measure.case_id,
                kind=events.COURT_STEP,
                actor=step.recorded_by,
                now=step.recorded_at,
                data={"measure": step.measure_id, "step": step.kind, "on": step.on.isoformat(), "ruling": step.ruling},
            )  # fmt: skip
        )
    case_events_record_many(evts)
    appeals = {step.measure_id: step for step in steps if step.kind == CourtStepKind.APPEAL_LODGED}
    for measure in measures:
        if measure.kind == MeasureKind.DETENTION:
            _clocks(measure, appeal=appeals.get(measure.pk), now=now)
    return len(measures)


def _clocks(measure, *, appeal, now):
    """A detention's clocks and reviews through the engine (few): what issuing, the court steps and its end left."""
    actor, start, trigger = measure.imposed_by, timezone.localdate(measure.starts_at), str(measure)
    common = {"case": measure.case, "source": measure, "trigger": trigger}
    for kind in (
        DetentionDeadlineKind.DETENTION_COURT_NOTICE,
        DetentionDeadlineKind.DETENTION_SIX_MONTHS,
        DetentionDeadlineKind.DETENTION_MAXIMUM,
    ):
        deadline = deadline_open(kind=kind, start=start, actor=actor, now=measure.imposed_at, **common)
        if kind == DetentionDeadlineKind.DETENTION_COURT_NOTICE and appeal is not None:
            # Art. 94 lid 1 Vw 2000: the appeal meets the notice (court.court_step_record).
            deadline_meet(deadline=deadline, actor=appeal.recorded_by, now=appeal.recorded_at, reason=str(appeal))

    def open_review(day, at):
        return deadline_open(kind=DetentionDeadlineKind.DETENTION_REVIEW, start=day, actor=actor, now=at, **common)

    def record_review(deadline, day, at):
        step = review_step(measure, on=day, at=at, actor=actor)
        step.save()
        case_event_record(
            case=measure.case, kind=events.COURT_STEP, actor=actor, now=at, data=review_event_data(measure.pk, step)
        )
        deadline_meet(deadline=deadline, actor=actor, now=at, reason=reviewed_reason())

    plan_reviews(
        start=start,
        opened_at=measure.imposed_at,
        now=now,
        until=measure.ends_at,
        open_review=open_review,
        record_review=record_review,
    )
    if measure.ends_at is not None:
        # What still runs at the end is cancelled with the end's reason (services.measure_end).
        deadlines_cancel(
            case=measure.case,
            actor=measure.ended_by,
            now=measure.ends_at,
            reason=str(EndReason(measure.end_reason).label),
            only=list(deadlines_for_source(measure)),
        )
