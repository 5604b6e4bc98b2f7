"""A country's figures kept up to date: every transition adds to its country's tallies in its own transaction.

The country page used to count a country's transitions on every view (Syria at 100,000 cases: 45,000
transitions read twice, ~120 ms of SQL) and the country list every request of every country (42,000 rows).
Two summaries replace those counts, written by the services (`_move`, `request_create`) through
`transition_tallied` in the transaction that writes the transition, so they never lag behind it:

- CountryRequestCount: a country's requests in each state now (the list's open requests, the page's open
  requests by state): the state a request leaves one less, the state it enters one more.
- CountryTally: the dated transitions per figure (constants.Figure), year of the transition's date and days
  (a first answer's response days, an LP's validity). The page's per-year table, the response times with
  their quartiles, the confirmation rate, the presentation share and the LPs issued are sums over these rows,
  and a percentile is read off the distribution as PostgreSQL's percentile_cont interpolates it
  (statistics.tallied_statistics). A country is some hundreds of rows: one per year and distinct number of
  days, however many requests it has. A past year's rows change only when a transition dated in it is recorded.

Which figures a transition adds to is written once, in `figures_of`; `tallies_rebuild` counts both summaries
again from the requests and transitions with it (the demo seed's bulk insert, the migration that added them,
a repair). Each write is one INSERT … ON CONFLICT DO UPDATE per table (PostgreSQL and SQLite alike) with its
rows in key order, so two transitions of one country take the row locks they share in the same order.
"""

import datetime as dt
from collections import Counter

from django.db import connection, transaction

from .constants import CONFIRMING_ANSWERS, Figure, State


def validity_days(data) -> int:
    """An issued LP's validity in days from its transition's facts, first and last day included (0: not recorded)."""
    if not data or not data.get("issued_on") or not data.get("valid_until"):
        return 0
    return (dt.date.fromisoformat(data["valid_until"]) - dt.date.fromisoformat(data["issued_on"])).days + 1


def figures_of(*, to_state, on, response_days, data, first_presentation) -> list[tuple[str, int, int]]:
    """The (figure, year, days) a transition adds one to.

    `first_presentation`: the transition demands a presentation for a submitted request that had none before
    (the presentation share counts requests, not presentations). The response days are on a first answer only.
    """
    figures = []
    if to_state == State.SUBMITTED:
        figures.append((Figure.SUBMITTED, 0))
    elif to_state == State.PRESENTATION_SCHEDULED and first_presentation:
        figures.append((Figure.PRESENTATION, 0))
    elif to_state == State.WITHDRAWN:
        figures.append((Figure.WITHDRAWN, 0))
    elif to_state == State.ISSUED:
        figures.append((Figure.ISSUED, validity_days(data)))
    if response_days is not None:
        confirming = to_state in CONFIRMING_ANSWERS
        figures.append((Figure.ANSWER_CONFIRMING if confirming else Figure.ANSWER_REFUSING, response_days))
    return [(str(figure), on.year, days) for figure, days in figures]


def first_presentation(request) -> bool:
    """Whether a presentation demanded now is the first for this request, and the request was submitted.

    Asked before the new transition is written (one indexed query on the request's transitions).
    """
    from .models import RequestTransition

    states = set(
        RequestTransition.objects.filter(
            request_id=request.pk, to_state__in=(State.SUBMITTED, State.PRESENTATION_SCHEDULED)
        ).values_list("to_state", flat=True)
    )
    return State.SUBMITTED in states and State.PRESENTATION_SCHEDULED not in states


def transition_tallied(*, country_id, from_state, to_state, on, response_days=None, data=None, first=False):
    """Add one transition of a request to its country's summaries (in the caller's transaction)."""
    from .models import CountryRequestCount, CountryTally

    states = Counter({(country_id, to_state): 1})
    if from_state:
        states[(country_id, from_state)] -= 1
    _add(CountryRequestCount, ("country_id", "state"), "requests", states)
    figures = figures_of(
        to_state=to_state, on=on, response_days=response_days, data=data, first_presentation=first
    )
    _add(CountryTally, ("country_id", "figure", "year", "days"), "transitions", Counter(
        (country_id, *figure) for figure in figures
    ))  # fmt: skip


def _add(model, key_fields, value_field, counts):
    """counts[key] added to the rows of `model` (created at that count when missing), in one statement."""
    rows = sorted((key, n) for key, n in counts.items() if n)
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    keys = [quote(model._meta.get_field(name).column) for name in key_fields]
    value = quote(model._meta.get_field(value_field).column)
    one = "(" + ", ".join(["%s"] * (len(keys) + 1)) + ")"
    # Table and column names come from the model, every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({', '.join(keys)}, {value}) VALUES {', '.join([one] * len(rows))} "  # noqa: S608  # nosec B608
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {value} = {table}.{value} + excluded.{value}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [part for key, n in rows for part in (*key, n)])


def tallies_rebuild() -> tuple[int, int]:
    """Count both summaries again from every request and transition; returns their numbers of rows."""
    from .models import CountryRequestCount, CountryTally, RequestTransition, TravelDocumentRequest

    with transaction.atomic():
        return rebuild(
            requests=TravelDocumentRequest,
            transitions=RequestTransition,
            counts=CountryRequestCount,
            tallies=CountryTally,
        )


def rebuild(*, requests, transitions, counts, tallies) -> tuple[int, int]:
    """tallies_rebuild with the models given (the migration passes its historical ones)."""
    from django.db.models import Count

    counts.objects.all().delete()
    tallies.objects.all().delete()
    states = requests.objects.values_list("country_id", "state").annotate(n=Count("id")).order_by()
    counts.objects.bulk_create(
        [counts(country_id=country_id, state=state, requests=n) for country_id, state, n in states], batch_size=1000
    )
    added = Counter()
    submitted, presented = set(), set()
    rows = (
        transitions.objects.order_by("id")
        .values_list("request_id", "country_id", "to_state", "on", "response_days", "data")
        .iterator(chunk_size=5000)
    )
    for request_id, country_id, to_state, on, response_days, data in rows:
        first = False
        if to_state == State.SUBMITTED:
            submitted.add(request_id)
        elif to_state == State.PRESENTATION_SCHEDULED:
            first = request_id in submitted and request_id not in presented
            presented.add(request_id)
        for figure in figures_of(
            to_state=to_state, on=on, response_days=response_days, data=data, first_presentation=first
        ):
            added[(country_id, *figure)] += 1
    tallies.objects.bulk_create(
        [
            tallies(country_id=country_id, figure=figure, year=year, days=days, transitions=n)
            for (country_id, figure, year, days), n in sorted(added.items())
        ],
        batch_size=1000,
    )
    return len(states), len(added)
