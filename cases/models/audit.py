"""The accountability records: the timeline (CaseEvent), the access log and break-the-glass grants."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import (
    AccessChannel,
    AccessResult,
)
from ..processing import activity_label
from .case import Case
from .person import ForeignNational


class AppendOnlyModel(models.Model):
    """Rows that are written once and never changed or removed (on PostgreSQL a trigger enforces it)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise TypeError(f"{type(self).__name__} is append-only: rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(f"{type(self).__name__} is append-only: rows cannot be deleted.")


class CaseEvent(AppendOnlyModel):
    """One entry of a case's timeline: who did what, when, with the structured facts of it."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="events")
    occurred_at = models.DateTimeField(_("occurred at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system acted (a scheduled job)."),
    )
    kind = models.CharField(_("kind"), max_length=60)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case", "-occurred_at", "-id"], name="caseevent_timeline")]

    def __str__(self):
        return f"{self.kind} @ {self.occurred_at:%Y-%m-%d %H:%M}"


class AccessLogEntry(AppendOnlyModel):
    """A read of a person's data: who read which person or case, for which processing activity, how, with what result.

    The fields of the Logboek Dataverwerkingen standard: actor, subject, processing activity, channel,
    result, time and trace id.
    """

    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    # No index of their own on user and person: accesslog_user and accesslog_person start with them, and
    # every list page writes a row per person shown, so each index less is a write less (issue 8 §5).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    foreign_national = models.ForeignKey(
        ForeignNational,
        verbose_name=_("foreign national"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The processing activity of the catalogue (cases.processing); a code, since apps register their own.
    activity = models.CharField(_("processing activity"), max_length=40)
    channel = models.CharField(_("channel"), max_length=10, choices=AccessChannel.choices)
    view_name = models.CharField(_("view or endpoint"), max_length=200)
    result = models.CharField(_("result"), max_length=10, choices=AccessResult.choices, default=AccessResult.SUCCESS)
    trace_id = models.CharField(
        _("trace id"), max_length=32, blank=True, help_text=_("The same for every row one request wrote.")
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Recorded when access was granted outside the normal scope."),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["foreign_national", "-occurred_at"], name="accesslog_person"),
            models.Index(fields=["user", "-occurred_at"], name="accesslog_user"),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.view_name} @ {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def activity_name(self):
        return activity_label(self.activity)


class BreakGlassGrant(AppendOnlyModel):
    """Access to a case outside the user's scope, for a limited time, with the reason the user gave."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(_("granted at"))
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("break-the-glass access")
        verbose_name_plural = _("break-the-glass accesses")
        indexes = [models.Index(fields=["user", "case", "-expires_at"], name="breakglass_user_case")]

    def __str__(self):
        return f"{self.user_id} → {self.case_id} @ {self.granted_at:%Y-%m-%d %H:%M}"
