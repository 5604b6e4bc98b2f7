"""The pages of reports: the team lead's dashboard, the statistics per period, their exports, the annual report."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.accesslog import log_read
from dtv.core.pdf import PDF_HEADERS

from .charts import bar_chart
from .documents import annual_report_bytes, annual_report_request, latest_annual_reports, latest_done
from .exports import export_response
from .forms import AnnualReportForm, PeriodForm
from .html import rows_html
from .kpis import kpi_results
from .processing import REPORTING
from .quality import RULES
from .registry import dashboard_sections
from .statistics import period_tables
from .summaries import summaries_state


def _with_charts(tables):
    """Each table with its chart (of its first numeric column) and its rows zipped with their links."""
    shown = []
    for table in tables:
        numeric = next((i for i, column in enumerate(table.columns) if column.numeric), None)
        chart = ""
        if numeric is not None and table.rows and table.key != "durations":
            chart = bar_chart(chart_id=f"chart-{table.key}", title=table.title, values=table.chart_values(numeric))
        links = table.links or [""] * len(table.rows)
        rows = list(zip(table.rows, links, strict=True))
        shown.append({"table": table, "chart": chart, "rows": rows, "body": rows_html(rows, table.columns)})
    return shown


def _dashboard_tables(user, on):
    if user.team is None:
        return []
    return [table for section in dashboard_sections() for table in section.load(user.team, on)]


@permission_required("cases.view_team_caseload", raise_exception=True)
def dashboard(request):
    on = timezone.localdate()
    tables = _dashboard_tables(request.user, on)
    phase = next((t for t in tables if t.key == "caseload_phase"), None)
    rows = [{"phase": row[0], "count": row[1]} for row in phase.rows] if phase else []
    return render(
        request,
        "reports/dashboard.html",
        {"team": request.user.team, "rows": rows, "sections": _with_charts(tables), "on": on},
    )


@permission_required("cases.view_team_caseload", raise_exception=True)
def dashboard_export(request, key, fmt):
    tables = {table.key: table for table in _dashboard_tables(request.user, timezone.localdate())}
    if key not in tables:
        raise Http404
    return export_response(tables[key], fmt=fmt, name=f"dashboard-{key}")


def _national_tables(on):
    return [table for section in dashboard_sections() if section.national for table in section.national(on)]


@permission_required("reports.view_national_dashboard", raise_exception=True)
def national_dashboard(request):
    """The management's dashboard: every team's figures, counted, with no personal data and no links to cases."""
    on = timezone.localdate()
    return render(
        request, "reports/national_dashboard.html", {"sections": _with_charts(_national_tables(on)), "on": on}
    )


@permission_required("reports.view_national_dashboard", raise_exception=True)
def national_dashboard_export(request, key, fmt):
    tables = {table.key: table for table in _national_tables(timezone.localdate())}
    if key not in tables:
        raise Http404
    return export_response(tables[key], fmt=fmt, name=f"national-{key}")


def _period(request):
    form = PeriodForm(request.GET or None, today=timezone.localdate())
    return form, form.period()


@permission_required("reports.view_reports", raise_exception=True)
def statistics_page(request):
    form, period = _period(request)
    tables = period_tables(period)
    return render(
        request,
        "reports/statistics.html",
        {
            "form": form,
            "period": period,
            "query": request.GET.urlencode(),
            "sections": _with_charts(tables),
            # The figures are as current as the source counted least recently (three sources, one sentence).
            "counted_up_to": min(
                (mark.refreshed_at for mark in summaries_state().values() if mark.refreshed_at), default=None
            ),
        },
    )


@permission_required("reports.view_reports", raise_exception=True)
def statistics_export(request, key, fmt):
    _form, period = _period(request)
    tables = {table.key: table for table in period_tables(period)}
    if key not in tables:
        raise Http404
    return export_response(tables[key], fmt=fmt, name=f"{key}-{period.starts_on:%Y%m%d}-{period.last_day:%Y%m%d}")


@permission_required("reports.view_reports", raise_exception=True)
def kpis_page(request):
    form, period = _period(request)
    return render(
        request,
        "reports/kpis.html",
        {"form": form, "period": period, "results": kpi_results(period), "rules": RULES},
    )


@require_http_methods(["GET", "POST"])
@permission_required("reports.view_annualreport", raise_exception=True)
def annual_reports(request):
    """The annual reports per year with their progress; a team lead asks for a year's report here."""
    form = AnnualReportForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if request.method == "POST" and form.is_valid():
        try:
            report = annual_report_request(year=form.cleaned_data["year"], actor=request.user, now=timezone.now())
        except ValidationError as error:
            form.add_error("year", error.message_dict.get("year", error.messages))
        else:
            messages.success(request, _("The annual report of %(year)s is being prepared.") % {"year": report.year})
            return redirect("reports:annual_reports")
    return render(
        request,
        "reports/annual_reports.html",
        {
            "form": form,
            "reports": latest_annual_reports(),
            "may_request": request.user.has_perm("reports.add_annualreport"),
        },
    )


@permission_required("reports.view_annualreport", raise_exception=True)
def annual_report_status(request, year):
    """A year's report progress (htmx polls it while the task runs; the page works without)."""
    reports = [report for report in latest_annual_reports(since_year=year) if report.year == year]
    if not reports:
        raise Http404
    return render(request, "reports/_annual_status.html", {"report": reports[0]})


@permission_required("reports.view_annualreport", raise_exception=True)
def annual_report_pdf(request, year):
    """The year's newest rendered report, checked against its hash; the download is access-logged."""
    report = latest_done(year)
    if report is None:
        raise Http404
    content = annual_report_bytes(report)
    log_read(request, activity=REPORTING, reason=f"Stand van de uitvoering {year}")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="stand-van-de-uitvoering-{year}.pdf"'
    for header, value in PDF_HEADERS.items():
        response[header] = value
    return response
