import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dtv.core.fields import BoundedDateField

from ..constants import (
    PROCEDURE_LEGAL_BASIS,
    ClosureEvidence,
    ClosureReason,
    DatePrecision,
    DeadlineStatus,
    DestinationType,
    DuplicateReview,
    InterpreterMode,
    InterviewKind,
    NationalityStatus,
    ObstacleKind,
    Phase,
    ProcedureKind,
    ProcedureOutcome,
    Sex,
    Source,
    Stance,
    Track,
    Vulnerability,
)
from ..dates import parse_partial_date
from ..deadlines import registry
from ..deadlines.explain import explain
from ..events import describe
from ..intake import MAX_ALIASES, MAX_LANGUAGES, MAX_NATIONALITIES, HandoverData
from ..models import AgreedAction, Case, CaseEvent, Deadline, DepartureInterview, Handover, LegalProcedure
from ..workflow import TRANSITIONS, transitions_from


class NationalityInSerializer(serializers.Serializer):
    country = serializers.CharField(min_length=3, max_length=3, help_text="ISO 3166-1 alpha-3, XXA or XXX.")
    status = serializers.ChoiceField(choices=NationalityStatus.choices)


class AliasInSerializer(serializers.Serializer):
    surname = serializers.CharField(max_length=200)
    given_names = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


MAX_UNKNOWN_FIELDS_BYTES = 2048


class HandoverInSerializer(serializers.Serializer):
    """A handover from a chain partner; the source is the partner's own organisation, not a field.

    The serializer checks the shape; the rules (V-number, dates, known codes, no duplicates) are
    intake.handover_validate's, the same for the registration form, and come back as a 400 per field.
    """

    reference = serializers.CharField(max_length=100)
    handover_date = BoundedDateField()
    v_number = serializers.CharField(max_length=10, help_text="10 digits.")
    surname = serializers.CharField(max_length=200)
    given_names = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    date_of_birth = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, default=None, help_text="YYYY-MM-DD, YYYY-MM or YYYY."
    )
    sex = serializers.ChoiceField(choices=Sex.choices)
    nationalities = NationalityInSerializer(many=True, allow_empty=False, max_length=MAX_NATIONALITIES)
    aliases = AliasInSerializer(many=True, required=False, default=list, max_length=MAX_ALIASES)
    languages = serializers.ListField(
        child=serializers.CharField(max_length=3),
        required=False,
        default=list,
        max_length=MAX_LANGUAGES,
        help_text="ISO 639-1 or 639-3 codes.",
    )
    vulnerabilities = serializers.ListField(
        child=serializers.ChoiceField(choices=Vulnerability.choices), required=False, default=list
    )
    track = serializers.ChoiceField(choices=Track.choices)
    legal_representative_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    legal_representative_office = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    legal_representative_contact = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        # Fields the API does not know are kept in the payload as received, within a bound: the
        # probe stored 40 KB of them (review 1, finding 12).
        unknown = {key: value for key, value in self.initial_data.items() if key not in self.fields}
        if len(json.dumps(unknown, ensure_ascii=False, default=str).encode()) > MAX_UNKNOWN_FIELDS_BYTES:
            raise serializers.ValidationError(
                _("Fields this API does not know may take at most %(size)d bytes together.")
                % {"size": MAX_UNKNOWN_FIELDS_BYTES},
                code="unknown_fields_too_large",
            )
        return attrs

    def validate_date_of_birth(self, value):
        try:
            return parse_partial_date(value, today=timezone.localdate())
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages, code=exc.code) from None

    def to_handover_data(self, *, source) -> HandoverData:
        """The validated input as the service takes it, with the request body kept as received."""
        return HandoverData.from_cleaned(self.validated_data, source=source, payload=self.initial_data)


class CaseOutSerializer(serializers.ModelSerializer):
    """The case a handover joined: only a case within the sender's scope (intake.handover_receive)."""

    v_number = serializers.CharField(source="foreign_national.v_number")
    surname = serializers.CharField(source="foreign_national.surname")

    class Meta:
        model = Case
        fields = ["id", "v_number", "surname", "phase", "source", "track", "opened_at"]


