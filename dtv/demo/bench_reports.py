"""The reports' part of `manage.py bench`: a full rebuild of the summaries, the dashboard and the statistics page.

Issue 13: dashboard p95 <= 30 ms and statistics page p95 <= 50 ms, both independent of the number of events (the
dashboard reads the team's cases now, the statistics read the summary rows per day); run the bench at two scales
and compare. The rebuild of the summaries from every event is timed once.
"""

from django.test import Client
from django.utils import timezone

from cases.models import CaseEvent
from dtv.accounts.models import User
from reports.models import DailyCount
from reports.summaries import summaries_rebuild

from . import bench

DASHBOARD_TARGET = bench.Target(p95_ms=30, queries=12)
STATISTICS_TARGET = bench.Target(p95_ms=50, queries=20)


def bench_reports(command, web, options) -> dict:
    """Time `rebuild_summaries`, then measure the team lead's dashboard and the statistics of two years (to `web`)."""
    command._say("Rebuilding the reports' summaries from every event …")
    counted = summaries_rebuild(now=timezone.now())
    lead = User.objects.get(username="teamleider")
    client = Client(SERVER_NAME="localhost")
    client.force_login(lead)
    kwargs = {"samples": options["samples"], "warmup": options["warmup"]}
    dashboard = bench.url_for("reports:dashboard")
    statistics = bench.url_for("reports:statistics")
    year = timezone.localdate().year
    web.append(
        bench.measure(
            "reports: dashboard", lambda i: client.get(dashboard), url=dashboard, target=DASHBOARD_TARGET, **kwargs
        )
    )
    web.append(
        bench.measure(
            "reports: statistics page (this year, last year)",
            lambda i: client.get(statistics, {"jaar": year - i % 2}),
            url=f"{statistics}?jaar={year}",
            target=STATISTICS_TARGET,
            **kwargs,
        )
    )
    result = {
        "rebuild_seconds": round(counted.seconds, 2),
        "case_events_counted": counted.case_events,
        "lp_transitions_counted": counted.lp_transitions,
        "departure_events_counted": counted.departure_events,
        "case_events": CaseEvent.objects.count(),
        "summary_rows": DailyCount.objects.count(),
        "targets": {"dashboard_p95_ms": 30, "statistics_p95_ms": 50, "source": "issue 13"},
    }
    command._say(
        f"rebuild_summaries: {result['rebuild_seconds']} s for {result['case_events']:,} case events "
        f"({counted.case_events:,} counted, {counted.lp_transitions:,} LP transitions, "
        f"{counted.departure_events:,} departure events) into {result['summary_rows']:,} summary rows"
    )
    return result
