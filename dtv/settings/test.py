"""The test suite: PostgreSQL and Redis for real, never SQLite or an in-memory broker."""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("SECRET_KEY", "test-only-key")  # noqa: S105
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/regie")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("DEBUG", "false")
# Most tests log in with force_login; the tests of the second factor switch it on themselves.
os.environ.setdefault("REQUIRE_2FA", "false")

from .base import *  # noqa: E402,F403
from .base import DATABASES, VAR_DIR  # noqa: E402

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Setting DATABASE_URL is invalid for tests: the suite runs on PostgreSQL only.")

# Close connections after each request/task so that worker and live-server threads do not hold
# the test database open at teardown.
DATABASES["default"]["CONN_MAX_AGE"] = 0
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-documents"
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Per test process, emptied before every test (tests/conftest.py): throttle counts never leak between tests.
# Sessions stay in Redis, as in production (base.py): random keys, so tests never share one.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405

# A throwaway app that plugs into every seam of `cases` (tests/plugin_app): it proves the seams work
# without a line in `cases` naming an app. Only the tests install it.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin_app"]  # noqa: F405
PLUGIN_REVIEW_DAYS = 10
