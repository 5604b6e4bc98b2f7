"""Statistics per period, read from the summary tables (never from today's state of a case).

Each function gives a `Table` with its definition: what is counted, from which event, on which date.
A period is `starts_on` up to and excluding `ends_on`, in days of Europe/Amsterdam.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Sum
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.constants import ClosureReason, DestinationType, Source
from cases.countries import country_name
from departures.constants import CancellationReason
from laissezpasser.statistics import response_times

from .constants import Figure, InflowSource, LpCount, OutflowCategory
from .models import CaseloadBalance, DailyCount, MonthlyCount
from .tables import Column, Table

# The published inflow columns: self-registration is "other" (Stand van de uitvoering).
INFLOW_OF_SOURCE = {
    Source.IND: InflowSource.IND,
    Source.POLICE: InflowSource.POLICE,
    Source.KMAR: InflowSource.KMAR,
    Source.SELF_REGISTRATION: InflowSource.OTHER,
    Source.OTHER: InflowSource.OTHER,
}
OUTFLOW_OF_REASON = {
    ClosureReason.DEPARTED_FORCED: OutflowCategory.FORCED,
    ClosureReason.DEPARTED_INDEPENDENTLY: OutflowCategory.INDEPENDENT,
    ClosureReason.DEPARTED_UNSUPERVISED: OutflowCategory.UNSUPERVISED,
    ClosureReason.ASYLUM_APPLICATION: OutflowCategory.ASYLUM_APPLICATION,
    ClosureReason.RESIDENCE_PERMIT: OutflowCategory.RESIDENCE_PERMIT,
    ClosureReason.DECEASED: OutflowCategory.OTHER,
    ClosureReason.OTHER: OutflowCategory.OTHER,
}
DEMONSTRABLE_CATEGORIES = (OutflowCategory.FORCED, OutflowCategory.INDEPENDENT)
DEPARTURE_CATEGORIES = (*DEMONSTRABLE_CATEGORIES, OutflowCategory.UNSUPERVISED)


LP_FIGURES = (Figure.LP, Figure.LP_RESPONSES, Figure.LP_RESPONSE_DAYS)
REMOVAL_FIGURES = (Figure.REMOVAL_PLANNED, Figure.REMOVAL_CANCELLED, Figure.REMOVAL_EXECUTED)
DUBLIN_FIGURES = (Figure.DUBLIN_ACCEPTED, Figure.REMOVAL_EXECUTED)
# What the statistics page counts over a period (the caseload on a day reads the month-end balances instead).
PERIOD_FIGURES = (
    Figure.INFLOW,
    Figure.OUTFLOW,
    Figure.DURATION,
    *LP_FIGURES,
    *REMOVAL_FIGURES,
    Figure.DUBLIN_ACCEPTED,
)


@dataclass(frozen=True)
class Period:
    starts_on: dt.date
    ends_on: dt.date  # exclusive

    @classmethod
    def year(cls, year):
        return cls(dt.date(year, 1, 1), dt.date(year + 1, 1, 1))

    @property
    def last_day(self):
        return self.ends_on - dt.timedelta(days=1)

    def __str__(self):
        return f"{formats.date_format(self.starts_on, 'j F Y')} – {formats.date_format(self.last_day, 'j F Y')}"


def _first_of_next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


class PeriodCounts:
    """The national counts of several figures over a period, read in one statement: (figure, key, key2) → value.

    The months the period covers whole are read from `MonthlyCount` (a month's national total), the days of a
    month it covers only in part from `DailyCount`: a year reads twelve month rows per figure and key, however
    many events and teams were counted. `get` gives what `_counts` gives for one figure.
    """

    def __init__(self, period, figures):
        self.period, self.figures = period, tuple(figures)
        self._rows = _period_rows(period, self.figures) if self.figures else {}

    def get(self, figure, by=("key",)) -> dict:
        if figure not in self.figures:
            raise KeyError(f"{figure} was not fetched for this period")
        found = {}
        for (row_figure, key, key2), n in self._rows.items():
            if row_figure != figure:
                continue
            cells = {"key": key, "key2": key2}
            name = tuple(cells[column] for column in by) if len(by) > 1 else cells[by[0]]
            found[name] = found.get(name, 0) + n
        return found


def _period_rows(period, figures) -> dict:
    """(figure, key, key2) → the sum over the period: whole months from MonthlyCount, the other days from DailyCount."""
    monthly, daily = MonthlyCount._meta.db_table, DailyCount._meta.db_table
    first_whole = period.starts_on if period.starts_on.day == 1 else _first_of_next_month(period.starts_on)
    end_whole = period.ends_on.replace(day=1)  # months from first_whole up to (excluding) end_whole lie inside
    listed = ", ".join(["%s"] * len(figures))
    parts, params = [], []
    days = [(period.starts_on, period.ends_on)]
    if first_whole < end_whole:
        parts.append(
            f"SELECT figure, key, key2, value FROM {monthly} WHERE figure IN ({listed}) AND month >= %s AND month < %s"  # noqa: S608  # nosec B608 (our table name; values are parameters)
        )
        params += [*figures, first_whole, end_whole]
        days = [(period.starts_on, first_whole), (end_whole, period.ends_on)]
    for first, end in days:
        if first < end:
            parts.append(
                f"SELECT figure, key, key2, value FROM {daily} WHERE figure IN ({listed}) AND day >= %s AND day < %s"  # noqa: S608  # nosec B608 (our table name; values are parameters)
            )
            params += [*figures, first, end]
    union = " UNION ALL ".join(parts)
    sql = f"SELECT figure, key, key2, SUM(value) FROM ({union}) AS counted GROUP BY figure, key, key2"  # noqa: S608  # nosec B608 (our SQL; values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(figure, key, key2): int(n) for figure, key, key2, n in cursor.fetchall()}


def _counts(figure, period, *, team_id=None, by=("key",), counts=None):
    """key (or the tuple of the `by` columns) → the figure's count over the period, nationally or of one team.

    National counts come from `counts` when the caller fetched them together (`PeriodCounts`), else from a
    `PeriodCounts` of this one figure; a team's from its daily rows (the month totals are national).
    """
    if team_id is None:
        return (counts if counts is not None else PeriodCounts(period, [figure])).get(figure, by)
    rows = DailyCount.objects.filter(figure=figure, day__gte=period.starts_on, day__lt=period.ends_on, team_id=team_id)
    return {
        tuple(row[name] for name in by) if len(by) > 1 else row[by[0]]: row["n"]
        for row in rows.values(*by).annotate(n=Sum("value")).order_by()
    }


def _share(part, whole):
    return round(100 * part / whole, 1) if whole else None


def inflow(period, *, team_id=None, counts=None) -> Table:
    """Cases opened in the period by the source of the handover that opened them."""
    counts = _counts(Figure.INFLOW, period, counts=counts)
    per = dict.fromkeys(InflowSource, 0)
    for source, n in counts.items():
        per[INFLOW_OF_SOURCE.get(source, InflowSource.OTHER)] += n
    rows = [[str(column.label), per[column]] for column in InflowSource]
    return Table(
        key="inflow",
        title=_("Inflow by source"),
        definition=_(
            "Cases opened in the period, counted on the day of the event “case opened” (the handover "
            "that opened the case), by the handover's source. Self-registration counts as other. A handover "
            "added to a case that was already open is no inflow."
        ),
        columns=[Column("source", _("Source")), Column("cases", _("Cases"), numeric=True)],
        rows=rows,
        total=[_("Total"), sum(per.values())],
    )


def outflow_counts(period, *, team_id=None, counts=None) -> dict:
    """OutflowCategory → closures in the period (the KPIs read these too)."""
    per = dict.fromkeys(OutflowCategory, 0)
    for reason, n in _counts(Figure.OUTFLOW, period, team_id=team_id, counts=counts).items():
        per[OUTFLOW_OF_REASON.get(reason, OutflowCategory.OTHER)] += n
    return per


_OUTFLOW_DEFINITION = gettext_lazy(
    "Closures registered in the period, counted on the day of the event “phase changed” to closed, "
    "by the closure reason then recorded; a case closed, reopened and closed again counts in each period it "
    "was closed in, and reopening does not change a period already counted."
)


def outflow(period, *, team_id=None, counts=None) -> Table:
    """Closures in the period by outflow category."""
    per = outflow_counts(period, team_id=team_id, counts=counts)
    total = sum(per.values())
    return Table(
        key="outflow",
        title=_("Outflow by category"),
        definition=str(_OUTFLOW_DEFINITION),
        columns=[
            Column("category", _("Category")),
            Column("cases", _("Cases"), numeric=True),
            Column("share", _("Share of outflow (%)"), numeric=True),
        ],
        rows=[[str(category.label), per[category], _share(per[category], total)] for category in OutflowCategory],
        total=[_("Total"), total, 100.0 if total else None],
    )


def destinations(period, *, team_id=None, counts=None) -> Table:
    """Demonstrable departures in the period by destination: country of origin, Dublin state, other country."""
    counts = _counts(Figure.OUTFLOW, period, team_id=team_id, by=("key", "key2"), counts=counts)
    per = dict.fromkeys(DestinationType, 0)
    for (reason, destination), n in counts.items():
        if reason in (ClosureReason.DEPARTED_FORCED, ClosureReason.DEPARTED_INDEPENDENTLY) and destination in per:
            per[destination] += n
    total = sum(per.values())
    return Table(
        key="destinations",
        title=_("Demonstrable departures by destination"),
        definition=_(
            "Demonstrable departures (forced or independent) closed in the period, by the destination type "
            "recorded at the closure."
        ),
        columns=[
            Column("destination", _("Destination")),
            Column("cases", _("Cases"), numeric=True),
            Column("share", _("Share (%)"), numeric=True),
        ],
        rows=[[str(d.label), per[d], _share(per[d], total)] for d in DestinationType],
        total=[_("Total"), total, 100.0 if total else None],
    )


def caseload_counts(on, *, team_id=None) -> dict:
    """nationality → open cases at the end of day `on`: the last month-end balance plus the changes after it."""
    balance, daily = CaseloadBalance._meta.db_table, DailyCount._meta.db_table
    team = "AND team_id = %(team)s" if team_id is not None else ""
    # One statement that reads one month end and at most a month of daily changes, however long the history.
    sql = f"""
        WITH last AS (SELECT max(month_end) AS month_end FROM {balance} WHERE month_end <= %(on)s)
        SELECT key, sum(value) FROM (
            SELECT key, value FROM {balance} WHERE month_end = (SELECT month_end FROM last) {team}
            UNION ALL
            SELECT key, value FROM {daily} WHERE figure = %(figure)s {team} AND day <= %(on)s
                AND day > coalesce((SELECT month_end FROM last), %(floor)s)
        ) AS changes GROUP BY key
    """  # noqa: S608  # nosec B608 (our table names; values are parameters)
    with connection.cursor() as cursor:
        # The floor is a parameter, not PostgreSQL's '-infinity'::date, so the demo's SQLite runs it too.
        cursor.execute(sql, {"on": on, "team": team_id, "figure": Figure.CASELOAD, "floor": dt.date.min})
        return {key: n for key, n in cursor.fetchall() if n}


def caseload(on, *, team_id=None, top=10) -> Table:
    """The caseload at the end of a day and its top nationalities."""
    counts = caseload_counts(on, team_id=team_id)
    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    return Table(
        key="caseload",
        title=_("Caseload on %(date)s: top %(top)s nationalities")
        % {"date": formats.date_format(on, "j F Y"), "top": top},
        definition=_(
            "Cases open at the end of the day: every case opened or reopened up to that day, less every case "
            "closed up to that day, counted from those events. The nationality is the one recorded when the "
            "case was first counted (the first established, else the first claimed)."
        ),
        columns=[
            Column("nationality", _("Nationality")),
            Column("cases", _("Cases"), numeric=True),
            Column("share", _("Share of caseload (%)"), numeric=True),
        ],
        rows=[[country_name(code) if code else _("Unknown"), n, _share(n, total)] for code, n in ranked],
        total=[_("Total caseload"), total, 100.0 if total else None],
    )


def lp_table(period, *, counts=None) -> Table:
    """The published LP table per country: submitted, withdrawn, nationality (not) confirmed, mean response days."""
    fetched = counts if counts is not None else PeriodCounts(period, LP_FIGURES)
    counts = _counts(Figure.LP, period, by=("key", "key2"), counts=fetched)
    responses = _counts(Figure.LP_RESPONSES, period, counts=fetched)
    days = _counts(Figure.LP_RESPONSE_DAYS, period, counts=fetched)
    countries = sorted({country for country, _column in counts} | set(responses), key=lambda c: country_name(c))
    rows, totals = [], dict.fromkeys(LpCount, 0)
    for country in countries:
        cells = [counts.get((country, column), 0) for column in LpCount]
        for column, n in zip(LpCount, cells, strict=True):
            totals[column] += n
        mean = round(days.get(country, 0) / responses[country], 1) if responses.get(country) else None
        rows.append([country_name(country), *cells, mean])
    all_responses = sum(responses.values())
    return Table(
        key="laissez_passer",
        title=_("Travel-document (LP) requests per country"),
        definition=_(
            "Counted from the dated transitions of the requests: submitted and withdrawn on the transition's "
            "date; nationality confirmed (also identity confirmed or an LP issued) and not confirmed (not a "
            "national, cannot be established) on the date of the request's first answer; the mean response time "
            "is the mean of the days from submission to that first answer, over the first answers in the period."
        ),
        columns=[
            Column("country", _("Country")),
            *[Column(column.value, str(column.label), numeric=True) for column in LpCount],
            Column("mean_response_days", _("Mean days to the first answer"), numeric=True),
        ],
        rows=rows,
        total=[
            _("Total"),
            *totals.values(),
            round(sum(days.values()) / all_responses, 1) if all_responses else None,
        ],
    )


def durations(period, *, team_id=None, counts=None) -> Table:
    """Days from intake to departure of the departures closed in the period: median and spread."""
    histogram = _counts(Figure.DURATION, period, team_id=team_id, counts=counts)
    values = [int(days) for days, n in histogram.items() for _i in range(n)]
    summary = response_times(values)
    return Table(
        key="durations",
        title=_("Days from intake to departure"),
        definition=_(
            "For each departure (forced, independent, without supervision) closed in the period: the days from the "
            "day the case was opened to the departure date recorded at the closure. Median and quartiles are "
            "continuous percentiles."
        ),
        columns=[Column("measure", _("Measure")), Column("days", _("Days"), numeric=True)],
        rows=[
            [_("Departures"), summary.count],
            [_("Median"), summary.median],
            [_("First quartile"), summary.q1],
            [_("Third quartile"), summary.q3],
            [_("Shortest"), summary.minimum],
            [_("Longest"), summary.maximum],
        ],
    )


def removals(period, *, counts=None) -> Table:
    """Removals booked (rebookings apart), cancelled and carried out in the period, each on its event's day."""
    fetched = counts if counts is not None else PeriodCounts(period, REMOVAL_FIGURES)
    planned = _counts(Figure.REMOVAL_PLANNED, period, by=("key2",), counts=fetched)
    cancelled = _counts(Figure.REMOVAL_CANCELLED, period, by=("key2",), counts=fetched)
    executed = sum(_counts(Figure.REMOVAL_EXECUTED, period, counts=fetched).values())
    booked, rebooked = planned.get("", 0), planned.get("rebooked", 0)
    return Table(
        key="removals",
        title=_("Planned removals"),
        definition=_(
            "Counted from the departures' dated events: removals booked (the event “removal booked”) and rebooked "
            "(“removal rebooked”: a new flight for a cancelled one) on the day they were booked; cancellations on "
            "the day of the event “removal cancelled”, a rebooking included; removals carried out on the day the "
            "departure was recorded. A later change to a removal adds to the day of that change."
        ),
        columns=[Column("measure", _("Removals")), Column("count", _("Number"), numeric=True)],
        rows=[
            [_("Booked"), booked],
            [_("Rebooked"), rebooked],
            [_("Cancelled (any reason)"), sum(cancelled.values())],
            [_("of which to be rebooked"), cancelled.get("rebooked", 0)],
            [_("Carried out"), executed],
        ],
        total=[_("Planned in the period"), booked + rebooked],
    )


def cancellations(period, *, counts=None) -> Table:
    """Removals cancelled in the period by the reason code recorded with the cancellation."""
    counts = _counts(Figure.REMOVAL_CANCELLED, period, counts=counts)
    total = sum(counts.values())
    return Table(
        key="cancellations",
        title=_("Cancelled removals by reason"),
        definition=_(
            "Removals cancelled in the period (a cancellation to rebook included), counted on the day of the event "
            "“removal cancelled”, by the reason code then recorded (the Inspectie's categories)."
        ),
        columns=[
            Column("reason", _("Reason")),
            Column("cancelled", _("Cancelled"), numeric=True),
            Column("share", _("Share (%)"), numeric=True),
        ],
        rows=[
            [str(reason.label), counts.get(reason, 0), _share(counts.get(reason, 0), total)]
            for reason in CancellationReason
        ],
        total=[_("Total"), total, 100.0 if total else None],
    )


def dublin_transfers(period, *, counts=None) -> Table:
    """Dublin transfers carried out against the claims accepted in the period, per Member State."""
    fetched = counts if counts is not None else PeriodCounts(period, DUBLIN_FIGURES)
    accepted = _counts(Figure.DUBLIN_ACCEPTED, period, counts=fetched)
    transferred = {}
    for (state, destination), n in _counts(Figure.REMOVAL_EXECUTED, period, by=("key", "key2"), counts=fetched).items():
        if destination == DestinationType.DUBLIN_STATE:
            transferred[state] = transferred.get(state, 0) + n
    states = sorted(set(accepted) | set(transferred), key=country_name)
    total_accepted, total_transferred = sum(accepted.values()), sum(transferred.values())
    return Table(
        key="dublin_transfers",
        title=_("Dublin transfers against transferable claimants"),
        definition=_(
            "Transferable claimants: Dublin claims accepted, explicitly or tacitly, counted on the day the "
            "acceptance was recorded (the event “Dublin answer”), by the Member State. Transfers: removals carried "
            "out under a departure plan with a Dublin state as destination, on the day the departure was recorded. "
            "A transfer need not fall in the period of its acceptance."
        ),
        columns=[
            Column("member_state", _("Member State")),
            Column("accepted", _("Claims accepted"), numeric=True),
            Column("transferred", _("Transferred"), numeric=True),
            Column("share", _("Transfers per acceptance (%)"), numeric=True),
        ],
        rows=[
            [
                country_name(state),
                accepted.get(state, 0),
                transferred.get(state, 0),
                _share(transferred.get(state, 0), accepted.get(state, 0)),
            ]
            for state in states
        ],
        total=[_("Total"), total_accepted, total_transferred, _share(total_transferred, total_accepted)],
    )


def period_tables(period, *, on=None) -> list[Table]:
    """Every statistic of the period, in the order the page shows them (the figure registry adds the apps').

    The counts of every figure are read in one statement (`PeriodCounts`) and handed to each table.
    """
    from .registry import period_figures

    counts = PeriodCounts(period, PERIOD_FIGURES)
    tables = [
        inflow(period, counts=counts),
        outflow(period, counts=counts),
        destinations(period, counts=counts),
        caseload(on or period.last_day),
        lp_table(period, counts=counts),
        durations(period, counts=counts),
    ]
    for figure in period_figures():
        tables.extend(figure.tables(period, counts))
    return tables
