"""Synthetic demo cases in bulk: people, handovers, assignments, interviews, procedures, terms, deadlines, timeline.

Fast by construction: each chunk of CHUNK_SIZE cases is planned in memory and written with one bulk
insert per model (simple-history's bulk_create_with_history, so every row has its creation history),
in one transaction. No service is called per row; instead the rows are what the services would have
written: the same fields, the same CaseEvent kinds and data, and deadlines computed by the deadline
engine's own rule functions. Idempotent: case `i` belongs to demo person `i` (people.py), a run counts
the demo people already there and creates only the missing indices.
"""

import datetime as dt
import random
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Model

from cases import events
from cases.constants import (
    INVERSE_FAMILY_RELATION,
    LIVE_DEADLINE_STATUSES,
    NATIONALITY_UNKNOWN,
    PROTECTIVE_MEASURES,
    SOURCE_OF_PARTNER,
    STATELESS,
    ClosureEvidence,
    ClosureReason,
    DeadlineStatus,
    DestinationType,
    HandoverOutcome,
    InterpreterMode,
    InterviewKind,
    Phase,
    ProcedureKind,
    ProcedureOutcome,
    Source,
    Stance,
    Track,
)
from cases.deadlines import engine
from cases.deadlines import events as deadline_events
from cases.deadlines.atw import calendar_rows, holiday_names
from cases.deadlines.rules import AMMR_APPLIES_FROM, DeadlineKind
from cases.models import (
    AgreedAction,
    Alias,
    Assignment,
    Case,
    CaseEvent,
    CaseNote,
    Deadline,
    DepartureInterview,
    DepartureTerm,
    FamilyLink,
    ForeignNational,
    Handover,
    LegalProcedure,
    Nationality,
)
from cases.people import person_set_search_names
from cases.services import cases_legal_obstacle_rebuild
from departures.deadlines import DepartureDeadlineKind
from detention import events as detention_events
from detention.constants import CourtStepKind
from detention.deadlines import DetentionDeadlineKind
from detention.models import CourtStep, DetentionOrder, Measure
from laissezpasser.models import RequestContact, RequestTransition, TravelDocumentRequest
from laissezpasser.tallies import tallies_rebuild

from . import bulk, names, travel_documents
from . import detention as detention_demo
from .people import V_PREFIX, Weighted, family_links, person_spec, v_number

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC
CHUNK_SIZE = 2_000
DEFAULT_CASES = 300
# A deadline that passed longer ago than this has been dealt with in the demo data (met or cancelled);
# more recent ones are still open, so the first sweep finds a realistic handful overdue.
HANDLED_AFTER = dt.timedelta(days=21)
CASE_CLOSED = "Zaak gesloten"

PARTNER_OF_SOURCE = {source: partner for partner, source in SOURCE_OF_PARTNER.items()}
REFERENCE_PREFIX = {
    Source.IND: "IND",
    Source.POLICE: "AVIM",
    Source.KMAR: "KMAR",
    Source.SELF_REGISTRATION: "AANM",
    Source.OTHER: "OVR",
}
STANCES = Weighted([(Stance.COOPERATING, 35), (Stance.NOT_COOPERATING, 30), (Stance.UNDECIDED, 35)])
DUBLIN_CIRCUMSTANCES = Weighted([("none", 82), ("absconded", 7), ("detained", 5), ("imprisoned", 4), ("resists", 2)])
FOLLOW_UPS = Weighted([(0, 55), (1, 30), (2, 15)])
ACTION_COUNTS = Weighted([(0, 15), (1, 35), (2, 35), (3, 15)])
DEPARTED = (ClosureReason.DEPARTED_INDEPENDENTLY, ClosureReason.DEPARTED_FORCED, ClosureReason.DEPARTED_UNSUPERVISED)


@dataclass
class SeedContext:
    now: dt.datetime
    today: dt.date
    staff: object
    holidays: dict
    open_pool: Weighted
    closed_pool: Weighted
    amv_pool: Weighted
    teams: dict  # team id → Team
    showcase: object = None  # the demo account whose open caseload is capped (regievoerder)
    showcase_left: int = 0
    person_pks: dict = field(default_factory=dict)  # person index → pk, for links and duplicates
    chunk_people: dict = field(default_factory=dict)  # person index → (unsaved) person of the current chunk
    countries: dict = field(default_factory=dict)  # code → (laissezpasser Country, its active missions)


@dataclass
class CaseBuild:
    """Everything one demo case writes, as unsaved model instances and pending timeline events."""

    spec: object
    person: ForeignNational
    case: Case
    nationalities: list = field(default_factory=list)
    aliases: list = field(default_factory=list)
    handover: Handover | None = None
    assignments: list = field(default_factory=list)
    interviews: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    procedures: list = field(default_factory=list)
    terms: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)  # (Deadline, source instance or None)
    events: list = field(default_factory=list)  # (occurred_at, sequence, kind, actor, data)
    lp_requests: list = field(default_factory=list)  # travel-document requests (travel_documents.py)
    lp_transitions: list = field(default_factory=list)
    lp_contacts: list = field(default_factory=list)
    detention_orders: list = field(default_factory=list)  # the detention app's rows (detention.py)
    measures: list = field(default_factory=list)
    court_steps: list = field(default_factory=list)

    def event(self, when, kind, actor, data):
        """Append a timeline event of a registered kind; data may hold unsaved instances, replaced by their pk."""
        self.events.append((when, len(self.events), kind.code, actor, data))


@dataclass
class SeedReport:
    existing: int
    created: int
    seconds: float
    next_deadlines_set: int = 0


def _stamp(obj, when, user):
    # simple-history takes the creation moment and author of each bulk-created row from these attributes.
    obj._history_date = when
    obj._history_user = user
    return obj


