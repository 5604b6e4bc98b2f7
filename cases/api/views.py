"""The REST interface of cases: thin views over the same selectors, permissions and services as the UI.

Scope comes first: a case outside `cases_visible_to(user)` is a 404 whether or not it exists, before
any permission check, so the API never tells who has which case. There is no break-the-glass here.
Every response that carries a person's data writes the access log (channel API).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from dtv.core.api import ApiView, ErrorSerializer

from .. import services
from ..accesslog import log_list_read, log_read
from ..constants import LIVE_DEADLINE_STATUSES, AccessChannel
from ..intake import SOURCE_OF_PARTNER, handover_receive
from ..models import AgreedAction, Case, CaseEvent, Deadline, DepartureInterview, LegalProcedure, Nationality
from ..permissions import can_edit_case, can_read_case_work, can_reopen_case, case_for_reading, cases_visible_to
from ..selectors import (
    case_removability,
    case_with_person,
    cases_removability,
)
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
    return {code: OpenApiResponse(ErrorSerializer, description=_ERROR_TEXT[code]) for code in codes}


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


def _removability(case, now):
    return case_removability(case=case, on=timezone.localdate(now))


def _case_detail(request, case, now):
    """The full case as the detail endpoint shows it, and its read logged."""
    case.removability = _removability(case, now)
    case.interviews_count = DepartureInterview.objects.filter(case_id=case.pk).count()
    case.procedures_count = LegalProcedure.objects.filter(case_id=case.pk).count()
    case.live_deadlines_count = Deadline.objects.filter(case_id=case.pk, status__in=LIVE_DEADLINE_STATUSES).count()
    case.editable = can_edit_case(request.user, case)
    case.reopenable = can_reopen_case(request.user, case)
    log_read(request, case=case, channel=AccessChannel.API)
    return CaseDetailSerializer(case).data


def _case_detail_after_change(request, case, now):
    """The case as it is after a service changed it (the service worked on its own, locked copy)."""
    return _case_detail(request, case_with_person().get(pk=case.pk), now)


class IsChainPartner(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.has_perm("cases.submit_handover") and user.chain_partner in SOURCE_OF_PARTNER)


# --- Handovers ------------------------------------------------------------------------------------------


class HandoverCreateView(ApiView):
    """Chain partners hand a case over; the same (partner, reference) twice gives the same case."""

    permission_classes = [IsAuthenticated, IsChainPartner]

    @extend_schema(
        request=HandoverInSerializer,
        responses={201: HandoverOutSerializer, 200: HandoverOutSerializer, **error_responses(400, 401, 403)},
    )
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


# --- Cases ----------------------------------------------------------------------------------------------


class _Pagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class CasePagination(_Pagination):
    ordering = ("-opened_at", "-id")


class CaseListView(ApiView, generics.ListAPIView):
    """The caller's cases, newest first, page by page (cursor); filter with ?phase= and ?track=."""

    serializer_class = CaseListSerializer
    pagination_class = CasePagination
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["phase", "track"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Case.objects.none()
        return (
            cases_visible_to(self.request.user)
            .select_related("foreign_national", "team", "case_officer", "next_deadline")
            .prefetch_related(
                Prefetch("foreign_national__nationalities", queryset=Nationality.objects.order_by("status", "country"))
            )
        )

    @extend_schema(responses={200: CaseListSerializer(many=True), **READ_ERRORS, **error_responses(400)})
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        cases = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        # The same selector as the detail and the case file: every registered check, one statement per page.
        removability = cases_removability(cases=cases, on=timezone.localdate())
        for case in cases:
            case.removability = removability[case.pk]
        # A person with two cases on the page was still read once.
        people = list({case.foreign_national_id: case.foreign_national for case in cases}.values())
        if people:
            log_list_read(request, people, channel=AccessChannel.API)
        return self.get_paginated_response(self.get_serializer(cases, many=True).data)


class CaseDetailView(ApiView):
    """One case within the caller's scope; outside it the case does not exist (404)."""

    @extend_schema(responses={200: CaseDetailSerializer, **READ_ERRORS})
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
        interviews = (
            DepartureInterview.objects.filter(case_id=case.pk)
            .select_related("conducted_by")
            .prefetch_related(Prefetch("actions", queryset=AgreedAction.objects.order_by("due_date", "id")))
            .order_by("-held_at", "-id")
        )
        data = InterviewOutSerializer(interviews, many=True).data
        log_read(request, case=case, channel=AccessChannel.API)
        return Response(data)

    @extend_schema(request=InterviewInSerializer, responses={201: InterviewOutSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        case = _case_to_change(request, pk)
        serializer = InterviewInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        interview = services.interview_record(
            case=case, actor=request.user, now=timezone.now(), **serializer.service_kwargs()
        )
        interview = (
            DepartureInterview.objects.select_related("conducted_by")
            .prefetch_related(Prefetch("actions", queryset=AgreedAction.objects.order_by("due_date", "id")))
            .get(pk=interview.pk)
        )
        log_read(request, case=case, channel=AccessChannel.API)
        return Response(InterviewOutSerializer(interview).data, status=status.HTTP_201_CREATED)


# --- Legal procedures -------------------------------------------------------------------------------------


class CaseProceduresView(ApiView):
    """The case's legal procedures and whether they stop removal today; record a new procedure."""

    @extend_schema(responses={200: ProcedureListSerializer, **READ_ERRORS})
    def get(self, request, pk):
        case = _case_work(request, pk)
        procedures = LegalProcedure.objects.filter(case_id=case.pk).select_related("recorded_by")
        removability = _removability(case, timezone.now())
        data = ProcedureListSerializer({"procedures": procedures, "removability": removability}).data
        log_read(request, case=case, channel=AccessChannel.API)
        return Response(data)

    @extend_schema(request=ProcedureInSerializer, responses={201: ProcedureChangeSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        case = _case_to_change(request, pk)
        serializer = ProcedureInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        now = timezone.now()
        procedure = services.procedure_record(case=case, actor=request.user, now=now, **serializer.validated_data)
        data = ProcedureChangeSerializer({"procedure": procedure, "removability": _removability(case, now)}).data
        log_read(request, case=case, channel=AccessChannel.API)
        return Response(data, status=status.HTTP_201_CREATED)


class ProcedureDecideView(ApiView):
    """Record the outcome of a pending procedure (or the end date of a granted measure)."""

    @extend_schema(request=ProcedureDecideInSerializer, responses={200: ProcedureChangeSerializer, **WRITE_ERRORS})
    def post(self, request, pk):
        procedure = get_object_or_404(
            LegalProcedure.objects.select_related("case__foreign_national", "recorded_by").filter(
                case_id__in=cases_visible_to(request.user).values("pk")
            ),
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
        log_read(request, case=case, channel=AccessChannel.API)
        return Response(data)


# --- Deadlines and timeline -------------------------------------------------------------------------------


class CaseDeadlinesView(ApiView):
    """Every deadline of the case (all statuses) by due moment, with its legal basis and how it was computed."""

    @extend_schema(responses={200: DeadlineOutSerializer(many=True), **READ_ERRORS})
    def get(self, request, pk):
        case = _case_work(request, pk)
        deadlines = Deadline.objects.filter(case_id=case.pk).order_by("due_at", "id")
        data = DeadlineOutSerializer(deadlines, many=True).data
        log_read(request, case=case, channel=AccessChannel.API)
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
        log_read(request, case=self.case, channel=AccessChannel.API)
        return response
