"""REST API of travel documents for DT&V roles: requests per case, one endpoint per transition, countries read-only.

Chain partners see nothing of it: 404 outside their scope like everyone, 403 inside it (and for the countries).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from cases.accesslog import AccessChannel, log_read
from cases.models import CaseDocument
from cases.permissions import can_read_case_work, case_for_reading, scoped
from dtv.core.api import ApiView, TransitionView, documented_errors, transition

from .. import services
from ..models import Country, Mission, TravelDocumentRequest
from ..processing import TRAVEL_DOCUMENTS
from ..selectors import case_requests
from . import serializers as s

_ERRORS = {
    400: "Invalid input: `errors` names each field; nothing was saved.",
    401: "No or invalid credentials.",
    403: "The caller may not do this (chain partners see nothing of travel documents).",
    404: "No such case or request within the caller's scope.",
    409: "A business rule refused the step; `code` names it (rvs_no_presentation_during_appeal, ...); nothing saved.",
}


def _errors(*codes):
    return documented_errors(_ERRORS, *codes)


READ = _errors(401, 403, 404)
WRITE = _errors(400, 401, 403, 404, 409)


def _dtv_only(user):
    if not can_read_case_work(user) or not user.has_perm("laissezpasser.view_traveldocumentrequest"):
        raise PermissionDenied(_("Travel documents are DT&V's own work."))


def _case(request, pk):
    case = case_for_reading(user=request.user, case_id=pk, now=timezone.now(), break_glass=False).case
    _dtv_only(request.user)
    return case


def _request(request, pk) -> TravelDocumentRequest:
    found = get_object_or_404(
        scoped(TravelDocumentRequest.objects.select_related("case", "country", "mission"), request.user), pk=pk
    )
    _dtv_only(request.user)
    return found


def _detail(http_request, lp_request, *, code=status.HTTP_200_OK):
    lp_request = (
        TravelDocumentRequest.objects.select_related("country")
        .prefetch_related("transitions", "contacts")
        .get(pk=lp_request.pk)
    )
    log_read(http_request, activity=TRAVEL_DOCUMENTS, case=lp_request.case, channel=AccessChannel.API)
    return Response(s.RequestSerializer(lp_request).data, status=code)


def _mission(pk, country_id):
    if pk is None:
        return None
    mission = Mission.objects.filter(pk=pk, country_id=country_id).first()
    if mission is None:
        raise ValidationError({"mission": _("This mission does not belong to the country of the request.")})
    return mission


class CountryListView(ApiView):
    """Every country with its policy on travel documents and its missions (reference data, read-only)."""

    @extend_schema(responses={200: s.CountrySerializer(many=True), **_errors(401, 403)})
    def get(self, request):
        if not request.user.has_perm("laissezpasser.view_country") or request.user.chain_partner:
            raise PermissionDenied
        countries = Country.objects.prefetch_related("missions").order_by("code")
        return Response(s.CountrySerializer(countries, many=True).data)


class CountryDetailView(ApiView):
    """One country's policy and missions."""

    @extend_schema(responses={200: s.CountrySerializer, **READ})
    def get(self, request, code):
        if not request.user.has_perm("laissezpasser.view_country") or request.user.chain_partner:
            raise PermissionDenied
        country = get_object_or_404(Country.objects.prefetch_related("missions"), code=code.upper())
        return Response(s.CountrySerializer(country).data)


class CaseRequestsView(ApiView):
    """The case's travel-document requests; draft a new one."""

    @extend_schema(responses={200: s.RequestListSerializer(many=True), **READ})
    def get(self, request, pk):
        case = _case(request, pk)
        data = s.RequestListSerializer(case_requests(case=case), many=True).data
        log_read(request, activity=TRAVEL_DOCUMENTS, case=case, channel=AccessChannel.API)
        return Response(data)

    @extend_schema(request=s.RequestCreateSerializer, responses={201: s.RequestSerializer, **WRITE})
    def post(self, request, pk):
        case = _case(request, pk)
        serializer = s.RequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        country = Country.objects.filter(code=data.pop("country").upper()).first()
        if country is None:
            raise ValidationError({"country": _("Unknown country code.")})
        mission = _mission(data.pop("mission", None), country.pk)
        created = services.request_create(
            case=case, country=country, mission=mission, actor=request.user, now=timezone.now(), **data
        )
        return _detail(request, created, code=status.HTTP_201_CREATED)


class RequestDetailView(ApiView):
    """One request with its dated history and its contacts with the mission."""

    @extend_schema(responses={200: s.RequestSerializer, **READ})
    def get(self, request, pk):
        return _detail(request, _request(request, pk))


class _Step(TransitionView):
    def get_target(self, request, pk):
        return _request(request, pk)

    def respond(self, request, lp_request, result):
        return _detail(request, lp_request)


def _step(serializer=None, doc=""):
    return transition({200: s.RequestSerializer, **WRITE}, serializer, doc)


@_step(doc="A team lead approves a written request while an asylum appeal may be awaited (four eyes).")
class ApproveView(_Step):
    def run(self, request, lp_request, data, now):
        services.request_approve(request=lp_request, actor=request.user, now=now)


@_step(s.SubmitSerializer, "Submit the draft to the mission: the date, how, and which documents go with it.")
class SubmitView(_Step):
    def run(self, request, lp_request, data, now):
        documents = list(
            CaseDocument.objects.filter(case_id=lp_request.case_id, pk__in=data.pop("supporting_documents"))
        )
        mission = _mission(data.pop("mission", None), lp_request.country_id)
        services.request_submit(
            request=lp_request, actor=request.user, now=now, mission=mission, supporting_documents=documents, **data
        )


@_step(s.ScheduleSerializer, "The mission asks to see the person (refused while an asylum appeal may be awaited).")
class ScheduleView(_Step):
    def run(self, request, lp_request, data, now):
        services.request_schedule_presentation(request=lp_request, actor=request.user, now=now, **data)


@_step(s.PresentationSerializer, "The person was presented at the mission.")
class PresentationView(_Step):
    def run(self, request, lp_request, data, now):
        services.request_record_presentation(request=lp_request, actor=request.user, now=now, **data)


@_step(s.AnswerSerializer, "The mission's answer (an LP with its number and validity).")
class AnswerView(_Step):
    def run(self, request, lp_request, data, now):
        services.request_record_answer(request=lp_request, actor=request.user, now=now, **data)


@_step(s.EscalateSerializer, "Escalate to the liaison officer or the diplomatic channel.")
class EscalateView(_Step):
    def run(self, request, lp_request, data, now):
        services.request_escalate(request=lp_request, actor=request.user, now=now, **data)


@_step(s.DatedSerializer, "The person travelled on the LP.")
class UseView(_Step):
    def run(self, request, lp_request, data, now):
        services.request_record_use(request=lp_request, actor=request.user, now=now, **data)


@_step(doc="The LP ran out unused.")
class ExpireView(_Step):
    def run(self, request, lp_request, data, now):
        services.request_record_expiry(request=lp_request, actor=request.user, now=now)


@_step(s.WithdrawSerializer, "Withdraw the request with its reason code.")
class WithdrawView(_Step):
    def run(self, request, lp_request, data, now):
        services.request_withdraw(request=lp_request, actor=request.user, now=now, **data)


@_step(s.ContactInSerializer, "A reminder sent to the mission, or a message received from it.")
class ContactView(_Step):
    def run(self, request, lp_request, data, now):
        services.request_contact_record(request=lp_request, actor=request.user, now=now, **data)
