"""`manage.py bench`: figures for Regie at national scale, printed as a table and written as JSON. Never a test."""

import datetime as dt
import io
import json
import random
import time
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from cases.models import Case, ForeignNational, Notification, WorkItem
from dtv.accounts.models import User
from dtv.accounts.tokens import api_token_issue
from dtv.core.text import fold
from dtv.demo import bench, bench_departures
from dtv.demo.bench_detention import detention_measurements
from dtv.demo.bench_reports import bench_reports
from dtv.demo.cases import demo_holidays, summary
from laissezpasser.models import Country
from laissezpasser.statistics import statistics_key as country_statistics_key

# The work queue's and the search's page size: the admin changelist is set to show as many rows (the comparison
# table says "rows differ" if a page ever shows another number).
PAGE_SIZE = 50


def _without_text(query):
    return {key: value for key, value in query.items() if key != "plan_text"}


def _plans_text(reports):
    parts = []
    for name, report in reports.items():
        parts.append(f"===== {name}\n")
        for q in report:
            parts.append(f"--- query {q['number']} ({q['ms']} ms) {q['source']} {q['template']} {q['library']}")
            parts.append(q["sql"])
            parts.append(f"params: {q['params']!r}")
            if "plan_text" in q:
                parts.append(q["plan_text"])
            parts.append("")
    return "\n".join(parts)


def _sweep_functions():
    """The sweep's due-window queryset and the sweep itself, or None while they do not exist."""
    try:
        from cases.deadlines import sweep
    except ImportError:
        return None
    due, run = getattr(sweep, "due_deadlines", None), getattr(sweep, "deadlines_sweep", None)
    return (due, run, getattr(sweep, "BATCH_SIZE", 500)) if due and run else None


