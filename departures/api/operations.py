"""REST API of group and charter operations: the operations and their manifest, read-only.

KMar reads the operations it escorts and their whole manifest (it escorts every person on board), whichever partner
handed each case over, and nothing of another operation (404). DT&V roles read every operation and the manifest
rows of the cases in their scope (the organising team's leads: all of them). Other chain partners get 403.
Medical particulars are never part of the manifest.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from cases.accesslog import AccessChannel, log_list_read
from dtv.core.api import ApiView, documented_errors

from ..manifest import VIEW, manifest, may_view_operations, upcoming_operations
from ..models import Operation
from ..permissions import is_kmar_partner
from ..processing import DEPARTURES

READ = documented_errors(
    {
        401: "No or invalid credentials.",
        403: "The caller may not read operations (a chain partner other than KMar).",
        404: "No such operation (for KMar: none that KMar escorts).",
    },
    401,
    403,
    404,
)


class OperationSerializer(serializers.ModelSerializer):
    people = serializers.IntegerField(read_only=True, help_text="People on board whose removal is still open.")

    class Meta:
        model = Operation
        fields = [
            "id", "reference", "kind", "carrier", "flight_number", "departure_airport", "departs_at",
            "destination_country", "seats", "kmar_escorts", "dtv_escorts", "medical_escort", "manifest_version",
            "people",
        ]  # fmt: skip


class ManifestNoticeSerializer(serializers.Serializer):
    latest = serializers.DateTimeField(help_text="The last moment the notice could be given (flight notice rule).")
    person_at = serializers.DateTimeField(source="person.notified_at", allow_null=True, default=None)
    representative_at = serializers.DateTimeField(source="representative.notified_at", allow_null=True, default=None)
    in_time = serializers.BooleanField()


class ManifestCheckSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    status = serializers.CharField()
    reason = serializers.CharField()
    basis = serializers.CharField()


class ManifestRowSerializer(serializers.Serializer):
    seat = serializers.CharField(source="passenger.seat")
    removal = serializers.IntegerField(source="removal.pk")
    state = serializers.CharField(source="removal.state")
    v_number = serializers.CharField(source="person.v_number")
    surname = serializers.CharField(source="person.surname")
    given_names = serializers.CharField(source="person.given_names")
    notice = ManifestNoticeSerializer()
    checks = ManifestCheckSerializer(many=True)
    score = serializers.IntegerField(source="completeness.score")
    missing = serializers.ListField(child=serializers.CharField(), source="completeness.missing")
    ready = serializers.BooleanField()


class ManifestSerializer(serializers.Serializer):
    operation = OperationSerializer()
    people = ManifestRowSerializer(many=True)


def _readable(request):
    user = request.user
    if is_kmar_partner(user):
        if not user.has_perm(VIEW):
            raise PermissionDenied
        return Operation.objects.filter(kmar_escorts__gt=0)
    if not may_view_operations(user):
        raise PermissionDenied(_("Operations are DT&V's and KMar's work."))
    return Operation.objects.all()


class OperationsView(ApiView):
    """The operations leaving from a week ago on (KMar: those it escorts), soonest first."""

    @extend_schema(responses={200: OperationSerializer(many=True), **READ})
    def get(self, request):
        readable = _readable(request)
        found = upcoming_operations(now=timezone.now()).filter(pk__in=readable.values("pk"))
        return Response(OperationSerializer(found, many=True).data)


class ManifestView(ApiView):
    """The operation's manifest: per person the seat, notices, pre-removal checks and KMar file score (no medical)."""

    @extend_schema(responses={200: ManifestSerializer, **READ})
    def get(self, request, pk):
        operation = get_object_or_404(_readable(request), pk=pk)
        rows = manifest(operation, user=request.user)
        operation.people = sum(row.removal.is_open for row in rows)
        log_list_read(request, [row.person.pk for row in rows], activity=DEPARTURES, channel=AccessChannel.API)
        return Response(ManifestSerializer({"operation": operation, "people": rows}).data)
