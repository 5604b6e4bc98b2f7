from rest_framework import serializers

from dtv.core.fields import BoundedDateField

from ..constants import Answer, Channel, ContactKind, WithdrawalReason
from ..models import Country, Mission, RequestContact, RequestTransition, TravelDocumentRequest


class MissionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Mission
        fields = ["id", "kind", "city", "address", "phone", "email", "languages", "active"]


class CountrySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)
    missions = MissionSerializer(many=True, read_only=True)

    class Meta:
        model = Country
        fields = [
            "code",
            "name",
            "presentation_required",
            "identity_proof_required",
            "accepted_proof",
            "accepts_forced_return",
            "readmission",
            "readmission_answer_days",
            "programme_eligible",
            "response_days",
            "missions",
        ]


class TransitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestTransition
        fields = ["from_state", "to_state", "on", "recorded_at", "data"]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestContact
        fields = ["kind", "on", "channel", "note", "recorded_at"]


class RequestSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")
    transitions = TransitionSerializer(many=True, read_only=True)
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta:
        model = TravelDocumentRequest
        fields = [
            "id",
            "case",
            "country",
            "mission",
            "state",
            "channel",
            "third_country_access",
            "submitted_on",
            "appeal_phase",
            "safeguards_shared",
            "no_asylum_data_shared",
            "approved_by",
            "presentation_on",
            "presentation_place",
            "accompanied_by",
            "interpreter_language",
            "answered_on",
            "lp_number",
            "lp_issued_on",
            "lp_valid_until",
            "lp_journey",
            "withdrawal_reason",
            "closing_note",
            "transitions",
            "contacts",
        ]


class RequestListSerializer(RequestSerializer):
    class Meta(RequestSerializer.Meta):
        fields = [f for f in RequestSerializer.Meta.fields if f not in ("transitions", "contacts")]


class RequestCreateSerializer(serializers.Serializer):
    country = serializers.CharField(max_length=3)
    mission = serializers.IntegerField(required=False, allow_null=True)
    third_country_access = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    safeguards_shared = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    no_asylum_data_shared = serializers.BooleanField(required=False, default=False)


class SubmitSerializer(serializers.Serializer):
    on = BoundedDateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    mission = serializers.IntegerField(required=False, allow_null=True)
    supporting_documents = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class ScheduleSerializer(serializers.Serializer):
    on = BoundedDateField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PresentationSerializer(serializers.Serializer):
    on = BoundedDateField()
    accompanied_by = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    interpreter_language = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")


class AnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=Answer.choices)
    on = BoundedDateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    lp_number = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    lp_issued_on = BoundedDateField(required=False, allow_null=True, default=None)
    lp_valid_until = BoundedDateField(required=False, allow_null=True, default=None)
    lp_journey = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DatedSerializer(serializers.Serializer):
    on = BoundedDateField()


class EscalateSerializer(DatedSerializer):
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, default=Channel.LIAISON)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=WithdrawalReason.choices)
    on = BoundedDateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ContactInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    on = BoundedDateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
