"""Issue 12's part of `manage.py bench`: the detention-order PDF and the legality list of detentions.

The PDF is measured as render only, warm: `documents.render_order_pdf` of one issued order's text, after the
warm-up renders (WeasyPrint imported, fonts and the stylesheet loaded), without the task, the storage or the
hash. The legality list is measured side by side with Django admin's changelist of the same detentions (running,
of the team lead's team, 50 a page), at the list pages' budget of issue 8.
"""

from types import SimpleNamespace

from cases.permissions import cases_visible_to
from detention.constants import MeasureKind, OrderState
from detention.documents import order_document, render_order_pdf
from detention.models import DetentionOrder, Measure

from . import bench

# Issue 12: the order PDF p50 ≤ 150 ms and p95 ≤ 300 ms (render only, warm); the legality list keeps the list
# pages' budget (p95 ≤ 20 ms, ≤ 8 queries) at 100,000 cases.
PDF_TARGET = bench.Target(p95_ms=300, queries=0)
PDF_P50_MS = 150
LEGALITY_TARGET = bench.LIST_TARGET
PAGE_SIZE = 50


def detention_measurements(lead_user, lead, staff, comparisons, pages, kwargs) -> list:
    """[(Measurement, call)] for the order PDF and the legality list; the list's comparison goes to `comparisons`."""
    return [_pdf(lead_user, kwargs), _legality(lead_user, lead, staff, comparisons, pages, kwargs)]


def _pdf(lead_user, kwargs):
    name = "detention order PDF: render only, warm"
    issued = DetentionOrder.objects.filter(state=OrderState.ISSUED).select_related(
        "case__foreign_national", "approved_by", "issued_by"
    )
    order = issued.filter(case__in=cases_visible_to(lead_user)).order_by("id").first() or issued.order_by("id").first()
    if order is None:
        return bench.unavailable(name, "no issued detention order", PDF_TARGET), None
    document = order_document(order)

    def render(i):
        render_order_pdf(document)
        return SimpleNamespace(status_code=200)

    measured = bench.measure(name, render, url=f"order {order.pk}", target=PDF_TARGET, **kwargs)
    met = measured.median_ms is not None and measured.median_ms <= PDF_P50_MS
    measured.note = "; ".join(
        n for n in (measured.note, f"p50 target {PDF_P50_MS} ms: {'met' if met else 'MISSED'}") if n
    )
    return measured, lambda: render(0)


def _legality(lead_user, lead, staff, comparisons, pages, kwargs):
    name = "legality list: teamleider (running detentions of the scope)"
    url = bench.url_for("detention:legality_list")
    if url is None:
        return bench.unavailable(name, target=LEGALITY_TARGET), None
    filters = {
        "kind__exact": MeasureKind.DETENTION,
        "ends_at__isnull": "True",
        "case__team__id__exact": lead_user.team_id,
    }
    admin_url = bench.admin_changelist_url(Measure, **filters)
    with bench.admin_as_registered(Measure, list_per_page=PAGE_SIZE):
        compared = bench.measure_side_by_side(
            name,
            lambda i: lead.get(url),
            lambda i: staff.get(admin_url),
            url=url,
            admin_url=admin_url,
            rows=bench.rows_linking("detention:measure_detail"),
            admin_rows=bench.rows_linking("admin:detention_measure_change"),
            target=LEGALITY_TARGET,
            **kwargs,
        )
    running = Measure.objects.filter(kind=MeasureKind.DETENTION, ends_at__isnull=True)
    in_scope = running.filter(case__in=cases_visible_to(lead_user)).count()
    compared.note = "; ".join(
        n
        for n in (compared.note, f"{in_scope:,} in scope of {running.count():,} running; admin: the team's cases")
        if n
    )
    comparisons.append(compared)
    pages[compared.admin.name] = lambda: staff.get(admin_url)
    return compared.page, lambda: lead.get(url)
