"""What pages, the API and other apps (reports) read of supervision and detention.

The legality of a detention is computed from facts only: its periods (this measure and the earlier ones of the
same removal procedure, art. 59 lid 5-6 Vw 2000), its court steps (day 28 of art. 94, the periodic review) and
the last act towards removal (a travel-document transition, a departure interview, a flight booked, rebooked,
notified or confirmed in the departures app).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from cases.models import Case, Deadline, DepartureInterview
from departures.selectors import (
    PROSPECT_CLAIM_COLUMNS,
    PROSPECT_REMOVAL_COLUMNS,
    DepartureProspect,
    departure_prospects_from,
    latest_removal_act_at,
    live_dublin_claim_rows,
    open_removal_rows,
)
from dtv.core.batch import fetch_together, prepared
from laissezpasser.selectors import latest_transition_on, open_request_rows

from .constants import CourtStepKind, MeasureKind, Ruling
from .deadlines import (
    CumulativeClock,
    DetentionDeadlineKind,
    HoldingClock,
    Period,
    cumulative_clock,
    day_28,
    holding_clock,
    next_review_on,
)
from .models import CourtStep, DetentionOrder, Measure


def case_measures(*, case=None, case_id=None):
    """The case's measures, newest first (unevaluated)."""
    case_id = case.pk if case is not None else case_id
    return Measure.objects.filter(case_id=case_id).select_related("imposed_by", "order").order_by("-starts_at", "-id")


def case_orders(*, case=None, case_id=None):
    """The case's detention orders, newest first (unevaluated)."""
    case_id = case.pk if case is not None else case_id
    return DetentionOrder.objects.filter(case_id=case_id).select_related("drafted_by").order_by("-drafted_at", "-id")


def holding_clock_of(measure, *, now: dt.datetime) -> HoldingClock:
    """The live clock of a holding at `now` (art. 50 Vw 2000): the one the panel, the queue and the pages show."""
    return holding_clock(measure.starts_at, now, extended_until=measure.extended_until)


@dataclass(frozen=True)
class Legality:
    """Whether a detention still holds up, at a glance, each figure explained by its article."""

    measure: Measure
    clock: CumulativeClock
    day_28: dt.date
    court_notified: bool
    next_review: dt.date
    last_removal_act: dt.date | None
    days_without_act: int
    warning: bool
    ruling: str
    prospect: DepartureProspect = DepartureProspect()
    flight_ahead: bool = False
    # The art. 94 notice as the engine computed it: the legal last day (Atw-extended) and the internal target.
    notice_last_day: dt.date | None = None
    notice_target: dt.date | None = None
    # The most recent open travel-document request: its country and stage (a prospect-of-removal indicator).
    lp_request: str = ""
    # The periodic review falls due within the week (the sweep gives the enforcement officer its work item).
    review_due: bool = False


REVIEW_DUE_WITHIN_DAYS = 7


def _period(measure) -> Period:
    return Period(
        timezone.localdate(measure.starts_at), timezone.localdate(measure.ends_at) if measure.ends_at else None
    )


