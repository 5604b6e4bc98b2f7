"""REST API of departures: plan versions, removals with one endpoint per transition, the KMar file, Dublin claims.

DT&V roles act within their case scope. A chain partner gets 403 inside its scope and 404 outside it, with one
exception: KMar reads the departure file of a removal that KMar escorts (its medical part included), whichever
partner handed the case over, and nothing of any other removal (404); the medical staff (a national role without
case scope) read the departure file of every open removal.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from cases.accesslog import AccessChannel, log_read
from cases.permissions import can_read_case_work, case_for_reading, scoped
from dtv.core.api import ApiView, TransitionView, documented_errors, transition
from dtv.core.pdf import PDF_HEADERS, RenderState

from .. import services
from ..kmar_pdf import kmar_pdf_bytes
from ..models import DepartureFile, DeparturePlan, DublinClaim, KmarFilePdf, MedicalParticulars, Removal
from ..permissions import can_read_medical, removal_for_file_reader
from ..processing import DEPARTURES, MEDICAL
from ..selectors import (
    case_removals,
    departure_file_completeness,
    dublin_claims,
    notice_status,
    plan_versions,
    removal_checklist,
)
from . import serializers as s

_ERRORS = {
    400: "Invalid input: `errors` names each field; nothing was saved.",
    401: "No or invalid credentials.",
    403: "The caller may not do this.",
    404: "No such case, plan, removal or claim within the caller's scope.",
    409: "A rule refused the step; `code` names it (flight_notice_too_late, check_travel_document, ...).",
}


def _errors(*codes):
    return documented_errors(_ERRORS, *codes)


READ = _errors(401, 403, 404)
WRITE = _errors(400, 401, 403, 404, 409)


def _dtv_only(user, permission="departures.view_removal"):
    if not can_read_case_work(user) or not user.has_perm(permission):
        raise PermissionDenied(_("Departures are DT&V's own work."))


def _case(request, pk, permission="departures.view_removal"):
    case = case_for_reading(user=request.user, case_id=pk, now=timezone.now(), break_glass=False).case
    _dtv_only(request.user, permission)
    return case


def _removal(request, pk) -> Removal:
    found = get_object_or_404(scoped(Removal.objects.select_related("case"), request.user), pk=pk)
    _dtv_only(request.user)
    return found


def _removal_data(http_request, removal, *, code=status.HTTP_200_OK):
    removal = Removal.objects.prefetch_related("notices", "transitions").get(pk=removal.pk)
    removal.notice_status = notice_status(removal, list(removal.notices.all()))
    removal.checks, _completeness = removal_checklist(removal)
    log_read(http_request, activity=DEPARTURES, case=removal.case, channel=AccessChannel.API)
    return Response(s.RemovalSerializer(removal).data, status=code)


class CasePlansView(ApiView):
    """Every version of the case's departure plan, newest first; record a new version."""

    @extend_schema(responses={200: s.PlanSerializer(many=True), **READ})
    def get(self, request, pk):
        case = _case(request, pk, "departures.view_departureplan")
        data = s.PlanSerializer(plan_versions(case=case), many=True).data
        log_read(request, activity=DEPARTURES, case=case, channel=AccessChannel.API)
        return Response(data)

    @extend_schema(request=s.PlanCreateSerializer, responses={201: s.PlanSerializer, **WRITE})
    def post(self, request, pk):
        case = _case(request, pk, "departures.view_departureplan")
        serializer = s.PlanCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = services.plan_record(case=case, actor=request.user, now=timezone.now(), **serializer.validated_data)
        return Response(s.PlanSerializer(plan).data, status=status.HTTP_201_CREATED)


