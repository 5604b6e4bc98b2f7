from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last sign of life of a Celery worker, written by the beat-scheduled heartbeat task."""

    worker = models.CharField(_("worker"), max_length=200, unique=True)
    last_beat_at = models.DateTimeField(_("last heartbeat"))
    beats = models.PositiveBigIntegerField(_("number of heartbeats"), default=0)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")
        ordering = ["-last_beat_at"]

    def __str__(self):
        return f"{self.worker} @ {self.last_beat_at:%Y-%m-%d %H:%M:%S}"
