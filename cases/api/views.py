"""The REST interface of cases: thin views over the same selectors, permissions and services as the UI.

Scope comes first: a case outside `cases_visible_to(user)` is a 404 whether or not it exists, before
any permission check, so the API never tells who has which case. There is no break-the-glass here.
Every response that carries a person's data writes the access log (channel API).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from dtv.core.api import ApiView, documented_errors

from .. import services
from ..accesslog import log_list_read, log_read
from ..constants import AccessChannel, source_of_partner
from ..intake import handover_receive, handover_subject
from ..models import Case, CaseEvent, LegalProcedure
from ..permissions import can_read_case_work, case_for_reading, scoped
from ..processing import CASE_WORK, CASELOAD, INTAKE, PARTNER_STATUS
from ..selectors import (
    DEFAULT_SORT,
    SORTS,
    case_deadlines,
    case_interviews,
    case_procedures,
    case_removability,
    case_rows,
    case_rows_with_removability,
    case_summary,
    case_with_person,
    workqueue_sorted,
)
from .pagination import KeysetPagination
from .serializers import (
    AssignInSerializer,
    CaseDetailSerializer,
    CaseListSerializer,
    CloseInSerializer,
    DeadlineOutSerializer,
    EventOutSerializer,
    HandoverInSerializer,
    HandoverOutSerializer,
    InterviewInSerializer,
    InterviewOutSerializer,
    PartnerCaseSerializer,
    ProcedureChangeSerializer,
    ProcedureDecideInSerializer,
    ProcedureInSerializer,
    ProcedureListSerializer,
    ReopenInSerializer,
)

_ERROR_TEXT = {
    400: "Invalid input: `errors` names each field with its messages; nothing was saved.",
    401: "No or invalid credentials.",
    403: "The caller may not do this (chain partners only read; officers change only their own cases).",
    404: "No such case within the caller's scope.",
    409: "A business rule refused the change; `code` names the rule. Nothing was saved.",
}


def error_responses(*codes):
    """The documented error responses of an endpoint."""
    return documented_errors(_ERROR_TEXT, *codes)


READ_ERRORS = error_responses(401, 404)
WRITE_ERRORS = error_responses(400, 401, 403, 404, 409)


def _case_in_scope(request, pk) -> Case:
    """The case if it lies within the caller's scope; 404 otherwise, whether or not it exists (no glass here)."""
    return case_for_reading(
        user=request.user, case_id=pk, now=timezone.now(), queryset=case_with_person(), break_glass=False
    ).case


def _case_work(request, pk) -> Case:
    """A case whose case work (interviews, procedures, deadlines, timeline) the caller reads: 404, then 403."""
    case = _case_in_scope(request, pk)
    if not can_read_case_work(request.user):
        raise PermissionDenied(_("Chain partners receive the status of their cases, not the case work."))
    return case


def _case_to_change(request, pk) -> Case:
    """The case the caller wants to change: 404 outside the scope, then 403 for chain partners."""
    case = _case_in_scope(request, pk)
    if not can_read_case_work(request.user):
        # Chain partners hand cases over and read them back; every change is DT&V's own work.
        raise PermissionDenied(_("Chain partners may read their cases but not change them."))
    return case


def _activity(request, staff_activity):
    """What a read through the API is for: a chain partner's reads are status information, DT&V's its work."""
    return PARTNER_STATUS if request.user.chain_partner else staff_activity


def _removability(case, now):
    return case_removability(case=case, on=timezone.localdate(now))


def _case_detail(request, case, now):
    """The case as the detail endpoint shows it to this caller (a partner: the status only), its read logged."""
    summary = case_summary(case=case, user=request.user, on=timezone.localdate(now))
    log_read(request, activity=_activity(request, CASE_WORK), case=case, channel=AccessChannel.API)
    serializer = CaseDetailSerializer if can_read_case_work(request.user) else PartnerCaseSerializer
    return serializer(summary).data


# A case as DT&V staff read it, or as a chain partner does (field by field, PartnerCaseSerializer).
CASE_DETAIL_RESPONSE = PolymorphicProxySerializer(
    component_name="CaseDetailOrPartnerCase",
    serializers=[CaseDetailSerializer, PartnerCaseSerializer],
    resource_type_field_name=None,
)
CASE_LIST_RESPONSE = PolymorphicProxySerializer(
    component_name="CaseListOrPartnerCase",
    serializers=[CaseListSerializer, PartnerCaseSerializer],
    resource_type_field_name=None,
    many=True,
)


def _case_detail_after_change(request, case, now):
    """The case as it is after a service changed it (the service worked on its own, locked copy)."""
    return _case_detail(request, case_with_person().get(pk=case.pk), now)


class IsChainPartner(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.has_perm("cases.submit_handover") and source_of_partner(user.chain_partner))


# --- Handovers ------------------------------------------------------------------------------------------


