"""The Celery tasks of cases; Celery's autodiscovery imports `<app>.tasks`, so the sub-domains' tasks are named here."""

from .deadlines.tasks import send_notification_digests, sweep_deadlines

__all__ = ["send_notification_digests", "sweep_deadlines"]
