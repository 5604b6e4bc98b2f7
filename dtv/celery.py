"""The Celery application: configuration comes from Django settings (CELERY_* names)."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dtv.settings.dev")

app = Celery("dtv")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_queue_folders(options):
    """Create the file-system broker's folders: kombu expects them to exist."""
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _prepare_filesystem_broker(sender, **kwargs):
    if sender.conf.broker_url == "filesystem://":
        ensure_queue_folders(sender.conf.broker_transport_options)


@worker_init.connect
def _prepare_on_worker_start(sender=None, **kwargs):
    if app.conf.broker_url == "filesystem://":
        ensure_queue_folders(app.conf.broker_transport_options)
