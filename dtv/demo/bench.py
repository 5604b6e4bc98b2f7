"""Measurement helpers for `manage.py bench`: server time and query counts of pages, the API and the sweep.

Pages are measured in-process with django.test.Client: the time around client.get/post is the server's
time for the request (middleware, view, template, SQL), without network or browser. Each measurement
takes `warmup` unmeasured calls, then `samples` measured ones, and reports the median, the 95th
percentile (nearest rank) and the median number of SQL queries. A URL name that does not resolve is
reported as "not available" rather than failing, so the harness runs while views are still being built.
"""

import datetime as dt
import html
import json
import math
import os
import platform
import re
import statistics
import time
from collections import Counter
from dataclasses import asdict, dataclass, field

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cases.constants import LIVE_DEADLINE_STATUSES, DeadlineStatus
from cases.deadlines import engine
from cases.deadlines.rules import DeadlineKind
from cases.models import Case, Deadline

NOT_AVAILABLE = "not available"
_NEXT_LINK = re.compile(r"<a\b[^>]*\brel=\"next\"[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref=\"([^\"]*)\"")


@dataclass
class Measurement:
    """One measured request type: its timings in milliseconds and its median query count."""

    name: str
    url: str = ""
    samples: int = 0
    median_ms: float | None = None
    p95_ms: float | None = None
    min_ms: float | None = None
    queries: float | None = None
    statuses: dict = field(default_factory=dict)
    note: str = ""

    @property
    def available(self):
        return self.note != NOT_AVAILABLE

    def as_dict(self):
        """The measurement as JSON-ready data."""
        return asdict(self)


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


def unavailable(name, reason=NOT_AVAILABLE) -> Measurement:
    """A measurement that could not be taken (reported, never an error)."""
    return Measurement(name=name, note=reason)


def measure(name, call, *, url="", samples=30, warmup=3, expect=(200,)) -> Measurement:
    """Call `call(i)` (returning a response) warmup + samples times; time and count the queries of the samples."""
    for i in range(warmup):
        call(i)
    times, queries, statuses = [], [], Counter()
    for i in range(warmup, warmup + samples):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = call(i)
            elapsed = time.perf_counter() - started
        times.append(elapsed * 1000)
        queries.append(len(captured.captured_queries))
        statuses[str(response.status_code)] += 1
    unexpected = sorted(set(statuses) - {str(code) for code in expect})
    return Measurement(
        name=name,
        url=url,
        samples=samples,
        median_ms=round(statistics.median(times), 2),
        p95_ms=round(percentile(times, 0.95), 2),
        min_ms=round(min(times), 2),
        queries=statistics.median(queries),
        statuses=dict(statuses),
        note=f"unexpected status {', '.join(unexpected)}" if unexpected else "",
    )


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
    start_date date, due_date date, due_at timestamptz, target_date date, target_at timestamptz,
    atw_applies boolean, atw_applied boolean,
    explanation jsonb, responsible varchar(30), remind_at timestamptz, sweep_stage varchar(20), sweep_at timestamptz
) ON COMMIT DROP
"""

_TEMPLATE_ROW = """
INSERT INTO bench_deadline_template VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
"""

_FILL = """
INSERT INTO cases_deadline (
    case_id, kind, rule_version, legal_basis, counting, params, "trigger", start_date, start_at, source_type,
    source_id, due_date, due_at, target_date, target_at, atw_applies, atw_applied, explanation, responsible,
    status, status_reason,
    revision, remind_at, sweep_stage, sweep_at, opened_at, opened_by_id, closed_at, closed_by_id
)
SELECT c.ids[1 + ((g::bigint * 7919) %% c.n)], %(kind)s, t.rule_version, t.legal_basis, t.counting, t.params,
       %(trigger)s, t.start_date, NULL, '', NULL, t.due_date, t.due_at, t.target_date, t.target_at,
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
    """Recompute Case.next_deadline for every case in one UPDATE (what the engine keeps per case)."""
    nearest = (
        Deadline.objects.filter(case_id=OuterRef("pk"), status__in=LIVE_DEADLINE_STATUSES)
        .order_by("due_at", "id")
        .values("id")[:1]
    )
    with transaction.atomic():
        return Case.objects.update(next_deadline=Subquery(nearest))


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


def format_measurements(measurements) -> str:
    """The measurements as a fixed-width table."""
    lines = [f"{'measurement':<58} {'n':>4} {'median ms':>10} {'p95 ms':>9} {'queries':>8}  note"]
    for m in measurements:
        if not m.available or m.median_ms is None:
            lines.append(f"{m.name:<58} {'':>4} {'':>10} {'':>9} {'':>8}  {m.note}")
            continue
        queries = f"{m.queries:g}" if m.queries is not None else ""
        lines.append(f"{m.name:<58} {m.samples:>4} {m.median_ms:>10.1f} {m.p95_ms:>9.1f} {queries:>8}  {m.note}")
    return "\n".join(lines)
