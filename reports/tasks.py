"""Thin Celery tasks of reports: read the clock, call one service."""

from celery import shared_task
from django.utils import timezone

from .documents import annual_report_render
from .summaries import summaries_refresh


@shared_task(name="reports.tasks.refresh_summaries")
def refresh_summaries():
    """Beat-scheduled every REPORTS_REFRESH_SECONDS: count the new events into the summary tables."""
    result = summaries_refresh(now=timezone.now())
    return {
        "case_events": result.case_events,
        "lp_transitions": result.lp_transitions,
        "departure_events": result.departure_events,
    }


@shared_task(name="reports.tasks.render_annual_report", acks_late=True)
def render_annual_report(*, report_id):
    """Render the annual report's PDF once (a re-delivery finds it rendered)."""
    annual_report_render(report_id=report_id, now=timezone.now())
