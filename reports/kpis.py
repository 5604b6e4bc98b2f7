"""The KPIs of the year plan against their targets, each with its traffic light and its definition."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from detention.selectors import lawful_rate

from .constants import Comparison, Figure, Kpi, Light, OutflowCategory
from .models import COMPLAINT_DEFERRAL_WEEKS, COMPLAINT_TERM_WEEKS, Complaint, Target
from .quality import open_cases_meeting_rules
from .statistics import DEMONSTRABLE_CATEGORIES, DEPARTURE_CATEGORIES, OUTFLOW_OF_REASON, _counts, outflow_counts


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


def complaints_on_time(period) -> tuple[int, int]:
    """(handled on time, counted) of the complaints whose handling term ended in the period.

    Counted in the period the term ends, whenever the complaint is handled: a late handling later does
    not change a period already reported.
    """
    deferral = dt.timedelta(weeks=COMPLAINT_DEFERRAL_WEEKS)
    term = dt.timedelta(weeks=COMPLAINT_TERM_WEEKS)
    # received_on + term (+ deferral) lies in the period: two ranges of received_on, one query.
    complaints = Complaint.objects.filter(
        Q(deferred=False, received_on__gte=period.starts_on - term, received_on__lt=period.ends_on - term)
        | Q(
            deferred=True,
            received_on__gte=period.starts_on - term - deferral,
            received_on__lt=period.ends_on - term - deferral,
        )
    ).only("received_on", "deferred", "handled_on")
    on_time = counted = 0
    for complaint in complaints:
        counted += 1
        on_time += complaint.handled_on is not None and complaint.handled_on <= complaint.due_on
    return on_time, counted


def kpi_results(period) -> list[KpiResult]:
    """Every KPI of the year plan for the period (the targets of the period's first year)."""
    targets = targets_for(period.starts_on.year)
    outflow = outflow_counts(period)
    total = sum(outflow.values())
    demonstrable = sum(outflow[c] for c in DEMONSTRABLE_CATEGORIES)
    departures = sum(outflow[c] for c in DEPARTURE_CATEGORIES)
    vris = {}
    for reason, n in _counts(Figure.OUTFLOW_VRIS, period).items():
        category = OUTFLOW_OF_REASON.get(reason, OutflowCategory.OTHER)
        vris[category] = vris.get(category, 0) + n
    on_time, complaints = complaints_on_time(period)
    quality_ok, quality_total = open_cases_meeting_rules()
    lawful = lawful_rate(period.starts_on, period.ends_on)
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
            lawful.lawful,
            lawful.judged,
            targets.get(Kpi.LAWFUL_DETENTION),
            _(
                "Of the detentions (art. 59 Vw 2000) whose first court ruling (art. 94 Vw 2000) is dated in the "
                "period, the share the court judged lawful; a further appeal does not count the detention again."
            ),
        ),
        KpiResult(
            Kpi.COMPLAINTS_ON_TIME,
            on_time,
            complaints,
            targets.get(Kpi.COMPLAINTS_ON_TIME),
            _(
                "Complaints whose handling term (six weeks, ten when deferred: art. 9:11 Awb) ended in the period; "
                "on time when handled by the term's last day, whenever the handling was recorded."
            ),
        ),
        KpiResult(
            Kpi.DATA_QUALITY,
            quality_ok,
            quality_total,
            targets.get(Kpi.DATA_QUALITY),
            _("Open cases now that meet every data-quality rule (the rules are listed below and on each case file)."),
        ),
    ]
