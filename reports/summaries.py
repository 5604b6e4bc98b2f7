"""The summary tables, counted incrementally from the dated events of cases, laissezpasser, departures, detention
and the complaints register.

One code path counts every event: `summaries_refresh` (the periodic job) counts what arrived since
its watermark, and `summaries_rebuild` (the management command) empties the tables and counts every
event from the first. Each event adds to the day it happened on (Europe/Amsterdam), so a count of a
closed period never changes when a case changes later: a reopened case adds a new event to a later
day, a case that moves teams moves its caseload from the move's day on.
"""

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from cases import events as case_events
from cases.constants import DEPARTURE_CLOSURES, NationalityStatus, Phase, Track
from cases.models import Assignment, Case, CaseEvent, Nationality
from departures import events as departure_events
from departures.constants import DublinAnswer
from departures.models import Removal
from detention import events as detention_events
from detention.constants import CourtStepKind, Ruling
from laissezpasser.constants import CONFIRMING_ANSWERS, REFUSING_ANSWERS, State
from laissezpasser.models import RequestTransition

from .constants import Figure, LpCount
from .models import (
    CaseloadBalance,
    CaseTally,
    Complaint,
    ComplaintTally,
    DailyCount,
    MonthlyCount,
    QualitySnapshot,
    RulingTally,
    Watermark,
    complaint_due_on,
)
from .quality import open_cases_meeting_rules_per_team

CASE_EVENTS = "case_events"
LP_TRANSITIONS = "lp_transitions"
# The departures' case events have a watermark of their own: counting them never touches the case tallies.
DEPARTURE_EVENTS = "departure_events"
# Detention's court steps (the rulings) and the complaints register's history, each with a watermark of its own.
DETENTION_EVENTS = "detention_events"
COMPLAINT_HISTORY = "complaint_history"
BATCH = 5000
_KINDS = (
    case_events.CASE_OPENED.code,
    case_events.CASE_ASSIGNED.code,
    case_events.CASE_PHASE_CHANGED.code,
    case_events.CASE_REOPENED.code,
)


_DEPARTURE_KINDS = (
    departure_events.REMOVAL_BOOKED.code,
    departure_events.REMOVAL_REBOOKED.code,
    departure_events.REMOVAL_CANCELLED.code,
    departure_events.REMOVAL_EXECUTED.code,
    departure_events.DUBLIN_CLAIM_ANSWERED.code,
)
_ACCEPTED = (DublinAnswer.ACCEPTED, DublinAnswer.TACITLY_ACCEPTED)


@dataclass(frozen=True)
class RefreshResult:
    case_events: int
    lp_transitions: int
    seconds: float
    departure_events: int = 0
    court_steps: int = 0
    complaint_changes: int = 0


def _day(moment) -> dt.date:
    return timezone.localtime(moment).date()


def _add(counts, day, figure, key="", key2="", team_id=0, value=1):
    counts[(figure, day, key or "", key2 or "", team_id or 0)] += value


def _upsert(table, columns, conflict, rows):
    """Add `rows` to `table` in statements of 1000 rows: ON CONFLICT adds the value to the row that is there."""
    names, cells = ", ".join(columns), "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 1000):
            chunk = rows[start : start + 1000]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([cells] * len(chunk))} "  # noqa: S608  # nosec B608 (our table and column names; values are parameters)
                f"ON CONFLICT ({conflict}) DO UPDATE SET value = {table}.value + excluded.value",
                [cell for row in chunk for cell in row],
            )


def _write(counts):
    """Add the counts to the daily rows and to the national month totals (`MonthlyCount`), by upserts."""
    rows = [(day, figure, key, key2, team, value) for (figure, day, key, key2, team), value in counts.items() if value]
    if not rows:
        return
    _upsert(DailyCount._meta.db_table, ("day", "figure", "key", "key2", "team_id", "value"),
            "figure, day, key, key2, team_id", rows)  # fmt: skip
    months = Counter()
    for day, figure, key, key2, _team, value in rows:
        months[(day.replace(day=1), figure, key, key2)] += value
    _upsert(MonthlyCount._meta.db_table, ("month", "figure", "key", "key2", "value"), "figure, month, key, key2",
            [(*month, value) for month, value in months.items() if value])  # fmt: skip


