"""Measurement helpers for `manage.py bench`: server time and query counts of pages, the API and the sweep.

Pages are measured in-process with django.test.Client: the time around client.get/post is the server's
time for the request (middleware, view, template, SQL), without network or browser. Each measurement
takes `warmup` unmeasured calls, then `samples` measured ones, and reports the median, the 95th
percentile (nearest rank), the median number of SQL queries, and where the median request spent its
time: in SQL (the database's answer as the driver saw it) and in rendering the template (which includes
the SQL that lazy querysets and context processors run while rendering, also counted apart). A URL name that does not
resolve is reported as "not available" rather than failing, so the harness runs while views are still
being built.

A list page can be measured side by side with Django admin's changelist of the same cases: the two are
requested alternately (page, admin, page, admin …) so a burst of load on a shared machine hits both, and
the comparison is the ratio of their 95th percentiles. The admin is the ModelAdmin as registered, with
only its page size set to the page's for the duration (`admin_as_registered`), so both show the same
number of rows.
"""

import datetime as dt
import html
import json
import math
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.template.backends.django import Template as DjangoTemplate
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cases.constants import LIVE_DEADLINE_STATUSES, DeadlineStatus, Phase
from cases.deadlines import engine
from cases.deadlines.rules import DeadlineKind
from cases.models import Case, Deadline

from . import bench_admin

NOT_AVAILABLE = "not available"
_NEXT_LINK = re.compile(r"<a\b[^>]*\brel=\"next\"[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref=\"([^\"]*)\"")


@dataclass(frozen=True)
class Target:
    """Issue 8's target for a page at 100,000 cases: p95 server time, SQL queries, speed-up over the admin."""

    p95_ms: float
    queries: int
    admin_ratio: float | None = None


# Issue 8 §5: list pages p95 ≤ 20 ms and ≤ 8 queries (the work queue also ≥ 5× faster than the admin changelist of
# the same cases), the case file ≤ 25 ms and ≤ 12 queries, search by partial name ≤ 30 ms; queries include session
# and user.
WORK_QUEUE_TARGET = Target(p95_ms=20, queries=8, admin_ratio=5)
LIST_TARGET = Target(p95_ms=20, queries=8)
CASE_FILE_TARGET = Target(p95_ms=25, queries=12)
SEARCH_TARGET = Target(p95_ms=30, queries=8)


@dataclass
class Measurement:
    """One measured request type: its timings in milliseconds, its median query count, and its target if any."""

    name: str
    url: str = ""
    samples: int = 0
    median_ms: float | None = None
    p95_ms: float | None = None
    min_ms: float | None = None
    queries: float | None = None
    sql_ms: float | None = None
    render_ms: float | None = None
    render_queries: float | None = None
    rows: int | None = None
    statuses: dict = field(default_factory=dict)
    note: str = ""
    target_p95_ms: float | None = None
    target_queries: int | None = None

    @property
    def available(self):
        return self.note != NOT_AVAILABLE

    @property
    def meets_p95(self) -> bool | None:
        """Whether the p95 is within its target (None without a target or a figure)."""
        if self.target_p95_ms is None or self.p95_ms is None:
            return None
        return self.p95_ms <= self.target_p95_ms

    @property
    def meets_queries(self) -> bool | None:
        """Whether the median query count is within its target (None without a target or a figure)."""
        if self.target_queries is None or self.queries is None:
            return None
        return self.queries <= self.target_queries

    def as_dict(self):
        """The measurement as JSON-ready data, with its verdicts."""
        return {**asdict(self), "meets_p95": self.meets_p95, "meets_queries": self.meets_queries}


