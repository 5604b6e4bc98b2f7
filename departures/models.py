"""Departure plans (versioned), removals with their notices and dated transitions, the KMar file, Dublin claims,
group operations with their passengers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.constants import DestinationType
from dtv.core.pdf import RenderState

from .constants import (
    ApprovalState,
    CancellationReason,
    DepartureTrack,
    DublinAnswer,
    DublinCircumstance,
    DublinClaimKind,
    NoticeMethod,
    NoticeRecipient,
    RemovalKind,
    RemovalState,
)


class DeparturePlan(models.Model):
    """One version of a case's departure plan (append-only: a change is a new version; the highest is current)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="departure_plans"
    )
    version = models.PositiveIntegerField(_("version"))
    destination_type = models.CharField(_("destination"), max_length=20, choices=DestinationType.choices)
    destination_country = models.CharField(_("country of destination"), max_length=3)
    # A third country only with the person's access to it recorded, and its basis (DOMAIN.md 5).
    third_country_access = models.CharField(_("access to the third country and its basis"), max_length=300, blank=True)
    track = models.CharField(_("track"), max_length=12, choices=DepartureTrack.choices)
    programme = models.CharField(_("support programme (IOM/NGO)"), max_length=200, blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    agreed_actions = models.TextField(_("agreed actions"), blank=True)
    reason = models.CharField(_("reason for this version"), max_length=500)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"))
    approval = models.CharField(
        _("approval"), max_length=12, choices=ApprovalState.choices, default=ApprovalState.NOT_NEEDED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("departure plan")
        verbose_name_plural = _("departure plans")
        ordering = ["case", "-version"]
        permissions = [("approve_forced_track", "May approve the forced track of a departure plan (four eyes)")]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="departure_plan_one_per_version"),
            # Four eyes: nobody approves their own version.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("author")),
                name="departure_plan_no_self_approval",
            ),
        ]

    def __str__(self):
        return f"{self.case_id} v{self.version}"

    @property
    def forced_and_approved(self):
        return self.track == DepartureTrack.FORCED and self.approval == ApprovalState.APPROVED


