"""System services that belong to no domain app."""

import logging

from django.db import transaction
from django.db.models import F

from .models import Heartbeat

logger = logging.getLogger(__name__)


@transaction.atomic
def heartbeat_record(*, worker, now):
    """Record that `worker` is alive at `now`; one row per worker, counting its beats."""
    updated = Heartbeat.objects.filter(worker=worker).update(last_beat_at=now, beats=F("beats") + 1)
    if not updated:
        Heartbeat.objects.get_or_create(worker=worker, defaults={"last_beat_at": now, "beats": 1})
    logger.info("heartbeat worker=%s at=%s", worker, now.isoformat())
    return Heartbeat.objects.get(worker=worker)