@dataclass
class Comparison:
    """A list page and Django admin's changelist of the same cases, measured alternately in one run."""

    name: str
    page: Measurement
    admin: Measurement | None = None
    target_ratio: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """How many times faster the page's p95 is than the admin's (admin p95 / page p95)."""
        if self.admin is None or not self.admin.p95_ms or not self.page.p95_ms:
            return None
        return round(self.admin.p95_ms / self.page.p95_ms, 2)

    @property
    def meets_ratio(self) -> bool | None:
        if self.target_ratio is None or self.ratio is None:
            return None
        return self.ratio >= self.target_ratio

    def as_dict(self):
        """The comparison as JSON-ready data."""
        return {
            "name": self.name,
            "page": self.page.as_dict(),
            "admin": self.admin.as_dict() if self.admin else None,
            "ratio": self.ratio,
            "target_ratio": self.target_ratio,
            "meets_ratio": self.meets_ratio,
            "note": self.note,
        }


def percentile(values, fraction) -> float:
    """The nearest-rank percentile of `values` (fraction 0.95 for p95)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def url_for(name, *args, query="", **kwargs) -> str | None:
    """The path of URL `name` (with `query` appended), or None while no such URL exists."""
    try:
        path = reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None
    return f"{path}?{query}" if query else path


def unavailable(name, reason=NOT_AVAILABLE, target=None) -> Measurement:
    """A measurement that could not be taken (reported, never an error)."""
    return Measurement(name=name, note=reason, **_target_fields(target))


def _target_fields(target):
    return {"target_p95_ms": target.p95_ms, "target_queries": target.queries} if target else {}


class _RenderClock:
    """Seconds spent in Django template rendering (the backend's Template.render, outermost calls only)."""

    def __init__(self):
        self.seconds = 0.0
        self.depth = 0


@contextmanager
def render_clock():
    """Time every template rendered meanwhile (the SQL run while rendering counts as rendering)."""
    clock = _RenderClock()
    original = DjangoTemplate.render

    def timed(template, context=None, request=None):
        clock.depth += 1
        started = time.perf_counter()
        try:
            return original(template, context, request)
        finally:
            clock.depth -= 1
            if clock.depth == 0:
                clock.seconds += time.perf_counter() - started

    DjangoTemplate.render = timed
    try:
        yield clock
    finally:
        DjangoTemplate.render = original


def _is_transaction(sql):
    """BEGIN, COMMIT and ROLLBACK: logged by Django (and counted by assertNumQueries) but not run as statements."""
    return sql in ("BEGIN", "COMMIT", "ROLLBACK")


def _timing_wrapper(timings, clock):
    """A database execute wrapper that notes each statement's milliseconds and whether a template was rendering."""

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - started) * 1000, clock.depth > 0))

    return wrapper


class _Series:
    """The samples of one request type: time, queries, SQL time, render time, status, rows of the last response."""

    def __init__(self, name, *, url, expect, rows, target):
        self.name, self.url, self.expect, self.count_rows, self.target = name, url, expect, rows, target
        self.times, self.queries, self.sql, self.render, self.render_queries = [], [], [], [], []
        self.statuses = Counter()
        self.last = None

    def take(self, call, i):
        timings = []
        with (
            CaptureQueriesContext(connection) as captured,
            render_clock() as clock,
            connection.execute_wrapper(_timing_wrapper(timings, clock)),
        ):
            started = time.perf_counter()
            response = call(i)
            elapsed = time.perf_counter() - started
        self.times.append(elapsed * 1000)
        # Counted as assertNumQueries counts (BEGIN and COMMIT included); timed by the wrapper, whose clock is finer.
        self.queries.append(len(captured.captured_queries))
        transaction_ms = sum(float(q["time"]) * 1000 for q in captured.captured_queries if _is_transaction(q["sql"]))
        self.sql.append(sum(ms for ms, _rendering in timings) + transaction_ms)
        self.render.append(clock.seconds * 1000)
        self.render_queries.append(sum(1 for _ms, rendering in timings if rendering))
        self.statuses[str(response.status_code)] += 1
        self.last = response

    def measurement(self) -> Measurement:
        unexpected = sorted(set(self.statuses) - {str(code) for code in self.expect})
        return Measurement(
            name=self.name,
            url=self.url,
            samples=len(self.times),
            median_ms=round(statistics.median(self.times), 2),
            p95_ms=round(percentile(self.times, 0.95), 2),
            min_ms=round(min(self.times), 2),
            queries=statistics.median(self.queries),
            sql_ms=round(statistics.median(self.sql), 2),
            render_ms=round(statistics.median(self.render), 2),
            render_queries=statistics.median(self.render_queries),
            rows=self.count_rows(self.last) if self.count_rows and self.last is not None else None,
            statuses=dict(self.statuses),
            note=f"unexpected status {', '.join(unexpected)}" if unexpected else "",
            **_target_fields(self.target),
        )