# The caseload at each month end from the month of `from_day` to the month of the newest change: the
# balance at the month end before (the latest one kept) plus the running sum of the monthly changes.
# Every (nationality, team) known then gets a row at every month end, so a month end read is complete.
_ROLL_CASELOAD = """
DELETE FROM {balance} WHERE month_end >= %(start)s;
INSERT INTO {balance} (month_end, key, team_id, value)
WITH base AS (
    SELECT key, team_id, value FROM {balance}
    WHERE month_end = (SELECT max(month_end) FROM {balance} WHERE month_end < %(start)s)
), monthly AS (
    SELECT (date_trunc('month', day) + interval '1 month' - interval '1 day')::date AS month_end,
           key, team_id, sum(value) AS value
    FROM {daily} WHERE figure = %(figure)s AND day >= %(start)s GROUP BY 1, 2, 3
), ends AS (
    SELECT (m + interval '1 month' - interval '1 day')::date AS month_end
    FROM generate_series(%(start)s::date, (SELECT max(month_end) FROM monthly), interval '1 month') AS m
), pairs AS (
    SELECT key, team_id FROM base UNION SELECT key, team_id FROM monthly
)
SELECT ends.month_end, pairs.key, pairs.team_id,
       coalesce(base.value, 0) + sum(coalesce(monthly.value, 0)) OVER (
           PARTITION BY pairs.key, pairs.team_id ORDER BY ends.month_end
       )
FROM pairs CROSS JOIN ends
LEFT JOIN base ON base.key = pairs.key AND base.team_id = pairs.team_id
LEFT JOIN monthly ON monthly.key = pairs.key AND monthly.team_id = pairs.team_id
    AND monthly.month_end = ends.month_end
"""


def _roll_caseload(from_day):
    """Bring the month-end caseloads up to date from the month of `from_day` (a change on it or later was written)."""
    start = from_day.replace(day=1)
    if connection.vendor != "postgresql":
        # The demo's SQLite has neither generate_series nor interval arithmetic: the same sums, in Python.
        CaseloadBalance.objects.bulk_create(month_end_balances(CaseloadBalance, DailyCount, start))
        return
    sql = _ROLL_CASELOAD.format(balance=CaseloadBalance._meta.db_table, daily=DailyCount._meta.db_table)
    params = {"start": start, "figure": Figure.CASELOAD}
    with connection.cursor() as cursor:
        for statement in sql.split(";"):
            cursor.execute(statement, params)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    first_of_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_of_next - dt.timedelta(days=1)


def month_end_balances(balance_model, daily_model, start: dt.date) -> list:
    """The month-end rows from `start`'s month on (the older ones deleted first), as `_ROLL_CASELOAD` computes them.

    Takes the models as arguments so that the migration that creates the table can fill it with its own.
    """
    balance_model.objects.filter(month_end__gte=start).delete()
    previous = balance_model.objects.filter(month_end__lt=start).aggregate(last=Max("month_end"))["last"]
    base = {}
    if previous is not None:
        rows = balance_model.objects.filter(month_end=previous).values_list("key", "team_id", "value")
        base = {(key, team): value for key, team, value in rows}
    monthly = Counter()
    for day, key, team, value in daily_model.objects.filter(figure=Figure.CASELOAD, day__gte=start).values_list(
        "day", "key", "team_id", "value"
    ):
        monthly[(month_end(day), key, team)] += value
    if not monthly:
        return []
    months = [when for when, _key, _team in monthly]
    # With no earlier balance (the migration's fill from the very beginning) the first month is the first counted.
    ends, end = [], month_end(start) if previous is not None else min(months)
    last = max(months)
    while end <= last:
        ends.append(end)
        end = month_end(end + dt.timedelta(days=1))
    rows = []
    for key, team in sorted(set(base) | {(key, team) for _when, key, team in monthly}):
        running = base.get((key, team), 0)
        for end in ends:
            running += monthly.get((end, key, team), 0)
            rows.append(balance_model(month_end=end, key=key, team_id=team, value=running))
    return rows


