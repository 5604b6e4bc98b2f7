import socket

from celery import shared_task
from django.utils import timezone

from .services import heartbeat_record


@shared_task(name="dtv.core.tasks.heartbeat", ignore_result=False)
def heartbeat(worker=None):
    """Beat-scheduled proof that beat, broker and worker all run."""
    beat = heartbeat_record(worker=worker or socket.gethostname(), now=timezone.now())
    return {"worker": beat.worker, "beats": beat.beats, "at": beat.last_beat_at.isoformat()}
