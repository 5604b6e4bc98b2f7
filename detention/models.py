"""Supervision and detention measures, their reports, the detention order in versions, and the court's steps.

One table holds every rung of the ladder (a measure's kind names the rung): who imposed it, when, on which
ground and article, ended when and why; the fields of one rung stay empty on the others. No workflow here:
every change is a service in services.py / orders.py / court.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import (
    CourtStepKind,
    DetentionArticle,
    DetentionLocation,
    EndReason,
    MeasureKind,
    OrderState,
    RenderState,
    Ruling,
)

_USER = settings.AUTH_USER_MODEL


class Measure(models.Model):
    """A supervision or detention measure imposed on the person of a case."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="measures")
    kind = models.CharField(_("measure"), max_length=24, choices=MeasureKind.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=80)
    ground = models.TextField(_("ground"))
    imposed_by = models.ForeignKey(
        _USER, verbose_name=_("imposed by"), on_delete=models.PROTECT, related_name="measures_imposed"
    )
    imposed_at = models.DateTimeField(_("imposed at"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=24, choices=EndReason.choices, blank=True)
    end_note = models.TextField(_("explanation of the ending"), blank=True)
    ended_by = models.ForeignKey(
        _USER, verbose_name=_("ended by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Detention periods of the same removal procedure count together for the 6/18 months (art. 59 lid 5-6 Vw 2000).
    removal_procedure = models.PositiveSmallIntegerField(_("removal procedure"), default=1)
    # Reporting duty
    frequency_days = models.PositiveSmallIntegerField(_("report every (days)"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    # Deposit
    amount = models.DecimalField(_("amount (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    settled = models.CharField(_("returned or forfeited"), max_length=12, blank=True)
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    # VBL, family location, detention
    location = models.CharField(_("location"), max_length=200, blank=True)
    detention_location = models.CharField(
        _("detention location"), max_length=24, choices=DetentionLocation.choices, blank=True
    )
    article = models.CharField(_("article"), max_length=4, choices=DetentionArticle.choices, blank=True)
    # VBL beyond 12 weeks, holding beyond 6 hours
    extended_until = models.DateTimeField(_("extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extended_by = models.ForeignKey(
        _USER, verbose_name=_("extended by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.ForeignKey(
        "detention.DetentionOrder",
        verbose_name=_("detention order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        permissions = [
            ("impose_measure", _("Can impose and end supervision and detention measures")),
            ("approve_order", _("Can approve the detention of minors and families (four eyes)")),
            ("record_progress", _("Can record reports to the court and the reporting duty")),
            ("extend_holding", _("Can extend a holding for identification (art. 50 lid 4 Vw 2000)")),
            ("view_legality", _("Can view the legality list of all detentions in scope")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["order"], condition=Q(order__isnull=False), name="measure_one_per_order"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="measure_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "case"], condition=Q(ends_at__isnull=True), name="measure_running"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.legal_basis})"

    @property
    def running(self) -> bool:
        return self.ends_at is None


class ReportingEvent(models.Model):
    """One due report of a reporting duty: attended or missed (art. 57 Vw 2000)."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="reports")
    on = models.DateField(_("date"))
    attended = models.BooleanField(_("attended"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(_USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["measure", "on"], name="report_once_a_day")]

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {'+' if self.attended else '-'}"


class DetentionOrder(models.Model):
    """The detention order (maatregel van bewaring) in versions: drafted complete, issued once, then immutable."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="detention_orders"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self", verbose_name=_("corrects"), on_delete=models.PROTECT, null=True, blank=True, related_name="correction"
    )
    changes = models.TextField(_("what changed"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=OrderState.choices, default=OrderState.DRAFT)
    article = models.CharField(_("article"), max_length=4, choices=DetentionArticle.choices, blank=True)
    detention_location = models.CharField(
        _("detention location"), max_length=24, choices=DetentionLocation.choices, blank=True
    )
    # [{"code": "3b", "facts": "..."}]: each ground of art. 5.1b Vb with the individual facts it rests on.
    grounds = models.JSONField(_("grounds of the risk of absconding"), default=list, blank=True)
    # {"reporting_duty": "why it does not suffice", ...}: every lighter rung weighed.
    lighter_measures = models.JSONField(_("lighter measures considered"), default=dict, blank=True)
    prospect_evidence = models.TextField(_("prospect of removal: evidence"), blank=True)
    flight_booked_on = models.DateField(_("flight booked for"), null=True, blank=True)
    dublin_claim = models.BooleanField(_("Dublin claim accepted or pending"), default=False)
    lp_stage = models.CharField(_("travel-document request: stage"), max_length=40, blank=True)
    lp_expected_on = models.DateField(_("travel-document answer expected around"), null=True, blank=True)
    non_refoulement = models.TextField(_("non-refoulement assessment"), blank=True)
    hearing_at = models.DateTimeField(_("hearing at"), null=True, blank=True)
    interpreter = models.CharField(_("interpreter (name and language)"), max_length=200, blank=True)
    interpreter_not_needed = models.BooleanField(_("no interpreter needed"), default=False)
    lawyer_present = models.BooleanField(_("lawyer present"), default=False)
    lawyer_waived = models.BooleanField(_("lawyer waived by the person"), default=False)
    vulnerability = models.TextField(_("vulnerability assessment"), blank=True)
    family = models.BooleanField(_("family with minors"), default=False)
    last_resort = models.TextField(_("last-resort motivation (minors and families)"), blank=True)
    approved_by = models.ForeignKey(
        _USER, verbose_name=_("approved by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        _USER, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="detention_orders_drafted"
    )
    drafted_at = models.DateTimeField(_("drafted at"))
    issued_by = models.ForeignKey(
        _USER, verbose_name=_("issued by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    pdf_path = models.CharField(_("PDF file"), max_length=300, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    template_version = models.CharField(_("template version"), max_length=40, blank=True)
    render_state = models.CharField(
        _("PDF"), max_length=12, choices=RenderState.choices, default=RenderState.NONE, blank=True
    )
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("detention order")
        verbose_name_plural = _("detention orders")
        constraints = [
            models.CheckConstraint(
                condition=Q(state=OrderState.DRAFT) | Q(issued_at__isnull=False), name="order_issued_has_moment"
            ),
        ]

    def __str__(self):
        return f"{_('Detention order')} {self.pk} v{self.version}"

    # What may still change on an issued order: its PDF, and "superseded" when a correction is issued.
    MUTABLE_WHEN_ISSUED = frozenset(
        {"state", "pdf_path", "pdf_sha256", "template_version", "render_state", "rendered_at"}
    )

    def save(self, *args, update_fields=None, **kwargs):
        if self.pk is not None and not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored not in (None, OrderState.DRAFT) and (
                update_fields is None or not set(update_fields) <= self.MUTABLE_WHEN_ISSUED
            ):
                # Issued orders are immutable: a correction is a new version (orders.order_correct).
                raise ValueError(f"Detention order {self.pk} is issued and cannot be changed.")
        super().save(*args, update_fields=update_fields, **kwargs)


class CourtStep(models.Model):
    """A dated step of the court's review of a detention: appeal, notice, hearing, ruling, report, review."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="court")
    kind = models.CharField(_("step"), max_length=20, choices=CourtStepKind.choices)
    on = models.DateField(_("date"))
    ruling = models.CharField(_("ruling"), max_length=10, choices=Ruling.choices, blank=True)
    grounds = models.TextField(_("grounds"), blank=True)
    compensation = models.DecimalField(_("compensation (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    data = models.JSONField(_("checklist"), default=dict, blank=True)
    recorded_by = models.ForeignKey(_USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("court step")
        verbose_name_plural = _("court steps")
        indexes = [models.Index(fields=["kind", "on"], name="courtstep_kind_on")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}"