def measure(name, call, *, url="", samples=30, warmup=3, expect=(200,), rows=None, target=None) -> Measurement:
    """Call `call(i)` (returning a response) warmup + samples times; time and count the queries of the samples.

    `rows(response)` counts the rows the last response shows; `target` is the issue's target for this page.
    """
    for i in range(warmup):
        call(i)
    series = _Series(name, url=url, expect=expect, rows=rows, target=target)
    for i in range(warmup, warmup + samples):
        series.take(call, i)
    return series.measurement()


def measure_side_by_side(
    name, page_call, admin_call, *, url, admin_url, samples=30, warmup=3, rows=None, admin_rows=None, target=None
) -> Comparison:
    """Measure a page and the admin changelist of the same cases alternately, request by request."""
    for i in range(warmup):
        page_call(i)
        admin_call(i)
    page = _Series(name, url=url, expect=(200,), rows=rows, target=target)
    changelist = _Series(f"{name} (admin changelist)", url=admin_url, expect=(200,), rows=admin_rows, target=None)
    for i in range(warmup, warmup + samples):
        page.take(page_call, i)
        changelist.take(admin_call, i)
    page, changelist = page.measurement(), changelist.measurement()
    note = ""
    if page.rows is not None and changelist.rows is not None and page.rows != changelist.rows:
        note = f"rows differ: page {page.rows}, admin {changelist.rows}"
    return Comparison(
        name=name, page=page, admin=changelist, target_ratio=target.admin_ratio if target else None, note=note
    )


# --- Django admin's changelist as the yardstick ------------------------------------------------------------

OPEN_PHASES = ",".join(phase for phase in Phase.values if phase != Phase.CLOSED)


def bench_superuser():
    """The benchmark's functional administrator (staff, superuser), who opens the admin changelists."""
    user, _created = get_user_model().objects.update_or_create(
        username="bench-beheerder",
        defaults={"is_staff": True, "is_superuser": True, "is_active": True, "first_name": "Benchmark"},
    )
    return user


def admin_queue_filters(view, *, officer_id=None, team_id=None) -> dict:
    """The admin changelist parameters that select a work-queue view's cases: open, and the view's own condition."""
    condition = {
        "mijn": {"case_officer__id__exact": officer_id},
        "team": {"team__id__exact": team_id},
        "intake": {"team__isnull": "True", "case_officer__isnull": "True"},
    }[view]
    return {"phase__in": OPEN_PHASES, **condition}


_MISSING = object()


@contextmanager
def admin_as_registered(model, **overrides):
    """The model's registered ModelAdmin with `overrides` (list_per_page=50, …) for the duration, then as it was."""
    model_admin = bench_admin.site.get_model_admin(model)
    saved = {name: model_admin.__dict__.get(name, _MISSING) for name in overrides}
    for name, value in overrides.items():
        setattr(model_admin, name, value)
    try:
        yield model_admin
    finally:
        for name, value in saved.items():
            if value is _MISSING:
                delattr(model_admin, name)
            else:
                setattr(model_admin, name, value)


def admin_changelist_url(model, **params) -> str:
    """The admin changelist of `model` with these query parameters (filters, `p` for the page, `q` for search)."""
    path = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{path}?{urlencode(params)}" if params else path