class HandoverOutSerializer(serializers.ModelSerializer):
    """The reply to a handover; `case` is null while it awaits a DT&V officer's match."""

    case = CaseOutSerializer(allow_null=True)

    class Meta:
        model = Handover
        fields = ["source", "reference", "handover_date", "received_at", "outcome", "case"]


# --- Input fields and shared pieces -------------------------------------------------------------------


class AwareDateTimeField(serializers.DateTimeField):
    """An ISO 8601 moment WITH its UTC offset: a naive time is ambiguous (which zone, which side of DST?)."""

    default_error_messages = {
        "naive": _("Give the moment with its UTC offset, for example 2026-03-02T10:30:00+01:00."),
    }

    def to_internal_value(self, value):
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value)
            except ValueError:
                parsed = None  # well-formed but impossible: the parent reports the format
            if parsed is not None and timezone.is_naive(parsed):
                self.fail("naive")
        return super().to_internal_value(value)


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class NationalityOutSerializer(serializers.Serializer):
    country = serializers.CharField()
    status = serializers.ChoiceField(choices=NationalityStatus.choices)


class AliasOutSerializer(serializers.Serializer):
    surname = serializers.CharField()
    given_names = serializers.CharField()


class ObstacleSerializer(serializers.Serializer):
    """An obstacle to removal from one of the registered checks, in words, with its legal basis if it has one."""

    check = serializers.CharField(help_text="The check that found it: procedures, nationality, or an app's check.")
    kind = serializers.ChoiceField(choices=ObstacleKind.choices)
    procedure = serializers.SerializerMethodField(help_text="The legal procedure it rests on, if any.")
    reason = serializers.CharField()
    legal_basis = serializers.CharField(source="basis")
    until = serializers.DateField(allow_null=True, help_text="The last day it stands, when that is known.")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_procedure(self, obstacle):
        return obstacle.source_id if obstacle.source == "cases.legalprocedure" else None


class NextDeadlineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    due_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=DeadlineStatus.choices)


# --- Cases ---------------------------------------------------------------------------------------------


class CaseListSerializer(serializers.Serializer):
    """A case: the person, its phase, who holds it, whether the person is removable today, the next deadline."""

    # Reads a selectors.CaseRow: the case and its removability on the day of the request.

    id = serializers.IntegerField(source="case.id")
    v_number = serializers.CharField(source="case.foreign_national.v_number")
    surname = serializers.CharField(source="case.foreign_national.surname")
    given_names = serializers.CharField(source="case.foreign_national.given_names")
    date_of_birth = serializers.DateField(source="case.foreign_national.date_of_birth", allow_null=True)
    date_of_birth_precision = serializers.ChoiceField(
        source="case.foreign_national.date_of_birth_precision", choices=DatePrecision.choices
    )
    sex = serializers.ChoiceField(source="case.foreign_national.sex", choices=Sex.choices)
    nationalities = NationalityOutSerializer(source="case.foreign_national.nationalities.all", many=True)
    phase = serializers.ChoiceField(source="case.phase", choices=Phase.choices)
    source = serializers.ChoiceField(source="case.source", choices=Source.choices)
    track = serializers.ChoiceField(source="case.track", choices=[("", ""), *Track.choices])
    opened_at = serializers.DateTimeField(source="case.opened_at")
    closed_at = serializers.DateTimeField(source="case.closed_at", allow_null=True)
    closure_reason = serializers.ChoiceField(source="case.closure_reason", choices=[("", ""), *ClosureReason.choices])
    team = serializers.CharField(source="case.team.name", allow_null=True)
    case_officer = UserRefSerializer(source="case.case_officer", allow_null=True)
    confidential = serializers.BooleanField(source="case.confidential")
    removable = serializers.BooleanField(
        source="removability.removable",
        help_text="No obstacle of any registered check (false for a closed case, which is not weighed).",
    )
    legal_obstacle = serializers.BooleanField(source="removability.has_legal_obstacle")
    obstacles = ObstacleSerializer(source="removability.obstacles", many=True)
    next_deadline = NextDeadlineSerializer(source="case.next_deadline", allow_null=True)


