"""The KPIs of the year plan against their targets, each with its traffic light and its definition."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from detention.constants import Ruling

from .constants import Comparison, Figure, Kpi, Light, OutflowCategory
from .models import QualitySnapshot, Target
from .statistics import (
    DEMONSTRABLE_CATEGORIES,
    DEPARTURE_CATEGORIES,
    OUTFLOW_OF_REASON,
    PeriodCounts,
    _counts,
    outflow_counts,
)

# The figures the KPIs count over a period, read in one statement (`PeriodCounts`).
KPI_FIGURES = (Figure.OUTFLOW, Figure.OUTFLOW_VRIS, Figure.COMPLAINT_HANDLED, Figure.DETENTION_RULING)


@dataclass(frozen=True)
class KpiResult:
    kpi: Kpi
    numerator: int | None
    denominator: int | None
    target: Target | None
    definition: str

    @property
    def percentage(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(100) * self.numerator / self.denominator).quantize(Decimal("0.1"))

    @property
    def light(self) -> Light:
        return traffic_light(self.percentage, self.target)


def traffic_light(percentage, target) -> Light:
    """Green when the target is met (at the target included), amber when missed by less than its margin, else red."""
    if percentage is None or target is None:
        return Light.NONE
    if target.comparison == Comparison.AT_LEAST:
        shortfall = target.percentage - percentage
    else:
        shortfall = percentage - target.percentage
    if shortfall <= 0:
        return Light.GREEN
    return Light.AMBER if shortfall < target.amber_margin else Light.RED


def targets_for(year) -> dict:
    """kpi → the target in force in `year`: that year's, else the latest before it (a plan holds until the next)."""
    found = {}
    for target in Target.objects.filter(year__lte=year).order_by("kpi", "-year"):
        found.setdefault(target.kpi, target)
    return found


def complaints_on_time(period, *, counts=None) -> tuple[int, int]:
    """(handled on time, handled) of the complaints whose handling was first recorded in the period.

    Counted from the register's history into the summaries (`summaries._count_complaint_history`): on the day
    the handling was recorded, so a handling recorded late counts in the period it was recorded in and a
    correction later does not change a period already counted.
    """
    counts = _counts(Figure.COMPLAINT_HANDLED, period, counts=counts)
    on_time = counts.get("on_time", 0)
    return on_time, on_time + counts.get("late", 0)


def lawful_detentions(period, *, team_id=None, counts=None) -> tuple[int, int]:
    """(judged lawful, judged) of the detentions whose first court ruling was recorded in the period.

    Counted from detention's dated court steps into the summaries (`summaries._count_detention_events`);
    `team_id` counts the rulings recorded while that team held the case.
    """
    counts = _counts(Figure.DETENTION_RULING, period, team_id=team_id, counts=counts)
    lawful = counts.get(Ruling.LAWFUL, 0)
    return lawful, lawful + counts.get(Ruling.UNLAWFUL, 0)


@dataclass(frozen=True)
class QualityCount:
    meeting_rules: int | None
    cases: int | None
    taken_at: dt.datetime | None


def data_quality_at_end(period, *, team_id=None) -> QualityCount:
    """The data-quality count as it stood at the period's end: the last one the refresh job took before it.

    `QualitySnapshot` keeps per month end the count of the month's last run, so a past year reads its count of
    31 December, and a period that has not ended yet the latest count. None when nothing was counted before.
    """
    # The start of the period's first day after it, on the local clock (the day a figure counts on).
    end = timezone.make_aware(dt.datetime.combine(period.ends_on, dt.time.min))
    rows = QualitySnapshot.objects.filter(taken_at__lt=end)
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    last = rows.aggregate(last=Max("month_end"))["last"]
    if last is None:
        return QualityCount(None, None, None)
    found = rows.filter(month_end=last).aggregate(ok=Sum("meeting_rules"), total=Sum("cases"), at=Max("taken_at"))
    return QualityCount(found["ok"] or 0, found["total"] or 0, found["at"])