def _nationalities(person_ids) -> dict[int, str]:
    """person id → the nationality counted: the first established, else the first claimed one."""
    found = {}
    rows = Nationality.objects.filter(foreign_national_id__in=person_ids).order_by("id")
    for person_id, country, status in rows.values_list("foreign_national_id", "country", "status"):
        current = found.get(person_id)
        if current is None or (status == NationalityStatus.ESTABLISHED and current[1] != NationalityStatus.ESTABLISHED):
            found[person_id] = (country, status)
    return {person_id: country for person_id, (country, _status) in found.items()}


def _count_case_events(batch, counts):
    """Turn a batch of case events (in id order) into counts; the tallies remember each case between events."""
    case_ids = {event.case_id for event in batch}
    cases = {
        row["id"]: row
        for row in Case.objects.filter(pk__in=case_ids).values("id", "foreign_national_id", "track", "opened_at")
    }
    nationality = _nationalities({row["foreign_national_id"] for row in cases.values()})
    tallies = CaseTally.objects.in_bulk(case_ids)
    teams = {
        (case_id, assigned_at): team_id
        for case_id, assigned_at, team_id in Assignment.objects.filter(case_id__in=case_ids).values_list(
            "case_id", "assigned_at", "team_id"
        )
    }
    for event in batch:
        case = cases[event.case_id]
        tally = tallies.get(event.case_id)
        if tally is None:
            # A case opened before the counting began (or by a path that wrote no "opened" event) starts here.
            tally = tallies[event.case_id] = CaseTally(
                case_id=event.case_id,
                nationality=nationality.get(case["foreign_national_id"], ""),
                opened_on=_day(case["opened_at"]),
                is_open=False,
            )
        day = _day(event.occurred_at)
        data = event.data or {}
        if event.kind == case_events.CASE_OPENED.code:
            _add(counts, day, Figure.INFLOW, data.get("source", ""))
            if not tally.is_open:
                tally.is_open = True
                _add(counts, day, Figure.CASELOAD, tally.nationality, team_id=tally.team_id)
        elif event.kind == case_events.CASE_ASSIGNED.code:
            team_id = teams.get((event.case_id, event.occurred_at), tally.team_id)
            if team_id != tally.team_id:
                if tally.is_open:
                    _add(counts, day, Figure.CASELOAD, tally.nationality, team_id=tally.team_id, value=-1)
                    _add(counts, day, Figure.CASELOAD, tally.nationality, team_id=team_id)
                tally.team_id = team_id
        elif event.kind == case_events.CASE_PHASE_CHANGED.code and data.get("to") == Phase.CLOSED:
            reason = data.get("closure_reason", "")
            _add(counts, day, Figure.OUTFLOW, reason, data.get("destination_type", ""), tally.team_id)
            if case["track"] == Track.CRIMINAL_JUSTICE:
                _add(counts, day, Figure.OUTFLOW_VRIS, reason, team_id=tally.team_id)
            if reason in DEPARTURE_CLOSURES and data.get("departed_on") and tally.opened_on:
                days = (dt.date.fromisoformat(data["departed_on"]) - tally.opened_on).days
                _add(counts, day, Figure.DURATION, str(max(days, 0)), team_id=tally.team_id)
            if tally.is_open:
                tally.is_open = False
                _add(counts, day, Figure.CASELOAD, tally.nationality, team_id=tally.team_id, value=-1)
        elif event.kind == case_events.CASE_REOPENED.code:
            _add(
                counts,
                day,
                Figure.REOPENED,
                (data.get("closure") or {}).get("closure_reason", ""),
                team_id=tally.team_id,
            )
            if not tally.is_open:
                tally.is_open = True
                _add(counts, day, Figure.CASELOAD, tally.nationality, team_id=tally.team_id)
    CaseTally.objects.bulk_create(
        tallies.values(),
        update_conflicts=True,
        unique_fields=["case_id"],
        update_fields=["nationality", "team_id", "opened_on", "is_open"],
    )