class PlanApproveView(ApiView):
    """A team lead approves the forced track of the current plan version (four eyes)."""

    @extend_schema(request=None, responses={200: s.PlanSerializer, **WRITE})
    def post(self, request, pk):
        plan = get_object_or_404(scoped(DeparturePlan.objects.select_related("case"), request.user), pk=pk)
        _dtv_only(request.user, "departures.view_departureplan")
        plan = services.plan_approve(plan=plan, actor=request.user, now=timezone.now())
        return Response(s.PlanSerializer(plan).data)


class CaseRemovalsView(ApiView):
    """The case's removals; book a new one."""

    @extend_schema(responses={200: s.RemovalListSerializer(many=True), **READ})
    def get(self, request, pk):
        case = _case(request, pk)
        data = s.RemovalListSerializer(case_removals(case=case), many=True).data
        log_read(request, activity=DEPARTURES, case=case, channel=AccessChannel.API)
        return Response(data)

    @extend_schema(request=s.BookingSerializer, responses={201: s.RemovalSerializer, **WRITE})
    def post(self, request, pk):
        case = _case(request, pk)
        serializer = s.BookingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        removal = services.removal_book(case=case, actor=request.user, now=timezone.now(), **serializer.validated_data)
        return _removal_data(request, removal, code=status.HTTP_201_CREATED)


class RemovalDetailView(ApiView):
    """One removal with its notices, dated transitions, notice status and pre-removal checklist."""

    @extend_schema(responses={200: s.RemovalSerializer, **READ})
    def get(self, request, pk):
        return _removal_data(request, _removal(request, pk))


class _Step(TransitionView):
    def get_target(self, request, pk):
        return _removal(request, pk)

    def respond(self, request, removal, result):
        return _removal_data(request, result if isinstance(result, Removal) else removal)


def _step(serializer=None, doc=""):
    return transition({200: s.RemovalSerializer, **WRITE}, serializer, doc)


@_step(s.NoticeInSerializer, "The person or the legal representative was told of the flight (moment, method).")
class NoticeView(_Step):
    def run(self, request, removal, data, now):
        return services.removal_notice_record(removal=removal, actor=request.user, now=now, **data)


@_step(doc="Confirm: refused (409) when the notice came too late or a pre-removal check fails.")
class ConfirmView(_Step):
    def run(self, request, removal, data, now):
        return services.removal_confirm(removal=removal, actor=request.user, now=now)


@_step(s.ExecuteSerializer, "The person left: the actual moment, who escorted, the handover.")
class ExecuteView(_Step):
    def run(self, request, removal, data, now):
        return services.removal_execute(removal=removal, actor=request.user, now=now, **data)


@_step(s.CancelSerializer, "Cancel with the reason code (free text required for `other`).")
class CancelView(_Step):
    def run(self, request, removal, data, now):
        return services.removal_cancel(removal=removal, actor=request.user, now=now, **data)


@_step(s.RebookSerializer, "Cancel and book anew, linked; the new removal needs a new notice. Answers the new one.")
class RebookView(_Step):
    def run(self, request, removal, data, now):
        return services.removal_rebook(removal=removal, actor=request.user, now=now, **data)


class KmarFileView(ApiView):
    """The KMar departure file for one removal: completeness, missing items, and the medical part for need to know."""

    @extend_schema(responses={200: s.KmarFileSerializer, **READ})
    def get(self, request, pk):
        user = request.user
        removal = removal_for_file_reader(user, pk)
        case = removal.case
        departure_file = DepartureFile.objects.filter(case=case).first()
        medical = MedicalParticulars.objects.filter(departure_file__case=case).first()
        from laissezpasser.selectors import valid_travel_document

        day = timezone.localdate(removal.departs_at)
        completeness = departure_file_completeness(departure_file, medical, valid_travel_document(case, on=day))
        readable = can_read_medical(user, case, removal=removal)
        log_read(request, activity=DEPARTURES, case=case, channel=AccessChannel.API)
        if readable and medical is not None:
            log_read(request, activity=MEDICAL, case=case, channel=AccessChannel.API)
        data = {
            "removal": removal.pk,
            "score": completeness.score,
            "missing": [str(item) for item in completeness.missing],
            "file": departure_file,
            "medical": medical if readable else None,
            "pdf": _pdf_link(request, removal) if readable else None,
        }
        return Response(s.KmarFileSerializer(data).data)