def linked_ids(url_name, response) -> list[int]:
    """The distinct ids, in order of appearance, that the response links to through URL `url_name`(<id>)."""
    marker = 987654321
    pattern = re.compile(re.escape(reverse(url_name, args=[marker])).replace(str(marker), r"(\d+)"))
    return list(dict.fromkeys(int(found) for found in pattern.findall(response.content.decode())))


def rows_linking(url_name):
    """A row counter for measure(): how many distinct objects the page links to through `url_name`."""
    return lambda response: len(linked_ids(url_name, response))


def next_page_url(response) -> str | None:
    """The href of the page's rel="next" link (keyset pager), as a path with query string."""
    match = _NEXT_LINK.search(response.content.decode())
    if not match:
        return None
    href = _HREF.search(match.group(0))
    if not href:
        return None
    target = html.unescape(href.group(1))
    if target.startswith("?"):
        # "??a=b" (a template writing "?" before {% querystring %}, which adds its own) means "?a=b".
        return response.wsgi_request.path + "?" + target.lstrip("?")
    return target


def follow_next(client, url, pages) -> tuple[str, int]:
    """Follow the rel="next" link up to `pages` times from `url`; return the last URL and how many were followed."""
    followed = 0
    for _n in range(pages):
        following = next_page_url(client.get(url))
        if following is None:
            break
        url, followed = following, followed + 1
    return url, followed


# --- where one request's queries come from, and how PostgreSQL runs them --------------------------------


@dataclass
class LoggedQuery:
    """One SQL statement of a request: its time, the code that issued it, and the template being rendered."""

    sql: str
    params: object
    ms: float
    source: str = ""
    template: str = ""
    library: str = ""


_BENCH_FILES = ("dtv/demo/bench.py", "dtv/demo/management/commands/bench.py")


def _origin(frame, root) -> tuple[str, str, str]:
    """(innermost project frame, template line being rendered, innermost Django frame outside django.db)."""
    source = template = library = ""
    while frame is not None:
        filename = frame.f_code.co_filename
        if not source and filename.startswith(root) and "site-packages" not in filename:
            relative = filename[len(root) :].lstrip("/")
            if relative not in _BENCH_FILES:
                source = f"{relative}:{frame.f_lineno} {frame.f_code.co_name}"
        if not template and frame.f_code.co_name == "render_annotated":
            node = frame.f_locals.get("self")
            origin = getattr(node, "origin", None)
            token = getattr(node, "token", None)
            if origin is not None:
                template = f"{origin.template_name}:{getattr(token, 'lineno', '?')}"
        if not library and "site-packages/django/" in filename:
            module = filename.split("site-packages/", 1)[1]
            if not module.startswith(("django/db/", "django/test/")):
                library = f"{module}:{frame.f_lineno} {frame.f_code.co_name}"
        frame = frame.f_back
    return source, template, library


def query_log(call) -> list[LoggedQuery]:
    """Run `call()` and log each SQL statement it causes, with its time and where it comes from.

    BEGIN and COMMIT are listed too, as assertNumQueries counts them (their time is Django's, to the millisecond).
    """
    root = str(Path(settings.BASE_DIR).resolve())
    logged = []

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            logged.append(LoggedQuery(sql, params, round(elapsed, 3), *_origin(sys._getframe(1), root)))

    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(wrapper):
        call()
    statements = iter(logged)
    return [
        LoggedQuery(q["sql"], None, float(q["time"]) * 1000, library="transaction")
        if _is_transaction(q["sql"])
        else next(statements)
        for q in captured.captured_queries
    ]


