"""Issue 12's part of the benchmark: the order PDF rendered warm and the legality list beside the admin changelist."""

import pytest
from django.test import Client

from detention.documents import order_pdf_render
from dtv.accounts.models import User
from dtv.demo import bench
from dtv.demo.bench_detention import PDF_P50_MS, detention_measurements
from tests.demo.seeding import NOW, seed
from tests.factories.accounts import EnforcementOfficerFactory
from tests.factories.detention import detention_case, issued_order

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client


def test_measures_the_pdf_render_and_the_legality_list_beside_the_admin_changelist_of_the_same_rows(settings, tmp_path):
    # Both through the fixture: an override_settings decorator beside the fixture is undone out of order, and the
    # benchmark's URLconf (with its admin of cases) then stayed on for every later test of the run.
    settings.ROOT_URLCONF = "dtv.demo.bench_urls"
    settings.MEDIA_ROOT = tmp_path
    seed(count=30)
    lead = User.objects.get(username="teamleider")
    enforcer = EnforcementOfficerFactory(team=lead.team)
    for _ in range(3):
        order = issued_order(detention_case(team=lead.team, case_officer=lead), actor=enforcer, now=NOW)
    order_pdf_render(order_id=order.pk, now=NOW)
    comparisons, pages = [], {}
    (pdf, render), (listing, call) = detention_measurements(
        lead, _client(lead), _client(bench.bench_superuser()), comparisons, pages, {"samples": 2, "warmup": 1}
    )
    assert (pdf.samples, pdf.queries, pdf.target_p95_ms, pdf.statuses) == (2, 0, 300, {"200": 2})
    assert f"p50 target {PDF_P50_MS} ms" in pdf.note
    (compared,) = comparisons
    assert compared.page is listing and listing.target_p95_ms == 20 and listing.target_queries == 8
    assert listing.rows == compared.admin.rows >= 3 and "rows differ" not in compared.note
    assert compared.admin.url.startswith("/beheer/detention/measure/?")
    assert compared.admin.statuses == {"200": 2}
    assert call().status_code == 200 and compared.admin.name in pages