class HandoverCreateView(ApiView):
    """Chain partners hand a case over; the same (partner, reference) twice gives the same reply.

    201: a case was opened or joined (one within the partner's scope). 202: the V-number belongs to a
    person none of whose cases the partner has a part in; the handover is stored for a DT&V officer
    to match and the reply names nothing of that person. Every reply is access-logged.
    """

    permission_classes = [IsAuthenticated, IsChainPartner]

    @extend_schema(
        request=HandoverInSerializer,
        responses={
            201: HandoverOutSerializer,
            202: OpenApiResponse(HandoverOutSerializer, description="Stored, awaiting a match by DT&V (`case` null)."),
            200: HandoverOutSerializer,
            **error_responses(400, 401, 403),
        },
    )
    def post(self, request):
        serializer = HandoverInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source = source_of_partner(request.user.chain_partner)
        handover, created = handover_receive(
            data=serializer.to_handover_data(source=source), received_by=request.user, now=timezone.now()
        )
        if handover.case_id is not None:
            log_read(request, activity=_activity(request, INTAKE), case=handover.case, channel=AccessChannel.API)
        else:
            # The reply carries only what the partner sent; the row records about whom it was sent.
            log_read(
                request,
                activity=_activity(request, INTAKE),
                foreign_national=handover_subject(handover),
                channel=AccessChannel.API,
            )
        if handover.case_id is None:
            code = status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK
        else:
            code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(HandoverOutSerializer(handover).data, status=code)


# --- Cases ----------------------------------------------------------------------------------------------


