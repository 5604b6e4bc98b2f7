"""Deadlines, the work items and notifications the sweep makes of them, and the Atw holiday calendar."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import (
    LIVE_DEADLINE_STATUSES,
    DeadlineStatus,
    HolidayKind,
    Responsible,
    SweepStage,
)
from ..querysets import DeadlineQuerySet

_LIVE = models.Q(status__in=list(LIVE_DEADLINE_STATUSES))


class Deadline(models.Model):
    """A legal or agreed deadline of a case: the rule that made it, how it was computed, and its status."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="deadlines")
    kind = models.CharField(_("kind of deadline"), max_length=40)
    rule_version = models.CharField(_("rule version"), max_length=40)
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    counting = models.CharField(_("counting rule"), max_length=30)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    trigger = models.CharField(_("triggering event"), max_length=300)
    # A deadline starts either on a date (terms in days, weeks, months) or at a moment (terms in hours).
    start_date = models.DateField(_("start date"), null=True, blank=True)
    start_at = models.DateTimeField(_("start moment"), null=True, blank=True)
    source_type = models.CharField(_("source"), max_length=60, blank=True)
    source_id = models.BigIntegerField(_("source id"), null=True, blank=True)
    # The legal last day (and its exclusive end): only after it is the term missed, the deadline overdue.
    due_date = models.DateField(_("last day"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"))
    # Copied from the rule version that computed the deadline, so that lists rank in SQL: statutory
    # terms before informal ones on the same day (urgency).
    statutory = models.BooleanField(_("statutory term"), default=False)
    # counting.urgency_key of (last day, statutory, due moment), set with them by engine.deadline_fill:
    # the most urgent live deadline becomes the case's next deadline, and the work queue sorts on it.
    urgency = models.BigIntegerField(_("urgency"), default=0, editable=False)
    # The internal target the reminder, the work item and the target stage of the sweep aim at. The same
    # as the legal last day, except where a rule keeps an unshifted day before it (art. 94 Vw 2000).
    target_date = models.DateField(_("internal target day"), null=True, blank=True)
    target_at = models.DateTimeField(_("internal target"))
    atw_applies = models.BooleanField(_("Algemene termijnenwet applies"))
    atw_applied = models.BooleanField(_("Algemene termijnenwet applied"))
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    responsible = models.CharField(_("who must act"), max_length=30, choices=Responsible.choices)
    status = models.CharField(_("status"), max_length=20, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN)
    status_reason = models.TextField(_("reason for the status"), blank=True)
    # Raised on every recomputation: the sweep's exactly-once guarantee holds per revision, so a
    # deadline moved to a later date warns and falls due again.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    remind_at = models.DateTimeField(_("reminder at"), null=True, blank=True)
    # What the sweep does next (sweep_stage) and from when (sweep_at); empty when nothing is left to do.
    sweep_stage = models.CharField(_("next sweep stage"), max_length=20, choices=SweepStage.choices, blank=True)
    sweep_at = models.DateTimeField(_("next sweep at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("met or cancelled at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("met or cancelled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_at", "id"]
        indexes = [
            # The sweep's one query: live deadlines whose next stage has come (partial: open ones only).
            models.Index(fields=["sweep_at"], name="deadline_sweep", condition=_LIVE),
            models.Index(fields=["case", "due_at"], name="deadline_case_live", condition=_LIVE),
            models.Index(fields=["case"], name="deadline_overdue", condition=models.Q(status=DeadlineStatus.OVERDUE)),
            models.Index(fields=["source_type", "source_id"], name="deadline_source"),
        ]

    def __str__(self):
        return f"{self.kind} {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def has_internal_target(self):
        """Whether the team aims at a day before the legal last day (art. 94 Vw 2000 under the Atw)."""
        return self.target_at < self.due_at

    @property
    def is_overdue(self) -> bool:
        """The status is the one definition of overdue (DeadlineQuerySet.overdue()): the sweep sets it."""
        return self.status == DeadlineStatus.OVERDUE


class WorkItem(models.Model):
    """A task for a person (or for the team when nobody holds the case), created when a deadline falls due."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="work_items")
    deadline = models.ForeignKey(
        "cases.Deadline", verbose_name=_("deadline"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=SweepStage.choices, blank=True)
    revision = models.PositiveIntegerField(_("revision of the deadline"), default=0)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_items",
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        ordering = ["due_at", "id"]
        constraints = [
            # The sweep may run twice or concurrently: a deadline's stage yields one work item, ever.
            models.UniqueConstraint(
                fields=["deadline", "revision", "stage"],
                name="workitem_once_per_stage",
                condition=models.Q(deadline__isnull=False),
            )
        ]
        indexes = [models.Index(fields=["assignee"], name="workitem_open", condition=models.Q(done_at__isnull=True))]

    def __str__(self):
        return f"{self.case_id} {self.stage} {self.created_at:%Y-%m-%d}"


class Notification(models.Model):
    """A message to one user about a deadline; read in the app and summarised in the daily digest."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.PROTECT, related_name="notifications"
    )
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    deadline = models.ForeignKey(
        "cases.Deadline", verbose_name=_("deadline"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=SweepStage.choices)
    revision = models.PositiveIntegerField(_("revision of the deadline"), default=0)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    digested_at = models.DateTimeField(_("included in a digest at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "revision", "stage", "recipient"], name="notification_once_per_stage"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient"], name="notification_undigested", condition=models.Q(digested_at=None)),
            models.Index(fields=["recipient"], name="notification_unread", condition=models.Q(read_at=None)),
        ]

    def __str__(self):
        return f"{self.recipient_id} {self.stage} {self.created_at:%Y-%m-%d %H:%M}"


class AtwHoliday(models.Model):
    """A day the Algemene termijnenwet treats as a holiday (art. 3): reference data kept by functional admins."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=HolidayKind.choices)
    source = models.CharField(_("source"), max_length=200)
    predicted = models.BooleanField(
        _("predicted, not law"),
        default=False,
        help_text=_(
            "A day the standing practice predicts but no known decree designates yet. Confirm it (untick, and "
            "cite the decree as the source) once the decree is published."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Atw holiday")
        verbose_name_plural = _("Atw holidays")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"