class PartnerCaseSerializer(serializers.Serializer):
    """What a chain partner reads of a case it handed over: the person it sent and the case's status.

    Field by field, on purpose (AVG art. 5 lid 1 onder c, data minimisation): never DT&V staff
    (case officer), the team, legal procedures or their obstacles, another person (a possible
    duplicate), nor what DT&V may do next (editable, transitions). A field is added here only by
    deciding that partners need it; the schema marks the object closed (no other keys).
    """

    # Reads a selectors.CaseRow or CaseSummary.

    id = serializers.IntegerField(source="case.id")
    v_number = serializers.CharField(source="case.foreign_national.v_number")
    surname = serializers.CharField(source="case.foreign_national.surname")
    given_names = serializers.CharField(source="case.foreign_national.given_names")
    date_of_birth = serializers.DateField(source="case.foreign_national.date_of_birth", allow_null=True)
    date_of_birth_precision = serializers.ChoiceField(
        source="case.foreign_national.date_of_birth_precision", choices=DatePrecision.choices
    )
    sex = serializers.ChoiceField(source="case.foreign_national.sex", choices=Sex.choices)
    nationalities = NationalityOutSerializer(source="case.foreign_national.nationalities.all", many=True)
    phase = serializers.ChoiceField(source="case.phase", choices=Phase.choices, help_text="The status of the case.")
    track = serializers.ChoiceField(source="case.track", choices=[("", ""), *Track.choices])
    opened_at = serializers.DateTimeField(source="case.opened_at")
    closed_at = serializers.DateTimeField(source="case.closed_at", allow_null=True)
    closure_reason = serializers.ChoiceField(source="case.closure_reason", choices=[("", ""), *ClosureReason.choices])


PARTNER_CASE_FIELDS = tuple(PartnerCaseSerializer().fields)


class CaseDetailSerializer(CaseListSerializer):
    """The full case: the person's identity and representative, counts, and what the caller may do next."""

    # Reads a selectors.CaseSummary.

    aliases = AliasOutSerializer(source="case.foreign_national.aliases.all", many=True)
    languages = serializers.ListField(source="case.foreign_national.languages", child=serializers.CharField())
    vulnerabilities = serializers.ListField(
        source="case.foreign_national.vulnerabilities", child=serializers.ChoiceField(choices=Vulnerability.choices)
    )
    legal_representative_name = serializers.CharField(source="case.foreign_national.legal_representative_name")
    legal_representative_office = serializers.CharField(source="case.foreign_national.legal_representative_office")
    legal_representative_contact = serializers.CharField(source="case.foreign_national.legal_representative_contact")
    previous_case = serializers.IntegerField(source="case.previous_case_id", allow_null=True)
    possible_duplicate_of = serializers.CharField(source="case.possible_duplicate_of.v_number", allow_null=True)
    duplicate_review = serializers.ChoiceField(
        source="case.duplicate_review", choices=[("", ""), *DuplicateReview.choices]
    )
    interviews_count = serializers.IntegerField()
    procedures_count = serializers.IntegerField()
    live_deadlines_count = serializers.IntegerField()
    transitions = serializers.SerializerMethodField(help_text="The phase transitions the workflow allows from here.")
    editable = serializers.BooleanField(help_text="Whether the caller may change this case.")
    version = serializers.IntegerField(
        source="case.version",
        help_text="Counts every change; send it back with a change to have it refused (409 stale_edit) if the "
        "case changed meanwhile.",
    )

    departed_on = serializers.DateField(source="case.departed_on", allow_null=True)
    destination_type = serializers.ChoiceField(
        source="case.destination_type", choices=[("", ""), *DestinationType.choices]
    )
    destination_country = serializers.CharField(source="case.destination_country")
    closure_evidence = serializers.ChoiceField(
        source="case.closure_evidence", choices=[("", ""), *ClosureEvidence.choices]
    )
    closure_remark = serializers.CharField(source="case.closure_remark")
    closure_document = serializers.IntegerField(source="case.closure_document_id", allow_null=True)

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=list(TRANSITIONS))))
    def get_transitions(self, summary):
        # Reopening is a team lead's decision: listed only for a caller who may take it.
        return [
            transition.name
            for transition in transitions_from(summary.case.phase)
            if transition.name != "reopen" or summary.reopenable
        ]


