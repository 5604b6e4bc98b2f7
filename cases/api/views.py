from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from dtv.core.api import ApiView

from ..accesslog import log_read
from ..constants import AccessChannel
from ..intake import SOURCE_OF_PARTNER, handover_receive
from ..permissions import cases_visible_to
from .serializers import CaseOutSerializer, HandoverInSerializer, HandoverOutSerializer


class IsChainPartner(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.has_perm("cases.submit_handover") and user.chain_partner in SOURCE_OF_PARTNER)


class HandoverCreateView(ApiView):
    """Chain partners hand a case over; the same (partner, reference) twice gives the same case."""

    permission_classes = [IsAuthenticated, IsChainPartner]

    @extend_schema(request=HandoverInSerializer, responses={201: HandoverOutSerializer, 200: HandoverOutSerializer})
    def post(self, request):
        serializer = HandoverInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source = SOURCE_OF_PARTNER[request.user.chain_partner]
        handover, created = handover_receive(
            data=serializer.to_handover_data(source=source), received_by=request.user, now=timezone.now()
        )
        return Response(
            HandoverOutSerializer(handover).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class CaseDetailView(ApiView):
    """One case within the caller's scope; outside it the case does not exist (404)."""

    @extend_schema(responses=CaseOutSerializer)
    def get(self, request, pk):
        case = get_object_or_404(cases_visible_to(request.user).select_related("foreign_national"), pk=pk)
        log_read(request, case=case, channel=AccessChannel.API)
        return Response(CaseOutSerializer(case).data)