def plan_summary(document) -> dict:
    """The facts of an EXPLAIN (FORMAT JSON) document that matter here: time, sequential scans, indexes."""
    top = document[0]
    nodes = list(_plan_nodes(top["Plan"]))
    return {
        "execution_ms": round(top.get("Execution Time", 0.0), 3),
        "planning_ms": round(top.get("Planning Time", 0.0), 3),
        "seq_scans": [
            {"relation": n.get("Relation Name", ""), "rows": n.get("Actual Rows"), "loops": n.get("Actual Loops")}
            for n in nodes
            if n["Node Type"] == "Seq Scan"
        ],
        "indexes": sorted({n["Index Name"] for n in nodes if "Index Name" in n}),
        "shared_hit": top["Plan"].get("Shared Hit Blocks"),
        "shared_read": top["Plan"].get("Shared Read Blocks"),
    }


def explain_statement(sql, params) -> tuple[dict, str]:
    """EXPLAIN (ANALYZE, BUFFERS) of one SELECT, rolled back: the JSON plan and the plan as PostgreSQL prints it."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
        result = cursor.fetchone()[0]
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        text = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return (json.loads(result) if isinstance(result, str) else result), text


def query_report(call, *, explain=True) -> list[dict]:
    """Every query one request runs, in order, with its source, time and (for a SELECT) its plan."""
    report = []
    for number, query in enumerate(query_log(call), start=1):
        entry = {
            "number": number,
            "ms": query.ms,
            "source": query.source,
            "template": query.template,
            "library": query.library,
            "sql": query.sql,
            "params": query.params,
        }
        if explain and query.sql.lstrip().upper().startswith("SELECT"):
            document, text = explain_statement(query.sql, query.params)
            entry["plan"] = plan_summary(document)
            entry["plan_text"] = text
        report.append(entry)
    return report


def format_query_report(name, report) -> str:
    """One request's queries as lines: number, time, plan in brief, and the code that issued it."""
    total = sum(q["ms"] for q in report)
    lines = [f"Queries of {name}: {len(report)} queries, {total:.1f} ms in SQL"]
    for q in report:
        plan = q.get("plan")
        if plan:
            scans = ", ".join(f"Seq Scan {s['relation']}" for s in plan["seq_scans"])
            brief = f"{plan['execution_ms']:.1f} ms; " + (scans or "indexes " + (", ".join(plan["indexes"]) or "–"))
        else:
            brief = q["sql"].split(" ", 1)[0].upper()
        where = q["source"] + (f" [{q['template']}]" if q["template"] else "")
        lines.append(f"  {q['number']:>2} {q['ms']:>7.2f} ms  {brief[:70]:<70}  {where}")
        lines.append(f"     {' ' * 10}{q['library'] or ''}  {' '.join(q['sql'].split())[:110]}")
    return "\n".join(lines)


# --- the deadline sweep at a million live deadlines ------------------------------------------------------


def live_deadline_counts(now) -> dict:
    """Live deadlines in all, and those whose sweep moment has come."""
    live = Deadline.objects.filter(status__in=LIVE_DEADLINE_STATUSES)
    return {"live": live.count(), "due_now": live.filter(sweep_at__lte=now).count()}


def _templates(start_dates, now, holidays):
    """Engine-computed agreed-action deadlines, one per start date (the filler copies them)."""
    rows = []
    for start in start_dates:
        template = Deadline(status=DeadlineStatus.OPEN)
        engine.deadline_fill(
            template, kind=DeadlineKind.AGREED_ACTION, start=start, params=None, now=now, holidays=holidays
        )
        rows.append(template)
    return rows


_TEMPLATE_TABLE = """
CREATE TEMPORARY TABLE bench_deadline_template (
    slot integer, rule_version varchar(40), legal_basis varchar(200), counting varchar(30), params jsonb,
    start_date date, due_date date, due_at timestamptz, statutory boolean, urgency bigint,
    target_date date, target_at timestamptz,
    atw_applies boolean, atw_applied boolean,
    explanation jsonb, responsible varchar(30), remind_at timestamptz, sweep_stage varchar(20), sweep_at timestamptz
) ON COMMIT DROP
"""

