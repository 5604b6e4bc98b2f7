from rest_framework import serializers

from dtv.core.fields import BoundedDateField

from ..constants import Comparison, Kpi, Light


class PeriodQuerySerializer(serializers.Serializer):
    """A year, or a first and a last day (both included)."""

    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
    first_day = BoundedDateField(required=False)
    last_day = BoundedDateField(required=False)

    def validate(self, data):
        if ("first_day" in data) != ("last_day" in data):
            raise serializers.ValidationError({"last_day": ["Give both first_day and last_day, or neither."]})
        if "first_day" in data and data["last_day"] < data["first_day"]:
            raise serializers.ValidationError({"last_day": ["The last day lies before the first day."]})
        return data


class PeriodSerializer(serializers.Serializer):
    first_day = serializers.DateField(source="starts_on")
    last_day = serializers.DateField()


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    numeric = serializers.BooleanField()


class TableSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="inflow, outflow, destinations, caseload, laissez_passer, durations, …")
    title = serializers.CharField()
    definition = serializers.CharField(help_text="What is counted, from which event, on which date.")
    columns = ColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.DictField(), source="as_dicts", help_text="One object per row, by column key."
    )
    total = serializers.ListField(child=serializers.JSONField(), allow_null=True)


class StatisticsSerializer(serializers.Serializer):
    period = PeriodSerializer()
    tables = TableSerializer(many=True)


class TargetSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    comparison = serializers.ChoiceField(choices=Comparison.choices)
    percentage = serializers.DecimalField(max_digits=5, decimal_places=2)
    source = serializers.CharField()


class KpiSerializer(serializers.Serializer):
    kpi = serializers.ChoiceField(choices=Kpi.choices)
    label = serializers.CharField(source="kpi.label")
    percentage = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    target = TargetSerializer(allow_null=True)
    light = serializers.ChoiceField(choices=Light.choices)
    definition = serializers.CharField()


class KpisSerializer(serializers.Serializer):
    period = PeriodSerializer()
    kpis = KpiSerializer(many=True)
