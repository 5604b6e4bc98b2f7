import pycountry
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..constants import (
    NATIONALITY_UNKNOWN,
    STATELESS,
    NationalityStatus,
    Sex,
    Track,
    Vulnerability,
)
from ..dates import parse_partial_date
from ..forms import v_number_validator
from ..intake import HandoverData
from ..models import Case, Handover


def _is_country(code):
    return code in (STATELESS, NATIONALITY_UNKNOWN) or pycountry.countries.get(alpha_3=code) is not None


class NationalityInSerializer(serializers.Serializer):
    country = serializers.CharField(min_length=3, max_length=3)
    status = serializers.ChoiceField(choices=NationalityStatus.choices)

    def validate_country(self, value):
        code = value.upper()
        if not _is_country(code):
            raise serializers.ValidationError(
                _("Unknown country code: use ISO 3166-1 alpha-3, XXA (stateless) or XXX (unknown)."), code="country"
            )
        return code


class AliasInSerializer(serializers.Serializer):
    surname = serializers.CharField(max_length=200)
    given_names = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class HandoverInSerializer(serializers.Serializer):
    """A handover from a chain partner; the source is the partner's own organisation, not a field."""

    reference = serializers.CharField(max_length=100)
    handover_date = serializers.DateField()
    v_number = serializers.CharField(max_length=10, validators=[v_number_validator])
    surname = serializers.CharField(max_length=200)
    given_names = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    date_of_birth = serializers.CharField(required=False, allow_null=True, allow_blank=True, default=None)
    sex = serializers.ChoiceField(choices=Sex.choices)
    nationalities = NationalityInSerializer(many=True, allow_empty=False, max_length=5)
    aliases = AliasInSerializer(many=True, required=False, default=list, max_length=20)
    languages = serializers.ListField(
        child=serializers.RegexField(r"^[a-z]{2,3}$"), required=False, default=list, max_length=10
    )
    vulnerabilities = serializers.ListField(
        child=serializers.ChoiceField(choices=Vulnerability.choices), required=False, default=list, max_length=10
    )
    track = serializers.ChoiceField(choices=Track.choices)
    legal_representative_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    legal_representative_office = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    legal_representative_contact = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate_handover_date(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(_("The handover date cannot lie in the future."), code="future_date")
        return value

    def validate_date_of_birth(self, value):
        try:
            return parse_partial_date(value, today=timezone.localdate())
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages, code=exc.code) from None

    def validate_nationalities(self, value):
        codes = [n["country"] for n in value]
        if len(codes) != len(set(codes)):
            raise serializers.ValidationError(_("A nationality is listed twice."), code="duplicate")
        return value

    def to_handover_data(self, *, source):
        data = self.validated_data
        date_of_birth, precision = data["date_of_birth"]
        return HandoverData(
            source=source,
            reference=data["reference"],
            handover_date=data["handover_date"],
            v_number=data["v_number"],
            surname=data["surname"],
            given_names=data["given_names"],
            date_of_birth=date_of_birth,
            date_of_birth_precision=precision,
            sex=data["sex"],
            nationalities=[(n["country"], n["status"]) for n in data["nationalities"]],
            aliases=[(a["surname"], a["given_names"]) for a in data["aliases"]],
            languages=data["languages"],
            vulnerabilities=data["vulnerabilities"],
            track=data["track"],
            legal_representative_name=data["legal_representative_name"],
            legal_representative_office=data["legal_representative_office"],
            legal_representative_contact=data["legal_representative_contact"],
            payload=self.initial_data,
        )


class CaseOutSerializer(serializers.ModelSerializer):
    v_number = serializers.CharField(source="foreign_national.v_number")
    surname = serializers.CharField(source="foreign_national.surname")

    class Meta:
        model = Case
        fields = ["id", "v_number", "surname", "phase", "source", "track", "opened_at", "previous_case"]


class HandoverOutSerializer(serializers.ModelSerializer):
    case = CaseOutSerializer()

    class Meta:
        model = Handover
        fields = ["source", "reference", "handover_date", "received_at", "outcome", "case"]
