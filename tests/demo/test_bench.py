"""The helpers of `manage.py bench` on a handful of seeded cases (never asserting timings)."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cases.constants import LIVE_DEADLINE_STATUSES, Phase
from cases.deadlines import registry
from cases.deadlines.atw import calendar_rows, holiday_names
from cases.deadlines.sweep import deadlines_sweep, due_deadlines
from cases.models import Deadline
from dtv.accounts.models import User
from dtv.demo import bench
from tests.demo.seeding import NOW, seed

HOLIDAYS = holiday_names(calendar_rows(2000, 2040))
FILLER = "Benchmark: aanvullende afspraak"


@pytest.fixture
def lead_client(db, client):
    seed(count=30)
    client.force_login(User.objects.get(username="teamleider"))
    return client


class TestMeasure:
    def test_reports_the_samples_their_statuses_and_the_median_query_count(self, lead_client):
        url = bench.url_for("cases:workqueue", query="weergave=team")
        measured = bench.measure("team queue", lambda i: lead_client.get(url), url=url, samples=3, warmup=1)
        with CaptureQueriesContext(connection) as one_request:
            lead_client.get(url)
        assert (measured.samples, measured.statuses, measured.queries, measured.note, measured.url) == (
            3,
            {"200": 3},
            len(one_request.captured_queries),
            "",
            "/werkvoorraad/?weergave=team",
        )
        assert None not in (measured.median_ms, measured.p95_ms, measured.min_ms)

    def test_notes_a_status_other_than_the_expected_one(self, lead_client):
        url = bench.url_for("cases:workqueue")
        measured = bench.measure("queue", lambda i: lead_client.get(url), samples=3, warmup=0, expect=(201,))
        assert (measured.statuses, measured.note) == ({"200": 3}, "unexpected status 200")

    def test_reports_a_url_name_that_does_not_exist_as_not_available(self):
        assert bench.url_for("cases:no_such_page") is None
        missing = bench.unavailable("case file")
        assert not missing.available
        assert bench.format_measurements([missing]).splitlines()[1].split() == ["case", "file", "not", "available"]

    def test_the_95th_percentile_is_the_nearest_rank(self):
        assert bench.percentile(range(1, 21), 0.95) == 19
        assert bench.percentile([7.5], 0.95) == 7.5
        assert bench.percentile([3, 1, 2], 0.5) == 2


class TestFollowNext:
    def test_reads_the_keyset_link_marked_rel_next(self):
        response = HttpResponse('<nav><a class="utrecht-link" rel="next" href="?weergave=intake&amp;pagina=a.1">x</a>')
        response.wsgi_request = RequestFactory().get("/werkvoorraad/")
        assert bench.next_page_url(response) == "/werkvoorraad/?weergave=intake&pagina=a.1"

    def test_reads_a_doubled_question_mark_as_one(self):
        response = HttpResponse('<a rel="next" href="??weergave=team&amp;pagina=b.2">x</a>')
        response.wsgi_request = RequestFactory().get("/werkvoorraad/")
        assert bench.next_page_url(response) == "/werkvoorraad/?weergave=team&pagina=b.2"

    def test_stops_on_the_last_page(self, lead_client):
        first = bench.url_for("cases:workqueue", query="weergave=intake")
        assert bench.follow_next(lead_client, first, 20) == (first, 0)


@pytest.mark.django_db
class TestDeadlinesAtScale:
    def test_fills_up_to_the_live_and_due_targets_with_deadlines_the_rules_computed(self):
        seed(count=30)
        before = bench.live_deadline_counts(NOW)
        result = bench.fill_deadlines(
            target_live=before["live"] + 40, due_now=before["due_now"] + 5, now=NOW, holidays=HOLIDAYS
        )
        assert (result["inserted_due"], result["inserted_future"], result["live"], result["due_now"]) == (
            5,
            35,
            before["live"] + 40,
            before["due_now"] + 5,
        )
        filled = Deadline.objects.filter(trigger=FILLER).select_related("case")
        assert filled.count() == 40
        for deadline in filled:
            _rule, computation = registry.compute(deadline.kind, start=deadline.start_date, holidays=HOLIDAYS)
            assert (deadline.due_at, deadline.status, deadline.case.phase != Phase.CLOSED) == (
                computation.due_at,
                "open",
                True,
            )

    def test_explains_the_due_window_without_changing_a_row(self):
        seed(count=30)
        due = Deadline.objects.filter(status__in=LIVE_DEADLINE_STATUSES, sweep_at__lte=NOW).count()
        stages = list(Deadline.objects.order_by("pk").values_list("pk", "status", "sweep_stage", "sweep_at"))
        plan = bench.explain_analyze(due_deadlines(NOW))
        assert plan["rows"] == due
        assert {"execution_ms", "planning_ms", "indexes", "node_types", "plan"} <= set(plan)
        assert list(Deadline.objects.order_by("pk").values_list("pk", "status", "sweep_stage", "sweep_at")) == stages

    def test_the_catch_up_figure_counts_each_due_deadline_once(self):
        seed(count=30)
        due = bench.live_deadline_counts(NOW)["due_now"]
        first, _seconds = bench.timed(deadlines_sweep, now=NOW)
        second, _seconds = bench.timed(deadlines_sweep, now=NOW)
        assert (len(first.deadlines), len(second.deadlines)) == (due, 0)
        assert due == 3