_TEMPLATE_ROW = """
INSERT INTO bench_deadline_template VALUES (
    %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s
)
"""

_FILL = """
INSERT INTO cases_deadline (
    case_id, kind, rule_version, legal_basis, counting, params, "trigger", start_date, start_at, source_type,
    source_id, due_date, due_at, statutory, urgency, target_date, target_at, atw_applies, atw_applied,
    explanation, responsible,
    status, status_reason,
    revision, remind_at, sweep_stage, sweep_at, opened_at, opened_by_id, closed_at, closed_by_id
)
SELECT c.ids[1 + ((g::bigint * 7919) %% c.n)], %(kind)s, t.rule_version, t.legal_basis, t.counting, t.params,
       %(trigger)s, t.start_date, NULL, '', NULL, t.due_date, t.due_at, t.statutory, t.urgency,
       t.target_date, t.target_at,
       t.atw_applies, t.atw_applied,
       t.explanation, t.responsible, 'open', '', 0, t.remind_at, t.sweep_stage, t.sweep_at, %(now)s, NULL,
       NULL, NULL
FROM generate_series(1, %(count)s) AS g
CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM cases_case WHERE phase <> 'closed') AS c
JOIN bench_deadline_template AS t ON t.slot = g %% %(slots)s
"""


def fill_deadlines(*, target_live, due_now, now, holidays) -> dict:
    """Insert open agreed-action deadlines over the open cases until `target_live` are live, `due_now` of them due.

    The rows copy deadlines computed by the engine for a spread of start dates: due ones started in the past
    60 days (their due stage has come), the others fall due in the coming 400 days (their reminder lies ahead).
    """
    counts = live_deadline_counts(now)
    extra_due = max(0, due_now - counts["due_now"])
    extra_future = max(0, target_live - counts["live"] - extra_due)
    today = timezone.localdate(now)
    past = _templates([today - dt.timedelta(days=d) for d in range(3, 60)], now, holidays)
    future = _templates([today + dt.timedelta(days=d) for d in range(5, 400)], now, holidays)
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        for templates, count in ((past, extra_due), (future, extra_future)):
            if not count:
                continue
            cursor.execute(_TEMPLATE_TABLE)
            cursor.executemany(
                _TEMPLATE_ROW,
                [
                    (
                        slot,
                        t.rule_version,
                        t.legal_basis,
                        t.counting,
                        json.dumps(t.params),
                        t.start_date,
                        t.due_date,
                        t.due_at,
                        t.statutory,
                        t.urgency,
                        t.target_date,
                        t.target_at,
                        t.atw_applies,
                        t.atw_applied,
                        json.dumps(t.explanation),
                        t.responsible,
                        t.remind_at,
                        t.sweep_stage,
                        t.sweep_at,
                    )
                    for slot, t in enumerate(templates)
                ],
            )
            cursor.execute(
                _FILL,
                {
                    "kind": DeadlineKind.AGREED_ACTION,
                    "trigger": "Benchmark: aanvullende afspraak",
                    "now": now,
                    "count": count,
                    "slots": len(templates),
                },
            )
            cursor.execute("DROP TABLE bench_deadline_template")
    inserted_seconds = time.monotonic() - started
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_deadline")
    return {
        "inserted_due": extra_due,
        "inserted_future": extra_future,
        "insert_seconds": round(inserted_seconds, 2),
        "analyze_seconds": round(time.monotonic() - started, 2),
        **live_deadline_counts(now),
    }


def _plan_nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _plan_nodes(child)