def _resolve(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, dict):
        return {key: _resolve(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_resolve(item) for item in value]
    return value


def _between(rng, start, end):
    """A moment between start and end (end when the span is empty), to the second."""
    if end <= start:
        return end.replace(microsecond=0)
    return (start + (end - start) * rng.random()).replace(microsecond=0)


def _local_moment(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM).astimezone(UTC)


def _office_hours(rng, moment):
    """The same local day during office hours, moved off the weekend."""
    day = moment.astimezone(AMSTERDAM).date()
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return _local_moment(day, rng.randint(9, 15), rng.choice((0, 15, 30, 45)))


def _working_moment(rng, start, end):
    """A moment between start and end, during office hours when the span allows it."""
    moment = _between(rng, start, end)
    snapped = _office_hours(rng, moment)
    return snapped if start <= snapped <= end else moment


def _local_date(moment):
    return moment.astimezone(AMSTERDAM).date()


# --- officer pools --------------------------------------------------------------------------------------


SHOWCASE_USERNAME = "regievoerder"


def showcase_caseload(case_count) -> int:
    """The open caseload the demo account `regievoerder` gets: about 40 at the default size, 80 at national scale."""
    return 40 if case_count < 10_000 else 80


def officer_pools(staff, case_count):
    """Weighted officer choices for open, closed and AMV cases (AMV cases: AMV specialists only).

    regievoerder weighs a little more than the caseload target needs, and _pick_officer stops giving the
    account open cases once it holds the target, so the demo account shows a realistic caseload.
    """
    officers = staff.all_officers()
    specialists = [user for team in staff.teams for user in staff.specialists.get(team.pk, [])]
    weights = {user.pk: 0.5 if user.is_unaccompanied_minor_specialist else 1.0 for user in officers}
    showcase = next((user for user in officers if user.username == SHOWCASE_USERNAME), None)
    if showcase is not None:
        target = showcase_caseload(case_count)
        open_assigned = case_count * 0.67  # open phases (75%) minus the unassigned intake queue
        others = sum(weights.values()) - weights[showcase.pk]
        weights[showcase.pk] = min(8.0, max(0.5, 1.5 * target * others / max(open_assigned - target, 1)))
    return (
        Weighted([(user, weights[user.pk]) for user in officers]),
        Weighted([(user, 1.0) for user in officers]),
        Weighted([(user, 1.0) for user in specialists]),
    )


def _pick_officer(ctx, pool, draw, *, counts_for_caseload):
    officer = pool.at(draw)
    if not counts_for_caseload or ctx.showcase is None or officer.pk != ctx.showcase.pk:
        return officer
    if ctx.showcase_left > 0:
        ctx.showcase_left -= 1
        return officer
    for step in range(1, 50):
        # The account is full: the next officer the same draw would meet further along the pool.
        other = pool.at((draw + step * 0.0137) % 1)
        if other.pk != ctx.showcase.pk:
            return other
    return officer


def demo_holidays():
    """The Atw holidays the engine uses, or the statutory calendar while functional admins have entered none."""
    return engine.atw_holidays() or holiday_names(calendar_rows(2000, 2040))


def demo_case_count() -> int:
    """How many demo cases exist (one per demo person, indices 0 … count-1)."""
    return ForeignNational.objects.filter(v_number__startswith=V_PREFIX).count()


# --- planning one case -----------------------------------------------------------------------------------


def _plan(ctx, spec):
    unit = spec.unit
    rng = random.Random(spec.index * 2_654_435_761 + 97)
    now = ctx.now
    person = ForeignNational(
        v_number=spec.v_number,
        surname=spec.surname,
        given_names=spec.given_names,
        date_of_birth=spec.date_of_birth,
        date_of_birth_precision=spec.date_of_birth_precision,
        sex=spec.sex,
        languages=list(spec.languages),
        vulnerabilities=list(spec.vulnerabilities),
        legal_representative_name=unit.representative[0],
        legal_representative_office=unit.representative[1],
        legal_representative_contact=unit.representative[2],
    )
    member = spec.index - spec.family.head if spec.family else 0
    opened_at = min(now - dt.timedelta(days=unit.age_days, minutes=-7 * member), now - dt.timedelta(minutes=5))
    opened_at = opened_at.replace(microsecond=0)
    closed = unit.phase == Phase.CLOSED
    closed_at = (opened_at + dt.timedelta(days=unit.closed_after_days)).replace(microsecond=0) if closed else None
    end = closed_at or now

    officer = None
    if unit.assigned:
        pool = ctx.amv_pool if spec.is_unaccompanied_minor else ctx.closed_pool if closed else ctx.open_pool
        officer = _pick_officer(ctx, pool, unit.officer_draw, counts_for_caseload=not closed)
    team = ctx.teams[officer.team_id] if officer else None
    partner = PARTNER_OF_SOURCE.get(unit.source)
    received_by = ctx.staff.partners[partner] if partner else officer or ctx.open_pool.at(unit.officer_draw)

    case = Case(
        foreign_national=person,
        team=team,
        case_officer=officer,
        phase=unit.phase,
        opened_at=opened_at,
        source=unit.source,
        track=unit.track,
        confidential=unit.confidential,
        closed_at=closed_at,
        closure_reason=unit.closure_reason,
    )
    build = CaseBuild(
        spec=spec, person=_stamp(person, opened_at, received_by), case=_stamp(case, opened_at, received_by)
    )
    build.nationalities = [
        _stamp(Nationality(foreign_national=person, country=code, status=status), opened_at, received_by)
        for code, status in spec.nationalities
    ]
    build.aliases = [
        _stamp(Alias(foreign_national=person, surname=surname, given_names=given), opened_at, received_by)
        for surname, given in spec.aliases
    ]
    person_set_search_names(person, build.aliases)

    reference = f"{REFERENCE_PREFIX[unit.source]}-{opened_at.year}-{spec.index:07d}"
    build.handover = Handover(
        source=unit.source,
        reference=reference,
        v_number=spec.v_number,
        handover_date=_local_date(opened_at) - dt.timedelta(days=rng.randint(0, 3) if partner else 0),
        received_at=opened_at,
        received_by=received_by,
        case=case,
        outcome=HandoverOutcome.NEW_CASE,
        payload={"reference": reference, "v_number": spec.v_number, "surname": spec.surname, "track": unit.track},
    )
    build.event(
        opened_at,
        events.CASE_OPENED,
        received_by,
        {"source": unit.source, "reference": reference, "previous_case": None},
    )
    if spec.duplicate_of is not None:
        other = ctx.chunk_people.get(spec.duplicate_of) or ctx.person_pks[spec.duplicate_of]
        build.event(opened_at, events.CASE_POSSIBLE_DUPLICATE, None, {"foreign_national": other})
    build.event(
        opened_at,
        events.HANDOVER_RECEIVED,
        received_by,
        {"source": unit.source, "reference": reference, "outcome": HandoverOutcome.NEW_CASE},
    )
    if officer is None:
        return build

    assigned_at = _working_moment(rng, opened_at + dt.timedelta(hours=4), min(opened_at + dt.timedelta(days=10), end))
    if assigned_at <= opened_at:
        assigned_at = opened_at + (end - opened_at) / 2
    _plan_assignments(ctx, build, rng, officer, team, assigned_at, end)
    if unit.phase == Phase.INTAKE:
        if rng.random() < 0.5:
            _plan_departure_term(ctx, build, rng, officer, assigned_at, end)
        return build

    started_at = _working_moment(rng, assigned_at + dt.timedelta(hours=1), min(assigned_at + dt.timedelta(days=3), end))
    build.event(started_at, events.CASE_PHASE_CHANGED, officer, _phase(Phase.INTAKE, Phase.IN_PROGRESS))
    phase_now = Phase.IN_PROGRESS
    preparing_since = None
    if unit.phase == Phase.DEPARTURE_PREPARATION or (closed and unit.closure_reason in DEPARTED and rng.random() < 0.7):
        preparing_since = started_at + (end - started_at) * rng.uniform(0.4, 0.9)
        preparing_since = preparing_since.replace(microsecond=0)
        build.event(
            preparing_since, events.CASE_PHASE_CHANGED, officer, _phase(Phase.IN_PROGRESS, Phase.DEPARTURE_PREPARATION)
        )
        phase_now = Phase.DEPARTURE_PREPARATION

    _plan_interviews(ctx, build, rng, officer, team, started_at, end)
    _plan_procedures(ctx, build, rng, officer, end)
    _plan_departure_term(ctx, build, rng, officer, assigned_at, end)
    _plan_dublin(ctx, build, rng, officer, assigned_at, end)
    if not closed:
        _plan_detention(ctx, build, rng, officer, started_at)
        if preparing_since is not None:
            _plan_flight(ctx, build, rng, officer, preparing_since)
    _plan_notes(ctx, build, rng, officer, started_at, end)
    if closed:
        closure = _phase(phase_now, Phase.CLOSED, unit.closure_reason)
        closure.update(_departure(build, unit, closed_at))
        build.event(closed_at, events.CASE_PHASE_CHANGED, officer, closure)
        for deadline, _source in build.deadlines:
            if deadline.status in LIVE_DEADLINE_STATUSES:
                _close(build, deadline, DeadlineStatus.CANCELLED, closed_at, officer, reason=CASE_CLOSED)
    # Last, with its own random numbers: the draws of everything above stay as they were.
    travel_documents.plan(ctx, build, officer, started_at=started_at, end=end)
    return build


def _phase(source, target, closure_reason=""):
    return {"from": source, "to": target, "closure_reason": closure_reason}


# Dublin transfers go to these states in the demo, in turn (no random draw: the other data stays as it was).
_DUBLIN_DEMO_STATES = ("DEU", "ITA", "ESP", "BEL", "FRA")


def _departure(build, unit, closed_at):
    """How a departed demo person left (cases.services.case_close's fields), set on the case; the event's part."""
    case, reason = build.case, unit.closure_reason
    if reason not in DEPARTED:
        return {}
    case.departed_on = _local_date(closed_at) - dt.timedelta(days=1)
    if reason != ClosureReason.DEPARTED_UNSUPERVISED:
        if unit.track == Track.DUBLIN:
            case.destination_type = DestinationType.DUBLIN_STATE
            case.destination_country = _DUBLIN_DEMO_STATES[build.spec.index % len(_DUBLIN_DEMO_STATES)]
        else:
            known = [n.country for n in build.nationalities if n.country not in (STATELESS, NATIONALITY_UNKNOWN)]
            case.destination_type = DestinationType.COUNTRY_OF_ORIGIN if known else DestinationType.OTHER_COUNTRY
            case.destination_country = known[0] if known else "MAR"
        forced = reason == ClosureReason.DEPARTED_FORCED
        case.closure_evidence = ClosureEvidence.REMOVAL_EXECUTED if forced else ClosureEvidence.IOM_CONFIRMATION
    return {
        "departed_on": case.departed_on.isoformat(),
        "destination_type": case.destination_type,
        "destination_country": case.destination_country,
        "evidence": case.closure_evidence,
        "remark": "",
    }


def _plan_assignments(ctx, build, rng, officer, team, assigned_at, end):
    lead = ctx.staff.leads.get(team.pk)
    colleagues = [u for u in ctx.staff.officers.get(team.pk, []) if u.pk != officer.pk]
    history = [(officer, assigned_at, "")]
    span = end - assigned_at
    if not build.spec.is_unaccompanied_minor and colleagues and span > dt.timedelta(days=60) and rng.random() < 0.12:
        earlier = colleagues[rng.randrange(len(colleagues))]
        handed_on = (assigned_at + span * rng.uniform(0.2, 0.7)).replace(microsecond=0)
        history = [(earlier, assigned_at, ""), (officer, handed_on, "Werkvoorraad herverdeeld")]
    previous = None
    for position, (holder, since, reason) in enumerate(history):
        ended = history[position + 1][1] if position + 1 < len(history) else None
        build.assignments.append(
            _stamp(
                Assignment(
                    case=build.case,
                    team=team,
                    case_officer=holder,
                    assigned_at=since,
                    assigned_by=lead,
                    ended_at=ended,
                    reason=reason,
                ),
                since,
                lead,
            )
        )
        build.event(
            since,
            events.CASE_ASSIGNED,
            lead,
            {
                "from": str(previous) if previous else "",
                "to": str(holder),
                "to_id": holder.pk,
                "team": team.name,
                "reason": reason,
            },
        )
        previous = holder


def _deadline(ctx, build, *, kind, start, opened_at, opened_by, trigger, params=None, source=None):
    """A deadline exactly as the engine would open it (engine.deadline_fill: rule, computation, sweep stage)."""
    deadline = Deadline(case=build.case, opened_at=opened_at, opened_by=opened_by, trigger=trigger[:300])
    engine.deadline_fill(deadline, kind=kind, start=start, params=params, now=ctx.now, holidays=ctx.holidays)
    _stamp(deadline, opened_at, opened_by)
    build.deadlines.append((deadline, source))
    build.event(
        opened_at,
        deadline_events.DEADLINE_OPENED,
        opened_by,
        _deadline_data(deadline, steps=True),
    )
    return deadline


def _deadline_data(deadline, **extra):
    # The engine's event shape; the deadline itself stands in for its id until the bulk insert gives it one.
    return {**engine.deadline_event_data(deadline, **extra), "deadline": deadline}


def _close(build, deadline, status, when, actor, *, reason=""):
    """Met or cancelled, as engine._close leaves it: no sweep stage left."""
    # The engine meets or cancels a deadline it read back from the database, so its events give the moments in UTC
    # (the same instants as the computation's local ones, written as the services write them).
    deadline.due_at, deadline.target_at = deadline.due_at.astimezone(UTC), deadline.target_at.astimezone(UTC)
    deadline.status = status
    deadline.status_reason = reason
    deadline.closed_at = when
    deadline.closed_by = actor
    deadline.sweep_stage, deadline.sweep_at = "", None
    if status == DeadlineStatus.MET:
        extra = {"late": when > deadline.due_at, **({"reason": reason} if reason else {})}
        build.event(when, deadline_events.DEADLINE_MET, actor, _deadline_data(deadline, **extra))
    else:
        build.event(when, deadline_events.DEADLINE_CANCELLED, actor, _deadline_data(deadline, reason=reason))


def _handled(ctx, build, rng, deadline, actor, *, status=DeadlineStatus.MET, reason=""):
    """Deadlines that passed long ago were dealt with shortly after they fell due."""
    if deadline.due_at < ctx.now - HANDLED_AFTER:
        when = _between(rng, deadline.due_at - dt.timedelta(days=3), deadline.due_at + dt.timedelta(days=10))
        _close(build, deadline, status, min(when, ctx.now), actor, reason=reason)


def _plan_interviews(ctx, build, rng, officer, team, started_at, end):
    phase = build.case.phase
    share = {Phase.IN_PROGRESS: 0.85, Phase.DEPARTURE_PREPARATION: 1.0, Phase.CLOSED: 0.7}[phase]
    if rng.random() >= share:
        return
    limit = end - dt.timedelta(hours=2)
    moments = [(InterviewKind.FIRST, _office_hours(rng, started_at + dt.timedelta(days=rng.uniform(3, 30))))]
    for _n in range(FOLLOW_UPS.pick(rng)):
        moments.append(
            (InterviewKind.FOLLOW_UP, _office_hours(rng, moments[-1][1] + dt.timedelta(days=rng.uniform(21, 70))))
        )
    if phase == Phase.DEPARTURE_PREPARATION and rng.random() < 0.3:
        moments.append(
            (InterviewKind.FINAL, _office_hours(rng, moments[-1][1] + dt.timedelta(days=rng.uniform(7, 28))))
        )
    moments = [(kind, held) for kind, held in moments if held < limit]
    country = names.COUNTRY_NAMES_NL.get(build.spec.unit.country, "het land van herkomst")
    language = build.spec.languages[0]
    for position, (kind, held_at) in enumerate(moments):
        last = position == len(moments) - 1
        delay = dt.timedelta(hours=rng.uniform(0.5, 3) if rng.random() < 0.7 else rng.uniform(18, 26))
        recorded_at = min(held_at + delay, end, ctx.now).replace(microsecond=0)
        stance = STANCES.pick(rng)
        summary = rng.choice(names.INTERVIEW_SUMMARIES[stance]).format(land=country)
        if kind != InterviewKind.FIRST:
            summary += rng.choice(names.FOLLOW_UP_SENTENCES)
        if rng.random() < 0.97:
            mode = InterpreterMode.IN_PERSON if rng.random() < 0.65 else InterpreterMode.PHONE
            interpreter_language, reason = language, ""
        else:
            mode, interpreter_language, reason = InterpreterMode.NONE, "", rng.choice(names.NO_INTERPRETER_REASONS)
        interview = _stamp(
            DepartureInterview(
                case=build.case,
                kind=kind,
                held_at=held_at,
                location=f"DT&V {team.location}",
                interpreter_mode=mode,
                interpreter_language=interpreter_language,
                no_interpreter_reason=reason,
                stance=stance,
                summary=summary,
                conducted_by=officer,
                recorded_at=recorded_at,
            ),
            recorded_at,
            officer,
        )
        build.interviews.append(interview)
        actions = rng.sample(names.AGREED_ACTIONS, ACTION_COUNTS.pick(rng))
        # As interview_record writes them: the actions' deadlines first, then the interview itself.
        for description, party in actions:
            _plan_action(ctx, build, rng, officer, interview, description, party, last=last, end=end)
        build.event(
            recorded_at,
            events.INTERVIEW_RECORDED,
            officer,
            {
                "interview": interview,
                "kind": kind,
                "stance": stance,
                "interpreter_mode": mode,
                "interpreter_language": interpreter_language,
                "actions": len(actions),
            },
        )


def _plan_action(ctx, build, rng, officer, interview, description, party, *, last, end):
    held_on = _local_date(interview.held_at)
    due_date = held_on + dt.timedelta(days=rng.randint(7, 42))
    action = _stamp(
        AgreedAction(interview=interview, case=build.case, description=description, party=party, due_date=due_date),
        interview.recorded_at,
        officer,
    )
    deadline = _deadline(
        ctx,
        build,
        kind=DeadlineKind.AGREED_ACTION,
        start=due_date,
        opened_at=interview.recorded_at,
        opened_by=officer,
        trigger=description,
        source=action,
    )
    build.actions.append(action)
    closed = build.case.phase == Phase.CLOSED
    if last and not closed:
        # The latest agreements are due around now: some done, some open, some overdue; an agreement
        # that ran out months ago has almost always been dealt with.
        stale = due_date < ctx.today - dt.timedelta(days=60)
        done = rng.random() < (0.95 if stale else 0.5 if due_date < ctx.today else 0.15)
    else:
        done = rng.random() < (0.85 if closed else 1.0)
    if done:
        latest = min(end, ctx.now, deadline.due_at + dt.timedelta(days=5))
        action.completed_at = _working_moment(rng, interview.recorded_at + dt.timedelta(hours=1), latest)
        build.event(action.completed_at, events.ACTION_COMPLETED, officer, {"action": action, "text": description})
        _close(build, deadline, DeadlineStatus.MET, action.completed_at, officer)


def _plan_departure_term(ctx, build, rng, officer, assigned_at, end):
    if build.case.track not in (Track.ASYLUM_REJECTED, Track.REGULAR_REJECTED):
        return
    opened_on = _local_date(build.case.opened_at)
    if build.case.phase == Phase.CLOSED:
        effective_on = min(opened_on + dt.timedelta(days=rng.randint(-14, 30)), _local_date(end))
    else:
        effective_on = max(ctx.today - dt.timedelta(days=rng.randint(0, 112)), opened_on - dt.timedelta(days=14))
    roll = rng.random()
    if roll < 0.04:
        days, reason = 0, rng.choice(names.TERM_REASONS_ZERO)
    elif roll < 0.07:
        days, reason = rng.choice((42, 56, 84)), rng.choice(names.TERM_REASONS_EXTENDED)
    else:
        days, reason = 28, ""
    recorded_at = max(assigned_at, _local_moment(effective_on, 9)) + dt.timedelta(hours=rng.uniform(0, 72))
    recorded_at = min(recorded_at, end, ctx.now).replace(microsecond=0)
    term = _stamp(
        DepartureTerm(
            case=build.case,
            decision_reference=f"IND-B-{effective_on.year}-{build.spec.index:07d}",
            effective_on=effective_on,
            days=days,
            reason=reason,
            recorded_at=recorded_at,
            recorded_by=officer,
        ),
        recorded_at,
        officer,
    )
    build.terms.append(term)
    deadline = _deadline(
        ctx,
        build,
        kind=DeadlineKind.DEPARTURE_TERM,
        start=effective_on,
        params={"days": days},
        opened_at=recorded_at,
        opened_by=officer,
        trigger="Terugkeerbesluit van kracht",
        source=term,
    )
    build.event(
        recorded_at,
        events.DEPARTURE_TERM_RECORDED,
        officer,
        {"effective_on": effective_on.isoformat(), "days": days, "reason": reason},
    )
    if build.case.phase == Phase.CLOSED:
        if deadline.due_at < end:
            _close(build, deadline, DeadlineStatus.MET, _between(rng, deadline.due_at, end), officer)
    else:
        _handled(ctx, build, rng, deadline, officer)


def _plan_dublin(ctx, build, rng, officer, assigned_at, end):
    if build.case.track != Track.DUBLIN:
        return
    accepted_on = min(_local_date(build.case.opened_at) + dt.timedelta(days=rng.randint(5, 45)), _local_date(end))
    # The asylum application was registered some weeks before the request was accepted; its date chooses
    # the regulation (art. 84 Reg. 2024/1351). Taken from the index, so the other draws stay as they were.
    registered_on = accepted_on - dt.timedelta(days=20 + build.spec.index % 70)
    circumstance = DUBLIN_CIRCUMSTANCES.pick(rng)
    if circumstance == "resists" and registered_on < AMMR_APPLIES_FROM:
        circumstance = "none"  # resisting the transfer extends the term only under the AMMR (art. 46 lid 2)
    opened_at = min(max(assigned_at, _local_moment(accepted_on, 11)), end, ctx.now)
    deadline = _deadline(
        ctx,
        build,
        kind=DepartureDeadlineKind.DUBLIN_TRANSFER,
        start=accepted_on,
        params={"circumstance": circumstance, "registered_on": registered_on.isoformat()},
        opened_at=opened_at,
        opened_by=officer,
        trigger="Claimakkoord van de verantwoordelijke lidstaat",
    )
    if build.case.phase != Phase.CLOSED or deadline.due_at < end:
        _handled(
            ctx,
            build,
            rng,
            deadline,
            officer,
            status=DeadlineStatus.CANCELLED,
            reason="Overdrachtstermijn verstreken; Nederland is verantwoordelijk geworden",
        )


def _plan_detention(ctx, build, rng, officer, started_at):
    if build.case.track not in (Track.CRIMINAL_JUSTICE, Track.BORDER_REFUSAL) or rng.random() >= 0.5:
        return
    ordered_on = max(ctx.today - dt.timedelta(days=rng.randint(1, 150)), _local_date(started_at))
    opened_at = min(max(_local_moment(ordered_on, rng.randint(8, 20)), started_at), ctx.now)
    trigger = "Maatregel van bewaring opgelegd (art. 59 Vw 2000)"
    # The order and the measure its issuing creates (no random draw: the data after this stays as it was), so
    # that the legality list and the case file have the detention rows the clocks belong to.
    order, measure = detention_demo.bulk_detention(build.case, officer, opened_at)
    build.detention_orders.append(order)
    build.measures.append(measure)
    build.event(opened_at, detention_events.MEASURE_IMPOSED, officer, _measure_data(measure))
    build.event(opened_at, detention_events.ORDER_ISSUED, officer, {"order": order, "version": 1, "measure": measure})
    notice = _deadline(
        ctx,
        build,
        kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE,
        start=ordered_on,
        opened_at=opened_at,
        opened_by=officer,
        trigger=trigger,
        source=measure,
    )
    if notice.due_at < ctx.now:
        when = _between(rng, opened_at + dt.timedelta(days=2), min(notice.due_at, ctx.now))
        _close(build, notice, DeadlineStatus.MET, when, officer)
        # What met the art. 94 notice: the appeal the person lodged (court.court_step_record's row and event).
        appeal = CourtStep(
            measure=measure,
            kind=CourtStepKind.APPEAL_LODGED,
            on=_local_date(when),
            recorded_by=officer,
            recorded_at=when,
        )
        build.court_steps.append(appeal)
        build.event(
            when,
            detention_events.COURT_STEP,
            officer,
            {"measure": measure, "step": appeal.kind, "on": appeal.on.isoformat(), "ruling": ""},
        )
    for kind in (DetentionDeadlineKind.DETENTION_SIX_MONTHS, DetentionDeadlineKind.DETENTION_MAXIMUM):
        _deadline(
            ctx, build, kind=kind, start=ordered_on, opened_at=opened_at, opened_by=officer, trigger=trigger,
            source=measure,
        )  # fmt: skip
    _plan_reviews(ctx, build, officer, measure, ordered_on, opened_at)


def _plan_reviews(ctx, build, officer, measure, ordered_on, opened_at):
    """The periodic reviews (art. 15 lid 3 Richtlijn 2008/115/EG) as court.court_step_record writes them, in bulk:
    each on the day its deadline falls due, the last still open; one detention in eight has its latest due
    review unrecorded, so the first sweep gives the enforcement officer its work item. No random draw."""

    def open_review(day, at):
        return _deadline(
            ctx, build, kind=DetentionDeadlineKind.DETENTION_REVIEW, start=day, opened_at=at, opened_by=officer,
            trigger=str(measure), source=measure,
        )  # fmt: skip

    def record_review(deadline, day, at):
        step = detention_demo.review_step(measure, on=day, at=at, actor=officer)
        build.court_steps.append(step)
        build.event(at, detention_events.COURT_STEP, officer, detention_demo.review_event_data(measure, step))
        _close(build, deadline, DeadlineStatus.MET, at, officer, reason=detention_demo.reviewed_reason())

    detention_demo.plan_reviews(
        start=ordered_on,
        opened_at=opened_at,
        now=ctx.now,
        open_review=open_review,
        record_review=record_review,
        leave_last_due=build.spec.index % 8 == 0,
    )


def _measure_data(measure):
    return {
        "measure": measure,
        "measure_kind": measure.kind,
        "legal_basis": measure.legal_basis,
        "starts_at": measure.starts_at.isoformat(),
    }


def _plan_flight(ctx, build, rng, officer, preparing_since):
    if rng.random() >= 0.45:
        return
    departure_day = ctx.today + dt.timedelta(days=rng.randint(1, 35))
    departs_at = dt.datetime.combine(departure_day, dt.time(rng.randint(6, 14), rng.choice((0, 15, 30, 45))), AMSTERDAM)
    booked_at = _between(rng, max(preparing_since, ctx.now - dt.timedelta(days=10)), ctx.now - dt.timedelta(hours=1))
    _deadline(
        ctx,
        build,
        kind=DepartureDeadlineKind.FLIGHT_NOTICE,
        start=departs_at,
        opened_at=booked_at,
        opened_by=officer,
        trigger="Vertrek per vlucht geboekt",
    )


def _plan_notes(ctx, build, rng, officer, started_at, end):
    if rng.random() >= 0.4:
        return
    for _n in range(1 if rng.random() < 0.7 else 2):
        written_at = _working_moment(rng, started_at, end)
        note = _stamp(
            CaseNote(case=build.case, text=rng.choice(names.CASE_NOTES), written_at=written_at, author=officer),
            written_at,
            officer,
        )
        build.notes.append(note)
        build.event(written_at, events.NOTE_ADDED, officer, {"note": note})


# --- legal procedures ------------------------------------------------------------------------------------


@dataclass
class _Procedure:
    kind: str
    lodged_on: dt.date
    may_await_in_nl: bool
    outcome: str = ProcedureOutcome.PENDING
    decided_on: dt.date | None = None
    effective_until: dt.date | None = None


def _decide(rng, procedure, *, after, outcomes, pending_share, last_day, closed):
    decided_on = procedure.lodged_on + dt.timedelta(days=rng.randint(*after))
    if not closed and (rng.random() < pending_share or decided_on > last_day):
        return procedure
    procedure.decided_on = min(decided_on, last_day)
    procedure.outcome = Weighted(outcomes).pick(rng)
    return procedure


def _procedure_plan(rng, track, opened_on, last_day, closed):
    plans = []

    def lodge(kind, on, may_await):
        return _Procedure(kind=kind, lodged_on=min(on, last_day), may_await_in_nl=may_await)

    decide = {"last_day": last_day, "closed": closed}
    if track == Track.ASYLUM_REJECTED and rng.random() < 0.45:
        appeal = lodge(ProcedureKind.APPEAL, opened_on + dt.timedelta(days=rng.randint(-25, 20)), rng.random() < 0.6)
        outcomes = [
            (ProcedureOutcome.REJECTED, 70),
            (ProcedureOutcome.GRANTED, 10),
            (ProcedureOutcome.WITHDRAWN, 12),
            (ProcedureOutcome.INADMISSIBLE, 8),
        ]
        plans.append(_decide(rng, appeal, after=(30, 240), outcomes=outcomes, pending_share=0.35, **decide))
        if rng.random() < 0.3:
            relief = lodge(ProcedureKind.INTERIM_RELIEF, appeal.lodged_on, True)
            outcomes = [(ProcedureOutcome.GRANTED, 25), (ProcedureOutcome.REJECTED, 75)]
            plans.append(_decide(rng, relief, after=(7, 60), outcomes=outcomes, pending_share=0.1, **decide))
            if relief.outcome == ProcedureOutcome.GRANTED and appeal.decided_on:
                # Relief holds until the appeal is decided (never ending before its own decision).
                relief.effective_until = max(appeal.decided_on, relief.decided_on)
        if appeal.outcome == ProcedureOutcome.REJECTED and rng.random() < 0.35:
            further = lodge(
                ProcedureKind.FURTHER_APPEAL,
                appeal.decided_on + dt.timedelta(days=rng.randint(7, 28)),
                rng.random() < 0.1,
            )
            outcomes = [(ProcedureOutcome.REJECTED, 90), (ProcedureOutcome.GRANTED, 10)]
            plans.append(_decide(rng, further, after=(60, 300), outcomes=outcomes, pending_share=0.5, **decide))
    elif track == Track.REGULAR_REJECTED and rng.random() < 0.35:
        objection = lodge(
            ProcedureKind.OBJECTION, opened_on + dt.timedelta(days=rng.randint(-30, 20)), rng.random() < 0.3
        )
        outcomes = [(ProcedureOutcome.REJECTED, 80), (ProcedureOutcome.GRANTED, 8), (ProcedureOutcome.WITHDRAWN, 12)]
        plans.append(_decide(rng, objection, after=(42, 200), outcomes=outcomes, pending_share=0.35, **decide))
        if objection.outcome == ProcedureOutcome.REJECTED and rng.random() < 0.3:
            appeal = lodge(
                ProcedureKind.APPEAL, objection.decided_on + dt.timedelta(days=rng.randint(14, 42)), rng.random() < 0.2
            )
            outcomes = [(ProcedureOutcome.REJECTED, 85), (ProcedureOutcome.GRANTED, 15)]
            plans.append(_decide(rng, appeal, after=(60, 300), outcomes=outcomes, pending_share=0.4, **decide))
        if rng.random() < 0.06:
            application = lodge(
                ProcedureKind.REGULAR_APPLICATION, last_day - dt.timedelta(days=rng.randint(5, 150)), False
            )
            outcomes = [(ProcedureOutcome.REJECTED, 80), (ProcedureOutcome.GRANTED, 20)]
            plans.append(_decide(rng, application, after=(30, 180), outcomes=outcomes, pending_share=0.7, **decide))
    if track in (Track.ASYLUM_REJECTED, Track.DUBLIN) and rng.random() < 0.05:
        repeated = lodge(
            ProcedureKind.REPEATED_ASYLUM, last_day - dt.timedelta(days=rng.randint(5, 200)), rng.random() < 0.5
        )
        outcomes = [(ProcedureOutcome.REJECTED, 60), (ProcedureOutcome.INADMISSIBLE, 40)]
        plans.append(_decide(rng, repeated, after=(14, 120), outcomes=outcomes, pending_share=0.6, **decide))
    if rng.random() < 0.02:
        medical = lodge(ProcedureKind.MEDICAL_POSTPONEMENT, last_day - dt.timedelta(days=rng.randint(5, 300)), True)
        outcomes = [(ProcedureOutcome.GRANTED, 60), (ProcedureOutcome.REJECTED, 40)]
        plans.append(_decide(rng, medical, after=(14, 60), outcomes=outcomes, pending_share=0.2, **decide))
        if medical.outcome == ProcedureOutcome.GRANTED:
            medical.effective_until = medical.decided_on + dt.timedelta(days=rng.randint(30, 365))
    if rng.random() < 0.004:
        rule_39 = lodge(ProcedureKind.ECTHR_RULE_39, last_day - dt.timedelta(days=rng.randint(5, 200)), True)
        outcomes = [(ProcedureOutcome.GRANTED, 50), (ProcedureOutcome.REJECTED, 50)]
        plans.append(_decide(rng, rule_39, after=(1, 14), outcomes=outcomes, pending_share=0.3, **decide))
    return [p for p in plans if p.lodged_on >= opened_on - dt.timedelta(days=60)]


def _blocks_removal(procedure, on):
    """LegalProcedureQuerySet.blocking_removal for one procedure as it stood on day `on`."""
    decided = procedure.decided_on is not None and procedure.decided_on <= on
    if procedure.lodged_on > on:
        return False
    if not decided:
        return procedure.may_await_in_nl
    return (
        procedure.outcome == ProcedureOutcome.GRANTED
        and procedure.kind in PROTECTIVE_MEASURES
        and (procedure.effective_until is None or procedure.effective_until >= on)
    )


def _legal_obstacle(plans, on, *, known):
    return any(_blocks_removal(p, on) for p in plans[:known])


def _plan_procedures(ctx, build, rng, officer, end):
    case = build.case
    closed = case.phase == Phase.CLOSED
    last_day = min(_local_date(end), ctx.today)
    plans = _procedure_plan(rng, case.track, _local_date(case.opened_at), last_day, closed)
    for position, plan in enumerate(plans):
        recorded_at = max(case.opened_at, _local_moment(plan.lodged_on, 10)) + dt.timedelta(hours=rng.uniform(0, 72))
        recorded_at = min(recorded_at, end, ctx.now).replace(microsecond=0)
        recorded_on = _local_date(recorded_at)
        if plan.decided_on is not None and plan.decided_on < recorded_on:
            recorded_on = plan.decided_on  # recorded after the decision: the event carries the outcome
        court = plan.kind in (ProcedureKind.APPEAL, ProcedureKind.FURTHER_APPEAL, ProcedureKind.INTERIM_RELIEF)
        number = rng.randint(10_000, 99_999)
        reference = f"NL{plan.lodged_on:%y}.{number}" if court else f"{number}/{plan.lodged_on:%y}"
        procedure = _stamp(
            LegalProcedure(
                case=case,
                kind=plan.kind,
                reference=reference,
                lodged_on=plan.lodged_on,
                may_await_in_nl=plan.may_await_in_nl,
                outcome=plan.outcome,
                decided_on=plan.decided_on,
                effective_until=plan.effective_until,
                recorded_at=recorded_at,
                recorded_by=officer,
            ),
            recorded_at,
            officer,
        )
        build.procedures.append(procedure)
        decided_before = plan.decided_on is not None and plan.decided_on <= recorded_on
        build.event(
            recorded_at,
            events.PROCEDURE_RECORDED,
            officer,
            {
                "procedure": procedure,
                "kind": plan.kind,
                "outcome": plan.outcome if decided_before else ProcedureOutcome.PENDING,
                "may_await_in_nl": plan.may_await_in_nl,
                "legal_obstacle_before": _legal_obstacle(plans, recorded_on, known=position),
                "legal_obstacle_after": _legal_obstacle(plans, recorded_on, known=position + 1),
            },
        )
        if plan.decided_on is not None and not decided_before:
            decided_at = min(_local_moment(plan.decided_on, 14), end, ctx.now)
            build.event(
                decided_at,
                events.PROCEDURE_DECIDED,
                officer,
                {
                    "procedure": procedure,
                    "kind": plan.kind,
                    "outcome": plan.outcome,
                    "legal_obstacle_before": _legal_obstacle(
                        plans, plan.decided_on - dt.timedelta(days=1), known=len(plans)
                    ),
                    "legal_obstacle_after": _legal_obstacle(plans, plan.decided_on, known=len(plans)),
                },
            )


# --- writing a chunk -------------------------------------------------------------------------------------


def _person_pks(ctx, indices):
    """Fill ctx.person_pks for people of earlier runs (by V-number)."""
    missing = [i for i in indices if i not in ctx.person_pks]
    if missing:
        by_number = dict(
            ForeignNational.objects.filter(v_number__in=[v_number(i) for i in missing]).values_list("v_number", "pk")
        )
        ctx.person_pks.update({i: by_number[v_number(i)] for i in missing})


def _family_rows(ctx, builds, start, stop):
    """Both directions of every family tie whose later member is written in this chunk (start ≤ index < stop)."""
    rows, seen = [], set()
    by_index = {b.spec.index: b for b in builds}
    for build in builds:
        family = build.spec.family
        if family is None or family.head in seen:
            continue
        seen.add(family.head)
        links = [link for link in family_links(family) if start <= link[1] < stop]
        _person_pks(ctx, {i for link in links for i in link[:2]})
        for a, b, relation in links:
            # Recorded when the later member's case came in, by whoever received it.
            when, by = by_index[b].case.opened_at, by_index[b].handover.received_by
            for person, relative, kind in ((a, b, relation), (b, a, INVERSE_FAMILY_RELATION[relation])):
                link = FamilyLink(
                    foreign_national_id=ctx.person_pks[person], relative_id=ctx.person_pks[relative], relation=kind
                )
                rows.append(_stamp(link, when, by))
    return rows


def _write_chunk(ctx, start, stop):
    specs = [person_spec(i, today=ctx.today) for i in range(start, stop)]
    _person_pks(ctx, {s.duplicate_of for s in specs if s.duplicate_of is not None and s.duplicate_of < start})
    builds = []
    ctx.chunk_people = {}
    for spec in specs:
        build = _plan(ctx, spec)
        ctx.chunk_people[spec.index] = build.person
        builds.append(build)
    bulk.insert(ForeignNational, [b.person for b in builds])
    ctx.person_pks.update({b.spec.index: b.person.pk for b in builds})
    for build in builds:
        if build.spec.duplicate_of is not None:
            build.case.possible_duplicate_of_id = ctx.person_pks[build.spec.duplicate_of]
    bulk.insert(Nationality, [row for b in builds for row in b.nationalities])
    bulk.insert(Alias, [row for b in builds for row in b.aliases])
    bulk.insert(FamilyLink, _family_rows(ctx, builds, start, stop))
    bulk.insert(Case, [b.case for b in builds])
    bulk.insert(Handover, [b.handover for b in builds], history=False, pks=False)
    bulk.insert(Assignment, [row for b in builds for row in b.assignments])
    bulk.insert(DepartureInterview, [row for b in builds for row in b.interviews])
    bulk.insert(AgreedAction, [row for b in builds for row in b.actions])
    bulk.insert(LegalProcedure, [row for b in builds for row in b.procedures])
    bulk.insert(DepartureTerm, [row for b in builds for row in b.terms])
    bulk.insert(CaseNote, [row for b in builds for row in b.notes])
    bulk.insert(TravelDocumentRequest, [row for b in builds for row in b.lp_requests])
    bulk.insert(RequestTransition, [row for b in builds for row in b.lp_transitions], history=False, pks=False)
    bulk.insert(RequestContact, [row for b in builds for row in b.lp_contacts], history=False, pks=False)
    bulk.insert(DetentionOrder, [row for b in builds for row in b.detention_orders])
    bulk.insert(Measure, [row for b in builds for row in b.measures])
    bulk.insert(CourtStep, [row for b in builds for row in b.court_steps], history=False)
    deadlines = []
    for build in builds:
        for deadline, source in build.deadlines:
            if source is not None:
                deadline.source_type, deadline.source_id = engine.source_key(source)
            deadlines.append(deadline)
    bulk.insert(Deadline, deadlines)
    bulk.insert_rows(
        CaseEvent,
        ["case_id", "occurred_at", "actor_id", "kind", "data"],
        (
            [build.case.pk, occurred_at, actor.pk if actor else None, kind, _resolve(data)]
            for build in builds
            for occurred_at, _sequence, kind, actor, data in sorted(build.events, key=lambda e: (e[0], e[1]))
        ),
    )


def refresh_next_deadlines() -> int:
    """Point every demo case at its most urgent live deadline in one UPDATE (engine.cases_next_deadline_refresh)."""
    return engine.cases_next_deadline_refresh(Case.objects.filter(foreign_national__v_number__startswith=V_PREFIX))


def seed_cases(*, count, staff, now, progress=None) -> SeedReport:
    """Create demo cases 0 … count-1 that do not exist yet; a second run with the same count creates nothing."""
    started = time.monotonic()
    existing = demo_case_count()
    if existing and not ForeignNational.objects.filter(v_number=v_number(existing - 1)).exists():
        raise RuntimeError("The demo people are not numbered 0 … n-1: remove the demo data and seed again.")
    if existing >= count:
        return SeedReport(existing=existing, created=0, seconds=time.monotonic() - started)
    open_pool, closed_pool, amv_pool = officer_pools(staff, count)
    ctx = SeedContext(
        now=now.astimezone(UTC).replace(microsecond=0),
        today=_local_date(now),
        staff=staff,
        holidays=demo_holidays(),
        open_pool=open_pool,
        closed_pool=closed_pool,
        amv_pool=amv_pool,
        teams={team.pk: team for team in staff.teams},
        countries=travel_documents.load_countries(),
    )
    ctx.showcase = next((u for u in staff.all_officers() if u.username == SHOWCASE_USERNAME), None)
    if ctx.showcase is not None:
        holding = Case.objects.filter(case_officer=ctx.showcase).open().count()
        ctx.showcase_left = max(0, showcase_caseload(count) - holding)
    for start in range(existing, count, CHUNK_SIZE):
        stop = min(count, start + CHUNK_SIZE)
        with transaction.atomic():
            _write_chunk(ctx, start, stop)
        if progress:
            progress(stop, count, time.monotonic() - started)
    with transaction.atomic():
        updated = refresh_next_deadlines()
        with_procedures = LegalProcedure.objects.filter(case__foreign_national__v_number__startswith=V_PREFIX)
        cases_legal_obstacle_rebuild(case_ids=with_procedures.values_list("case_id", flat=True).distinct())
        # The requests and transitions went in bulk, past the services that keep the country tallies.
        tallies_rebuild()
    return SeedReport(
        existing=existing, created=count - existing, seconds=time.monotonic() - started, next_deadlines_set=updated
    )


def summary() -> dict:
    """Row counts per model and demo cases per source and phase, for the command's report."""
    models = [
        ForeignNational,
        Nationality,
        Alias,
        FamilyLink,
        Case,
        Handover,
        Assignment,
        CaseEvent,
        DepartureInterview,
        AgreedAction,
        LegalProcedure,
        DepartureTerm,
        Deadline,
        CaseNote,
        TravelDocumentRequest,
        RequestTransition,
        RequestContact,
    ]
    demo = Case.objects.filter(foreign_national__v_number__startswith=V_PREFIX)
    return {
        "rows": {model._meta.label: model.objects.count() for model in models},
        "history_rows": {model._meta.label: model.history.count() for model in models if hasattr(model, "history")},
        "by_source": dict(demo.values_list("source").annotate(n=Count("id")).order_by("source")),
        "by_phase": dict(demo.values_list("phase").annotate(n=Count("id")).order_by("phase")),
        "live_deadlines": Deadline.objects.filter(status__in=LIVE_DEADLINE_STATUSES).count(),
    }
