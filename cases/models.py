from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import (
    AccessChannel,
    DatePrecision,
    HandoverOutcome,
    NationalityStatus,
    Phase,
    Sex,
    Source,
    Track,
)


class ForeignNational(models.Model):
    """The person a case is about, identified by the V-nummer."""

    v_number = models.CharField(_("V-number"), max_length=10, unique=True)
    surname = models.CharField(_("surname"), max_length=200)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    # A partial date is stored on its first day; the precision says how much of it is known.
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    date_of_birth_precision = models.CharField(
        _("precision of the date of birth"), max_length=12, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("ISO 639 codes, for interpreters.")
    )
    vulnerabilities = models.JSONField(_("vulnerabilities"), default=list, blank=True)
    legal_representative_name = models.CharField(_("legal representative"), max_length=200, blank=True)
    legal_representative_office = models.CharField(_("law office"), max_length=200, blank=True)
    legal_representative_contact = models.CharField(
        _("contact of the legal representative"), max_length=200, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("foreign national")
        verbose_name_plural = _("foreign nationals")
        indexes = [models.Index(fields=["surname", "date_of_birth"], name="fn_name_dob")]

    def __str__(self):
        return f"{self.surname}, {self.given_names} ({self.v_number})"


class Nationality(models.Model):
    """A nationality of a person: ISO 3166-1 alpha-3, or XXA (stateless) / XXX (unknown)."""

    foreign_national = models.ForeignKey(
        ForeignNational, verbose_name=_("foreign national"), on_delete=models.CASCADE, related_name="nationalities"
    )
    country = models.CharField(_("country"), max_length=3)
    status = models.CharField(_("status"), max_length=12, choices=NationalityStatus.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nationality")
        verbose_name_plural = _("nationalities")
        constraints = [
            models.UniqueConstraint(fields=["foreign_national", "country"], name="nationality_once_per_person")
        ]

    def __str__(self):
        return f"{self.country} ({self.get_status_display()})"


class Alias(models.Model):
    foreign_national = models.ForeignKey(
        ForeignNational, verbose_name=_("foreign national"), on_delete=models.CASCADE, related_name="aliases"
    )
    surname = models.CharField(_("surname"), max_length=200)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self):
        return f"{self.surname}, {self.given_names}"


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
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.OTHER)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices, blank=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    previous_case = models.ForeignKey(
        "self",
        verbose_name=_("earlier case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="later_cases",
    )
    possible_duplicate_of = models.ForeignKey(
        ForeignNational,
        verbose_name=_("possible duplicate of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Same name, date of birth and nationality under another V-number: to be reviewed, never merged."),
    )
    history = HistoricalRecords()

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


class Handover(models.Model):
    """One handover (overdracht) from a chain partner; (source, reference) identifies it once and for all."""

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    reference = models.CharField(_("handover reference"), max_length=100)
    handover_date = models.DateField(_("handover date"))
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="handovers")
    outcome = models.CharField(_("outcome"), max_length=30, choices=HandoverOutcome.choices)
    payload = models.JSONField(_("payload as received"))

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        constraints = [models.UniqueConstraint(fields=["source", "reference"], name="handover_once_per_source")]

    def __str__(self):
        return f"{self.get_source_display()} {self.reference}"


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
