"""REST API of the statistics per period and the KPIs, for reporting tools (aggregates only: no personal data)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from dtv.core.api import ApiView, ErrorSerializer

from ..kpis import kpi_results
from ..statistics import Period, period_tables
from . import serializers as s

_PERIOD = [
    OpenApiParameter("year", int, description="A calendar year (default: the current year)."),
    OpenApiParameter("first_day", dt.date, description="First day of the period (with last_day)."),
    OpenApiParameter("last_day", dt.date, description="Last day of the period, included (with first_day)."),
]
_ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid period: `errors` names each parameter."),
    401: OpenApiResponse(ErrorSerializer, description="No or invalid credentials."),
    403: OpenApiResponse(ErrorSerializer, description="The caller may not read the statistics (chain partners never)."),
}


def _period(request) -> Period:
    if not request.user.has_perm("reports.view_reports") or request.user.chain_partner:
        raise PermissionDenied
    query = s.PeriodQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    if "first_day" in data:
        return Period(data["first_day"], data["last_day"] + dt.timedelta(days=1))
    return Period.year(data.get("year") or timezone.localdate().year)


class StatisticsView(ApiView):
    """Every statistic of the period with its definition, counted from dated events."""

    @extend_schema(parameters=_PERIOD, responses={200: s.StatisticsSerializer, **_ERRORS})
    def get(self, request):
        period = _period(request)
        return Response(s.StatisticsSerializer({"period": period, "tables": period_tables(period)}).data)


class KpisView(ApiView):
    """The KPIs of the period against the targets of the year plan in force, with their traffic lights."""

    @extend_schema(parameters=_PERIOD, responses={200: s.KpisSerializer, **_ERRORS})
    def get(self, request):
        period = _period(request)
        return Response(s.KpisSerializer({"period": period, "kpis": kpi_results(period)}).data)
