"""REST API of supervision and detention for DT&V roles: one endpoint per transition, errors as {code, detail, errors}.

Chain partners see nothing of it: 404 outside their scope like everyone, 403 inside it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from cases.accesslog import AccessChannel, log_read
from cases.permissions import can_read_case_work, case_for_reading, scoped
from dtv.core.api import ApiView, TransitionView, documented_errors, transition

from .. import court, orders, services
from ..constants import CourtStepKind, MeasureKind
from ..models import DetentionOrder, Measure
from ..processing import SUPERVISION_AND_DETENTION
from ..selectors import case_measures, case_orders
from . import serializers as s

_ERRORS = {
    400: "Invalid input: `errors` names each field; nothing was saved.",
    401: "No or invalid credentials.",
    403: "The caller may not do this (chain partners see nothing of detention).",
    404: "No such case, measure or order within the caller's scope.",
    409: "A rule refused the step; `code` names it (order_incomplete lists `errors.missing`, order_immutable, "
    "self_approval, holding_expired, ...); nothing saved.",
}


def _errors(*codes):
    return documented_errors(_ERRORS, *codes)


READ = _errors(401, 403, 404)
WRITE = _errors(400, 401, 403, 404, 409)


def _dtv_only(user, perm):
    if not can_read_case_work(user) or not user.has_perm(perm):
        raise PermissionDenied(_("Supervision and detention are DT&V's own work."))


def _case(request, pk, perm="detention.view_measure"):
    case = case_for_reading(user=request.user, case_id=pk, now=timezone.now(), break_glass=False).case
    _dtv_only(request.user, perm)
    return case


def _measure(request, pk) -> Measure:
    found = get_object_or_404(scoped(Measure.objects.select_related("case"), request.user), pk=pk)
    _dtv_only(request.user, "detention.view_measure")
    return found


def _order(request, pk) -> DetentionOrder:
    found = get_object_or_404(scoped(DetentionOrder.objects.select_related("case"), request.user), pk=pk)
    _dtv_only(request.user, "detention.view_detentionorder")
    return found


def _measure_out(request, measure, *, code=status.HTTP_200_OK):
    measure = Measure.objects.prefetch_related("reports", "court").get(pk=measure.pk)
    log_read(request, activity=SUPERVISION_AND_DETENTION, case=measure.case, channel=AccessChannel.API)
    return Response(s.MeasureSerializer(measure).data, status=code)


def _order_out(request, order, *, code=status.HTTP_200_OK):
    order = DetentionOrder.objects.select_related("case").get(pk=order.pk)
    log_read(request, activity=SUPERVISION_AND_DETENTION, case=order.case, channel=AccessChannel.API)
    return Response(s.OrderSerializer(order).data, status=code)


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class CaseMeasuresView(ApiView):
    """The case's measures; impose a supervision measure (detention is imposed by issuing an order)."""

    @extend_schema(responses={200: s.MeasureListSerializer(many=True), **READ})
    def get(self, request, pk):
        case = _case(request, pk)
        data = s.MeasureListSerializer(case_measures(case=case), many=True).data
        log_read(request, activity=SUPERVISION_AND_DETENTION, case=case, channel=AccessChannel.API)
        return Response(data)

    @extend_schema(request=s.ImposeSerializer, responses={201: s.MeasureSerializer, **WRITE})
    def post(self, request, pk):
        case = _case(request, pk)
        data = _valid(s.ImposeSerializer, request)
        measure = services.measure_impose(case=case, actor=request.user, now=timezone.now(), **data)
        return _measure_out(request, measure, code=status.HTTP_201_CREATED)


class MeasureDetailView(ApiView):
    """One measure with its reports and its court steps."""

    @extend_schema(responses={200: s.MeasureSerializer, **READ})
    def get(self, request, pk):
        return _measure_out(request, _measure(request, pk))


class _MeasureStep(TransitionView):
    def get_target(self, request, pk):
        return _measure(request, pk)

    def respond(self, request, measure, result):
        return _measure_out(request, measure)


def _measure_step(serializer=None, doc=""):
    return transition({200: s.MeasureSerializer, **WRITE}, serializer, doc)


@_measure_step(s.EndSerializer, "End the measure with its reason.")
class EndView(_MeasureStep):
    def run(self, request, measure, data, now):
        services.measure_end(measure=measure, actor=request.user, now=now, **data)