def _quality_definition(count: QualityCount) -> str:
    rules = _("The rules are listed below and on each case file.")
    if count.taken_at is None:
        return _(
            "Open cases that meet every data-quality rule, as counted at the end of the period; no count was taken "
            "before the period ended. %(rules)s"
        ) % {"rules": rules}
    return _(
        "Open cases that meet every data-quality rule, as counted at the end of the period: the refresh job counts "
        "them on every run and keeps each month's last count, and this is the last count before the period ended "
        "(%(moment)s). A case corrected later does not change it. %(rules)s"
    ) % {"moment": formats.date_format(timezone.localtime(count.taken_at), "j F Y H:i"), "rules": rules}


def kpi_results(period) -> list[KpiResult]:
    """Every KPI of the year plan for the period (the targets of the period's first year)."""
    targets = targets_for(period.starts_on.year)
    counts = PeriodCounts(period, KPI_FIGURES)
    outflow = outflow_counts(period, counts=counts)
    total = sum(outflow.values())
    demonstrable = sum(outflow[c] for c in DEMONSTRABLE_CATEGORIES)
    departures = sum(outflow[c] for c in DEPARTURE_CATEGORIES)
    vris = {}
    for reason, n in _counts(Figure.OUTFLOW_VRIS, period, counts=counts).items():
        category = OUTFLOW_OF_REASON.get(reason, OutflowCategory.OTHER)
        vris[category] = vris.get(category, 0) + n
    on_time, complaints = complaints_on_time(period, counts=counts)
    quality = data_quality_at_end(period)
    lawful, judged = lawful_detentions(period, counts=counts)
    return [
        KpiResult(
            Kpi.DEMONSTRABLE_DEPARTURE,
            demonstrable,
            total,
            targets.get(Kpi.DEMONSTRABLE_DEPARTURE),
            _("Forced and independent demonstrable departures as a share of all closures in the period."),
        ),
        KpiResult(
            Kpi.UNKNOWN_DESTINATION,
            outflow[OutflowCategory.UNSUPERVISED],
            departures,
            targets.get(Kpi.UNKNOWN_DESTINATION),
            _(
                "Departures without supervision (destination unknown) as a share of all departures closed in the "
                "period."
            ),
        ),
        KpiResult(
            Kpi.VRIS_DEMONSTRABLE,
            sum(vris.get(c, 0) for c in DEMONSTRABLE_CATEGORIES),
            sum(vris.values()),
            targets.get(Kpi.VRIS_DEMONSTRABLE),
            _(
                "Of the cases in the criminal-justice chain (track VRIS) closed in the period, the share that "
                "departed demonstrably."
            ),
        ),
        KpiResult(
            Kpi.LAWFUL_DETENTION,
            lawful,
            judged,
            targets.get(Kpi.LAWFUL_DETENTION),
            _(
                "Of the detentions (art. 59 Vw 2000) whose first court ruling (art. 94 Vw 2000) was recorded in the "
                "period, the share the court judged lawful. Counted from the event “court” on the day the ruling "
                "was recorded, not on the ruling's date, so that a ruling recorded late counts in the period it "
                "was recorded in and a period already counted never changes; a further appeal does not count the "
                "detention again."
            ),
        ),
        KpiResult(
            Kpi.COMPLAINTS_ON_TIME,
            on_time,
            complaints,
            targets.get(Kpi.COMPLAINTS_ON_TIME),
            _(
                "Of the complaints whose handling was recorded in the register in the period, the share handled "
                "within the term (six weeks, ten when deferred: art. 9:11 Awb). Counted from the register's history "
                "on the day the handling was first recorded, with the dates then recorded: a handling recorded late "
                "counts in the period it was recorded in, a later correction does not count the complaint again, "
                "and a complaint not yet handled counts once it is."
            ),
        ),
        KpiResult(
            Kpi.DATA_QUALITY,
            quality.meeting_rules,
            quality.cases,
            targets.get(Kpi.DATA_QUALITY),
            _quality_definition(quality),
        ),
    ]
