"""The case work: departure terms, departure interviews and their agreed actions, legal procedures, notes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import (
    DEPARTURE_TERM_DAYS,
    InterpreterMode,
    InterviewKind,
    ProcedureKind,
    ProcedureOutcome,
    Stance,
)
from ..querysets import LegalProcedureQuerySet
from .case import Case


class DepartureTerm(models.Model):
    """The departure term of a return decision (art. 62 Vw 2000): from which day, how many days, and why."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="departure_terms")
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    effective_on = models.DateField(_("decision takes effect on"))
    days = models.PositiveSmallIntegerField(_("term in days"), default=DEPARTURE_TERM_DAYS)
    reason = models.TextField(
        _("reason for a term other than 28 days"),
        blank=True,
        help_text=_("Required for a term of 0 days or an extension (art. 62 Vw 2000)."),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("departure term")
        verbose_name_plural = _("departure terms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days=DEPARTURE_TERM_DAYS) | ~models.Q(reason=""),
                name="departure_term_other_than_28_has_reason",
            )
        ]

    def __str__(self):
        return f"{self.days} d. vanaf {self.effective_on}"


class DepartureInterview(models.Model):
    """A departure interview (vertrekgesprek), always with an interpreter unless a reason is recorded."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="interviews")
    kind = models.CharField(_("kind of interview"), max_length=20, choices=InterviewKind.choices)
    held_at = models.DateTimeField(_("held at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    interpreter_mode = models.CharField(_("interpreter"), max_length=20, choices=InterpreterMode.choices)
    interpreter_language = models.CharField(
        _("language of the interpreter"), max_length=3, blank=True, help_text=_("ISO 639 code.")
    )
    no_interpreter_reason = models.TextField(_("reason for interviewing without an interpreter"), blank=True)
    stance = models.CharField(_("stance towards departure"), max_length=20, choices=Stance.choices)
    summary = models.TextField(_("summary"))
    conducted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("conducted by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("departure interview")
        verbose_name_plural = _("departure interviews")
        ordering = ["-held_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(interpreter_mode=InterpreterMode.NONE) & ~models.Q(no_interpreter_reason="")
                    | ~models.Q(interpreter_mode=InterpreterMode.NONE) & ~models.Q(interpreter_language="")
                ),
                name="interview_interpreter_or_reason",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_at:%Y-%m-%d}"


class AgreedAction(models.Model):
    """An action agreed in a departure interview, with its own due date (a deadline of the case)."""

    class Party(models.TextChoices):
        FOREIGN_NATIONAL = "foreign_national", _("Foreign national")
        CASE_OFFICER = "case_officer", _("Case officer")
        OTHER = "other", _("Other party (IOM, NGO, embassy)")

    interview = models.ForeignKey(
        DepartureInterview, verbose_name=_("interview"), on_delete=models.PROTECT, related_name="actions"
    )
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="agreed_actions")
    description = models.CharField(_("agreed action"), max_length=500)
    party = models.CharField(_("who acts"), max_length=20, choices=Party.choices)
    due_date = models.DateField(_("due date"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["due_date", "id"]

    def __str__(self):
        return self.description


class LegalProcedure(models.Model):
    """A legal procedure or measure of the person; pending suspensive ones make the person not removable."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="procedures")
    kind = models.CharField(_("kind of procedure"), max_length=30, choices=ProcedureKind.choices)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    lodged_on = models.DateField(_("lodged on"))
    may_await_in_nl = models.BooleanField(
        _("may be awaited in the Netherlands"),
        help_text=_("Whether the person may stay in the Netherlands while this procedure is pending."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ProcedureOutcome.choices, default=ProcedureOutcome.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    effective_until = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("For a granted interim measure or medical postponement: the last day it stops removal."),
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = LegalProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal procedure")
        verbose_name_plural = _("legal procedures")
        ordering = ["-lodged_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome=ProcedureOutcome.PENDING, decided_on__isnull=True)
                | ~models.Q(outcome=ProcedureOutcome.PENDING) & models.Q(decided_on__isnull=False),
                name="procedure_decided_iff_outcome",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.lodged_on}"


class CaseNote(models.Model):
    """A note in the case file."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="notes")
    text = models.TextField(_("note"))
    written_at = models.DateTimeField(_("written at"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-written_at", "-id"]

    def __str__(self):
        return self.text[:50]