class Command(BaseCommand):
    help = (
        "Benchmark Regie on PostgreSQL: seed N synthetic cases (timed), measure the work queue, case file, "
        "search, overdue list, notifications and handover API in-process against issue 8's targets, each list "
        "page side by side with Django admin's changelist of the same cases, and the deadline sweep at a "
        "million live deadlines. Prints tables and writes var/bench/bench-<UTC time>.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=100_000, help="Demo cases to seed (default 100,000).")
        parser.add_argument("--skip-seed", action="store_true", help="Measure the data that is there.")
        parser.add_argument("--samples", type=int, default=30, help="Measured requests per figure (default 30).")
        parser.add_argument("--warmup", type=int, default=3, help="Unmeasured requests first (default 3).")
        parser.add_argument("--deep-pages", type=int, default=20, help="Next-page links to follow (default 20).")
        parser.add_argument("--deadlines", type=int, default=1_000_000, help="Live deadlines for the sweep.")
        parser.add_argument("--due", type=int, default=10_000, help="Of which due now (default 10,000).")
        parser.add_argument("--skip-sweep", action="store_true", help="Leave out the deadline sweep part.")
        parser.add_argument("--output-dir", default=None, help="Where the JSON goes (default var/bench).")
        parser.add_argument(
            "--no-analyze",
            action="store_true",
            help="Measure without VACUUM ANALYZE first (the tables then may have no planner statistics at all).",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Also list every query of one request per page (time, the code that issued it, EXPLAIN ANALYZE "
            "plan); the plans go to plans-<UTC time>.txt beside the JSON.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run on a database whose name does not contain 'bench'."
        )

    # The benchmark's admin site lists cases for the comparison; Regie's own admin shows no case data.
    @override_settings(ROOT_URLCONF="dtv.demo.bench_urls")
    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL (DATABASE_URL=postgres://…/regie_bench).")
        name = connection.settings_dict.get("NAME") or ""
        if "bench" not in name and not options["force"]:
            raise CommandError(
                f"The benchmark adds 100,000 cases and a million deadlines to database {name!r}; "
                "use a database named *bench* (make bench uses regie_bench), or --force."
            )
        started_at = timezone.now()
        result = {"started_at": started_at.isoformat(), "machine": bench.machine_facts(), "options": options}
        result["seed"] = self._seed(options)
        result["rows"] = summary()
        result["analyze"] = {"note": "skipped"} if options["no_analyze"] else self._analyze()
        self._say("Measuring pages (side by side with the admin changelist) and the API …")
        self._notes, self._pages = {}, {}
        web, comparisons = self._web(options)
        queries = self._explain() if options["explain"] else {}
        if options["skip_sweep"]:
            result["sweep"] = {"note": "skipped"}
        else:
            result["sweep"] = self._sweep(options)
            self._say("Measuring the lists the sweep fills …")
            users = User.objects.in_bulk(["regievoerder", "teamleider"], field_name="username")
            kwargs = {"samples": options["samples"], "warmup": options["warmup"]}
            web += [m for m, _call in self._lists(users, comparisons, label=", after the sweep", **kwargs)]
        result["reports"] = bench_reports(self, web, options)
        result["web"] = [m.as_dict() for m in web]
        result["comparisons"] = [c.as_dict() for c in comparisons]
        result["targets"] = {
            "source": "issue 8 §5, at 100,000 cases, server time",
            "work_queue": asdict(bench.WORK_QUEUE_TARGET),
            "list_page": asdict(bench.LIST_TARGET),
            "case_file": asdict(bench.CASE_FILE_TARGET),
            "search": asdict(bench.SEARCH_TARGET),
            "country_page": asdict(bench.COUNTRY_PAGE_TARGET),
        }
        result["queries"] = {name: [_without_text(q) for q in report] for name, report in queries.items()}
        result["finished_at"] = timezone.now().isoformat()
        self._report(result, web, comparisons)
        path = self._write(result, started_at, options["output_dir"])
        if queries:
            plans = path.with_name(path.name.replace("bench-", "plans-").replace(".json", ".txt"))
            plans.write_text(_plans_text(queries))
            self.stdout.write(f"Plans: {plans}")
        self.stdout.write(self.style.SUCCESS(f"JSON: {path}"))

    def _explain(self):
        """Every query of one request per measured page, with its source and plan (printed and returned)."""
        self._say("Logging and explaining the queries of one request per page …")
        reports = {}
        for name, call in self._pages.items():
            if call is None:
                continue
            reports[name] = bench.query_report(call)
            self.stdout.write("")
            self.stdout.write(bench.format_query_report(name, reports[name]))
        return reports

    def _say(self, text):
        self.stderr.write(text)

    # --- seed ---------------------------------------------------------------------------------------

    def _seed(self, options):
        if options["skip_seed"]:
            return {"cases": options["cases"], "seconds": None, "note": "skipped"}
        self._say(f"Seeding {options['cases']:,} demo cases …")
        output = io.StringIO()
        started = time.monotonic()
        call_command("seed_demo", cases=options["cases"], force=True, stdout=output)
        seconds = time.monotonic() - started
        self._say(next((line for line in output.getvalue().splitlines() if line.startswith("Demo cases:")), ""))
        return {"cases": options["cases"], "seconds": round(seconds, 1), "output": output.getvalue()}

    def _analyze(self):
        # A production database has autovacuum keep its planner statistics; a freshly seeded one has none (and a
        # server with autovacuum off never gets them), so its plans would be guesses from default estimates.
        self._say("VACUUM ANALYZE: planner statistics and visibility map, as autovacuum keeps them in production …")
        # VACUUM cannot run inside a transaction (a test's): ANALYZE alone gives the statistics there.
        statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(statement)
        return {"statement": statement, "seconds": round(time.monotonic() - started, 1)}

    # --- pages and API ---------------------------------------------------------------------------------

    def _web(self, options):
        """The pages and the API; the list pages side by side with the admin changelist of the same cases."""
        users = User.objects.in_bulk(["regievoerder", "teamleider", "ketenpartner-ind"], field_name="username")
        if len(users) < 3:
            raise CommandError("The demo accounts are missing: run seed_demo first (or leave out --skip-seed).")
        officer, lead = self._client(users["regievoerder"]), self._client(users["teamleider"])
        staff = self._client(bench.bench_superuser())
        kwargs = {"samples": options["samples"], "warmup": options["warmup"]}
        results, comparisons, pages = [], [], {}

        def record(measured, call):
            results.append(measured)
            pages[measured.name] = call

        queue_rows = bench.rows_linking("cases:case_detail")
        admin_rows = bench.rows_linking("admin:cases_case_change")
        queue = bench.url_for("cases:workqueue")
        if queue is None:
            for what in ("regievoerder (own cases)", "teamleider, team", "teamleider, national intake"):
                results.append(bench.unavailable(f"work queue: {what}", target=bench.WORK_QUEUE_TARGET))
        else:
            team_id, officer_id = users["teamleider"].team_id, users["regievoerder"].pk
            queues = [
                (
                    "work queue: regievoerder (own cases)",
                    officer,
                    queue,
                    bench.admin_queue_filters("mijn", officer_id=officer_id),
                ),
                (
                    "work queue: teamleider, team",
                    lead,
                    f"{queue}?weergave=team",
                    bench.admin_queue_filters("team", team_id=team_id),
                ),
                (
                    "work queue: teamleider, national intake",
                    lead,
                    f"{queue}?weergave=intake",
                    bench.admin_queue_filters("intake"),
                ),
            ]
            for label, client, url, filters in queues[1:]:
                deep, followed = bench.follow_next(client, url, options["deep_pages"])
                deep_label = f"{label}, page {followed + 1} (keyset)"
                queues.append((deep_label, client, deep, {**filters, "p": followed + 1}))
                if followed < options["deep_pages"]:
                    self._notes[deep_label] = f"the last page is {followed + 1}"
            with bench.admin_as_registered(Case, list_per_page=PAGE_SIZE):
                for label, client, url, filters in queues:
                    admin_url = bench.admin_changelist_url(Case, **filters)
                    compared = bench.measure_side_by_side(
                        label,
                        lambda i, client=client, url=url: client.get(url),
                        lambda i, admin_url=admin_url: staff.get(admin_url),
                        url=url,
                        admin_url=admin_url,
                        rows=queue_rows,
                        admin_rows=admin_rows,
                        target=bench.WORK_QUEUE_TARGET,
                        **kwargs,
                    )
                    self._annotate(compared.page)
                    comparisons.append(compared)
                    record(compared.page, lambda client=client, url=url: client.get(url))
                    pages[compared.admin.name] = lambda admin_url=admin_url: staff.get(admin_url)

        team_cases = list(Case.objects.filter(team_id=users["teamleider"].team_id).values_list("pk", flat=True))
        random.Random(7).shuffle(team_cases)
        name = "case file: teamleider, random team case"
        if not team_cases or bench.url_for("cases:case_detail", pk=team_cases[0]) is None:
            results.append(bench.unavailable(name, target=bench.CASE_FILE_TARGET))
        else:
            record(
                bench.measure(
                    name,
                    lambda i: lead.get(bench.url_for("cases:case_detail", pk=team_cases[i % len(team_cases)])),
                    url=bench.url_for("cases:case_detail", pk=team_cases[0]),
                    target=bench.CASE_FILE_TARGET,
                    **kwargs,
                ),
                lambda: lead.get(bench.url_for("cases:case_detail", pk=team_cases[0])),
            )

        for measured, call in self._travel_documents(users["teamleider"], lead, staff, comparisons, pages, kwargs):
            record(measured, call)
        for measured, call in detention_measurements(users["teamleider"], lead, staff, comparisons, pages, kwargs):
            record(measured, call)

        search = bench.url_for("cases:search")
        name = "search: partial surname (4 letters), teamleider"
        if search is None:
            results.append(bench.unavailable(name, target=bench.SEARCH_TARGET))
        else:
            surnames = ForeignNational.objects.order_by("v_number").values_list("surname", flat=True)[:2_000]
            partials = sorted({fold(s).replace("-", "").replace(" ", "")[:4] for s in surnames if len(fold(s)) >= 4})
            random.Random(11).shuffle(partials)

            def query(i):
                # The form field is `name` today; `naam` is what the brief names: both are sent.
                text = partials[i % len(partials)]
                return lead.get(search, {"naam": text, "name": text})

            def admin_query(i):
                return staff.get(bench.admin_changelist_url(Case, q=partials[i % len(partials)]))

            # The case admin has no search field: for the comparison it searches the column the page searches.
            with bench.admin_as_registered(
                Case, list_per_page=PAGE_SIZE, search_fields=["foreign_national__search_name"]
            ):
                compared = bench.measure_side_by_side(
                    name,
                    query,
                    admin_query,
                    url=f"{search}?naam=…",
                    admin_url=bench.admin_changelist_url(Case) + "?q=…",
                    rows=queue_rows,
                    admin_rows=admin_rows,
                    target=bench.SEARCH_TARGET,
                    **kwargs,
                )
            compared.note = "; ".join(
                n for n in (compared.note, "admin: every case, the page: the team lead's scope") if n
            )
            comparisons.append(compared)
            record(compared.page, lambda: query(0))

        for measured, call in self._lists(users, comparisons, label="", **kwargs):
            record(measured, call)
        results += self._api(users["ketenpartner-ind"], kwargs)
        results += bench_departures.departure_figures(users=users, officer=officer, lead=lead, **kwargs)
        self._pages = pages
        return results, comparisons

    def _travel_documents(self, lead_user, lead, staff, comparisons, pages, kwargs):
        """Issue 10's pages: the case file of cases with LP requests, the country list beside the admin changelist of
        countries, and the page of the country with the most requests."""
        measured = []
        name = "case file: teamleider, team case with LP requests"
        with_requests = bench.cases_with_travel_document_requests(lead_user.team_id)
        if not with_requests:
            measured.append((bench.unavailable(name, "no team case with LP requests", bench.CASE_FILE_TARGET), None))
        else:

            def case_file(i):
                return lead.get(bench.url_for("cases:case_detail", pk=with_requests[i % len(with_requests)]))

            page = bench.measure(
                name,
                case_file,
                url=bench.url_for("cases:case_detail", pk=with_requests[0]),
                target=bench.CASE_FILE_TARGET,
                **kwargs,
            )
            page.note = "; ".join(n for n in (page.note, f"{len(with_requests)} cases in turn") if n)
            measured.append((page, lambda: case_file(0)))

        listing = bench.url_for("laissezpasser:country_list")
        name = "country list: teamleider (every country)"
        if listing is None:
            measured.append((bench.unavailable(name, target=bench.LIST_TARGET), None))
        else:
            countries = Country.objects.count()
            admin_url = bench.admin_changelist_url(Country)
            # The page lists every country on one page: the changelist shows as many.
            with bench.admin_as_registered(Country, list_per_page=countries, list_max_show_all=countries):
                compared = bench.measure_side_by_side(
                    name,
                    lambda i: lead.get(listing),
                    lambda i: staff.get(admin_url),
                    url=listing,
                    admin_url=admin_url,
                    rows=bench.rows_linking_codes("laissezpasser:country_detail"),
                    admin_rows=bench.rows_linking("admin:laissezpasser_country_change"),
                    target=bench.LIST_TARGET,
                    **kwargs,
                )
            comparisons.append(compared)
            measured.append((compared.page, lambda: lead.get(listing)))
            pages[compared.admin.name] = lambda: staff.get(admin_url)

        most = bench.most_requested_country()
        name = f"country page: teamleider, {most[0]} ({most[1]:,} requests, the most)" if most else "country page"
        if most is None:
            measured.append((bench.unavailable(name, "no requests", bench.COUNTRY_PAGE_TARGET), None))
        else:
            url = bench.url_for("laissezpasser:country_detail", code=most[0])
            page = bench.measure(name, lambda i: lead.get(url), url=url, target=bench.COUNTRY_PAGE_TARGET, **kwargs)
            page.note = "; ".join(n for n in (page.note, "figures cached until the country's next transition") if n)
            measured.append((page, lambda: lead.get(url)))
            # The first view after a change counts the figures: measured with the cached ones removed each time.
            key = country_statistics_key(Country.objects.get(code=most[0]))

            def counted(i):
                cache.delete(key)
                return lead.get(url)

            page = bench.measure(f"{name}, counted", counted, url=url, target=bench.COUNTRY_PAGE_TARGET, **kwargs)
            page.note = "; ".join(n for n in (page.note, "the cached figures removed before each request") if n)
            measured.append((page, lambda: counted(0)))
        return measured

    def _lists(self, users, comparisons, *, label, samples, warmup):
        """The overdue list (team lead) and the notifications (case officer): no admin changelist to compare."""
        measured = []
        for name, user, url_name in (
            ("overdue deadlines: teamleider, team", users["teamleider"], "cases:overdue"),
            ("notifications: regievoerder", users["regievoerder"], "cases:notifications"),
        ):
            name += label
            url = bench.url_for(url_name)
            if url is None:
                measured.append((bench.unavailable(name, target=bench.LIST_TARGET), None))
                continue
            client = self._client(user)
            page = bench.measure(
                name,
                lambda i, client=client, url=url: client.get(url),
                url=url,
                samples=samples,
                warmup=warmup,
                rows=bench.rows_linking("cases:case_detail"),
                target=bench.LIST_TARGET,
            )
            comparisons.append(
                bench.Comparison(name=name, page=page, note="no admin changelist (the model is not in the admin)")
            )
            measured.append((page, lambda client=client, url=url: client.get(url)))
        return measured

    def _annotate(self, measured):
        if measured.name in self._notes:
            measured.note = "; ".join(n for n in (measured.note, self._notes[measured.name]) if n)

    @staticmethod
    def _client(user):
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        return client

    def _api(self, partner, kwargs):
        url = bench.url_for("cases-api:handover-create")
        if url is None:
            return [bench.unavailable("API: POST handover (new)"), bench.unavailable("API: POST handover (repeated)")]
        issued = api_token_issue(user=partner, actor=None, now=timezone.now(), lifetime=dt.timedelta(hours=1))
        client = Client(SERVER_NAME="localhost", headers={"authorization": f"Token {issued.key}"})
        stamp = int(time.time())
        today = timezone.localdate().isoformat()

        def payload(i):
            # V-numbers from 8…: outside the demo range (9…), so a later seed_demo still counts its own people.
            return {
                "reference": f"BENCH-{stamp}-{i:06d}",
                "handover_date": today,
                "v_number": f"8{(stamp % 1_000_000 * 1_000 + i) % 1_000_000_000:09d}",
                "surname": "Haddad",
                "given_names": "Omar",
                "date_of_birth": "1990-05",
                "sex": "male",
                "nationalities": [{"country": "SYR", "status": "claimed"}],
                "languages": ["ar"],
                "track": "asylum_rejected",
            }

        def post(body):
            # The benchmark measures the handover, not the partner's request budget (API_THROTTLE_PARTNER).
            with override_settings(API_THROTTLE_PARTNER="1000000/min"):
                return client.post(url, json.dumps(body), content_type="application/json")

        new = bench.measure("API: POST handover (new)", lambda i: post(payload(i)), url=url, expect=(201,), **kwargs)
        # The first (warm-up) post creates the case; every measured one repeats it and gets 200.
        repeated_body = payload(999_999)
        repeated = bench.measure(
            "API: POST handover (same one again)",
            lambda i: post(repeated_body),
            url=url,
            expect=(200,),
            samples=kwargs["samples"],
            warmup=max(1, kwargs["warmup"]),
        )
        return [new, repeated]

    # --- the sweep --------------------------------------------------------------------------------------

    def _sweep(self, options):
        functions = _sweep_functions()
        if functions is None:
            self._say("Deadline sweep: not available (cases.deadlines.sweep.due_deadlines / deadlines_sweep).")
            return {"note": bench.NOT_AVAILABLE}
        due_deadlines, deadlines_sweep, batch_size = functions
        now = timezone.now()
        result = {"now": now.isoformat(), "before": bench.live_deadline_counts(now)}
        self._say(f"Catching up the seeded backlog ({result['before']['due_now']:,} due) …")
        report, seconds = bench.timed(deadlines_sweep, now=now)
        result["catch_up"] = self._sweep_figures(report, seconds)
        self._say(f"Filling up to {options['deadlines']:,} live deadlines, {options['due']:,} due …")
        result["fill"] = bench.fill_deadlines(
            target_live=options["deadlines"], due_now=options["due"], now=now, holidays=demo_holidays()
        )
        self._say("EXPLAIN ANALYZE of the due window, then the sweep …")
        result["due_window"] = bench.explain_analyze(due_deadlines(now))
        result["due_batch"] = bench.explain_analyze(due_deadlines(now).select_related("case")[:batch_size])
        counts = (Notification.objects.count(), WorkItem.objects.count())
        report, seconds = bench.timed(deadlines_sweep, now=now)
        result["sweep"] = self._sweep_figures(report, seconds)
        result["sweep"]["notifications_in_db"] = Notification.objects.count() - counts[0]
        result["sweep"]["work_items_in_db"] = WorkItem.objects.count() - counts[1]
        report, seconds = bench.timed(deadlines_sweep, now=now)
        result["second_sweep"] = self._sweep_figures(report, seconds)
        updated, seconds = bench.timed(bench.refresh_all_next_deadlines)
        result["next_deadline_refresh"] = {"cases": updated, "seconds": round(seconds, 2)}
        result["after"] = bench.live_deadline_counts(now)
        return result

    @staticmethod
    def _sweep_figures(report, seconds):
        deadlines = len(getattr(report, "deadlines", ()) or ())
        return {
            "seconds": round(seconds, 3),
            "deadlines": deadlines,
            "deadlines_per_second": round(deadlines / seconds, 1) if seconds and deadlines else 0,
            "reminders": getattr(report, "reminders", None),
            "due": getattr(report, "due", None),
            "escalations": getattr(report, "escalations", None),
            "notifications": getattr(report, "notifications", None),
            "work_items": getattr(report, "work_items", None),
            "batches": getattr(report, "batches", None),
        }

    # --- output ------------------------------------------------------------------------------------------

    def _report(self, result, web, comparisons):
        machine, seed, rows = result["machine"], result["seed"], result["rows"]["rows"]
        seeded = f"seeded in {seed['seconds']:.1f} s" if seed.get("seconds") is not None else "seed skipped"
        analyzed = result["analyze"]
        seeded += (
            f", {analyzed['statement']} in {analyzed['seconds']} s" if "seconds" in analyzed else ", no VACUUM ANALYZE"
        )
        self.stdout.write("")
        self.stdout.write(
            f"Regie benchmark {result['started_at'][:16]} UTC — {machine['cpu_count']} CPUs, "
            f"PostgreSQL {machine['postgresql']}, database {machine['database']}"
        )
        self.stdout.write(
            f"{rows['cases.Case']:,} cases ({seeded}), {rows['cases.CaseEvent']:,} events, "
            f"{rows['cases.Deadline']:,} deadlines at the start"
        )
        self.stdout.write("")
        self.stdout.write(
            "Server time and SQL queries against issue 8's targets at 100,000 cases (queries include session and user; "
            "render ms is template time, including the SQL run while rendering):"
        )
        self.stdout.write(bench.format_measurements(web))
        self.stdout.write("")
        self.stdout.write(
            f"Side by side with Django admin's changelist of the same cases, requested alternately in this run "
            f"(the CaseAdmin as registered, its page size set to the page's {PAGE_SIZE} rows; the work queue's "
            f"target is admin p95 / page p95 ≥ {bench.WORK_QUEUE_TARGET.admin_ratio:g}×):"
        )
        self.stdout.write(bench.format_comparisons(comparisons))
        sweep = result["sweep"]
        self.stdout.write("")
        if "fill" not in sweep:
            self.stdout.write(f"Deadline sweep: {sweep.get('note', '')}")
            return
        fill, window, batch = sweep["fill"], sweep["due_window"], sweep["due_batch"]
        self.stdout.write(
            f"Deadline sweep at {fill['live']:,} live deadlines ({fill['due_now']:,} due; "
            f"{fill['inserted_due'] + fill['inserted_future']:,} inserted in {fill['insert_seconds']} s)"
        )
        for label, plan in (("due window (due_deadlines)", window), ("one sweep batch", batch)):
            indexes = (
                ", ".join(sorted({i["index"] for i in plan["indexes"]}))
                or "no index (" + ", ".join(plan["node_types"][:3]) + ")"
            )
            self.stdout.write(
                f"  EXPLAIN ANALYZE {label:<28} {plan['execution_ms']:>9.1f} ms, {plan['rows']} rows, index {indexes}"
            )
        for label, key in (
            ("catch-up of the seeded backlog", "catch_up"),
            ("sweep of the due deadlines", "sweep"),
            ("second sweep (nothing due)", "second_sweep"),
        ):
            figures = sweep[key]
            self.stdout.write(
                f"  {label:<40} {figures['seconds']:>8.2f} s  {figures['deadlines']:>7,} deadlines "
                f"({figures['deadlines_per_second']:,}/s), {figures['notifications'] or 0:,} notifications, "
                f"{figures['work_items'] or 0:,} work items"
            )
        refresh = sweep["next_deadline_refresh"]
        self.stdout.write(f"  Case.next_deadline for {refresh['cases']:,} cases in one UPDATE: {refresh['seconds']} s")

    def _write(self, result, started_at, output_dir):
        folder = Path(output_dir) if output_dir else Path(settings.VAR_DIR) / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"bench-{started_at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}.json"
        path.write_text(json.dumps(result, indent=2, default=str, ensure_ascii=False))
        return path
