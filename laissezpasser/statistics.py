"""What each country's record predicts, counted from the dated transitions (a past year never changes).

- the response time is the days from the submission to the FIRST answer of a request, stored on that
  answer's transition (`RequestTransition.response_days`);
- the confirmation rate is the share of answered requests whose first answer confirmed nationality or
  identity or was an LP;
- the presentation share is the share of submitted requests for which the mission asked a presentation;
- an LP's validity is its days from issue to its last valid day, inclusive.

The page reads them from the country's tallies, which every transition keeps up to date (tallies.py);
`counted_from_transitions` counts the same figures from the transitions themselves.
"""

import datetime as dt
import statistics as pystats
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.core.cache import cache
from django.db import connection
from django.db.models import Aggregate, Count, FloatField, OuterRef, Subquery
from django.db.models.functions import ExtractYear

from .constants import CONFIRMING_ANSWERS, OPEN_STATES, Figure, State
from .models import CountryRequestCount, CountryTally, RequestTransition, TravelDocumentRequest
from .tallies import validity_days


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
    """Everything the country page shows: one query while nothing changed for the country, else three."""
    key = statistics_key(country)
    figures = cache.get(key)
    if figures is None:
        figures = tallied_statistics(country)
        cache.set(key, figures, STATISTICS_CACHE_SECONDS)
    return figures


def _at(histogram, rank):
    """The value of the `rank`-th (from 0) of the counted values: histogram is [(value, how many)] by value."""
    seen = 0
    for value, n in histogram:
        seen += n
        if rank < seen:
            return value
    raise IndexError(rank)


def _percentile(histogram, total, q):
    """The continuous percentile of counted values, interpolated as _quartile (and percentile_cont) do."""
    position = (total - 1) * q
    low = int(position)
    high = min(low + 1, total - 1)
    below, above = _at(histogram, low), _at(histogram, high)
    return below + (above - below) * (position - low)


def distribution(counted) -> ResponseTimes:
    """response_times of values given as {value: how many times} (a tally) instead of one by one."""
    histogram = sorted((value, n) for value, n in counted.items() if n)
    total = sum(n for _value, n in histogram)
    if not total:
        return ResponseTimes(0, None, None, None, None, None, None)
    return ResponseTimes(
        count=total,
        median=_percentile(histogram, total, 0.5),
        mean=sum(value * n for value, n in histogram) / total,
        q1=_percentile(histogram, total, 0.25),
        q3=_percentile(histogram, total, 0.75),
        minimum=histogram[0][0],
        maximum=histogram[-1][0],
    )


_PER_YEAR = tuple(
    str(figure)
    for figure in (
        Figure.SUBMITTED,
        "answered",
        Figure.ANSWER_CONFIRMING,
        Figure.ANSWER_REFUSING,
        Figure.WITHDRAWN,
        Figure.ISSUED,
    )
)


def tallied_statistics(country) -> CountryStatistics:
    """country_statistics from the country's tallies (tallies.py): two queries of some hundreds of rows at most.

    The same figures as counted_from_transitions, which counts the transitions themselves.
    """
    counts = dict(
        CountryRequestCount.objects.filter(country=country, state__in=OPEN_STATES, requests__gt=0).values_list(
            "state", "requests"
        )
    )
    rows = CountryTally.objects.filter(country=country).values_list("figure", "year", "days", "transitions")
    # Plain dicts and str figures: Syria's ~1,300 rows summed in ~0.5 ms (Counters of Counters took three times that).
    by_year, answers, validities = defaultdict(dict), {}, {}
    confirming, refusing, issued = str(Figure.ANSWER_CONFIRMING), str(Figure.ANSWER_REFUSING), str(Figure.ISSUED)
    for figure, year, days, n in rows:
        of_year = by_year[year]
        of_year[figure] = of_year.get(figure, 0) + n
        if figure in (confirming, refusing):
            answers[days] = answers.get(days, 0) + n
        elif figure == issued and days:
            validities[days] = validities.get(days, 0) + n
    per_year = []
    total = Counter()
    for year, of_year in sorted(by_year.items(), reverse=True):
        of_year["answered"] = of_year.get(confirming, 0) + of_year.get(refusing, 0)
        total.update(of_year)
        figures = tuple(of_year.get(figure, 0) for figure in _PER_YEAR)
        if any(figures):
            per_year.append((year, *figures))
    return CountryStatistics(
        open_by_state={state: counts[state] for state in State.values if state in counts},
        per_year=per_year,
        response=distribution(answers),
        confirmation_rate=total[confirming] / total["answered"] if total["answered"] else None,
        presentation_share=total[Figure.PRESENTATION] / total[Figure.SUBMITTED] if total[Figure.SUBMITTED] else None,
        lps_issued=total[issued],
        usual_validity_days=distribution(validities).median,
    )


def counted_from_transitions(country) -> CountryStatistics:
    """country_statistics counted from the country's transitions themselves: the figures' definition, which the
    tallies are checked against (tests; after a repair). Reads every transition of the country."""
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
            if validity_days(data):
                validities.append(validity_days(data))
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