def explain_analyze(queryset) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of a queryset, rolled back: timings and the indexes the plan uses."""
    with transaction.atomic():
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
            result = cursor.fetchone()[0]
        transaction.set_rollback(True)
    document = json.loads(result) if isinstance(result, str) else result
    top = document[0]
    nodes = list(_plan_nodes(top["Plan"]))
    return {
        "execution_ms": round(top["Execution Time"], 3),
        "planning_ms": round(top["Planning Time"], 3),
        "rows": top["Plan"].get("Actual Rows"),
        "indexes": [
            {"index": n["Index Name"], "relation": n.get("Relation Name", ""), "node": n["Node Type"]}
            for n in nodes
            if "Index Name" in n
        ],
        "node_types": [n["Node Type"] for n in nodes],
        "plan": document,
    }


def timed(function, **kwargs):
    """Run function(**kwargs); return (result, seconds)."""
    started = time.monotonic()
    result = function(**kwargs)
    return result, time.monotonic() - started


def refresh_all_next_deadlines() -> int:
    """Recompute Case.next_deadline (and its due moment and urgency) for every case in one UPDATE."""
    with transaction.atomic():
        return engine.cases_next_deadline_refresh(Case.objects.all())


# --- facts and output ---------------------------------------------------------------------------------


def machine_facts() -> dict:
    """CPU count, platform, Python and PostgreSQL versions of the machine the figures come from."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "postgresql": server_version,
        "database": connection.settings_dict.get("NAME"),
    }


def _verdict(value):
    return "" if value is None else ("met" if value else "MISSED")


def _ms(value):
    return f"{value:.1f}" if value is not None else ""


def _number(value):
    return f"{value:g}" if value is not None else ""


def _table(header, rows) -> str:
    """Rows of cells as fixed-width columns: the first column left-aligned, the others right, the last free."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [f"{row[0]!s:<{widths[0]}}"] + [f"{row[i]!s:>{widths[i]}}" for i in range(1, len(widths))]
        lines.append(("  ".join(cells) + "  " + str(row[-1])).rstrip())
    return "\n".join(lines)


def _target_cell(limit, verdict):
    return f"≤ {limit:g} {_verdict(verdict)}" if limit is not None else ""


def format_measurements(measurements) -> str:
    """The measurements as a fixed-width table, each against its target (p95 ms and queries) where it has one."""
    header = ["measurement", "n", "median ms", "p95 ms", "queries", "SQL ms", "render ms", "q in render", "rows"]
    header += ["p95 target", "queries target", "note"]
    rows = []
    for m in measurements:
        if not m.available or m.median_ms is None:
            rows.append([m.name, *[""] * 10, m.note])
            continue
        rows.append(
            [
                m.name,
                m.samples,
                _ms(m.median_ms),
                _ms(m.p95_ms),
                _number(m.queries),
                _ms(m.sql_ms),
                _ms(m.render_ms),
                _number(m.render_queries),
                _number(m.rows),
                _target_cell(m.target_p95_ms, m.meets_p95),
                _target_cell(m.target_queries, m.meets_queries),
                m.note,
            ]
        )
    return _table(header, rows)


def format_comparisons(comparisons) -> str:
    """The list pages side by side with the admin changelist of the same cases: median, p95, queries, ratio."""
    header = ["list page", "rows", "median", "p95", "queries", "| admin rows", "median", "p95", "queries"]
    header += ["| admin p95 / page p95", "note"]
    rows = []
    for c in comparisons:
        page, changelist = c.page, c.admin
        if changelist is None or page.median_ms is None or changelist.median_ms is None:
            rows.append([c.name, *[""] * 9, c.note])
            continue
        ratio = f"{c.ratio:.2f}×" if c.ratio is not None else ""
        if c.target_ratio is not None:
            ratio += f" (≥ {c.target_ratio:g}× {_verdict(c.meets_ratio)})"
        rows.append(
            [
                c.name,
                _number(page.rows),
                _ms(page.median_ms),
                _ms(page.p95_ms),
                _number(page.queries),
                _number(changelist.rows),
                _ms(changelist.median_ms),
                _ms(changelist.p95_ms),
                _number(changelist.queries),
                ratio,
                "; ".join(n for n in (c.note, page.note, changelist.note) if n),
            ]
        )
    return _table(header, rows)
