"""The person a case is about: identity, nationalities, aliases, family ties."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import (
    DatePrecision,
    FamilyRelation,
    NationalityStatus,
    Sex,
)
from ..querysets import ForeignNationalQuerySet


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
    # Names and aliases folded to lower case without accents ("Öztürk" → "ozturk"), kept by the
    # services that change names, so that search is accent- and case-insensitive on every database.
    search_name = models.CharField(_("search name"), max_length=2000, blank=True, editable=False)
    # The same names as spelling-variant keys, each word between spaces (" amar alhasan al hasan "),
    # kept by the same writers (people.person_set_search_names), so that search and the intake
    # duplicate check find transliteration variants without a per-row function at query time.
    search_key = models.TextField(_("search key"), blank=True, editable=False)
    # Optimistic locking: a correction made on an older version is refused (services.foreign_national_update).
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["search_name", "search_key", "version"])

    objects = ForeignNationalQuerySet.as_manager()

    class Meta:
        verbose_name = _("foreign national")
        verbose_name_plural = _("foreign nationals")
        indexes = [
            models.Index(fields=["surname", "date_of_birth"], name="fn_name_dob"),
            models.Index(fields=["date_of_birth"], name="fn_dob"),
        ]

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


class FamilyLink(models.Model):
    """A family tie between two foreign nationals; recorded both ways by the service."""

    foreign_national = models.ForeignKey(
        ForeignNational, verbose_name=_("foreign national"), on_delete=models.CASCADE, related_name="family_links"
    )
    relative = models.ForeignKey(
        ForeignNational, verbose_name=_("relative"), on_delete=models.CASCADE, related_name="+"
    )
    relation = models.CharField(_("relation"), max_length=20, choices=FamilyRelation.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("family link")
        verbose_name_plural = _("family links")
        constraints = [
            models.UniqueConstraint(fields=["foreign_national", "relative"], name="family_link_once"),
            models.CheckConstraint(
                condition=~models.Q(foreign_national=models.F("relative")), name="family_link_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.foreign_national_id} → {self.relative_id} ({self.relation})"


class FamilyLinkRequest(models.Model):
    """A family link to a V-number the requester cannot see: recorded as typed, shown as a request, never as a name.

    Whether the V-number exists is not told; those who may change the named person's case confirm it
    (services.family_link_confirm), which records the link both ways.
    """

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="family_link_requests"
    )
    foreign_national = models.ForeignKey(
        ForeignNational, verbose_name=_("foreign national"), on_delete=models.CASCADE, related_name="+"
    )
    relative_v_number = models.CharField(_("V-number of the relative"), max_length=10)
    relation = models.CharField(_("relation"), max_length=20, choices=FamilyRelation.choices)
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("family link request")
        verbose_name_plural = _("family link requests")
        constraints = [
            models.UniqueConstraint(fields=["foreign_national", "relative_v_number"], name="family_link_request_once"),
        ]

    def __str__(self):
        return f"{self.foreign_national_id} → {self.relative_v_number} ({self.relation})"
