"""Countries and their missions (reference data), and the travel-document requests of cases with their dated history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import (
    Channel,
    ContactKind,
    Figure,
    MissionKind,
    ProofDocument,
    Readmission,
    State,
    WithdrawalReason,
)


def _accepted_proof_help():
    # Interpolated when shown, in the reader's language: `_(…) % {…}` at import would freeze one language into
    # the field (and make makemigrations see a change whenever it runs in another).
    codes = ", ".join(ProofDocument.values)
    return gettext("Codes of the documents the country accepts: %(codes)s.") % {"codes": codes}


class Country(models.Model):
    """A country as DT&V deals with it: its policy on travel documents, as data functional administration keeps."""

    code = models.CharField(_("country code"), max_length=3, unique=True)
    presentation_required = models.BooleanField(_("presentation in person required"), default=False)
    identity_proof_required = models.BooleanField(_("proof of identity required"), default=False)
    accepted_proof = models.JSONField(
        _("documents accepted as proof"),
        default=list,
        blank=True,
        help_text=lazy(_accepted_proof_help, str)(),
    )
    accepts_forced_return = models.BooleanField(_("accepts forced return"), default=True)
    readmission = models.CharField(
        _("readmission agreement"), max_length=12, choices=Readmission.choices, default=Readmission.NONE
    )
    readmission_answer_days = models.PositiveSmallIntegerField(
        _("answer period of the agreement (days)"), null=True, blank=True
    )
    programme_eligible = models.BooleanField(_("eligible for IOM/NGO return programmes"), default=True)
    response_days = models.PositiveSmallIntegerField(
        _("response period for reminders (days)"),
        default=42,
        help_text=_("After this many days without an answer DT&V reminds the mission."),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(response_days__gte=1), name="lp_country_response_days_positive"),
        ]

    def __str__(self):
        from cases.countries import country_name

        return f"{country_name(self.code)} ({self.code})"


class Mission(models.Model):
    """An embassy or consulate of a country that DT&V addresses travel-document requests to."""

    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="missions")
    kind = models.CharField(_("kind"), max_length=10, choices=MissionKind.choices, default=MissionKind.EMBASSY)
    city = models.CharField(_("city"), max_length=100)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True, help_text=_("ISO 639 codes."))
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        ordering = ["country__code", "kind", "city"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.city}"


class TravelDocumentRequest(models.Model):
    """A request to a country for a laissez-passer for the person of a case; its life is in `transitions`."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="travel_document_requests"
    )
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="requests")
    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    state = models.CharField(_("state"), max_length=24, choices=State.choices, default=State.DRAFT)
    # A country that is no nationality of the person: only with access recorded (DOMAIN.md 5, third country).
    third_country_access = models.CharField(_("access to the third country"), max_length=300, blank=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices, blank=True)
    supporting_documents = models.ManyToManyField(
        "cases.CaseDocument", verbose_name=_("supporting documents"), blank=True, related_name="+"
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    # The written request while an asylum appeal may be awaited (RvS 19 November 2025): its safeguards.
    appeal_phase = models.BooleanField(_("submitted while an asylum appeal may be awaited"), default=False)
    safeguards_shared = models.TextField(_("what was shared with the country"), blank=True)
    no_asylum_data_shared = models.BooleanField(_("no asylum data was shared"), default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    presentation_on = models.DateField(_("presentation on"), null=True, blank=True)
    presentation_place = models.CharField(_("presentation at"), max_length=200, blank=True)
    accompanied_by = models.CharField(_("accompanied by"), max_length=200, blank=True)
    interpreter_language = models.CharField(_("interpreter language"), max_length=3, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    lp_number = models.CharField(_("laissez-passer number"), max_length=50, blank=True)
    lp_issued_on = models.DateField(_("issued on"), null=True, blank=True)
    lp_valid_until = models.DateField(_("valid until"), null=True, blank=True)
    lp_journey = models.CharField(_("for journey / flight"), max_length=200, blank=True)
    withdrawal_reason = models.CharField(
        _("reason for withdrawal"), max_length=12, choices=WithdrawalReason.choices, blank=True
    )
    closing_note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["supporting_documents"])

    class Meta:
        verbose_name = _("travel-document request")
        verbose_name_plural = _("travel-document requests")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("approve_appeal_phase_request", "May approve a written request during an asylum appeal (four eyes)")
        ]
        indexes = [models.Index(fields=["country", "state"], name="lp_request_country_state")]
        constraints = [
            models.CheckConstraint(
                condition=Q(lp_valid_until__isnull=True)
                | Q(lp_issued_on__isnull=True)
                | Q(lp_valid_until__gte=models.F("lp_issued_on")),
                name="lp_request_valid_after_issue",
            ),
            # One open request per case and country (the service says so first, with its code).
            models.UniqueConstraint(
                fields=["case", "country"],
                condition=Q(
                    state__in=[
                        "draft",
                        "submitted",
                        "presentation_scheduled",
                        "presented",
                        "escalated",
                        "nationality_confirmed",
                        "identity_confirmed",
                        "issued",
                    ]
                ),
                name="lp_one_open_request_per_country",
            ),
        ]

    def __str__(self):
        return f"{self.country.code} {self.get_state_display()}"

    @property
    def is_open(self):
        from .constants import OPEN_STATES

        return self.state in OPEN_STATES


class RequestTransition(models.Model):
    """One dated step in a request's life (append-only): statistics are counted from these, never from today's state."""

    request = models.ForeignKey(
        TravelDocumentRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="transitions"
    )
    # Denormalised so the country statistics read one table.
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    from_state = models.CharField(_("from"), max_length=24, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=24, choices=State.choices)
    on = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    data = models.JSONField(_("facts"), default=dict, blank=True)
    # On the first answer only: days from the submission to it (what the country's record predicts from).
    response_days = models.PositiveIntegerField(_("days to the first answer"), null=True, blank=True)

    class Meta:
        verbose_name = _("request transition")
        verbose_name_plural = _("request transitions")
        ordering = ["id"]  # the order of recording; the statistics go by `on`
        indexes = [
            models.Index(fields=["country", "to_state", "on"], name="lp_transition_country"),
            models.Index(
                fields=["country", "response_days"],
                condition=Q(response_days__isnull=False),
                name="lp_transition_response",
            ),
            # The country's latest transition: the key of its cached statistics (one index step).
            models.Index(fields=["country", "-id"], name="lp_transition_country_latest"),
        ]

    def __str__(self):
        return f"{self.from_state or '-'} → {self.to_state} {self.on}"


class CountryRequestCount(models.Model):
    """How many of a country's requests are in a state now: kept by every transition (laissezpasser/tallies.py)."""

    # Served by the unique index (country, state): no index of its own.
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="request_counts", db_index=False
    )
    state = models.CharField(_("state"), max_length=24, choices=State.choices)
    requests = models.IntegerField(_("requests"), default=0)

    class Meta:
        verbose_name = _("requests of a country in a state")
        verbose_name_plural = _("requests of countries per state")
        constraints = [models.UniqueConstraint(fields=["country", "state"], name="lp_request_count_unique")]

    def __str__(self):
        return f"{self.country_id} {self.state}: {self.requests}"