class _Pagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class CaseListView(ApiView, generics.ListAPIView):
    """The caller's cases in the work queue's orders, page by page (cursor); filter with ?phase= and ?track=.

    `?sort=` takes the work queue's orders: `termijn` (next deadline first, cases without one last;
    the default), `geopend` (longest open first), `naam` (surname), `v-nummer`.
    """

    serializer_class = CaseListSerializer
    pagination_class = KeysetPagination
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["phase", "track"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Case.objects.none()
        return case_rows(user=self.request.user, on=timezone.localdate())

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "sort", enum=list(SORTS), default=DEFAULT_SORT, description="The order, as in the work queue."
            )
        ],
        responses={200: CASE_LIST_RESPONSE, **READ_ERRORS, **error_responses(400)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        sort = request.query_params.get("sort", DEFAULT_SORT)
        if sort not in SORTS:
            raise serializers.ValidationError(
                {"sort": [_("Unknown order; use one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)}]}
            )
        cases = self.paginate_queryset(workqueue_sorted(self.filter_queryset(self.get_queryset()), sort))
        if cases:
            log_list_read(
                request,
                [case.foreign_national for case in cases],
                activity=_activity(request, CASELOAD),
                channel=AccessChannel.API,
            )
        rows = case_rows_with_removability(cases, on=timezone.localdate())
        if not can_read_case_work(request.user):
            return self.get_paginated_response(PartnerCaseSerializer(rows, many=True).data)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


class CaseDetailView(ApiView):
    """One case within the caller's scope; outside it the case does not exist (404)."""

    @extend_schema(responses={200: CASE_DETAIL_RESPONSE, **READ_ERRORS})
    def get(self, request, pk):
        case = _case_in_scope(request, pk)
        return Response(_case_detail(request, case, timezone.now()))


class CaseAssignView(ApiView):
    """Give the case to a case officer of the team (team lead; an AMV case only to an AMV specialist)."""

    @extend_schema(request=AssignInSerializer, responses={200: CaseDetailSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        case = _case_to_change(request, pk)
        if not request.user.has_perm("cases.assign_case"):
            raise PermissionDenied(_("Only a team lead assigns cases."))
        serializer = AssignInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        now = timezone.now()
        services.case_assign(
            case=case,
            officer=serializer.validated_data["case_officer"],
            reason=serializer.validated_data["reason"],
            version=serializer.validated_data.get("version"),
            actor=request.user,
            now=now,
        )
        return Response(_case_detail_after_change(request, case, now))


class _CaseTransitionView(ApiView):
    transition = ""

    def post(self, request, pk):
        case = _case_to_change(request, pk)
        now = timezone.now()
        services.case_transition(case=case, transition=self.transition, actor=request.user, now=now)
        return Response(_case_detail_after_change(request, case, now))


class CaseStartWorkView(_CaseTransitionView):
    """Intake → in progress (the case needs a case officer)."""

    transition = "start_work"

    @extend_schema(request=None, responses={200: CaseDetailSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        return super().post(request, pk)


class CasePrepareDepartureView(_CaseTransitionView):
    """In progress → departure being prepared."""

    transition = "prepare_departure"

    @extend_schema(request=None, responses={200: CaseDetailSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        return super().post(request, pk)


class CaseResumeWorkView(_CaseTransitionView):
    """Departure being prepared → back to in progress."""

    transition = "resume_work"

    @extend_schema(request=None, responses={200: CaseDetailSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        return super().post(request, pk)


class CaseCloseView(ApiView):
    """Close the case with the reason it leaves the caseload; its live deadlines are cancelled."""

    @extend_schema(request=CloseInSerializer, responses={200: CaseDetailSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        case = _case_to_change(request, pk)
        serializer = CloseInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        now = timezone.now()
        services.case_close(case=case, actor=request.user, now=now, **serializer.validated_data)
        return Response(_case_detail_after_change(request, case, now))


class CaseReopenView(ApiView):
    """Reopen a closed case of the team (team lead), with the reason; the closure ends."""

    @extend_schema(request=ReopenInSerializer, responses={200: CaseDetailSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        case = _case_to_change(request, pk)
        serializer = ReopenInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        now = timezone.now()
        services.case_reopen(case=case, actor=request.user, now=now, **serializer.validated_data)
        return Response(_case_detail_after_change(request, case, now))


# --- Departure interviews ---------------------------------------------------------------------------------


class CaseInterviewsView(ApiView):
    """The case's departure interviews with their agreed actions, newest first; record a new one."""

    @extend_schema(responses={200: InterviewOutSerializer(many=True), **READ_ERRORS})
    def get(self, request, pk):
        case = _case_work(request, pk)
        data = InterviewOutSerializer(case_interviews(case=case), many=True).data
        log_read(request, activity=CASE_WORK, case=case, channel=AccessChannel.API)
        return Response(data)

    @extend_schema(request=InterviewInSerializer, responses={201: InterviewOutSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        case = _case_to_change(request, pk)
        serializer = InterviewInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        interview = services.interview_record(
            case=case, actor=request.user, now=timezone.now(), **serializer.service_kwargs()
        )
        interview = next(row for row in case_interviews(case=case) if row.pk == interview.pk)
        log_read(request, activity=CASE_WORK, case=case, channel=AccessChannel.API)
        return Response(InterviewOutSerializer(interview).data, status=status.HTTP_201_CREATED)


# --- Legal procedures -------------------------------------------------------------------------------------


class CaseProceduresView(ApiView):
    """The case's legal procedures and whether they stop removal today; record a new procedure."""

    @extend_schema(responses={200: ProcedureListSerializer, **READ_ERRORS})
    def get(self, request, pk):
        case = _case_work(request, pk)
        procedures = case_procedures(case=case)
        removability = _removability(case, timezone.now())
        data = ProcedureListSerializer({"procedures": procedures, "removability": removability}).data
        log_read(request, activity=CASE_WORK, case=case, channel=AccessChannel.API)
        return Response(data)

    @extend_schema(request=ProcedureInSerializer, responses={201: ProcedureChangeSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        case = _case_to_change(request, pk)
        serializer = ProcedureInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        now = timezone.now()
        procedure = services.procedure_record(case=case, actor=request.user, now=now, **serializer.validated_data)
        data = ProcedureChangeSerializer({"procedure": procedure, "removability": _removability(case, now)}).data
        log_read(request, activity=CASE_WORK, case=case, channel=AccessChannel.API)
        return Response(data, status=status.HTTP_201_CREATED)


class ProcedureDecideView(ApiView):
    """Record the outcome of a pending procedure (or the end date of a granted measure)."""

    @extend_schema(request=ProcedureDecideInSerializer, responses={200: ProcedureChangeSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        procedure = get_object_or_404(
            scoped(LegalProcedure.objects.select_related("case__foreign_national", "recorded_by"), request.user),
            pk=pk,
        )
        if not can_read_case_work(request.user):
            raise PermissionDenied(_("Chain partners may read their cases but not change them."))
        serializer = ProcedureDecideInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case, now = procedure.case, timezone.now()
        procedure = services.procedure_decide(
            procedure=procedure, actor=request.user, now=now, **serializer.validated_data
        )
        data = ProcedureChangeSerializer({"procedure": procedure, "removability": _removability(case, now)}).data
        log_read(request, activity=CASE_WORK, case=case, channel=AccessChannel.API)
        return Response(data)


# --- Deadlines and timeline -------------------------------------------------------------------------------


class CaseDeadlinesView(ApiView):
    """Every deadline of the case (all statuses) by due moment, with its legal basis and how it was computed."""

    @extend_schema(responses={200: DeadlineOutSerializer(many=True), **READ_ERRORS})
    def get(self, request, pk):
        case = _case_work(request, pk)
        data = DeadlineOutSerializer(case_deadlines(case=case), many=True).data
        log_read(request, activity=CASE_WORK, case=case, channel=AccessChannel.API)
        return Response(data)


class EventPagination(_Pagination):
    ordering = ("-occurred_at", "-id")


class CaseEventsView(ApiView, generics.ListAPIView):
    """The case's timeline, newest first, page by page (cursor)."""

    serializer_class = EventOutSerializer
    pagination_class = EventPagination
    case = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CaseEvent.objects.none()
        return CaseEvent.objects.filter(case_id=self.case.pk).select_related("actor")

    @extend_schema(responses={200: EventOutSerializer(many=True), **READ_ERRORS})
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        self.case = _case_work(request, kwargs["pk"])
        response = super().list(request, *args, **kwargs)
        log_read(request, activity=CASE_WORK, case=self.case, channel=AccessChannel.API)
        return response
