"""The REST interface of deadlines: marking one met, with the same service and rules as the browser.

Scope first, as everywhere in the API: a deadline of a case outside the caller's scope is a 404,
whether or not it exists; chain partners (status, not case work) get a 403; the service refuses
a user who may not change the case (403), a statutory term without a reason (400), and a deadline
that is no longer open (409).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from dtv.core.api import ApiView

from ..accesslog import log_read
from ..api.serializers import DeadlineOutSerializer
from ..api.views import WRITE_ERRORS
from ..constants import AccessChannel
from ..models import Deadline
from ..permissions import can_read_case_work, cases_visible_to
from ..processing import CASE_WORK
from .notifications import deadline_mark_met


class DeadlineMetInSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=1000,
        help_text="What was done to meet the deadline; required for a statutory term (code reason_required).",
    )


class DeadlineMetView(ApiView):
    """Record that the action a deadline asked for was taken; its reminders, escalation and work items end."""

    @extend_schema(request=DeadlineMetInSerializer, responses={200: DeadlineOutSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        deadline = get_object_or_404(
            Deadline.objects.select_related("case"), pk=pk, case__in=cases_visible_to(request.user)
        )
        if not can_read_case_work(request.user):
            raise PermissionDenied(_("Chain partners may read their cases but not change them."))
        serializer = DeadlineMetInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        deadline = deadline_mark_met(
            deadline=deadline, actor=request.user, now=timezone.now(), reason=serializer.validated_data["reason"]
        )
        log_read(request, activity=CASE_WORK, case=deadline.case, channel=AccessChannel.API)
        return Response(DeadlineOutSerializer(deadline).data)
