"""The case (dossier), the handovers it came from, and who held it."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import (
    ClosureEvidence,
    ClosureReason,
    DestinationType,
    DuplicateReview,
    HandoverOutcome,
    Phase,
    Source,
    Track,
)
from ..querysets import NATIONAL_INTAKE, CaseQuerySet, queue_urgency
from .person import ForeignNational

_OPEN = ~models.Q(phase=Phase.CLOSED)


def awaits_duplicate_review(possible_duplicate_of_id, duplicate_review) -> bool:
    """A possible duplicate that nobody has judged yet (also for a case read as plain values)."""
    return possible_duplicate_of_id is not None and not duplicate_review


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
    duplicate_review = models.CharField(
        _("review of the possible duplicate"), max_length=20, choices=DuplicateReview.choices, blank=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closure_reason = models.CharField(_("reason for closing"), max_length=30, choices=ClosureReason.choices, blank=True)
    # How the person left, when the closure is a departure (DOMAIN.md 12: outflow by destination).
    departed_on = models.DateField(_("departed on"), null=True, blank=True)
    destination_type = models.CharField(_("destination"), max_length=20, choices=DestinationType.choices, blank=True)
    destination_country = models.CharField(_("country of destination"), max_length=3, blank=True)
    closure_evidence = models.CharField(
        _("evidence of the departure"), max_length=20, choices=ClosureEvidence.choices, blank=True
    )
    closure_remark = models.TextField(_("remark on the closure"), blank=True)
    # The case's own document that shows the departure (an IOM confirmation, a copy of the exit stamp ...).
    closure_document = models.ForeignKey(
        "cases.CaseDocument",
        verbose_name=_("document showing the departure"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The last day on which a legal obstacle stops removal (dt.date.max: until further notice; empty:
    # none), kept by the services that change procedures (cases.services.case_legal_obstacle_refresh)
    # so that lists filter "legal obstacle" as `legal_obstacle_until >= today` without reading
    # procedures per row; a measure that ends on a date ends on that date without any job.
    legal_obstacle_until = models.DateField(_("legal obstacle until"), null=True, blank=True, editable=False)
    # The nearest live deadline, kept by the deadline engine so that the work queue sorts on it
    # without aggregating the deadlines table per request.
    next_deadline = models.ForeignKey(
        "Deadline",
        verbose_name=_("next deadline"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Copied from next_deadline by the same engine call (engine.case_next_deadline_refresh): its due
    # moment, to show, and its urgency (counting.urgency_key: day, statutory first, moment), which the
    # work queue's partial indexes below order by, so a page is an index scan that stops after 51 rows.
    next_due_at = models.DateTimeField(_("next deadline due at"), null=True, blank=True, editable=False)
    next_due_key = models.BigIntegerField(_("urgency of the next deadline"), null=True, blank=True, editable=False)
    # Optimistic locking: every change through a service (services._common._begin_change) counts
    # it up, and an edit made on an older version is refused as stale instead of overwriting.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    history = HistoricalRecords(
        excluded_fields=["next_deadline", "next_due_at", "next_due_key", "legal_obstacle_until", "version"]
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("assign_case", _("Can assign cases to case officers")),
            ("view_team_caseload", _("Can view the team's caseload and dashboard")),
            ("submit_handover", _("Can hand cases over through the API (chain partner)")),
            ("break_glass", _("Can open a case outside their scope, with a recorded reason")),
            ("mark_confidential", _("Can mark a case confidential")),
            ("reopen_case", _("Can reopen a closed case of the team")),
        ]
        indexes = [
            models.Index(fields=["case_officer", "phase"]),
            models.Index(fields=["team", "phase"]),
            # The work queue's three views in their default order (querysets.queue_urgency(), then id):
            # own cases, the team's, the national intake; open cases only, as the queue lists them.
            models.Index(F("case_officer"), queue_urgency(), F("id"), name="case_queue_officer", condition=_OPEN),
            models.Index(F("team"), queue_urgency(), F("id"), name="case_queue_team", condition=_OPEN),
            models.Index(queue_urgency(), F("id"), name="case_queue_intake", condition=_OPEN & NATIONAL_INTAKE),
            # Search: a person's cases with every column the scope reads, so that the cases of the people a
            # common partial name matches (thousands) are narrowed to the reader's scope by an index-only
            # scan, and only the cases in scope are read from the table (selectors.search.case_search).
            models.Index(
                fields=["foreign_national"],
                include=["team", "case_officer", "confidential", "id"],
                name="case_person_scope",
            ),
            # Few cases have a legal obstacle: a partial index serves the work queue's flag and filter.
            models.Index(
                fields=["legal_obstacle_until"],
                name="case_legal_obstacle",
                condition=models.Q(legal_obstacle_until__isnull=False),
            ),
        ]
        constraints = [
            # Closing stamps the moment and the reason (services.case_close); reopening clears both.
            models.CheckConstraint(
                condition=models.Q(phase=Phase.CLOSED, closed_at__isnull=False)
                | ~models.Q(phase=Phase.CLOSED) & models.Q(closed_at__isnull=True, closure_reason=""),
                name="case_closed_iff_closed_at",
            ),
        ]

    def __str__(self):
        return f"{_('Case')} {self.pk} – {self.foreign_national.v_number}"

    # The Python side of CaseQuerySet's predicates, for a case already loaded.

    @property
    def is_open(self) -> bool:
        return self.phase != Phase.CLOSED

    @property
    def in_national_intake(self) -> bool:
        return self.team_id is None and self.case_officer_id is None

    @property
    def awaits_duplicate_review(self) -> bool:
        return awaits_duplicate_review(self.possible_duplicate_of_id, self.duplicate_review)


class Handover(models.Model):
    """One handover (overdracht) from a chain partner; (source, reference) identifies it once and for all."""

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    reference = models.CharField(_("handover reference"), max_length=100)
    handover_date = models.DateField(_("handover date"))
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+"
    )
    # Empty while a handover awaits a DT&V officer's match: a V-number alone never puts a case in
    # the sender's scope (intake.handover_receive).
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, null=True, blank=True, related_name="handovers"
    )
    v_number = models.CharField(_("V-number as handed over"), max_length=10, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=HandoverOutcome.choices)
    payload = models.JSONField(_("payload as received"))
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("matched by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        constraints = [
            models.UniqueConstraint(fields=["source", "reference"], name="handover_once_per_source"),
            models.CheckConstraint(
                condition=models.Q(
                    outcome__in=[HandoverOutcome.AWAITING_MATCH, HandoverOutcome.NOT_MATCHED], case__isnull=True
                )
                | ~models.Q(outcome__in=[HandoverOutcome.AWAITING_MATCH, HandoverOutcome.NOT_MATCHED])
                & models.Q(case__isnull=False),
                name="handover_case_unless_unmatched",
            ),
        ]
        indexes = [
            models.Index(
                fields=["received_at"],
                name="handover_awaiting_match",
                condition=models.Q(outcome=HandoverOutcome.AWAITING_MATCH),
            ),
        ]

    def __str__(self):
        return f"{self.get_source_display()} {self.reference}"


class Assignment(models.Model):
    """One period in which a team (and case officer) held a case: the assignment history."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="assignments")
    team = models.ForeignKey("accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="+")
    case_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-assigned_at", "-id"]

    def __str__(self):
        return f"{self.case_id} → {self.case_officer_id or self.team_id}"
