"""What each country's record predicts, counted from the dated transitions (a past year never changes).

- the response time is the days from the submission to the FIRST answer of a request, stored on that
  answer's transition (`RequestTransition.response_days`);
- the confirmation rate is the share of answered requests whose first answer confirmed nationality or
  identity or was an LP;
- the presentation share is the share of submitted requests for which the mission asked a presentation;
- an LP's validity is its days from issue to its last valid day, inclusive.
"""

import datetime as dt
import statistics as pystats
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DateField,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, ExtractYear

from .constants import CONFIRMING_ANSWERS, OPEN_STATES, State
from .models import RequestTransition, TravelDocumentRequest


class Percentile(Aggregate):
    """PostgreSQL's percentile_cont: the continuous `fraction` percentile of the expression."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


class _ResponseFigures(Aggregate):
    """[answers, first quartile, median, third quartile] of the response days, in one aggregate (PostgreSQL)."""

    template = (
        "ARRAY[COUNT(%(expressions)s)::float8] || "
        "percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY %(expressions)s)"
    )
    output_field = ArrayField(FloatField())


def _quartile(values, q):
    """The continuous percentile as PostgreSQL's percentile_cont computes it (linear between ranks)."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class ResponseTimes:
    count: int
    median: float | None
    mean: float | None
    q1: float | None
    q3: float | None
    minimum: int | None
    maximum: int | None


@dataclass(frozen=True)
class CountryStatistics:
    open_by_state: dict  # state → number of requests in it now
    per_year: list  # [(year, submitted, answered, confirmed, refused, withdrawn, issued)]
    response: ResponseTimes
    confirmation_rate: float | None  # 0..1 of requests with a first answer
    presentation_share: float | None  # 0..1 of submitted requests
    lps_issued: int
    usual_validity_days: float | None  # median days an LP is valid


def response_times(days) -> ResponseTimes:
    days = list(days)
    if not days:
        return ResponseTimes(0, None, None, None, None, None, None)
    return ResponseTimes(
        count=len(days),
        median=_quartile(days, 0.5),
        mean=pystats.fmean(days),
        q1=_quartile(days, 0.25),
        q3=_quartile(days, 0.75),
        minimum=min(days),
        maximum=max(days),
    )


def _open_by_state(country) -> dict:
    return dict(
        TravelDocumentRequest.objects.filter(country=country, state__in=OPEN_STATES)
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
    )


STATISTICS_CACHE_SECONDS = 24 * 3600


def statistics_key(country) -> str:
    """The cache key of the country's statistics as they stand now (one indexed query)."""
    # Every change to a request of the country writes a transition, so its latest one names the figures
    # exactly: a new transition, a new key. Its moment too, so a database seeded again never meets old figures.
    latest = RequestTransition.objects.filter(country=country).order_by("-id").values_list("id", "recorded_at").first()
    stamp = f"{latest[0]}-{latest[1].timestamp()}" if latest else "none"
    return f"laissezpasser:country-statistics:v1:{country.pk}:{stamp}"


def country_statistics(country) -> CountryStatistics:
    """Everything the country page shows: one query while nothing changed for the country, else four."""
    key = statistics_key(country)
    figures = cache.get(key)
    if figures is None:
        figures = counted_in_sql(country) if connection.vendor == "postgresql" else counted_in_python(country)
        cache.set(key, figures, STATISTICS_CACHE_SECONDS)
    return figures


def _days_valid():
    """The days an issued LP is valid, first and last day included, from its transition's facts (date - date).

    NULL on every other transition (only an LP's has these facts), so an aggregate over it counts LPs only.
    """
    return Func(
        Cast(KT("data__valid_until"), DateField()),
        Cast(KT("data__issued_on"), DateField()),
        arg_joiner=" - ",
        template="(%(expressions)s + 1)",
        output_field=IntegerField(),
    )


