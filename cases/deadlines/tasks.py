"""Thin Celery tasks of the deadline subsystem: read the clock, call one service."""

from celery import shared_task
from django.utils import timezone

from .notifications import notifications_send_digests
from .sweep import deadlines_sweep


@shared_task(name="cases.tasks.sweep_deadlines")
def sweep_deadlines():
    """Beat-scheduled every minute: reminders, internal targets, due deadlines and escalations, exactly once."""
    report = deadlines_sweep(now=timezone.now())
    return {
        "reminders": report.reminders,
        "targets": report.targets,
        "due": report.due,
        "escalations": report.escalations,
    }


@shared_task(name="cases.tasks.send_notification_digests")
def send_notification_digests():
    """Beat-scheduled daily: one e-mail per user with the notifications not yet sent."""
    return {"sent": notifications_send_digests(now=timezone.now())}
