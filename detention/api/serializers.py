from rest_framework import serializers

from dtv.core.fields import BoundedDateField

from ..constants import (
    IMPOSABLE_MEASURE_KINDS,
    LIGHTER_RUNGS,
    DetentionArticle,
    DetentionLocation,
    EndReason,
    Ruling,
)
from ..models import CourtStep, DetentionOrder, Measure, ReportingEvent


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingEvent
        fields = ["on", "attended", "note", "recorded_at"]


class CourtStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = CourtStep
        fields = ["id", "kind", "on", "ruling", "grounds", "compensation", "text", "data", "recorded_at"]


class MeasureSerializer(serializers.ModelSerializer):
    reports = ReportSerializer(many=True, read_only=True)
    court = CourtStepSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id", "case", "kind", "legal_basis", "ground", "imposed_by", "imposed_at", "starts_at", "ends_at",
            "end_reason", "end_note", "removal_procedure", "frequency_days", "place", "amount", "paid_on",
            "settled", "settled_on", "location", "detention_location", "article", "extended_until",
            "extension_reason", "order", "reports", "court",
        ]  # fmt: skip


class MeasureListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ["id", "kind", "legal_basis", "starts_at", "ends_at", "end_reason", "order"]


class ImposeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IMPOSABLE_MEASURE_KINDS)
    ground = serializers.CharField(max_length=2000)
    starts_at = serializers.DateTimeField(required=False, allow_null=True)
    frequency_days = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=90)
    place = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    amount = serializers.DecimalField(required=False, allow_null=True, max_digits=9, decimal_places=2, min_value=0)
    location = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class EndSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=EndReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ExtendSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
    until = serializers.DateTimeField(required=False, allow_null=True, help_text="VBL: the new end.")
    hours = serializers.IntegerField(required=False, min_value=1, max_value=48, help_text="Holding: 1-48 hours.")


class ReportInSerializer(serializers.Serializer):
    on = BoundedDateField()
    attended = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class SettleSerializer(serializers.Serializer):
    settled = serializers.ChoiceField(choices=[("returned", "returned"), ("forfeited", "forfeited")])
    on = BoundedDateField()


class CourtStepInSerializer(serializers.Serializer):
    on = BoundedDateField()
    ruling = serializers.ChoiceField(choices=Ruling.choices, required=False, default="")
    grounds = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    compensation = serializers.DecimalField(
        required=False, allow_null=True, max_digits=9, decimal_places=2, min_value=0, default=None
    )
    text = serializers.CharField(required=False, allow_blank=True, max_length=8000, default="")
    checklist = serializers.DictField(required=False, default=dict, help_text="The review's answers.")


class GroundSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=4)
    facts = serializers.CharField(allow_blank=True, max_length=4000)


class OrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = DetentionOrder
        fields = [
            "id", "case", "version", "previous", "changes", "state", "article", "detention_location", "grounds",
            "lighter_measures", "prospect_evidence", "flight_booked_on", "dublin_claim", "lp_stage",
            "lp_expected_on", "non_refoulement", "hearing_at", "interpreter", "interpreter_not_needed",
            "lawyer_present", "lawyer_waived", "vulnerability", "family", "last_resort", "approved_by",
            "approved_at", "drafted_by", "drafted_at", "issued_by", "issued_at", "pdf_sha256", "template_version",
            "render_state",
        ]  # fmt: skip


class OrderDraftSerializer(serializers.Serializer):
    article = serializers.ChoiceField(choices=DetentionArticle.choices, required=False)
    detention_location = serializers.ChoiceField(choices=DetentionLocation.choices, required=False)
    grounds = GroundSerializer(many=True, required=False)
    lighter_measures = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=4000), required=False,
        help_text=f"One reason per lighter measure: {', '.join(LIGHTER_RUNGS)}.",
    )  # fmt: skip
    prospect_evidence = serializers.CharField(required=False, allow_blank=True, max_length=8000)
    flight_booked_on = BoundedDateField(required=False, allow_null=True)
    dublin_claim = serializers.BooleanField(required=False)
    non_refoulement = serializers.CharField(required=False, allow_blank=True, max_length=8000)
    hearing_at = serializers.DateTimeField(required=False, allow_null=True)
    interpreter = serializers.CharField(required=False, allow_blank=True, max_length=200)
    interpreter_not_needed = serializers.BooleanField(required=False)
    lawyer_present = serializers.BooleanField(required=False)
    lawyer_waived = serializers.BooleanField(required=False)
    vulnerability = serializers.CharField(required=False, allow_blank=True, max_length=8000)
    family = serializers.BooleanField(required=False)
    last_resort = serializers.CharField(required=False, allow_blank=True, max_length=8000)


class CorrectSerializer(serializers.Serializer):
    changes = serializers.CharField(max_length=2000)