def latest_act(*dates):
    """The latest of the dates given (None when there is none)."""
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def legality_from(
    measures, *, periods, steps, last_act, on: dt.date, prospects=None, notices=None, lp_requests=None
) -> dict:
    """measure id → Legality, from rows already read (pure: the panel and the list share it).

    `periods`: (case id, removal procedure) → [(measure id, Period)] of every detention of those cases;
    `steps`: measure id → court-step dicts (kind, on, ruling) in date order; `last_act`: case id → date of the
    latest act towards removal; `prospects`: case id → DepartureProspect (the booked flight, the Dublin claim);
    `notices`: measure id → the art. 94 notice deadline (its `due_date` and `target_date`); `lp_requests`: case id →
    its most recent open travel-document request.
    The warning (after DETENTION_NO_REMOVAL_ACT_WARNING_DAYS without an act) is not given while a booked flight
    still lies ahead: the removal is then in hand, waiting for the flight is not inaction.
    """
    prospects, notices, lp_requests = prospects or {}, notices or {}, lp_requests or {}
    warn_after = settings.DETENTION_NO_REMOVAL_ACT_WARNING_DAYS
    result = {}
    for measure in measures:
        current = _period(measure)
        same = [p for pk, p in periods.get((measure.case_id, measure.removal_procedure), []) if pk != measure.pk]
        clock = cumulative_clock([*same, current], current=current, on=on)
        own = steps.get(measure.pk, [])
        reviews = [s["on"] for s in own if s["kind"] == CourtStepKind.REVIEW]
        rulings = [s["ruling"] for s in own if s["kind"] == CourtStepKind.RULING]
        act = last_act.get(measure.case_id)
        prospect = prospects.get(measure.case_id, DepartureProspect())
        # Counted from the start when nothing was done since: an act before the detention does not excuse it.
        since = (on - latest_act(act, current.starts_on)).days
        flight_ahead = prospect.departs_at is not None and timezone.localdate(prospect.departs_at) >= on
        review = next_review_on(current.starts_on, reviews, every_days=settings.DETENTION_REVIEW_DAYS)
        result[measure.pk] = Legality(
            measure=measure,
            clock=clock,
            day_28=day_28(current.starts_on),
            court_notified=any(s["kind"] in (CourtStepKind.APPEAL_LODGED, CourtStepKind.COURT_NOTIFIED) for s in own),
            next_review=review,
            last_removal_act=act,
            days_without_act=since,
            warning=measure.ends_at is None and since >= warn_after and not flight_ahead,
            ruling=rulings[-1] if rulings else "",
            prospect=prospect,
            flight_ahead=flight_ahead,
            lp_request=_request_label(lp_requests.get(measure.case_id)),
            review_due=measure.ends_at is None and review <= on + dt.timedelta(days=REVIEW_DUE_WITHIN_DAYS),
            notice_last_day=getattr(notices.get(measure.pk), "due_date", None),
            notice_target=getattr(notices.get(measure.pk), "target_date", None),
        )
    return result


def periods_by_procedure(detentions) -> dict:
    periods = defaultdict(list)
    for m in detentions:
        periods[(m.case_id, m.removal_procedure)].append((m.pk, _period(m)))
    return periods


# What `_request_label` reads of a travel-document request (its case groups it).
_LP_REQUEST_COLUMNS = ("case", "state", "country", "country__code")


def _request_label(request) -> str:
    return f"{request.country.code}: {request.get_state_display()}" if request is not None else ""


def latest_requests_by_case(requests) -> dict:
    """case id → its most recent open request, from open_request_rows (newest first)."""
    latest = {}
    for request in requests:
        latest.setdefault(request.case_id, request)
    return latest


def notices_by_measure(deadlines) -> dict:
    return {d.source_id: d for d in deadlines}


def steps_by_measure(steps) -> dict:
    grouped = defaultdict(list)
    for s in steps:
        grouped[s.measure_id].append({"kind": s.kind, "on": s.on, "ruling": s.ruling})
    return grouped


def _facts_querysets(case_ids):
    """The querysets of every fact `legality_from` reads for the detentions of these cases (unevaluated).

    Each reads only the columns the facts use; the court steps and the art. 94 notices are those of every detention
    of the cases (a page's detentions are among them; `legality_from` looks up its own).
    """
    case = OuterRef("pk")
    return {
        "detentions": Measure.objects.filter(case_id__in=case_ids, kind=MeasureKind.DETENTION)
        .only("case_id", "removal_procedure", "starts_at", "ends_at")
        .order_by("id"),
        "steps": CourtStep.objects.filter(measure__case_id__in=case_ids)
        .only("measure_id", "kind", "on", "ruling")
        .order_by("on", "id"),
        # The latest act towards removal of each case: a travel-document step, an interview, a flight act.
        "acts": Case.objects.filter(pk__in=case_ids)
        .only("id")
        .annotate(
            lp_last=latest_transition_on(case),
            interview_last=Subquery(
                DepartureInterview.objects.filter(case_id=case).order_by("-held_at", "-id").values("held_at")[:1]
            ),
            removal_last=latest_removal_act_at(case),
        )
        .order_by("id"),
        "removals": open_removal_rows(case_ids).only(*PROSPECT_REMOVAL_COLUMNS),
        "claims": live_dublin_claim_rows(case_ids).only(*PROSPECT_CLAIM_COLUMNS),
        "notices": Deadline.objects.filter(
            case_id__in=case_ids, kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE, source_type="detention.measure"
        )
        .only("source_id", "due_date", "target_date")
        .order_by("source_id", "revision", "id"),
        "lp_requests": open_request_rows(case_ids).only(*_LP_REQUEST_COLUMNS),
    }


