"""No Docker engine runs here: the production stack is checked by reading the compose file."""

from pathlib import Path

import pytest
import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def test_has_the_five_services(compose):
    assert set(compose["services"]) == {"postgres", "redis", "web", "worker", "beat"}


@pytest.mark.parametrize("service", ["postgres", "redis", "web", "worker", "beat"])
def test_every_service_has_a_health_check(compose, service):
    check = compose["services"][service]["healthcheck"]
    assert check["test"] and check["interval"]


def test_data_lives_in_named_volumes(compose):
    assert "postgres-data:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]
    assert "redis-data:/data" in compose["services"]["redis"]["volumes"]
    assert {"postgres-data", "redis-data", "documents"} <= set(compose["volumes"])


def test_web_runs_gunicorn_and_workers_run_celery(compose):
    services = compose["services"]
    assert "gunicorn dtv.wsgi:application" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "--app", "dtv", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "--app", "dtv", "beat"]


def test_a_request_that_never_sends_its_body_frees_the_web_worker_after_30_seconds(compose):
    # Review 1, finding 10: a Content-Length larger than the body held a worker; gunicorn's timeout ends it.
    assert "--timeout 30" in compose["services"]["web"]["command"]
    assert '"--timeout", "30"' in (COMPOSE.parent / "Dockerfile").read_text()


@pytest.mark.parametrize("service", ["web", "worker", "beat"])
def test_app_services_get_production_settings_from_the_environment(compose, service):
    environment = compose["services"][service]["environment"]
    assert environment["DJANGO_SETTINGS_MODULE"] == "dtv.settings.production"
    assert environment["DEBUG"] == "false"
    assert environment["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    # Secrets are demanded from the operator, never written in the file.
    assert environment["SECRET_KEY"] == "${SECRET_KEY:?set SECRET_KEY}"
    assert set(compose["services"][service]["depends_on"]) == {"postgres", "redis"}


def test_images_are_pinned_to_a_major_version(compose):
    assert compose["services"]["postgres"]["image"] == "postgres:16"
    assert compose["services"]["redis"]["image"] == "redis:7"