def _count_lp_transitions(batch, counts):
    """The LP table from the dated transitions: submissions, withdrawals, and each request's first answer."""
    for to_state, on, country, response_days in batch:
        if to_state == State.SUBMITTED:
            _add(counts, on, Figure.LP, country, LpCount.SUBMITTED)
        elif to_state == State.WITHDRAWN:
            _add(counts, on, Figure.LP, country, LpCount.WITHDRAWN)
        if response_days is not None:  # only the first answer carries its response time
            if to_state in CONFIRMING_ANSWERS:
                _add(counts, on, Figure.LP, country, LpCount.NATIONALITY_CONFIRMED)
            elif to_state in REFUSING_ANSWERS:
                _add(counts, on, Figure.LP, country, LpCount.NOT_CONFIRMED)
            _add(counts, on, Figure.LP_RESPONSES, country)
            _add(counts, on, Figure.LP_RESPONSE_DAYS, country, value=response_days)


def _count_departure_events(batch, counts):
    """Removals booked, cancelled (by reason) and carried out, and Dublin claims accepted, on the event's day.

    A Dublin transfer is a removal carried out under a plan whose destination is a Dublin state; the plan
    version a removal was booked on never changes, so neither does the count.
    """
    executed = [e.data.get("removal") for e in batch if e.kind == departure_events.REMOVAL_EXECUTED.code]
    destination = dict(Removal.objects.filter(pk__in=executed).values_list("pk", "plan__destination_type"))
    for event in batch:
        day, data = _day(event.occurred_at), event.data or {}
        if event.kind == departure_events.REMOVAL_BOOKED.code:
            _add(counts, day, Figure.REMOVAL_PLANNED, data.get("country", ""))
        elif event.kind == departure_events.REMOVAL_REBOOKED.code:
            _add(counts, day, Figure.REMOVAL_PLANNED, data.get("country", ""), "rebooked")
        elif event.kind == departure_events.REMOVAL_CANCELLED.code:
            rebooked = "rebooked" if data.get("rebooked") else ""
            _add(counts, day, Figure.REMOVAL_CANCELLED, data.get("reason", ""), rebooked)
        elif event.kind == departure_events.REMOVAL_EXECUTED.code:
            _add(
                counts,
                day,
                Figure.REMOVAL_EXECUTED,
                data.get("country", ""),
                destination.get(data.get("removal")) or "",
            )
        elif event.kind == departure_events.DUBLIN_CLAIM_ANSWERED.code and data.get("answer") in _ACCEPTED:
            _add(counts, day, Figure.DUBLIN_ACCEPTED, data.get("member_state", ""))


def _teams_at(events) -> dict:
    """event id → the team that held the event's case at its moment (the assignment in force then; 0: none).

    A case without any assignment row (written before the assignment history, or by a bulk load) counts for
    the team it has.
    """
    case_ids = {event.case_id for event in events}
    held = {}
    rows = Assignment.objects.filter(case_id__in=case_ids).order_by("assigned_at", "id")
    for case_id, assigned_at, team_id in rows.values_list("case_id", "assigned_at", "team_id"):
        held.setdefault(case_id, []).append((assigned_at, team_id))
    unassigned = case_ids - set(held)
    current = dict(Case.objects.filter(pk__in=unassigned).values_list("pk", "team_id")) if unassigned else {}
    teams = {}
    for event in events:
        team = current.get(event.case_id) or 0
        for assigned_at, team_id in held.get(event.case_id, []):
            if assigned_at > event.occurred_at:
                break
            team = team_id
        teams[event.pk] = team
    return teams