# A page of the legality list holds at most 50 detentions. Their facts' statement is compiled once per process for
# up to 16 and for up to 50 cases (`prepared`: each case id a value of its own, the slots a page leaves empty given
# 0, which is no row's id), and PostgreSQL prepares it as well: building and compiling its seven querysets cost
# ~4.5 ms and planning ~1 ms on every view. (Fewer slots, fewer parameters for psycopg to find in the statement's
# text on every run: 0.9 ms less for a page of 11.) More cases (a team's whole population) are built as they are.
_FACT_SLOTS = (16, 50)
_NO_ID = 0


def _facts_build(slots, **ids):
    return _facts_querysets([ids[f"case_{k:02d}"] for k in range(slots)])


def _facts_rows(case_ids):
    """The facts' querysets for `fetch_together`: prepared when the cases fit in the slots, built otherwise."""
    slots = next((n for n in _FACT_SLOTS if len(case_ids) <= n), None)
    if slots is None:
        return _facts_querysets(case_ids)
    padded = [*case_ids, *[_NO_ID] * (slots - len(case_ids))]
    return prepared(_facts_build, slots, **{f"case_{k:02d}": case_id for k, case_id in enumerate(padded)})


def legality_facts(measures, *, on: dt.date) -> dict:
    """measure id → Legality for detention measures, in one statement whatever their number (PostgreSQL)."""
    measures = list(measures)
    if not measures:
        return {}
    case_ids = sorted({m.case_id for m in measures})
    rows = fetch_together(_facts_rows(case_ids))
    last_act = {
        row.pk: latest_act(
            row.lp_last,
            timezone.localdate(row.interview_last) if row.interview_last else None,
            timezone.localdate(row.removal_last) if row.removal_last else None,
        )
        for row in rows["acts"]
    }
    return legality_from(
        measures,
        periods=periods_by_procedure(rows["detentions"]),
        steps=steps_by_measure(rows["steps"]),
        last_act={case_id: act for case_id, act in last_act.items() if act is not None},
        on=on,
        prospects=departure_prospects_from(rows["removals"], rows["claims"], case_ids, today=on),
        notices=notices_by_measure(rows["notices"]),
        lp_requests=latest_requests_by_case(rows["lp_requests"]),
    )


def running_detentions(user_scope_cases):
    """Running detentions of the given cases (unevaluated), with person and order, sorted by start (keyset)."""
    return (
        Measure.objects.filter(kind=MeasureKind.DETENTION, ends_at__isnull=True, case__in=user_scope_cases)
        .select_related("case__foreign_national", "order")
        .annotate(sort_key=F("starts_at"))
    )


# What a row of the legality list shows and its facts read (`legality_from`): not the order, not every column of
# measure, case and person (the order's texts alone were most of the page's row data).
LEGALITY_LIST_COLUMNS = (
    "case", "case__foreign_national", "removal_procedure", "starts_at", "ends_at",
    "case__foreign_national__surname", "case__foreign_national__v_number",
)  # fmt: skip


def legality_list_rows(user_scope_cases):
    """The legality list's running detentions of the given cases (unevaluated, keyset on the start): few columns."""
    return (
        running_detentions(user_scope_cases)
        .select_related(None)
        .select_related("case__foreign_national")
        .only(*LEGALITY_LIST_COLUMNS)
    )


@dataclass(frozen=True)
class LawfulRate:
    lawful: int
    unlawful: int

    @property
    def judged(self) -> int:
        return self.lawful + self.unlawful

    @property
    def rate(self) -> float | None:
        return self.lawful / self.judged if self.judged else None