class CountryTally(models.Model):
    """A country's dated transitions counted per figure, year and days: what the country page rests on.

    Kept by every transition in its own transaction (laissezpasser/tallies.py), so a country with 10,000
    requests is read in some hundreds of rows (one per year and distinct number of days) instead of counted.
    """

    # Served by the unique index (country, figure, year, days): no index of its own.
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    figure = models.CharField(_("figure"), max_length=24, choices=Figure.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    # A first answer's response days; an LP's validity in days (0 when not recorded); 0 for the other figures.
    days = models.PositiveIntegerField(_("days"), default=0)
    transitions = models.IntegerField(_("transitions"), default=0)

    class Meta:
        verbose_name = _("tally of a country")
        verbose_name_plural = _("tallies of countries")
        constraints = [
            models.UniqueConstraint(fields=["country", "figure", "year", "days"], name="lp_country_tally_unique")
        ]

    def __str__(self):
        return f"{self.country_id} {self.figure} {self.year} {self.days}: {self.transitions}"


class RequestContact(models.Model):
    """A reminder DT&V sent or a message the mission sent, with its date and channel."""

    request = models.ForeignKey(
        TravelDocumentRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="contacts"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ContactKind.choices)
    on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("contact with the mission")
        verbose_name_plural = _("contacts with the mission")
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.kind} {self.on}"


class IdentityDocumentDetails(models.Model):
    """Number, country and expiry of a passport or identity card among the case's documents."""

    document = models.OneToOneField(
        "cases.CaseDocument", verbose_name=_("document"), on_delete=models.PROTECT, related_name="identity_details"
    )
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("document number"), max_length=50)
    country = models.CharField(_("issued by (country)"), max_length=3)
    valid_until = models.DateField(_("valid until"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("identity document details")
        verbose_name_plural = _("identity document details")
        ordering = ["-valid_until", "-id"]

    def __str__(self):
        return f"{self.country} {self.valid_until}"
