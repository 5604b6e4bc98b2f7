"""The heartbeat proves beat → broker → worker → database; here through a real Redis broker."""

import datetime as dt

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from dtv.celery import app
from dtv.core.models import Heartbeat
from dtv.core.services import heartbeat_record
from dtv.core.tasks import heartbeat

NOW = dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC)  # the night clocks go forward in Amsterdam


class TestHeartbeatRecord:
    def test_first_beat_creates_one_row(self, db):
        beat = heartbeat_record(worker="w1", now=NOW)
        assert (beat.worker, beat.beats, beat.last_beat_at) == ("w1", 1, NOW)

    def test_next_beat_updates_the_same_row(self, db):
        heartbeat_record(worker="w1", now=NOW)
        beat = heartbeat_record(worker="w1", now=NOW + dt.timedelta(minutes=1))
        assert Heartbeat.objects.count() == 1
        assert (beat.beats, beat.last_beat_at) == (2, NOW + dt.timedelta(minutes=1))


def test_beat_schedule_runs_the_heartbeat_every_configured_interval():
    entry = settings.CELERY_BEAT_SCHEDULE["heartbeat"]
    assert entry["task"] == "dtv.core.tasks.heartbeat"
    assert entry["schedule"] == float(settings.HEARTBEAT_SECONDS)


def test_tests_talk_to_redis():
    assert app.conf.broker_url.startswith("redis://")


@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_runs_the_heartbeat_and_records_it():
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = heartbeat.delay(worker="test-worker").get(timeout=20)
    assert result["worker"] == "test-worker"
    assert Heartbeat.objects.get(worker="test-worker").beats == 1
