from rest_framework import serializers

from cases.constants import DestinationType
from dtv.core.fields import BoundedDateField

from ..constants import (
    CancellationReason,
    DepartureTrack,
    DublinAnswer,
    DublinCircumstance,
    DublinClaimKind,
    NoticeMethod,
    NoticeRecipient,
    RemovalKind,
)
from ..models import (
    DepartureFile,
    DeparturePlan,
    DublinClaim,
    MedicalParticulars,
    Removal,
    RemovalNotice,
    RemovalTransition,
)


class PlanSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.get_full_name", read_only=True)
    approved_by = serializers.CharField(source="approved_by.get_full_name", read_only=True, default=None)

    class Meta:
        model = DeparturePlan
        fields = [
            "id", "case", "version", "destination_type", "destination_country", "third_country_access", "track",
            "programme", "obstacles", "agreed_actions", "reason", "author", "created_at", "approval", "approved_by",
            "approved_at",
        ]  # fmt: skip


class PlanCreateSerializer(serializers.Serializer):
    destination_type = serializers.ChoiceField(choices=DestinationType.choices)
    destination_country = serializers.CharField(max_length=3)
    track = serializers.ChoiceField(choices=DepartureTrack.choices)
    reason = serializers.CharField(max_length=500)
    third_country_access = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    programme = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    obstacles = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    agreed_actions = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = RemovalNotice
        fields = ["recipient", "notified_at", "method", "for_departure", "recorded_at"]


class RemovalTransitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = RemovalTransition
        fields = ["from_state", "to_state", "at", "data"]


class CheckSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    status = serializers.CharField()
    reason = serializers.CharField()
    basis = serializers.CharField()


class NoticeStatusSerializer(serializers.Serializer):
    latest = serializers.DateTimeField()
    hours = serializers.IntegerField()
    given = serializers.BooleanField()
    in_time = serializers.BooleanField()


class RemovalSerializer(serializers.ModelSerializer):
    notices = NoticeSerializer(many=True, read_only=True)
    transitions = RemovalTransitionSerializer(many=True, read_only=True)
    notice_status = NoticeStatusSerializer(read_only=True)
    checks = CheckSerializer(many=True, read_only=True)

    class Meta:
        model = Removal
        fields = [
            "id", "case", "kind", "state", "destination_country", "carrier", "flight_number", "departure_airport",
            "departs_at", "transfer_points", "kmar_escorts", "dtv_escort", "medical_escort",
            "medical_escort_conditions", "ticket_reference", "rebooked_from", "notified_at", "confirmed_at",
            "executed_at", "escorted_by", "handover", "cancelled_at", "cancellation_reason", "cancellation_note",
            "notices", "transitions", "notice_status", "checks",
        ]  # fmt: skip


class RemovalListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Removal
        fields = ["id", "case", "kind", "state", "destination_country", "carrier", "flight_number", "departs_at"]


class BookingSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RemovalKind.choices)
    carrier = serializers.CharField(max_length=100)
    flight_number = serializers.CharField(max_length=20)
    departure_airport = serializers.CharField(max_length=100)
    departs_at = serializers.DateTimeField()
    destination_country = serializers.CharField(max_length=3, required=False)
    transfer_points = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    kmar_escorts = serializers.IntegerField(min_value=0, max_value=20, required=False, default=0)
    dtv_escort = serializers.BooleanField(required=False, default=False)
    medical_escort = serializers.BooleanField(required=False, default=False)
    medical_escort_conditions = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    ticket_reference = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class NoticeInSerializer(serializers.Serializer):
    recipient = serializers.ChoiceField(choices=NoticeRecipient.choices)
    notified_at = serializers.DateTimeField()
    method = serializers.ChoiceField(choices=NoticeMethod.choices)


class ExecuteSerializer(serializers.Serializer):
    executed_at = serializers.DateTimeField()
    escorted_by = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    handover = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class CancelSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=CancellationReason.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RebookSerializer(CancelSerializer):
    departs_at = serializers.DateTimeField()
    carrier = serializers.CharField(max_length=100, required=False)
    flight_number = serializers.CharField(max_length=20, required=False)


class MedicalSerializer(serializers.ModelSerializer):
    class Meta:
        model = MedicalParticulars
        fields = [
            "particulars", "medication", "fit_to_travel", "bma_transport", "bma_escort", "bma_medication",
            "bma_handover", "bma_conditions_met",
        ]  # fmt: skip


class DepartureFileSerializer(serializers.ModelSerializer):
    class Meta:
        model = DepartureFile
        fields = [
            "travel_documents", "behaviour_risk", "risk_facts", "physical_features", "bags", "baggage_kg", "money",
            "valuables", "belongings_location", "destination_contacts", "updated_at",
        ]  # fmt: skip


class KmarFilePdfLinkSerializer(serializers.Serializer):
    url = serializers.URLField()
    sha256 = serializers.CharField()
    template_version = serializers.CharField()


class KmarFileSerializer(serializers.Serializer):
    """The departure file as KMar receives it for one removal: completeness, missing items, medical if need to know."""

    removal = serializers.IntegerField()
    score = serializers.IntegerField()
    missing = serializers.ListField(child=serializers.CharField())
    file = DepartureFileSerializer(allow_null=True)
    medical = MedicalSerializer(allow_null=True, help_text="Only for need-to-know readers; absent (null) otherwise.")
    pdf = KmarFilePdfLinkSerializer(
        allow_null=True, help_text="The rendered PDF (it holds the medical part): need-to-know readers only, else null."
    )


class DublinClaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = DublinClaim
        fields = [
            "id", "case", "kind", "member_state", "registered_on", "requested_on", "urgent", "eurodac_hit", "answer",
            "answer_due", "answer_basis", "accepted_on", "circumstance", "transfer_until", "state_informed_on",
        ]  # fmt: skip


class DublinClaimCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DublinClaimKind.choices)
    member_state = serializers.CharField(max_length=3)
    registered_on = BoundedDateField()
    requested_on = BoundedDateField()
    urgent = serializers.BooleanField(required=False, default=False)
    eurodac_hit = serializers.BooleanField(required=False, default=False)


class DublinAnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=[(DublinAnswer.ACCEPTED, "accepted"), (DublinAnswer.REFUSED, "refused")])
    on = BoundedDateField()


class DublinExtendSerializer(serializers.Serializer):
    circumstance = serializers.ChoiceField(choices=DublinCircumstance.choices)
    state_informed_on = BoundedDateField()
