"""Thin Celery tasks: ids as kwargs, idempotent, one service call."""

from celery import shared_task
from django.utils import timezone

from .documents import order_pdf_render


@shared_task(name="detention.render_order_pdf", acks_late=True)
def render_order_pdf(*, order_id):
    """Render the issued order's PDF once (a re-delivery finds it rendered)."""
    order_pdf_render(order_id=order_id, now=timezone.now())
