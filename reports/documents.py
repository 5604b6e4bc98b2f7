"""The annual "Stand van de uitvoering": a year's figures and KPIs as a PDF, rendered once by an idempotent task.

The figures are the statistics page's tables and the KPI page's results for the calendar year, in Dutch (the
language DT&V publishes in), each with its definition. The PDF plumbing (the static-only fetcher, WeasyPrint
imported lazily, the hashed storage) is `dtv.core.pdf`, shared with the detention order.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from dtv.core.fields import DATE_MIN_YEAR
from dtv.core.pdf import STATIC_PREFIX, RenderState, html_to_pdf, pdf_read_checked, pdf_store

from .kpis import kpi_results
from .models import AnnualReport
from .statistics import Period, period_tables
from .summaries import summaries_state

TEMPLATE = "reports/pdf/annual_report.html"
REQUEST_PERMISSION = "reports.add_annualreport"


@dataclass(frozen=True)
class AnnualDocument:
    """Everything the annual report states, as text and tables."""

    year: int
    period: str
    counted_up_to: str
    tables: tuple
    kpis: tuple  # (name, result text, target text, light label, definition)


def _plain(number) -> str:
    """90.00 → "90", 12.50 → "12.5" (a target as the year plan writes it)."""
    text = str(number)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _kpi_row(result):
    target = result.target
    return (
        str(result.kpi.label),
        f"{result.percentage}% ({result.numerator} / {result.denominator})" if result.percentage is not None else "–",
        f"{target.get_comparison_display()} {_plain(target.percentage)}%" if target else "–",
        str(result.light.label),
        result.definition,
    )


def annual_document(year, *, progress=lambda done: None) -> AnnualDocument:
    """The year's figures as the PDF states them; `progress(percent)` is told after each figure."""
    period = Period.year(year)
    with translation.override("nl"):
        tables = period_tables(period)
        progress(50)
        kpis = tuple(_kpi_row(result) for result in kpi_results(period))
        progress(70)
        marks = [mark.refreshed_at for mark in summaries_state().values() if mark.refreshed_at]
        return AnnualDocument(
            year=year,
            period=str(period),
            counted_up_to=formats.date_format(timezone.localtime(min(marks)), "j F Y H:i") if marks else "–",
            tables=tuple(tables),
            kpis=kpis,
        )


def render_annual_pdf(document: AnnualDocument) -> bytes:
    html = render_to_string(TEMPLATE, {"doc": document, "static": STATIC_PREFIX})
    return html_to_pdf(html, identifier=f"regie-stand-van-de-uitvoering-{document.year}")


def annual_report_request(*, year, actor, now) -> AnnualReport:
    """Ask for the annual report of a past or the current year; a rendering under way for that year is returned."""
    if not actor.has_perm(REQUEST_PERMISSION):
        raise PermissionDenied
    if year is None or not DATE_MIN_YEAR <= year <= timezone.localdate(now).year:
        raise ValidationError({"year": _("Choose a year up to the current one.")})
    under_way = AnnualReport.objects.filter(
        year=year, render_state__in=[RenderState.QUEUED, RenderState.RENDERING]
    ).first()
    if under_way is not None:
        return under_way
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(year=year, requested_at=now, requested_by=actor)
    except IntegrityError:
        # A second request for the same year in the same moment: the constraint lets one through.
        return AnnualReport.objects.get(year=year, render_state__in=[RenderState.QUEUED, RenderState.RENDERING])
    from .tasks import render_annual_report

    transaction.on_commit(lambda: render_annual_report.delay(report_id=report.pk))
    return report


def _progress(report_id):
    def tell(percent):
        AnnualReport.objects.filter(pk=report_id).update(progress=percent)

    return tell


def annual_report_render(*, report_id, now) -> AnnualReport:
    """Render and store the report's PDF once; a second run (or a second worker) finds it done and returns."""
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report_id)
        if report.render_state == RenderState.DONE:
            return report
        report.render_state, report.progress = RenderState.RENDERING, 10
        report.save(update_fields=["render_state", "progress"])
    tell = _progress(report_id)
    try:
        content = render_annual_pdf(annual_document(report.year, progress=tell))
    except Exception:
        AnnualReport.objects.filter(pk=report_id).update(render_state=RenderState.FAILED)
        raise
    tell(90)
    stored, sha256 = pdf_store(
        content, name=lambda sha: f"reports/annual/stand-van-de-uitvoering-{report.year}-{report.pk}-{sha[:16]}.pdf"
    )
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report_id)
        if report.render_state == RenderState.DONE:
            # Another worker stored it meanwhile: keep theirs, drop ours.
            transaction.on_commit(lambda: default_storage.delete(stored))
            return report
        report.pdf_path, report.pdf_sha256 = stored, sha256
        report.render_state, report.progress, report.rendered_at = RenderState.DONE, 100, now
        report.save(update_fields=["pdf_path", "pdf_sha256", "render_state", "progress", "rendered_at"])
    return report


def annual_report_bytes(report) -> bytes:
    """The stored PDF, checked against its hash (a changed file is never handed out)."""
    return pdf_read_checked(report.pdf_path, report.pdf_sha256)


def latest_annual_reports(*, since_year=None):
    """The newest rendering of each year, newest year first (one query)."""
    rows = AnnualReport.objects.order_by("year", "requested_at", "id")
    if since_year is not None:
        rows = rows.filter(year__gte=since_year)
    latest = {}
    for report in rows:
        latest[report.year] = report
    return sorted(latest.values(), key=lambda r: -r.year)


def latest_done(year):
    return AnnualReport.objects.filter(year=year, render_state=RenderState.DONE).order_by("-rendered_at", "-id").first()
