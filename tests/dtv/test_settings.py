"""Configuration comes from the environment and a wrong value stops start-up, naming the setting."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from dtv.core import env

ROOT = Path(__file__).resolve().parents[2]
SECURE_KEY = "k3y-" + "Zq8!xR2#vT9@mW4$pL7%nB1^cF6&hJ3*dG5(sK0)yU" * 2


def run_manage(*args, **environment):
    inherited = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "REQUIRE_2FA"}
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


class TestEnvironmentReading:
    def test_required_setting_missing_names_it(self, monkeypatch):
        monkeypatch.delenv("REGIE_EXAMPLE", raising=False)
        with pytest.raises(ImproperlyConfigured, match="REGIE_EXAMPLE is missing"):
            env.env_str("REGIE_EXAMPLE")

    def test_boolean_refuses_a_typo_instead_of_meaning_false(self, monkeypatch):
        monkeypatch.setenv("DEBUG", "flase")
        with pytest.raises(ImproperlyConfigured, match="DEBUG='flase' is invalid"):
            env.env_bool("DEBUG", False)

    def test_integer_below_minimum_is_refused(self, monkeypatch):
        monkeypatch.setenv("SESSION_IDLE_MINUTES", "0")
        with pytest.raises(ImproperlyConfigured, match="SESSION_IDLE_MINUTES=0 is invalid"):
            env.env_int("SESSION_IDLE_MINUTES", 30, minimum=1)

    def test_database_url_with_unknown_scheme_is_refused(self, monkeypatch):
        monkeypatch.setenv("DATABASE_URL", "mongodb://localhost/regie")
        with pytest.raises(ImproperlyConfigured, match="DATABASE_URL is invalid"):
            env.env_database("DATABASE_URL")

    def test_redis_url_must_be_redis(self, monkeypatch):
        monkeypatch.setenv("REDIS_URL", "amqp://localhost")
        with pytest.raises(ImproperlyConfigured, match="REDIS_URL='amqp://localhost' is invalid"):
            env.env_redis_url("REDIS_URL", None)

    def test_defaults_are_used_when_unset(self, monkeypatch):
        monkeypatch.delenv("REGIE_EXAMPLE", raising=False)
        assert env.env_list("REGIE_EXAMPLE", ["a"]) == ["a"]
        assert env.env_int("REGIE_EXAMPLE", 7) == 7


class TestStartUp:
    def test_invalid_debug_fails_fast_naming_the_setting(self):
        result = run_manage("check", DEBUG="maybe")
        assert result.returncode != 0
        assert "DEBUG='maybe' is invalid" in result.stderr

    def test_production_without_secret_key_fails_fast_naming_it(self):
        result = run_manage(
            "check",
            DJANGO_SETTINGS_MODULE="dtv.settings.production",
            DATABASE_URL="postgres://postgres@127.0.0.1:5432/regie",
            REDIS_URL="redis://127.0.0.1:6379/0",
            ALLOWED_HOSTS="regie.example",
        )
        assert result.returncode != 0
        assert "Setting SECRET_KEY is missing" in result.stderr

    def test_production_refuses_sqlite(self):
        result = run_manage(
            "check",
            DJANGO_SETTINGS_MODULE="dtv.settings.production",
            SECRET_KEY=SECURE_KEY,
            REDIS_URL="redis://127.0.0.1:6379/0",
            ALLOWED_HOSTS="regie.example",
        )
        assert result.returncode != 0
        assert "Setting DATABASE_URL is missing" in result.stderr

    def test_deploy_check_reports_no_issue_under_production_settings(self):
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_SETTINGS_MODULE="dtv.settings.production",
            SECRET_KEY=SECURE_KEY,
            DATABASE_URL="postgres://postgres@127.0.0.1:5432/regie",
            REDIS_URL="redis://127.0.0.1:6379/0",
            ALLOWED_HOSTS="regie.example",
        )
        assert result.returncode == 0, result.stderr + result.stdout
        assert "System check identified no issues" in result.stdout

    def test_embedded_defaults_give_sqlite_and_a_serverless_broker(self, tmp_path):
        result = run_manage(
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)",
            REGIE_VAR_DIR=str(tmp_path),
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["django.db.backends.sqlite3", "filesystem://"]

    def test_environment_selects_postgresql_and_redis(self, tmp_path):
        result = run_manage(
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)",
            DATABASE_URL="postgres://postgres@127.0.0.1:5432/regie",
            REDIS_URL="redis://127.0.0.1:6379/3",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["django.db.backends.postgresql", "redis://127.0.0.1:6379/3"]