def _count_detention_events(batch, counts):
    """Each detention once, by its first court ruling recorded, on the day it was recorded (not the ruling's date).

    The day of recording, so that a ruling entered late counts in the period it was entered in and a period
    already counted never changes; a later ruling of the same detention (on a further appeal) is not counted
    again (`RulingTally` remembers the detentions counted). The team is the one that held the case then.
    """
    rulings = [
        event
        for event in batch
        if (event.data or {}).get("step") == CourtStepKind.RULING
        and event.data.get("ruling") in Ruling.values
        and event.data.get("measure")
    ]
    if not rulings:
        return
    known = set(
        RulingTally.objects.filter(measure_id__in={e.data["measure"] for e in rulings}).values_list(
            "measure_id", flat=True
        )
    )
    teams = _teams_at(rulings)
    tallies = []
    for event in rulings:
        measure = event.data["measure"]
        if measure in known:
            continue
        known.add(measure)
        day, ruling = _day(event.occurred_at), event.data["ruling"]
        tallies.append(RulingTally(measure_id=measure, counted_on=day, ruling=ruling, team_id=teams[event.pk]))
        _add(counts, day, Figure.DETENTION_RULING, ruling, team_id=teams[event.pk])
    RulingTally.objects.bulk_create(tallies)


def _count_complaint_history(batch, counts):
    """Each complaint once, on the day its handling was first recorded in the register (its history's moment).

    On time when the handling date recorded then lies within the term (art. 9:11 Awb, `complaint_due_on`); a
    later correction of the dates, or a handling cleared and recorded again, does not count it again
    (`ComplaintTally` remembers the complaints counted).
    """
    handled = [row for row in batch if row["handled_on"] is not None and row["history_type"] != "-"]
    if not handled:
        return
    known = set(
        ComplaintTally.objects.filter(complaint_id__in={row["id"] for row in handled}).values_list(
            "complaint_id", flat=True
        )
    )
    tallies = []
    for row in handled:
        if row["id"] in known:
            continue
        known.add(row["id"])
        day = _day(row["history_date"])
        on_time = row["handled_on"] <= complaint_due_on(row["received_on"], row["deferred"])
        tallies.append(ComplaintTally(complaint_id=row["id"], counted_on=day, on_time=on_time))
        _add(counts, day, Figure.COMPLAINT_HANDLED, "on_time" if on_time else "late")
    ComplaintTally.objects.bulk_create(tallies)


def _complaint_history_batches(after, up_to):
    history = Complaint.history.model
    while True:
        batch = list(
            history.objects.filter(pk__gt=after, pk__lte=up_to)
            .order_by("pk")
            .values("history_id", "id", "history_date", "history_type", "received_on", "deferred", "handled_on")[
                :BATCH
            ]
        )
        if not batch:
            return
        yield batch
        after = batch[-1]["history_id"]


def _event_batches(kinds):
    def batches(after, up_to):
        while True:
            batch = list(
                CaseEvent.objects.filter(pk__gt=after, pk__lte=up_to, kind__in=kinds)
                .order_by("pk")
                .only("id", "case_id", "kind", "occurred_at", "data")[:BATCH]
            )
            if not batch:
                return
            yield batch
            after = batch[-1].pk

    return batches


def _case_event_batches(after, up_to):
    while True:
        batch = list(
            CaseEvent.objects.filter(pk__gt=after, pk__lte=up_to, kind__in=_KINDS)
            .order_by("pk")
            .only("id", "case_id", "kind", "occurred_at", "data")[:BATCH]
        )
        if not batch:
            return
        yield batch
        after = batch[-1].pk


def _lp_batches(after, up_to):
    while True:
        batch = list(
            RequestTransition.objects.filter(pk__gt=after, pk__lte=up_to)
            .order_by("pk")
            .values_list("pk", "to_state", "on", "country__code", "response_days")[:BATCH]
        )
        if not batch:
            return
        yield [row[1:] for row in batch]
        after = batch[-1][0]