def counted_in_sql(country) -> CountryStatistics:
    """country_statistics on PostgreSQL: the database counts, so a country with 10,000 requests costs no more rows.

    The same figures as counted_in_python: percentile_cont is the same interpolation, and NULLs (the
    transitions that are no first answer, or no LP) drop out of each aggregate as they drop out there.
    """
    transitions = RequestTransition.objects.filter(country=country).exclude(to_state=State.DRAFT)
    answered = Q(response_days__isnull=False)
    confirming = Q(to_state__in=CONFIRMING_ANSWERS)
    years = (
        transitions.annotate(year=ExtractYear("on"))
        .values("year")
        .annotate(
            submitted=Count("id", filter=Q(to_state=State.SUBMITTED)),
            answered=Count("id", filter=answered),
            confirmed=Count("id", filter=answered & confirming),
            refused=Count("id", filter=answered & ~confirming),
            withdrawn=Count("id", filter=Q(to_state=State.WITHDRAWN)),
            issued=Count("id", filter=Q(to_state=State.ISSUED)),
        )
        .order_by("-year")
    )
    columns = ("submitted", "answered", "confirmed", "refused", "withdrawn", "issued")
    per_year = [(row["year"], *(row[c] for c in columns)) for row in years if any(row[c] for c in columns)]
    submitted_ids = RequestTransition.objects.filter(country=country, to_state=State.SUBMITTED).values("request_id")
    figures = transitions.aggregate(
        n=Count("response_days"),
        mean=Avg("response_days"),
        median=Percentile("response_days", 0.5),
        q1=Percentile("response_days", 0.25),
        q3=Percentile("response_days", 0.75),
        minimum=Min("response_days"),
        maximum=Max("response_days"),
        confirmed=Count("response_days", filter=confirming),
        submitted=Count("request_id", distinct=True, filter=Q(to_state=State.SUBMITTED)),
        presented=Count(
            "request_id",
            distinct=True,
            filter=Q(to_state=State.PRESENTATION_SCHEDULED, request_id__in=submitted_ids),
        ),
        validity=Percentile(_days_valid(), 0.5),
    )
    n = figures["n"]
    return CountryStatistics(
        open_by_state=_open_by_state(country),
        per_year=per_year,
        response=ResponseTimes(
            n, figures["median"], figures["mean"], figures["q1"], figures["q3"], figures["minimum"], figures["maximum"]
        ),
        confirmation_rate=figures["confirmed"] / n if n else None,
        presentation_share=figures["presented"] / figures["submitted"] if figures["submitted"] else None,
        lps_issued=sum(row[6] for row in per_year),
        usual_validity_days=figures["validity"],
    )


def counted_in_python(country) -> CountryStatistics:
    """country_statistics elsewhere (SQLite for `make run`): the transitions read once and counted here."""
    transitions = RequestTransition.objects.filter(country=country)
    open_by_state = _open_by_state(country)
    rows = (
        transitions.exclude(to_state=State.DRAFT)
        .annotate(year=ExtractYear("on"))
        .values_list("year", "to_state", "request_id", "response_days", "data")
    )
    by_year = defaultdict(Counter)
    first_answers = {}
    presented_requests, submitted_requests = set(), set()
    validities = []
    for year, to_state, request_id, days, data in rows:
        if to_state == State.SUBMITTED:
            by_year[year]["submitted"] += 1
            submitted_requests.add(request_id)
        elif to_state == State.PRESENTATION_SCHEDULED:
            presented_requests.add(request_id)
        elif to_state == State.WITHDRAWN:
            by_year[year]["withdrawn"] += 1
        if to_state == State.ISSUED:
            by_year[year]["issued"] += 1
            if data.get("issued_on") and data.get("valid_until"):
                issued, until = dt.date.fromisoformat(data["issued_on"]), dt.date.fromisoformat(data["valid_until"])
                validities.append((until - issued).days + 1)
        if days is not None:
            first_answers[request_id] = (days, to_state)
            by_year[year]["answered"] += 1
            by_year[year]["confirmed" if to_state in CONFIRMING_ANSWERS else "refused"] += 1
    per_year = [
        (
            year,
            c["submitted"],
            c["answered"],
            c["confirmed"],
            c["refused"],
            c["withdrawn"],
            c["issued"],
        )
        for year, c in sorted(by_year.items(), reverse=True)
    ]
    answered = list(first_answers.values())
    confirmed = sum(1 for _days, state in answered if state in CONFIRMING_ANSWERS)
    return CountryStatistics(
        open_by_state=open_by_state,
        per_year=per_year,
        response=response_times(days for days, _state in answered),
        confirmation_rate=confirmed / len(answered) if answered else None,
        presentation_share=len(presented_requests & submitted_requests) / len(submitted_requests)
        if submitted_requests
        else None,
        lps_issued=sum(row[6] for row in per_year),
        usual_validity_days=_quartile(validities, 0.5),
    )


def with_expectation(requests):
    """Annotate a request queryset with its country's count, quartiles and median of response times (PostgreSQL).

    One subquery reads the country's answered transitions once (an index-only scan of lp_transition_response):
    four subqueries (a count by id and three percentiles) read them four times, the count from the table itself.
    """
    if connection.vendor != "postgresql":
        return requests
    answered = RequestTransition.objects.filter(country=OuterRef("country_id"), response_days__isnull=False).values(
        "country"
    )
    return requests.annotate(
        expected_figures=Subquery(answered.annotate(f=_ResponseFigures("response_days")).values("f"))
    )


@dataclass(frozen=True)
class Expectation:
    around: dt.date
    based_on: int
    early: dt.date
    late: dt.date
    overdue: bool


def expectation(request, *, today) -> Expectation | None:
    """When an open request's answer is expected (submission + the country's median), from `with_expectation`."""
    figures = getattr(request, "expected_figures", None)
    if not figures or request.submitted_on is None or request.answered_on is not None:
        return None
    answers, q1, median, q3 = figures
    if request.state not in (State.SUBMITTED, State.PRESENTATION_SCHEDULED, State.PRESENTED, State.ESCALATED):
        return None
    start = request.submitted_on
    around = start + dt.timedelta(days=round(median))
    return Expectation(
        around=around,
        based_on=round(answers),
        early=start + dt.timedelta(days=round(q1)),
        late=start + dt.timedelta(days=round(q3)),
        overdue=today > around,
    )
