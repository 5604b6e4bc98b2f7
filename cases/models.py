from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import (
    AccessChannel,
    ClosureReason,
    DatePrecision,
    DeadlineStatus,
    DocumentKind,
    DuplicateReview,
    FamilyRelation,
    HandoverOutcome,
    HolidayKind,
    InterpreterMode,
    InterviewKind,
    NationalityStatus,
    Phase,
    ProcedureKind,
    ProcedureOutcome,
    Responsible,
    Sex,
    Source,
    Stance,
    SweepStage,
    Track,
)
from .querysets import LegalProcedureQuerySet


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
    history = HistoricalRecords(excluded_fields=["search_name"])

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
    history = HistoricalRecords(excluded_fields=["next_deadline"])

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("assign_case", _("Can assign cases to case officers")),
            ("view_team_caseload", _("Can view the team's caseload and dashboard")),
            ("submit_handover", _("Can hand cases over through the API (chain partner)")),
            ("break_glass", _("Can open a case outside their scope, with a recorded reason")),
            ("mark_confidential", _("Can mark a case confidential")),
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


class DepartureTerm(models.Model):
    """The departure term of a return decision (art. 62 Vw 2000): from which day, how many days, and why."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="departure_terms")
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    effective_on = models.DateField(_("decision takes effect on"))
    days = models.PositiveSmallIntegerField(_("term in days"), default=28)
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
                condition=models.Q(days=28) | ~models.Q(reason=""), name="departure_term_other_than_28_has_reason"
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


class CaseDocument(models.Model):
    """An uploaded document of a case; the file lives outside any served folder under a random name."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=30, choices=DocumentKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    storage_name = models.CharField(_("stored as"), max_length=255, unique=True, editable=False)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.filename


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


_LIVE = models.Q(status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE])


class Deadline(models.Model):
    """A legal or agreed deadline of a case: the rule that made it, how it was computed, and its status."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="deadlines")
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
    due_date = models.DateField(_("last day"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"))
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


class WorkItem(models.Model):
    """A task for a person (or for the team when nobody holds the case), created when a deadline falls due."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="work_items")
    deadline = models.ForeignKey(
        Deadline, verbose_name=_("deadline"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
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
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    deadline = models.ForeignKey(
        Deadline, verbose_name=_("deadline"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Atw holiday")
        verbose_name_plural = _("Atw holidays")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"