class AssignInSerializer(serializers.Serializer):
    case_officer = serializers.IntegerField(min_value=1, help_text="The id of the case officer.")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The case's `version` as read: if it changed since, nothing is saved (409 stale_edit).",
    )

    def validate_case_officer(self, value):
        officer = get_user_model().objects.filter(pk=value).select_related("team").first()
        if officer is None:
            raise serializers.ValidationError(_("No user has this id."), code="does_not_exist")
        return officer


class CloseInSerializer(serializers.Serializer):
    """Why the case closes; a departure also says when, and a demonstrable one where to and what shows it."""

    closure_reason = serializers.ChoiceField(
        choices=ClosureReason.choices, required=False, allow_blank=True, default=""
    )
    departed_on = BoundedDateField(required=False, allow_null=True, default=None)
    destination_type = serializers.ChoiceField(
        choices=DestinationType.choices, required=False, allow_blank=True, default=""
    )
    destination_country = serializers.CharField(required=False, allow_blank=True, default="", max_length=3)
    evidence = serializers.ChoiceField(choices=ClosureEvidence.choices, required=False, allow_blank=True, default="")
    remark = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    evidence_document = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text="The id of one of this case's documents that shows the departure (IOM confirmation, exit stamp).",
    )
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The case's `version` as read: if it changed since, nothing is saved (409 stale_edit).",
    )


class ReopenInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Why the case is reopened (at least 10 characters).")


# --- Departure interviews --------------------------------------------------------------------------------


class AgreedActionInSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=500, allow_blank=True)
    party = serializers.ChoiceField(
        choices=AgreedAction.Party.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Who acts; the foreign national when left out (interview_record's default).",
    )
    due_date = BoundedDateField()


class InterviewInSerializer(serializers.Serializer):
    """A departure interview as the case officer records it; the service checks the rules."""

    kind = serializers.ChoiceField(choices=InterviewKind.choices)
    held_at = AwareDateTimeField()
    interpreter_mode = serializers.ChoiceField(choices=InterpreterMode.choices)
    interpreter_language = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="ISO 639-1 or 639-3 code."
    )
    no_interpreter_reason = serializers.CharField(required=False, allow_blank=True, default="")
    stance = serializers.ChoiceField(choices=Stance.choices)
    summary = serializers.CharField(allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    actions = AgreedActionInSerializer(many=True, required=False, default=list, max_length=50)

    def service_kwargs(self) -> dict:
        """The validated data as interview_record's keyword arguments."""
        data = dict(self.validated_data)
        data["actions"] = [(a["description"], a["party"], a["due_date"]) for a in data["actions"]]
        return data


class AgreedActionOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreedAction
        fields = ["id", "description", "party", "due_date", "completed_at"]


class InterviewOutSerializer(serializers.ModelSerializer):
    conducted_by = UserRefSerializer()
    actions = AgreedActionOutSerializer(many=True)

    class Meta:
        model = DepartureInterview
        fields = [
            "id",
            "kind",
            "held_at",
            "location",
            "interpreter_mode",
            "interpreter_language",
            "no_interpreter_reason",
            "stance",
            "summary",
            "conducted_by",
            "recorded_at",
            "actions",
        ]


# --- Legal procedures -------------------------------------------------------------------------------------


class ProcedureInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ProcedureKind.choices)
    lodged_on = BoundedDateField()
    may_await_in_nl = serializers.BooleanField(
        help_text="Whether the person may stay in the Netherlands while the procedure is pending."
    )
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    outcome = serializers.ChoiceField(
        choices=ProcedureOutcome.choices, required=False, default=ProcedureOutcome.PENDING
    )
    decided_on = BoundedDateField(required=False, allow_null=True, default=None)
    effective_until = BoundedDateField(required=False, allow_null=True, default=None)


class ProcedureDecideInSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ProcedureOutcome.choices)
    decided_on = BoundedDateField(required=False, allow_null=True, default=None)
    effective_until = BoundedDateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="For a granted interim measure or medical postponement: the last day it stops removal.",
    )


class ProcedureOutSerializer(serializers.ModelSerializer):
    recorded_by = UserRefSerializer()
    legal_basis = serializers.SerializerMethodField()

    class Meta:
        model = LegalProcedure
        fields = [
            "id",
            "kind",
            "legal_basis",
            "reference",
            "lodged_on",
            "may_await_in_nl",
            "outcome",
            "decided_on",
            "effective_until",
            "notes",
            "recorded_at",
            "recorded_by",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_legal_basis(self, procedure):
        return PROCEDURE_LEGAL_BASIS[ProcedureKind(procedure.kind)]


class ProcedureListSerializer(serializers.Serializer):
    """The case's procedures with what they mean for removal today."""

    removable = serializers.BooleanField(source="removability.removable")
    legal_obstacle = serializers.BooleanField(source="removability.has_legal_obstacle")
    obstacles = ObstacleSerializer(source="removability.obstacles", many=True)
    procedures = ProcedureOutSerializer(many=True)


class ProcedureChangeSerializer(serializers.Serializer):
    """A recorded or decided procedure and the case's removability after the change."""

    procedure = ProcedureOutSerializer()
    removable = serializers.BooleanField(source="removability.removable")
    legal_obstacle = serializers.BooleanField(source="removability.has_legal_obstacle")
    obstacles = ObstacleSerializer(source="removability.obstacles", many=True)


# --- Deadlines and timeline ----------------------------------------------------------------------------


class DeadlineOutSerializer(serializers.ModelSerializer):
    kind_label = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display")
    start = serializers.SerializerMethodField(
        help_text="A date for terms in days, weeks or months; a moment for hours."
    )
    explanation = serializers.SerializerMethodField(
        help_text="How the deadline was computed, in sentences (in the user's language, Dutch by default)."
    )
    explanation_steps = serializers.JSONField(source="explanation", help_text="The computation steps as data.")
    due_date = serializers.DateField(
        allow_null=True, read_only=True, help_text="The legal last day (terms in days); late only after it."
    )
    due_at = serializers.DateTimeField(
        read_only=True, help_text="The exclusive end of the legal last day, or the moment (hours)."
    )
    target_date = serializers.DateField(
        allow_null=True,
        read_only=True,
        help_text="The internal target day; the legal last day unless the rule keeps an earlier, unshifted day.",
    )
    target_at = serializers.DateTimeField(
        read_only=True, help_text="The exclusive end of the internal target (reminders aim at it)."
    )

    class Meta:
        model = Deadline
        fields = [
            "id",
            "kind",
            "kind_label",
            "legal_basis",
            "rule_version",
            "trigger",
            "start",
            "due_date",
            "due_at",
            "target_date",
            "target_at",
            "atw_applies",
            "atw_applied",
            "status",
            "status_label",
            "responsible",
            "explanation",
            "explanation_steps",
            "revision",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_kind_label(self, deadline):
        return registry.kind_label(deadline.kind)

    @extend_schema_field(OpenApiTypes.STR)
    def get_start(self, deadline):
        start = deadline.start_at or deadline.start_date
        return start.isoformat() if start else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_explanation(self, deadline):
        return explain(deadline.explanation, language=translation.get_language() or settings.LANGUAGE_CODE)


class EventOutSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField(help_text="Who acted; empty when the system acted.")
    label = serializers.SerializerMethodField(help_text="The kind of event, in the user's language.")
    description = serializers.SerializerMethodField(
        help_text="The event's facts as the timeline reads them, in the user's language (`data` holds them raw)."
    )

    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "label", "occurred_at", "actor", "description", "data"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_label(self, event):
        return describe(event)[0]

    @extend_schema_field(OpenApiTypes.STR)
    def get_description(self, event):
        return describe(event)[1]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, event):
        return str(event.actor) if event.actor_id else None
