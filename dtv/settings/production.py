"""Production: everything secure by default; SECRET_KEY, DATABASE_URL, REDIS_URL and ALLOWED_HOSTS required."""

import os

from django.core.exceptions import ImproperlyConfigured

from dtv.core.env import env_bool, env_int, env_list, env_str

# Mail leaves the building in production; the console backend is for the demo only.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

from .base import *  # noqa: E402,F403
from .base import DATABASES, DEBUG, REDIS_URL, SECRET_KEY  # noqa: E402

if DEBUG:
    raise ImproperlyConfigured("Setting DEBUG must be false in production.")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("Setting SECRET_KEY is invalid: use at least 50 random characters.")
if "DATABASE_URL" not in os.environ or DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Setting DATABASE_URL is missing: production runs on PostgreSQL (postgres://…).")
if not REDIS_URL:
    raise ImproperlyConfigured("Setting REDIS_URL is missing: production runs Celery on Redis (redis://…).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The container health check calls plain HTTP from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
EMAIL_SUBJECT_PREFIX = env_str("EMAIL_SUBJECT_PREFIX", "[Regie] ")
