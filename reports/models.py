"""What reports owns: summary tables counted from events, KPI targets, the complaints register.

No case data lives here: the summaries hold counts per day (and `CaseTally` the few facts the counting
must remember of a case between its events, so that a later change to the case cannot change a past
count); the complaints register names no person.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dtv.core.pdf import RenderState

from .constants import Comparison, Figure, Kpi

# Awb art. 9:11 lid 1: a complaint is handled within six weeks of receipt; lid 2: deferred by at most four.
COMPLAINT_TERM_WEEKS = 6
COMPLAINT_DEFERRAL_WEEKS = 4


def complaint_due_on(received_on: dt.date, deferred: bool) -> dt.date:
    """The last day of a complaint's handling term (art. 9:11 Awb: six weeks, plus four when deferred)."""
    return received_on + dt.timedelta(weeks=COMPLAINT_TERM_WEEKS + (COMPLAINT_DEFERRAL_WEEKS if deferred else 0))


class DailyCount(models.Model):
    """How many of a figure's events fell on a day, per key, key2 and team (0: no team)."""

    day = models.DateField(_("day"))
    figure = models.CharField(_("figure"), max_length=30, choices=Figure.choices)
    key = models.CharField(_("key"), max_length=60, blank=True)
    key2 = models.CharField(_("second key"), max_length=60, blank=True)
    # A plain number, not a foreign key: 0 stands for "no team" (the national intake) in the unique key.
    team_id = models.IntegerField(_("team"), default=0)
    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(fields=["figure", "day", "key", "key2", "team_id"], name="dailycount_once"),
        ]

    def __str__(self):
        return f"{self.figure} {self.day} {self.key}/{self.key2} team {self.team_id}: {self.value}"


class MonthlyCount(models.Model):
    """A figure's daily counts of a month summed over the days and every team: the national month total.

    Written with `DailyCount` by `summaries._write` in the same statement batch (an upsert adds to the row), so
    it always equals the sum of the month's daily rows. The statistics of a period read its whole months here
    and only the days of a month it covers in part from `DailyCount`: a year is twelve months of a few rows each
    per figure, however many events and teams there are.
    """

    month = models.DateField(_("month"))  # its first day
    figure = models.CharField(_("figure"), max_length=30, choices=Figure.choices)
    key = models.CharField(_("key"), max_length=60, blank=True)
    key2 = models.CharField(_("second key"), max_length=60, blank=True)
    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("monthly count")
        verbose_name_plural = _("monthly counts")
        constraints = [
            models.UniqueConstraint(fields=["figure", "month", "key", "key2"], name="monthlycount_once"),
        ]

    def __str__(self):
        return f"{self.figure} {self.month:%Y-%m} {self.key}/{self.key2}: {self.value}"


class CaseloadBalance(models.Model):
    """The caseload at the end of a month, per nationality and team: the sum of every caseload change up to it.

    Derived from `DailyCount` by `summaries._roll_caseload` in the transaction that writes the changes (from
    the first month a change fell in up to the newest), so the caseload on a day reads one month end and at
    most a month of daily changes after it, however long the history.
    """

    month_end = models.DateField(_("month end"))
    key = models.CharField(_("nationality"), max_length=60, blank=True)
    team_id = models.IntegerField(_("team"), default=0)
    value = models.BigIntegerField(_("open cases"), default=0)

    class Meta:
        verbose_name = _("caseload at a month end")
        verbose_name_plural = _("caseloads at month ends")
        constraints = [
            models.UniqueConstraint(fields=["month_end", "key", "team_id"], name="caseloadbalance_once"),
        ]

    def __str__(self):
        return f"{self.month_end} {self.key} team {self.team_id}: {self.value}"


class CaseTally(models.Model):
    """What the counting remembers of a case between its events (reports' own summary, no personal data)."""

    case_id = models.BigIntegerField(_("case"), primary_key=True)
    nationality = models.CharField(_("nationality counted"), max_length=3, blank=True)
    team_id = models.IntegerField(_("team"), default=0)
    opened_on = models.DateField(_("opened on"), null=True)
    is_open = models.BooleanField(_("open"), default=False)

    class Meta:
        verbose_name = _("case tally")
        verbose_name_plural = _("case tallies")

    def __str__(self):
        return f"{self.case_id}: {'open' if self.is_open else 'closed'}"


class RulingTally(models.Model):
    """A detention the lawful-detention KPI has counted, by its first court ruling recorded: never counted twice."""

    measure_id = models.BigIntegerField(_("detention measure"), primary_key=True)
    counted_on = models.DateField(_("counted on"))
    ruling = models.CharField(_("ruling"), max_length=10)
    team_id = models.IntegerField(_("team"), default=0)

    class Meta:
        verbose_name = _("detention counted by its first ruling")
        verbose_name_plural = _("detentions counted by their first ruling")

    def __str__(self):
        return f"{self.measure_id}: {self.ruling} ({self.counted_on})"


