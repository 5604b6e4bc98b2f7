"""The helpers of `manage.py bench` on a handful of seeded cases (never asserting timings)."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from cases.constants import LIVE_DEADLINE_STATUSES, Phase
from cases.deadlines import registry
from cases.deadlines.atw import calendar_rows, holiday_names
from cases.deadlines.sweep import deadlines_sweep, due_deadlines
from cases.models import Case, Deadline
from dtv.accounts.models import User
from dtv.demo import bench, bench_admin
from laissezpasser.models import Country
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


    def test_reports_sql_and_render_time_the_queries_run_while_rendering_and_the_rows_shown(self, lead_client):
        url = bench.url_for("cases:workqueue", query="weergave=team")
        measured = bench.measure(
            "team queue",
            lambda i: lead_client.get(url),
            samples=2,
            warmup=0,
            rows=bench.rows_linking("cases:case_detail"),
            target=bench.WORK_QUEUE_TARGET,
        )
        team = User.objects.get(username="teamleider").team_id
        assert measured.rows == Case.objects.filter(team_id=team).exclude(phase=Phase.CLOSED).count()
        assert (measured.target_p95_ms, measured.target_queries) == (20, 8)
        assert measured.sql_ms > 0 and measured.render_ms > 0 and 0 < measured.render_queries < measured.queries

    def test_counts_the_rows_of_a_page_by_the_objects_it_links_to_once_each(self):
        response = HttpResponse('<a href="/zaken/7/">7</a> <a href="/zaken/3/#termijnen">3</a> <a href="/zaken/7/">')
        assert bench.linked_ids("cases:case_detail", response) == [7, 3]


class TestTargets:
    def test_a_p95_or_query_count_within_its_target_is_met_and_one_over_it_is_missed(self):
        within = bench.Measurement(name="a", p95_ms=20.0, queries=8, target_p95_ms=20, target_queries=8)
        over = bench.Measurement(name="b", p95_ms=20.1, queries=9, target_p95_ms=20, target_queries=8)
        untargeted = bench.Measurement(name="c", p95_ms=5.0, queries=3)
        assert [(m.meets_p95, m.meets_queries) for m in (within, over, untargeted)] == [
            (True, True),
            (False, False),
            (None, None),
        ]
        assert (over.as_dict()["meets_p95"], over.as_dict()["target_p95_ms"]) == (False, 20)

    def test_the_issue_sets_the_targets_per_kind_of_page(self):
        assert [
            (t.p95_ms, t.queries, t.admin_ratio)
            for t in (bench.WORK_QUEUE_TARGET, bench.LIST_TARGET, bench.CASE_FILE_TARGET, bench.SEARCH_TARGET)
        ] == [(20, 8, 5), (20, 8, None), (25, 12, None), (30, 8, None)]

    def test_the_table_prints_each_target_with_its_verdict(self):
        measured = bench.Measurement(
            name="queue", samples=30, median_ms=10.0, p95_ms=25.0, min_ms=9.0, queries=7, target_p95_ms=20,
            target_queries=8,
        )  # fmt: skip
        line = bench.format_measurements([measured]).splitlines()[1]
        assert ("≤ 20 MISSED" in line, "≤ 8 met" in line) == (True, True)


class TestComparison:
    def test_the_ratio_is_the_admin_p95_over_the_page_p95(self):
        page = bench.Measurement(name="queue", median_ms=4.0, p95_ms=5.0, queries=6)
        changelist = bench.Measurement(name="admin", median_ms=20.0, p95_ms=30.0, queries=10)
        compared = bench.Comparison(name="queue", page=page, admin=changelist, target_ratio=5)
        assert (compared.ratio, compared.meets_ratio, compared.as_dict()["ratio"]) == (6.0, True, 6.0)
        assert "6.00× (≥ 5× met)" in bench.format_comparisons([compared])

    def test_a_page_without_an_admin_changelist_is_listed_with_the_reason(self):
        alone = bench.Comparison(name="overdue", page=bench.Measurement(name="overdue"), note="no admin changelist")
        assert alone.ratio is None
        assert bench.format_comparisons([alone]).splitlines()[1].split() == ["overdue", "no", "admin", "changelist"]

    @pytest.mark.django_db
    def test_requests_the_page_and_the_admin_alternately(self):
        order = []

        def call(what):
            return lambda i: order.append((what, i)) or HttpResponse("")

        compared = bench.measure_side_by_side(
            "queue", call("page"), call("admin"), url="/q", admin_url="/a", samples=2, warmup=1
        )
        assert order == [("page", 0), ("admin", 0), ("page", 1), ("admin", 1), ("page", 2), ("admin", 2)]
        assert (compared.page.samples, compared.admin.samples, compared.admin.url) == (2, 2, "/a")

    @pytest.mark.django_db
    def test_says_so_when_the_page_and_the_admin_show_a_different_number_of_rows(self):
        compared = bench.measure_side_by_side(
            "queue",
            lambda i: HttpResponse("a"),
            lambda i: HttpResponse("bb"),
            url="/q",
            admin_url="/a",
            samples=1,
            warmup=0,
            rows=lambda response: 1,
            admin_rows=lambda response: 2,
        )
        assert compared.note == "rows differ: page 1, admin 2"


class TestAdminChangelist:
    @pytest.fixture(autouse=True)
    def bench_urls(self, settings):
        # The benchmark mounts its own admin site, the one that lists cases (manage.py bench does the same).
        settings.ROOT_URLCONF = "dtv.demo.bench_urls"

    def test_the_registered_admin_shows_the_page_size_asked_for_and_is_restored_after(self):
        case_admin = bench_admin.site.get_model_admin(Case)
        with bench.admin_as_registered(Case, list_per_page=50, search_fields=["foreign_national__search_name"]):
            assert (case_admin.list_per_page, case_admin.search_fields) == (50, ["foreign_national__search_name"])
        assert (case_admin.list_per_page, case_admin.search_fields, "list_per_page" in vars(case_admin)) == (
            100,
            (),
            False,
        )

    @pytest.mark.parametrize("view", ["mijn", "team", "intake"])
    def test_the_admin_filters_select_the_same_cases_as_the_work_queue(self, db, view):
        seed(count=30)
        officer, lead = User.objects.get(username="regievoerder"), User.objects.get(username="teamleider")
        user = officer if view == "mijn" else lead
        page = Client(SERVER_NAME="localhost")
        page.force_login(user)
        staff = Client(SERVER_NAME="localhost")
        staff.force_login(bench.bench_superuser())
        filters = bench.admin_queue_filters(view, officer_id=officer.pk, team_id=lead.team_id)
        with bench.admin_as_registered(Case, list_per_page=50):
            changelist = staff.get(bench.admin_changelist_url(Case, **filters))
        queue = page.get(bench.url_for("cases:workqueue", query=f"weergave={view}"))
        listed = bench.linked_ids("cases:case_detail", queue)
        assert changelist.status_code == 200
        assert listed and sorted(bench.linked_ids("admin:cases_case_change", changelist)) == sorted(listed)

    def test_the_benchmark_administrator_is_staff_and_superuser(self, db):
        user = bench.bench_superuser()
        assert (user.username, user.is_staff, user.is_superuser, bench.bench_superuser().pk) == (
            "bench-beheerder",
            True,
            True,
            user.pk,
        )


class TestQueryReport:
    def test_lists_every_query_as_assert_num_queries_counts_them_with_the_code_that_issued_it(self, lead_client):
        url = bench.url_for("cases:workqueue", query="weergave=team")
        with CaptureQueriesContext(connection) as one_request:
            lead_client.get(url)
        report = bench.query_report(lambda: lead_client.get(url))
        # Django logs a server-side cursor's SELECT as the DECLARE that opens it.
        statements = [q["sql"].split(" ", 1)[0].replace("DECLARE", "SELECT") for q in one_request.captured_queries]
        assert [q["sql"].split(" ", 1)[0] for q in report] == statements
        sources = {q["source"].split(":")[0] for q in report}
        assert "cases/views/workqueue.py" in sources
        # Queries issued while a template renders name it (the roles no longer do: the login backend loads them).
        assert all(q["template"] == "" or ".html:" in q["template"] for q in report)
        # The session is read from Redis (no query); the signed-in user is loaded through Django's auth.
        assert any(q["library"].startswith("django/contrib/auth/") for q in report)

    def test_explains_each_select_with_its_sequential_scans_and_indexes(self, lead_client):
        url = bench.url_for("cases:workqueue", query="weergave=team")
        report = bench.query_report(lambda: lead_client.get(url))
        selects = [q for q in report if q["sql"].startswith("SELECT")]
        assert selects and all({"execution_ms", "seq_scans", "indexes"} <= set(q["plan"]) for q in selects)
        assert all("plan" not in q for q in report if not q["sql"].startswith("SELECT"))
        assert "Execution Time" in selects[0]["plan_text"]


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
        assert due == 2  # at 30 demo cases, with their travel-document requests


class TestCommand:
    def test_one_run_writes_every_page_its_target_and_the_admin_comparison(self, db, tmp_path, capsys):
        seed(count=30)
        call_command(
            "bench", skip_seed=True, skip_sweep=True, samples=1, warmup=0, force=True, explain=True,
            output_dir=str(tmp_path),
        )  # fmt: skip
        (written,) = tmp_path.glob("bench-*.json")
        result = json.loads(written.read_text())
        compared = {c["name"]: c for c in result["comparisons"]}
        queues = [name for name in compared if name.startswith("work queue")]
        assert len(queues) == 5
        for name in queues:
            page, changelist = compared[name]["page"], compared[name]["admin"]
            assert (page["rows"], page["target_p95_ms"], compared[name]["target_ratio"]) == (
                changelist["rows"],
                20,
                5,
            )
            assert changelist["url"].startswith("/beheer/cases/case/?")
        assert compared["search: partial surname (4 letters), teamleider"]["admin"]["url"] == "/beheer/cases/case/?q=…"
        assert compared["overdue deadlines: teamleider, team"]["admin"] is None
        assert {m["name"]: m["target_p95_ms"] for m in result["web"]}["case file: teamleider, random team case"] == 25
        assert set(result["queries"]) >= set(compared) - {
            "overdue deadlines: teamleider, team",
            "notifications: regievoerder",
        }
        assert list(tmp_path.glob("plans-*.txt"))
        assert result["analyze"]["statement"] == "ANALYZE"
        assert "Side by side with Django admin's changelist" in capsys.readouterr().out

    def test_measures_the_case_file_with_lp_requests_the_country_list_beside_the_admin_and_a_country(
        self, db, tmp_path, capsys
    ):
        seed(count=60)
        call_command(
            "bench", skip_seed=True, skip_sweep=True, samples=2, warmup=0, force=True, explain=True,
            output_dir=str(tmp_path),
        )  # fmt: skip
        (written,) = tmp_path.glob("bench-*.json")
        result = json.loads(written.read_text())
        web = {m["name"]: m for m in result["web"]}
        case_file = web["case file: teamleider, team case with LP requests"]
        assert (case_file["statuses"], case_file["target_p95_ms"], case_file["target_queries"]) == ({"200": 2}, 25, 12)
        code, requests = bench.most_requested_country()
        country = web[f"country page: teamleider, {code} ({requests:,} requests, the most)"]
        assert (country["statuses"], country["url"], country["target_queries"]) == (
            {"200": 2},
            f"/reisdocumenten/landen/{code}/",
            12,
        )
        counted = web[f"{country['name']}, counted"]
        # Without warm-up the first of the two cached requests counted too: the median lies in between.
        assert counted["statuses"] == {"200": 2} and counted["queries"] - 3 < country["queries"] < counted["queries"]
        listing = {c["name"]: c for c in result["comparisons"]}["country list: teamleider (every country)"]
        assert listing["page"]["rows"] == listing["admin"]["rows"] == Country.objects.count()
        assert listing["admin"]["url"] == "/beheer/laissezpasser/country/"
        assert {case_file["name"], country["name"], listing["name"], listing["admin"]["name"]} <= set(result["queries"])
        out = capsys.readouterr().out
        assert "country list: teamleider (every country)" in out and "country page: teamleider" in out

    def test_after_the_sweep_measures_the_overdue_list_and_the_notifications_again(self, db, tmp_path):
        seed(count=30)
        call_command(
            "bench", skip_seed=True, samples=1, warmup=0, force=True, deadlines=0, due=0, output_dir=str(tmp_path),
            stdout=io.StringIO(), stderr=io.StringIO(),
        )  # fmt: skip
        (written,) = tmp_path.glob("bench-*.json")
        result = json.loads(written.read_text())
        after = [m["name"] for m in result["web"] if m["name"].endswith(", after the sweep")]
        assert after == [
            "overdue deadlines: teamleider, team, after the sweep",
            "notifications: regievoerder, after the sweep",
        ]
        assert {c["name"] for c in result["comparisons"]} >= set(after)
