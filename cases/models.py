from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import AccessChannel, Phase


class ForeignNational(models.Model):
    """The person a case is about, identified by the V-nummer."""

    v_number = models.CharField(_("V-number"), max_length=10, unique=True)
    surname = models.CharField(_("surname"), max_length=200)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("foreign national")
        verbose_name_plural = _("foreign nationals")

    def __str__(self):
        return f"{self.surname}, {self.given_names} ({self.v_number})"


class Case(models.Model):
    """A return case (dossier) of one foreign national, worked by a case officer of a team."""

    foreign_national = models.ForeignKey(
        ForeignNational,
        verbose_name=_("foreign national"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    case_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices, default=Phase.INTAKE)
    opened_at = models.DateTimeField(_("opened at"))

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("assign_case", _("Can assign cases to case officers")),
            ("view_team_caseload", _("Can view the team's caseload and dashboard")),
            ("submit_handover", _("Can hand cases over through the API (chain partner)")),
        ]
        indexes = [
            models.Index(fields=["case_officer", "phase"]),
            models.Index(fields=["team", "phase"]),
        ]

    def __str__(self):
        return f"{_('Case')} {self.pk} – {self.foreign_national.v_number}"


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
    """A read of a person's data: who read which person/case, when, and through which view or endpoint."""

    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    foreign_national = models.ForeignKey(
        ForeignNational,
        verbose_name=_("foreign national"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=AccessChannel.choices)
    view_name = models.CharField(_("view or endpoint"), max_length=200)
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