@_measure_step(
    s.ExtendSerializer, "VBL beyond 12 weeks (until, reason); holding by 1-48 hours (art. 50 lid 4 Vw 2000)."
)
class ExtendView(_MeasureStep):
    def run(self, request, measure, data, now):
        if measure.kind == MeasureKind.HOLDING:
            if data.get("hours") is None:
                raise ValidationError({"hours": _("Give the extra hours (1 to 48).")})
            services.holding_extend(
                measure=measure, hours=data["hours"], reason=data["reason"], actor=request.user, now=now
            )
        else:
            services.restricted_location_extend(
                measure=measure, until=data.get("until"), reason=data["reason"], actor=request.user, now=now
            )


@_measure_step(s.ReportInSerializer, "A report of the reporting duty, attended or missed.")
class ReportView(_MeasureStep):
    def run(self, request, measure, data, now):
        services.report_record(measure=measure, actor=request.user, now=now, **data)


@_measure_step(s.SettleSerializer, "The deposit is returned or forfeited.")
class SettleView(_MeasureStep):
    def run(self, request, measure, data, now):
        services.deposit_settle(measure=measure, actor=request.user, now=now, **data)


class _CourtStep(_MeasureStep):
    serializer_class = s.CourtStepInSerializer
    kind = None

    def run(self, request, measure, data, now):
        court.court_step_record(measure=measure, kind=self.kind, actor=request.user, now=now, **data)


COURT_STEPS = {
    "appeal": CourtStepKind.APPEAL_LODGED,
    "court-notified": CourtStepKind.COURT_NOTIFIED,
    "hearing": CourtStepKind.HEARING,
    "ruling": CourtStepKind.RULING,
    "further-appeal": CourtStepKind.FURTHER_APPEAL,
    "progress-report": CourtStepKind.PROGRESS_REPORT,
    "review": CourtStepKind.REVIEW,
}
COURT_VIEWS = {
    slug: _measure_step(s.CourtStepInSerializer, f"Record: {kind.label}.")(
        type(f"Court{slug.title().replace('-', '')}View", (_CourtStep,), {"kind": kind})
    )
    for slug, kind in COURT_STEPS.items()
}


class CaseOrdersView(ApiView):
    """The case's detention orders; start a draft."""

    @extend_schema(responses={200: s.OrderSerializer(many=True), **READ})
    def get(self, request, pk):
        case = _case(request, pk, "detention.view_detentionorder")
        data = s.OrderSerializer(case_orders(case=case), many=True).data
        log_read(request, activity=SUPERVISION_AND_DETENTION, case=case, channel=AccessChannel.API)
        return Response(data)

    @extend_schema(request=s.OrderDraftSerializer, responses={201: s.OrderSerializer, **WRITE})
    def post(self, request, pk):
        case = _case(request, pk, "detention.view_detentionorder")
        data = _valid(s.OrderDraftSerializer, request)
        order = orders.order_draft(case=case, actor=request.user, now=timezone.now(), **_draft_fields(data))
        return _order_out(request, order, code=status.HTTP_201_CREATED)


def _draft_fields(data):
    if "grounds" in data:
        data["grounds"] = [dict(g) for g in data["grounds"]]
    return data


class OrderDetailView(ApiView):
    """One detention order (draft, issued or superseded)."""

    @extend_schema(responses={200: s.OrderSerializer, **READ})
    def get(self, request, pk):
        return _order_out(request, _order(request, pk))


class _OrderStep(TransitionView):
    def get_target(self, request, pk):
        return _order(request, pk)

    def respond(self, request, order, result):
        return _order_out(request, result or order)


def _order_step(serializer=None, doc=""):
    return transition({200: s.OrderSerializer, **WRITE}, serializer, doc)


@_order_step(s.OrderDraftSerializer, "Change the draft (the fields given); an approval lapses when it changes.")
class OrderUpdateView(_OrderStep):
    def run(self, request, order, data, now):
        return orders.order_update(order=order, actor=request.user, now=now, **_draft_fields(data))


@_order_step(doc="A team lead approves the detention of a minor or family (four eyes, never the drafter).")
class OrderApproveView(_OrderStep):
    def run(self, request, order, data, now):
        return orders.order_approve(order=order, actor=request.user, now=now)


@_order_step(doc="Issue the complete order; 409 order_incomplete lists in errors.missing what the order lacks.")
class OrderIssueView(_OrderStep):
    def run(self, request, order, data, now):
        return orders.order_issue(order=order, actor=request.user, now=now)


@_order_step(s.CorrectSerializer, "Start a correction of an issued order: a new draft version naming what changed.")
class OrderCorrectView(_OrderStep):
    def run(self, request, order, data, now):
        return orders.order_correct(order=order, actor=request.user, now=now, **data)
