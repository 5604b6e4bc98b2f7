"""Thin Celery tasks: ids as kwargs, idempotent, one service call."""

from celery import shared_task
from django.utils import timezone

from .documents import manifest_pdf_render
from .kmar_pdf import kmar_pdf_render


@shared_task(name="departures.render_kmar_file_pdf", acks_late=True)
def render_kmar_file_pdf(*, removal_id):
    """Render the removal's KMar file PDF once per file version (a re-delivery finds it rendered)."""
    kmar_pdf_render(removal_id=removal_id, now=timezone.now())


@shared_task(name="departures.render_manifest_pdf", acks_late=True)
def render_manifest_pdf(*, operation_id):
    """Render the operation's manifest PDF once per version (a re-delivery finds it rendered)."""
    manifest_pdf_render(operation_id=operation_id, now=timezone.now())