def _first_rulings(start=None, end=None, *, team_id=None):
    """(date, ruling) of each detention's first ruling: a further appeal does not count the detention again."""
    rows = CourtStep.objects.filter(kind=CourtStepKind.RULING).order_by("measure_id", "on", "id")
    if team_id is not None:
        rows = rows.filter(measure__case__team_id=team_id)
    first = {}
    # Portable (SQLite runs the demo): the rulings are few next to the cases, one pass keeps the first of each.
    for measure_id, on, ruling in rows.values_list("measure_id", "on", "ruling").iterator():
        first.setdefault(measure_id, (on, ruling))
    return [
        (on, ruling) for on, ruling in first.values() if (start is None or on >= start) and (end is None or on < end)
    ]


def lawful_rate(start: dt.date, end: dt.date, *, team_id=None) -> LawfulRate:
    """KPI "lawfully imposed detention >= 90%": first rulings dated in [start, end), lawful against unlawful.

    For the reports app (a period's `starts_on`, `ends_on`); `team_id` counts the detentions of one team's cases.
    """
    rows = _first_rulings(start, end, team_id=team_id)
    return LawfulRate(
        lawful=sum(1 for _on, ruling in rows if ruling == Ruling.LAWFUL),
        unlawful=sum(1 for _on, ruling in rows if ruling == Ruling.UNLAWFUL),
    )


def lawful_rate_per_year(*, team_id=None) -> dict:
    """year → LawfulRate, from the dated first rulings (a closed year never changes)."""
    per_year = defaultdict(lambda: [0, 0])
    for on, ruling in _first_rulings(team_id=team_id):
        per_year[on.year][0 if ruling == Ruling.LAWFUL else 1] += 1
    return {year: LawfulRate(lawful, unlawful) for year, (lawful, unlawful) in sorted(per_year.items())}


@dataclass(frozen=True)
class Population:
    """A team's running detentions on a day and how many of them need attention, for the team lead's dashboard."""

    running: int
    without_removal_act: int  # the legality warning: no act towards removal for too long
    court_not_notified_by_day_28: int  # day 28 passed without an appeal or the art. 94 notice
    review_overdue: int
    beyond_six_months: int  # cumulatively in the removal procedure (art. 59 lid 5 Vw 2000)


def team_population(*, team_id, on: dt.date) -> Population:
    """The running detentions of the team's cases on `on` and their legality warnings (a few queries, any size)."""
    running = list(running_detentions(Case.objects.filter(team_id=team_id)).order_by("starts_at", "id"))
    facts = legality_facts(running, on=on).values()
    return Population(
        running=len(running),
        without_removal_act=sum(1 for f in facts if f.warning),
        court_not_notified_by_day_28=sum(1 for f in facts if not f.court_notified and f.day_28 < on),
        review_overdue=sum(1 for f in facts if f.next_review < on),
        beyond_six_months=sum(1 for f in facts if f.clock.six_months_on <= on),
    )


def my_queue(user, *, on: dt.date):
    """The enforcement officer's own work: their drafts, holdings running, court dates and reviews due."""
    from cases.permissions import cases_visible_to

    from .constants import OrderState

    scope = cases_visible_to(user)
    drafts = list(
        DetentionOrder.objects.filter(drafted_by=user, state=OrderState.DRAFT, case__in=scope)
        .select_related("case__foreign_national")
        .order_by("drafted_at")[:50]
    )
    holdings = list(
        Measure.objects.filter(kind=MeasureKind.HOLDING, ends_at__isnull=True, case__in=scope)
        .filter(Q(imposed_by=user) | Q(case__team_id=user.team_id))
        .select_related("case__foreign_national")
        .order_by("starts_at")[:50]
    )
    hearings = list(
        CourtStep.objects.filter(kind=CourtStepKind.HEARING, on__gte=on, measure__case__in=scope)
        .select_related("measure__case__foreign_national")
        .order_by("on")[:50]
    )
    detentions = list(running_detentions(scope).filter(imposed_by=user).order_by("starts_at")[:50])
    facts = legality_facts(detentions, on=on)
    reviews = sorted((f for f in facts.values() if f.review_due), key=lambda f: f.next_review)
    return {"drafts": drafts, "holdings": holdings, "hearings": hearings, "reviews": reviews}