def _pdf_link(request, removal):
    """The rendered PDF's address and hash (it carries the medical part: need-to-know readers only)."""
    pdf = KmarFilePdf.objects.filter(removal=removal, render_state=RenderState.DONE).first()
    if pdf is None:
        return None
    url = request.build_absolute_uri(reverse("departures:api-removal-file-pdf", args=[removal.pk]))
    return {"url": url, "sha256": pdf.pdf_sha256, "template_version": pdf.template_version}


class KmarFilePdfView(ApiView):
    """The KMar departure file of one removal as its rendered PDF (with the medical part: need to know only)."""

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, **READ})
    def get(self, request, pk):
        removal = removal_for_file_reader(request.user, pk)
        if not can_read_medical(request.user, removal.case, removal=removal):
            raise PermissionDenied(_("The PDF holds medical particulars: only who needs to know may read it."))
        pdf = get_object_or_404(KmarFilePdf, removal=removal, render_state=RenderState.DONE)
        content = kmar_pdf_bytes(pdf)
        log_read(request, activity=DEPARTURES, case=removal.case, channel=AccessChannel.API)
        log_read(request, activity=MEDICAL, case=removal.case, channel=AccessChannel.API)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="vertrekdossier-{removal.pk}.pdf"'
        for header, value in PDF_HEADERS.items():
            response[header] = value
        return response


class CaseClaimsView(ApiView):
    """The case's Dublin claims; record a new request."""

    @extend_schema(responses={200: s.DublinClaimSerializer(many=True), **READ})
    def get(self, request, pk):
        case = _case(request, pk, "departures.view_dublinclaim")
        data = s.DublinClaimSerializer(dublin_claims(case=case), many=True).data
        log_read(request, activity=DEPARTURES, case=case, channel=AccessChannel.API)
        return Response(data)

    @extend_schema(request=s.DublinClaimCreateSerializer, responses={201: s.DublinClaimSerializer, **WRITE})
    def post(self, request, pk):
        case = _case(request, pk, "departures.view_dublinclaim")
        serializer = s.DublinClaimCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = services.dublin_claim_record(
            case=case, actor=request.user, now=timezone.now(), **serializer.validated_data
        )
        return Response(s.DublinClaimSerializer(claim).data, status=status.HTTP_201_CREATED)


class _ClaimStep(TransitionView):
    def get_target(self, request, pk):
        claim = get_object_or_404(scoped(DublinClaim.objects.select_related("case"), request.user), pk=pk)
        _dtv_only(request.user, "departures.view_dublinclaim")
        return claim

    def respond(self, request, claim, result):
        return Response(s.DublinClaimSerializer(result).data)


def _claim_step(serializer=None, doc=""):
    return transition({200: s.DublinClaimSerializer, **WRITE}, serializer, doc)


@_claim_step(s.DublinAnswerSerializer, "The Member State's explicit answer; acceptance starts the transfer period.")
class ClaimAnswerView(_ClaimStep):
    def run(self, request, claim, data, now):
        return services.dublin_claim_answer(claim=claim, actor=request.user, now=now, **data)


@_claim_step(doc="No answer within the regulation's period: tacit acceptance from the day after it.")
class ClaimTacitView(_ClaimStep):
    def run(self, request, claim, data, now):
        return services.dublin_claim_record_tacit_acceptance(claim=claim, actor=request.user, now=now)


@_claim_step(s.DublinExtendSerializer, "Extend the transfer period on its ground, told to the state in time.")
class ClaimExtendView(_ClaimStep):
    def run(self, request, claim, data, now):
        return services.dublin_claim_extend(claim=claim, actor=request.user, now=now, **data)