class ComplaintTally(models.Model):
    """A complaint the KPI "handled on time" has counted, on the day its handling was first recorded."""

    complaint_id = models.BigIntegerField(_("complaint"), primary_key=True)
    counted_on = models.DateField(_("counted on"))
    on_time = models.BooleanField(_("handled on time"))

    class Meta:
        verbose_name = _("complaint counted")
        verbose_name_plural = _("complaints counted")

    def __str__(self):
        return f"{self.complaint_id}: {'on time' if self.on_time else 'late'} ({self.counted_on})"


class QualitySnapshot(models.Model):
    """The open cases of a team and how many meet every data-quality rule, as the refresh job last counted them.

    One row per month end and team: each run of the refresh job replaces the rows of the current month, so once
    a month has passed its rows hold the count as it stood at its end (the last run before midnight) and never
    change again. The annual report scores the KPI on the year's last month end. Not derived from events: a
    rebuild of the summaries keeps these rows.
    """

    month_end = models.DateField(_("month end"))
    team_id = models.IntegerField(_("team"), default=0)
    cases = models.IntegerField(_("open cases"), default=0)
    meeting_rules = models.IntegerField(_("open cases meeting every rule"), default=0)
    taken_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("data-quality count at a month end")
        verbose_name_plural = _("data-quality counts at month ends")
        constraints = [models.UniqueConstraint(fields=["month_end", "team_id"], name="qualitysnapshot_once")]

    def __str__(self):
        return f"{self.month_end} team {self.team_id}: {self.meeting_rules}/{self.cases}"


class Watermark(models.Model):
    """How far the summaries have counted a source of events (by id), with the id seen one run before.

    An id is counted only once a whole run has passed since it was first seen: a transaction that took
    its id before a later one but committed after it is then visible (see docs/architecture.md).
    """

    source = models.CharField(_("source"), max_length=30, unique=True)
    counted_up_to = models.BigIntegerField(_("counted up to id"), default=0)
    seen_up_to = models.BigIntegerField(_("seen up to id"), default=0)
    refreshed_at = models.DateTimeField(_("refreshed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("watermark")
        verbose_name_plural = _("watermarks")

    def __str__(self):
        return f"{self.source}: {self.counted_up_to}"


class Target(models.Model):
    """A KPI's target for a year (reference data: the year plan)."""

    kpi = models.CharField(_("KPI"), max_length=30, choices=Kpi.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    comparison = models.CharField(_("comparison"), max_length=10, choices=Comparison.choices)
    percentage = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2)
    # Below the target by less than this many points is amber, not red.
    amber_margin = models.DecimalField(_("amber margin (points)"), max_digits=5, decimal_places=2, default=5)
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        ordering = ["kpi", "-year"]
        constraints = [models.UniqueConstraint(fields=["kpi", "year"], name="target_once_per_year")]

    def __str__(self):
        return f"{self.get_kpi_display()} {self.year}: {self.get_comparison_display()} {self.percentage}%"


class Complaint(models.Model):
    """A complaint of a foreign national or their representative (Awb chapter 9), without personal data."""

    reference = models.CharField(_("reference"), max_length=50, unique=True)
    received_on = models.DateField(_("received on"))
    subject = models.CharField(_("subject"), max_length=300)
    deferred = models.BooleanField(
        _("handling deferred"),
        default=False,
        help_text=_("Deferred by at most four weeks in writing (art. 9:11 lid 2 Awb)."),
    )
    handled_on = models.DateField(_("handled on"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    # Every change is kept with its moment: the KPI counts a complaint on the day its handling was recorded
    # (summaries: the source "complaint_history"), so a later correction cannot change a period already counted.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_on", "-id"]
        permissions = [
            ("view_reports", _("Can view statistics, KPIs and exports")),
            ("view_national_dashboard", _("Can view the national dashboard (figures without personal data)")),
        ]

    def __str__(self):
        return self.reference

    @property
    def due_on(self) -> dt.date:
        """The last day of the handling term (art. 9:11 Awb: six weeks, plus four when deferred)."""
        return complaint_due_on(self.received_on, self.deferred)


class AnnualReport(models.Model):
    """One rendering of the annual "Stand van de uitvoering" of a year's figures: its progress and its stored PDF."""

    year = models.PositiveSmallIntegerField(_("year"))
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    render_state = models.CharField(
        _("PDF"), max_length=12, choices=RenderState.choices, default=RenderState.QUEUED, blank=True
    )
    # Percent done, written by the task as it counts each figure and renders (the page shows it).
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    pdf_path = models.CharField(_("PDF file"), max_length=300, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "-requested_at", "-id"]
        constraints = [
            # One rendering of a year at a time: a second request finds the one under way.
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(render_state__in=["queued", "rendering"]),
                name="annualreport_one_under_way_per_year",
            ),
        ]

    def __str__(self):
        return f"{self.year} ({self.render_state or 'none'})"

    @property
    def under_way(self) -> bool:
        return self.render_state in (RenderState.QUEUED, RenderState.RENDERING)
