"""Thin Celery tasks: ids as kwargs, idempotent, one service call."""

from celery import shared_task
from django.utils import timezone

from .kmar_pdf import kmar_pdf_render


@shared_task(name="departures.render_kmar_file_pdf", acks_late=True)
def render_kmar_file_pdf(*, removal_id):
    """Render the removal's KMar file PDF once per file version (a re-delivery finds it rendered)."""
    kmar_pdf_render(removal_id=removal_id, now=timezone.now())