_SOURCES = {
    CASE_EVENTS: (CaseEvent, _case_event_batches, _count_case_events),
    LP_TRANSITIONS: (RequestTransition, _lp_batches, _count_lp_transitions),
    DEPARTURE_EVENTS: (CaseEvent, _event_batches(_DEPARTURE_KINDS), _count_departure_events),
    DETENTION_EVENTS: (CaseEvent, _event_batches((detention_events.COURT_STEP.code,)), _count_detention_events),
    COMPLAINT_HISTORY: (Complaint.history.model, _complaint_history_batches, _count_complaint_history),
}


def _refresh_source(source, *, now, settle=True) -> int:
    model, batches, count = _SOURCES[source]
    with transaction.atomic():
        mark, _created = Watermark.objects.select_for_update().get_or_create(source=source)
        newest = model.objects.aggregate(m=Max("pk"))["m"] or 0
        # Count only what was already seen one run ago (settle): a slower transaction that took a lower
        # id has committed by now. The rebuild runs alone and counts everything at once.
        up_to = mark.seen_up_to if settle else newest
        counted, caseload_from = 0, None
        for batch in batches(mark.counted_up_to, up_to):
            counts = Counter()
            count(batch, counts)
            _write(counts)
            counted += len(batch)
            days = [day for (figure, day, *_rest), value in counts.items() if figure == Figure.CASELOAD and value]
            if days:
                caseload_from = min(days + ([caseload_from] if caseload_from else []))
        if caseload_from:
            # A late change to a past day moves every month end after it: rolled in this same transaction.
            _roll_caseload(caseload_from)
        mark.counted_up_to = max(mark.counted_up_to, up_to)
        mark.seen_up_to = newest
        mark.refreshed_at = now
        mark.save()
    return counted


def _result(counted, started) -> RefreshResult:
    return RefreshResult(
        counted[CASE_EVENTS],
        counted[LP_TRANSITIONS],
        time.monotonic() - started,
        counted[DEPARTURE_EVENTS],
        counted[DETENTION_EVENTS],
        counted[COMPLAINT_HISTORY],
    )


def quality_snapshot_take(*, now):
    """Count the open cases meeting every data-quality rule per team into the current month's rows.

    The rows of the month of `now` are replaced in one transaction; those of a month that has passed are
    never written again, so they keep the count of the month's last run (the figure as it stood at its end).
    """
    current = month_end(timezone.localdate(now))
    rows = [
        QualitySnapshot(month_end=current, team_id=team_id or 0, cases=total, meeting_rules=ok, taken_at=now)
        for team_id, ok, total in open_cases_meeting_rules_per_team()
    ]
    with transaction.atomic():
        QualitySnapshot.objects.filter(month_end=current).delete()
        QualitySnapshot.objects.bulk_create(rows)


def summaries_refresh(*, now, settle=True) -> RefreshResult:
    """Count the events that arrived since the last run into the summary tables (the periodic job).

    `settle=False` counts up to the newest id at once: for a caller that knows no transaction is
    still writing events (a test, the demo seed). Each run also takes the month's data-quality count.
    """
    started = time.monotonic()
    counted = {source: _refresh_source(source, now=now, settle=settle) for source in _SOURCES}
    quality_snapshot_take(now=now)
    return _result(counted, started)


def summaries_rebuild(*, now) -> RefreshResult:
    """Empty the summary tables and count every event again (after a fix of the counting, or a restore).

    The data-quality counts of past month ends are kept: they are no sum of events but what was counted then.
    """
    started = time.monotonic()
    with transaction.atomic():
        DailyCount.objects.all().delete()
        MonthlyCount.objects.all().delete()
        CaseloadBalance.objects.all().delete()
        CaseTally.objects.all().delete()
        RulingTally.objects.all().delete()
        ComplaintTally.objects.all().delete()
        Watermark.objects.all().delete()
        counted = {source: _refresh_source(source, now=now, settle=False) for source in _SOURCES}
    return _result(counted, started)


def summaries_state() -> dict:
    """source → its watermark (for the statistics page: how current the figures are)."""
    return {mark.source: mark for mark in Watermark.objects.all()}