class Removal(models.Model):
    """A booked departure of one person on one flight; a rebooking is a new removal linked to the old one."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="removals")
    plan = models.ForeignKey(
        DeparturePlan,
        verbose_name=_("departure plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind of flight"), max_length=12, choices=RemovalKind.choices)
    state = models.CharField(_("state"), max_length=10, choices=RemovalState.choices, default=RemovalState.PLANNED)
    destination_country = models.CharField(_("country of destination"), max_length=3)
    carrier = models.CharField(_("carrier"), max_length=100)
    flight_number = models.CharField(_("flight number"), max_length=20)
    departure_airport = models.CharField(_("departure airport"), max_length=100)
    departs_at = models.DateTimeField(_("departure"))
    transfer_points = models.CharField(_("transfer points"), max_length=300, blank=True)
    kmar_escorts = models.PositiveSmallIntegerField(_("KMar escorts"), default=0)
    dtv_escort = models.BooleanField(_("escorted by DT&V"), default=False)
    medical_escort = models.BooleanField(_("medical escort"), default=False)
    medical_escort_conditions = models.CharField(_("conditions of the medical escort"), max_length=500, blank=True)
    ticket_reference = models.CharField(_("ticket reference"), max_length=50, blank=True)
    rebooked_from = models.OneToOneField(
        "self",
        verbose_name=_("rebooking of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rebooked_as",
    )
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    executed_at = models.DateTimeField(_("actually departed at"), null=True, blank=True)
    escorted_by = models.CharField(_("escorted by"), max_length=300, blank=True)
    handover = models.CharField(_("handover at the destination"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_reason = models.CharField(
        _("reason for cancellation"), max_length=24, choices=CancellationReason.choices, blank=True
    )
    cancellation_note = models.CharField(_("explanation"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("booked at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("booked by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("removal")
        verbose_name_plural = _("removals")
        ordering = ["-departs_at", "-id"]
        indexes = [
            models.Index(
                fields=["departs_at"],
                name="removal_open_departs",
                condition=Q(state__in=["planned", "notified", "confirmed"]),
            ),
        ]
        constraints = [
            # One open removal per case (the booking service says so first, with its code).
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(state__in=["planned", "notified", "confirmed"]),
                name="removal_one_open_per_case",
            ),
            models.CheckConstraint(
                condition=~Q(state="cancelled") | ~Q(cancellation_reason=""), name="removal_cancelled_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(state="executed") | Q(executed_at__isnull=False), name="removal_executed_has_moment"
            ),
        ]

    def __str__(self):
        return f"{self.flight_number} {self.departs_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self):
        return self.state in ("planned", "notified", "confirmed")

    @property
    def kmar_escorted(self):
        return self.kmar_escorts > 0


class RemovalNotice(models.Model):
    """The flight details told to the person or their legal representative: when, how, and for which departure."""

    removal = models.ForeignKey(Removal, verbose_name=_("removal"), on_delete=models.PROTECT, related_name="notices")
    recipient = models.CharField(_("told"), max_length=24, choices=NoticeRecipient.choices)
    notified_at = models.DateTimeField(_("moment of notice"))
    method = models.CharField(_("method"), max_length=12, choices=NoticeMethod.choices)
    # The departure the notice named: a new flight time needs a new notice.
    for_departure = models.DateTimeField(_("departure named in the notice"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("flight notice")
        verbose_name_plural = _("flight notices")
        ordering = ["notified_at", "id"]

    def __str__(self):
        return f"{self.recipient} {self.notified_at:%Y-%m-%d %H:%M}"


class RemovalTransition(models.Model):
    """One dated step of a removal (append-only): cancellation figures are counted from these."""

    removal = models.ForeignKey(
        Removal, verbose_name=_("removal"), on_delete=models.PROTECT, related_name="transitions"
    )
    from_state = models.CharField(_("from"), max_length=10, choices=RemovalState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=10, choices=RemovalState.choices)
    at = models.DateTimeField(_("moment"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    data = models.JSONField(_("facts"), default=dict, blank=True)

    class Meta:
        verbose_name = _("removal transition")
        verbose_name_plural = _("removal transitions")
        ordering = ["id"]

    def __str__(self):
        return f"{self.from_state or '-'} → {self.to_state}"


class DepartureFile(models.Model):
    """The KMar departure file (vertrekdossier) of a case: what KMar needs to escort the person."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="departure_file"
    )
    travel_documents = models.TextField(_("travel documents"), blank=True)
    behaviour_risk = models.TextField(_("behaviour and risk"), blank=True)
    risk_facts = models.TextField(_("facts the risk assessment rests on"), blank=True)
    physical_features = models.TextField(_("physical features"), blank=True)
    bags = models.PositiveSmallIntegerField(_("pieces of baggage"), null=True, blank=True)
    baggage_kg = models.DecimalField(_("baggage weight (kg)"), max_digits=5, decimal_places=1, null=True, blank=True)
    money = models.CharField(_("money"), max_length=200, blank=True)
    valuables = models.CharField(_("valuables"), max_length=300, blank=True)
    belongings_location = models.CharField(_("where the belongings are"), max_length=300, blank=True)
    destination_contacts = models.TextField(_("contacts at the destination"), blank=True)
    updated_at = models.DateTimeField(_("updated at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("KMar departure file")
        verbose_name_plural = _("KMar departure files")
        permissions = [("view_medical_particulars", "May read medical particulars (need to know)")]

    def __str__(self):
        return f"{self.case_id}"


class MedicalParticulars(models.Model):
    """The medical part of the departure file, readable only by need-to-know roles (every read logged)."""

    departure_file = models.OneToOneField(
        DepartureFile, verbose_name=_("departure file"), on_delete=models.PROTECT, related_name="medical"
    )
    particulars = models.TextField(_("medical particulars"), blank=True)
    medication = models.TextField(_("medication"), blank=True)
    fit_to_travel = models.BooleanField(_("fit to travel"), default=True)
    # The IND medical advisers' (BMA) conditions for the journey and whether each is arranged.
    bma_transport = models.CharField(_("BMA: transport"), max_length=300, blank=True)
    bma_escort = models.CharField(_("BMA: escort"), max_length=300, blank=True)
    bma_medication = models.CharField(_("BMA: medication"), max_length=300, blank=True)
    bma_handover = models.CharField(_("BMA: medical handover at the destination"), max_length=300, blank=True)
    bma_conditions_met = models.BooleanField(_("BMA conditions arranged"), default=False)
    updated_at = models.DateTimeField(_("updated at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medical particulars")
        verbose_name_plural = _("medical particulars")

    def __str__(self):
        return f"{self.departure_file_id}"

    @property
    def bma_conditions(self):
        return [c for c in (self.bma_transport, self.bma_escort, self.bma_medication, self.bma_handover) if c]


class DublinClaim(models.Model):
    """A request to another Member State to take charge of or take back the person, and its transfer period."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="dublin_claims"
    )
    kind = models.CharField(_("kind of request"), max_length=12, choices=DublinClaimKind.choices)
    member_state = models.CharField(_("Member State"), max_length=3)
    registered_on = models.DateField(_("asylum application registered on"))
    requested_on = models.DateField(_("request sent on"))
    urgent = models.BooleanField(_("urgent reply asked"), default=False)
    eurodac_hit = models.BooleanField(_("Eurodac/VIS hit"), default=False)
    answer = models.CharField(_("answer"), max_length=18, choices=DublinAnswer.choices, default=DublinAnswer.PENDING)
    answer_due = models.DateField(_("answer due"))
    answer_basis = models.CharField(_("basis of the answer period"), max_length=100)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    circumstance = models.CharField(
        _("ground of the transfer period"), max_length=24, choices=DublinCircumstance.choices, default="none"
    )
    transfer_until = models.DateField(_("transfer possible until"), null=True, blank=True)
    state_informed_on = models.DateField(_("responsible state informed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Dublin claim")
        verbose_name_plural = _("Dublin claims")
        ordering = ["-requested_on", "-id"]

    def __str__(self):
        return f"{self.member_state} {self.get_kind_display()}"


class KmarFilePdf(models.Model):
    """The KMar departure file of one removal as a PDF, the handover to KMar (its medical part included).

    One row per removal; a new rendering replaces the file when the departure file changed (`source_stamp` names the
    file version shown). Downloaded only by need-to-know readers (`permissions.can_read_medical`), access-logged.
    """

    removal = models.OneToOneField(
        Removal, verbose_name=_("removal"), on_delete=models.PROTECT, related_name="kmar_pdf"
    )
    render_state = models.CharField(_("PDF"), max_length=12, choices=RenderState.choices, default="", blank=True)
    source_stamp = models.CharField(_("version of the departure file shown"), max_length=80, blank=True)
    pdf_path = models.CharField(_("PDF file"), max_length=300, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    template_version = models.CharField(_("template version"), max_length=40, blank=True)
    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("KMar departure file (PDF)")
        verbose_name_plural = _("KMar departure files (PDF)")

    def __str__(self):
        return f"{self.removal_id} {self.render_state}"

    @property
    def rendering(self):
        return self.render_state in (RenderState.QUEUED, RenderState.RENDERING)


class Operation(models.Model):
    """A group departure: a charter, a Frontex JRO/NRO/CRO or a group on a scheduled flight, with many removals."""

    kind = models.CharField(_("kind of flight"), max_length=12, choices=RemovalKind.choices)
    reference = models.CharField(_("operation reference"), max_length=50, unique=True)
    carrier = models.CharField(_("carrier"), max_length=100)
    flight_number = models.CharField(_("flight number"), max_length=20)
    departure_airport = models.CharField(_("departure airport"), max_length=100)
    departs_at = models.DateTimeField(_("departure"))
    destination_country = models.CharField(_("country of destination"), max_length=3)
    seats = models.PositiveSmallIntegerField(_("seats for returnees"), null=True, blank=True)
    kmar_escorts = models.PositiveSmallIntegerField(_("KMar escorts"), default=0)
    dtv_escorts = models.PositiveSmallIntegerField(_("DT&V escorts"), default=0)
    medical_escort = models.BooleanField(_("medical escort on board"), default=False)
    # The team that organises the operation: its team leads see the whole manifest (others only their cases).
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("organising team"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    # Raised by every join and leave: a manifest PDF of an older version is out of date.
    manifest_version = models.PositiveIntegerField(_("manifest version"), default=0)
    pdf_version = models.PositiveIntegerField(_("manifest version of the PDF"), null=True, blank=True)
    pdf_path = models.CharField(_("PDF file"), max_length=300, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    render_state = models.CharField(_("PDF"), max_length=12, choices=RenderState.choices, default="", blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("operation")
        verbose_name_plural = _("operations")
        ordering = ["departs_at", "id"]
        permissions = [("organise_operation", "May organise group and charter operations")]

    def __str__(self):
        return f"{self.reference} {self.flight_number}"

    @property
    def kmar_escorted(self):
        return self.kmar_escorts > 0

    @property
    def pdf_current(self):
        return self.render_state == RenderState.DONE and self.pdf_version == self.manifest_version


class OperationPassenger(models.Model):
    """One removal on an operation, with its seat; the removal keeps its own notice, checks and state."""

    operation = models.ForeignKey(
        Operation, verbose_name=_("operation"), on_delete=models.PROTECT, related_name="passengers"
    )
    removal = models.OneToOneField(
        Removal, verbose_name=_("removal"), on_delete=models.PROTECT, related_name="operation_place"
    )
    seat = models.CharField(_("seat"), max_length=6, blank=True)
    joined_at = models.DateTimeField(_("joined at"))
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("passenger of an operation")
        verbose_name_plural = _("passengers of an operation")
        ordering = ["operation", "seat", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "seat"], condition=~Q(seat=""), name="operation_one_person_per_seat"
            ),
        ]

    def __str__(self):
        return f"{self.operation_id} {self.seat or '-'}"
