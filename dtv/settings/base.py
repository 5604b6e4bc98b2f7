"""Settings shared by every environment; each value that differs per machine comes from the environment.

Embedded defaults (no DATABASE_URL / REDIS_URL) give SQLite in `var/` and a file-system Celery
broker, so that `make run` needs nothing but Python. `dev.py`, `test.py` and `production.py`
layer on top of this module.
"""

from pathlib import Path

from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from dtv.core.env import env_bool, env_database, env_int, env_list, env_rate, env_redis_url, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("REGIE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "dtv.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "simple_history",
    "dtv.core",
    "dtv.accounts",
    "cases",
    "laissezpasser",
    "departures",
    "detention",
    "reports",
    "dtv.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files keep their caching, every other reply is no-store.
    "dtv.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dtv.core.middleware.DutchByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Refuses bodies unread: its __call__ runs before CSRF reads request.POST (in process_view).
    "dtv.core.middleware.RequestBodyLimitMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "dtv.accounts.middleware.SessionSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "dtv.urls"
WSGI_APPLICATION = "dtv.wsgi.application"
ASGI_APPLICATION = "dtv.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dtv.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'regie.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # SQLite is the embedded demo database: several processes (web, worker, beat) share it, so
    # wait for a lock instead of failing, and keep no persistent connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Password login with the lockout per account and address (never for a chain partner); the signed-in user is
# loaded with team, roles and permissions in one query per request (dtv/accounts/backends.py).
AUTHENTICATION_BACKENDS = ["dtv.accounts.backends.LockoutModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Idle-session expiry: the session lives SESSION_IDLE_MINUTES after the last request, because
# every request renews it; a workstation left alone logs itself out.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Absolute lifetime: however active, a session ends this many hours after the login (a working day).
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 10, minimum=1)

# --- Login hardening --------------------------------------------------------------------------------
# LOGIN_FAILURES_PER_ACCOUNT failed logins for one account name, or LOGIN_FAILURES_PER_ADDRESS from
# one address, within LOGIN_LOCKOUT_MINUTES lock further tries until that long after the last one.
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5, minimum=1)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
# Reverse proxies in front of the web tier that append to X-Forwarded-For (0: REMOTE_ADDR is the client).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
# Second factor (TOTP app + recovery codes) for every login; dev.py turns it off for `make run`.
REQUIRE_2FA = env_bool("REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Regie (DT&V)"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "dtv" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "dtv" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded case documents hold personal data: they live outside any served folder and are only
# ever streamed through a permission-checked, access-logged view.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "documents")))
# No URL pattern serves this prefix; it only keeps Django's test server from treating every path as media.
MEDIA_URL = "/_documents-are-never-served/"

# Uploaded documents: the largest file accepted (scans of passports and decisions).
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_MB", 20, minimum=1) * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Request bodies (dtv.core.middleware.RequestBodyLimitMiddleware refuses larger ones unread): an
# upload view may receive its file plus the form around it; every other form far less.
UPLOAD_REQUEST_MAX_BYTES = DOCUMENT_MAX_BYTES + 256 * 1024
UPLOAD_VIEWS = {"cases:document_upload": UPLOAD_REQUEST_MAX_BYTES}
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# An accepted upload stays in memory (it is at most UPLOAD_REQUEST_MAX_BYTES): no copy of a
# passport scan in the temporary directory. LimitedUploadHandler stops any body past the limit.
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_REQUEST_MAX_BYTES
FILE_UPLOAD_HANDLERS = [
    "dtv.core.uploadhandlers.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Headers ----------------------------------------------------------------------------------------
# Django's own CSP: scripts only from our origin or with the per-response nonce, no inline style,
# nothing framed, no plugins. data: images are the icons inside the NL Design System CSS.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Deadlines ----------------------------------------------------------------------------------
# Operational parameters of the deadline engine. The legal periods themselves are versioned rules in
# the deadline registry (cases/deadlines/registry.py); a rule version names the settings it reads in
# `params_from_settings`, so the engine knows no rule's setting.
DEADLINE_ESCALATION_GRACE_HOURS = env_int("DEADLINE_ESCALATION_GRACE_HOURS", 24, minimum=0)
DETENTION_REVIEW_DAYS = env_int("DETENTION_REVIEW_DAYS", 28, minimum=1)
TRAVEL_DOCUMENT_REMINDER_WEEKS = env_int("TRAVEL_DOCUMENT_REMINDER_WEEKS", 6, minimum=1)
# How many days before an issued laissez-passer expires the case officer is warned (laissezpasser).
LP_EXPIRY_WARNING_DAYS = env_int("LP_EXPIRY_WARNING_DAYS", 30, minimum=1)
# Detention: reports missed in a row that raise the absconding signal, and the days without an act towards
# removal after which the legality view warns (a detention without work towards removal is unlawful).
REPORTING_MISSED_IN_A_ROW = env_int("REPORTING_MISSED_IN_A_ROW", 3, minimum=1)
# The days the case officer has to follow up that absconding signal (art. 57 Vw 2000; a DT&V working agreement): the
# work item's due date. Three calendar days, so that a signal raised on a Friday is due on the Monday.
ABSCONDING_SIGNAL_FOLLOW_UP_DAYS = env_int("ABSCONDING_SIGNAL_FOLLOW_UP_DAYS", 3, minimum=1)
DETENTION_NO_REMOVAL_ACT_WARNING_DAYS = env_int("DETENTION_NO_REMOVAL_ACT_WARNING_DAYS", 14, minimum=1)
# How long before the flight the person and their lawyer must be told (48 hours; one source reports 36).
FLIGHT_NOTICE_HOURS = env_int("FLIGHT_NOTICE_HOURS", 48, minimum=1)
DEADLINE_SWEEP_SECONDS = env_int("DEADLINE_SWEEP_SECONDS", 60, minimum=5)
DIGEST_HOUR = env_int("DIGEST_HOUR", 7, minimum=0)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Django 6.1 mailers. The demo prints mail on the console; production sets EMAIL_BACKEND to
# django.core.mail.backends.smtp.EmailBackend and the EMAIL_* variables.
_email_backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_email_options = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25, minimum=1),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Regie <regie@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -----------------------------------------------------------------------------------
REDIS_URL = env_redis_url("REDIS_URL", None)
CELERY_QUEUE_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    # kombu's file-system transport: no server, yet web, worker and beat (separate processes)
    # exchange messages through the folder.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_RESULT_BACKEND = None
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
HEARTBEAT_SECONDS = env_int("HEARTBEAT_SECONDS", 60, minimum=5)
REPORTS_REFRESH_SECONDS = env_int("REPORTS_REFRESH_SECONDS", 60, minimum=5)
# Celery's own beat (django-celery-beat does not support Django 6.1): the schedule is code.
# Deadlines are swept, never scheduled as delayed tasks: on Redis an ETA beyond the visibility
# timeout is delivered twice, and a sweep catches up whatever a downtime missed.
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "dtv.core.tasks.heartbeat", "schedule": float(HEARTBEAT_SECONDS)},
    "deadline-sweep": {"task": "cases.tasks.sweep_deadlines", "schedule": float(DEADLINE_SWEEP_SECONDS)},
    # The reports' summary tables count new events; a run counts what the previous run saw (see reports.summaries).
    "reports-refresh": {"task": "reports.tasks.refresh_summaries", "schedule": float(REPORTS_REFRESH_SECONDS)},
    "notification-digest": {
        "task": "cases.tasks.send_notification_digests",
        "schedule": crontab(hour=DIGEST_HOUR, minute=0),
    },
}

# --- Cache and sessions ------------------------------------------------------------------------
# Shared by every web process on Redis (the API throttles count there); in memory for `make run`.
# Sessions live in Redis too (their own alias, so clearing the cache logs nobody out): a page then
# costs no session SELECT and no BEGIN/UPDATE/COMMIT for the idle renewal (SESSION_SAVE_EVERY_REQUEST
# refreshes the key's TTL, SESSION_COOKIE_AGE, instead). Logout deletes the key; log out everywhere
# and the absolute lifetime do not depend on the store (dtv/accounts/sessions.py). Without Redis
# (`make run`) sessions stay in the database, which survives the development server's reloads.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "regie",
        },
        "sessions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "regie-session",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- REST API ---------------------------------------------------------------------------------
API_PATH_PREFIX = "/api/"
# Tokens: stored as SHA-256, shown once, valid this long (rotation: manage.py api_token rotate).
API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 90, minimum=1)
API_TOKEN_MAX_LIFETIME_DAYS = 366
# Requests per account (DRF rate syntax, e.g. 120/min): a chain-partner system, and a DT&V officer.
API_THROTTLE_PARTNER = env_rate("API_THROTTLE_PARTNER", "120/min")
API_THROTTLE_STAFF = env_rate("API_THROTTLE_STAFF", "600/min")
# The OpenAPI schema and Swagger UI: only for logged-in users (token or session) unless switched off.
API_DOCS_REQUIRE_LOGIN = env_bool("API_DOCS_REQUIRE_LOGIN", True)
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "dtv.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "dtv.accounts.throttling.PartnerRateThrottle",
        "dtv.accounts.throttling.StaffRateThrottle",
    ],
    "DEFAULT_PARSER_CLASSES": ["dtv.core.parsers.LimitedJSONParser"],
    "EXCEPTION_HANDLER": "dtv.core.api.api_exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regie API",
    "DESCRIPTION": "Case management of the Dutch return service (DT&V) for chain partners.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": [
        "rest_framework.permissions.IsAuthenticated"
        if API_DOCS_REQUIRE_LOGIN
        else "rest_framework.permissions.AllowAny"
    ],
    # Swagger UI and Redoc are served from our own static files: the network may be closed.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Every error response carries the uniform error body; the partner's case is a closed object.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "dtv.core.schema.uniform_errors",
    ],
    # Several choice sets share a field name ("kind", "status", "outcome"): name each enum after its set.
    "ENUM_NAME_OVERRIDES": {
        "NationalityStatusEnum": "cases.constants.NationalityStatus",
        "DeadlineStatusEnum": "cases.constants.DeadlineStatus",
        "HandoverOutcomeEnum": "cases.constants.HandoverOutcome",
        "ProcedureOutcomeEnum": "cases.constants.ProcedureOutcome",
        "InterviewKindEnum": "cases.constants.InterviewKind",
        "ProcedureKindEnum": "cases.constants.ProcedureKind",
        "ClosureEvidenceEnum": "cases.constants.ClosureEvidence",
        "DestinationTypeEnum": "cases.constants.DestinationType",
        "TravelDocumentRequestStateEnum": "laissezpasser.constants.State",
        "MissionKindEnum": "laissezpasser.constants.MissionKind",
        "ContactKindEnum": "laissezpasser.constants.ContactKind",
        "CaseTrackEnum": "cases.constants.Track",
        "DepartureTrackEnum": "departures.constants.DepartureTrack",
        "RemovalKindEnum": "departures.constants.RemovalKind",
        "RemovalStateEnum": "departures.constants.RemovalState",
        "CancellationReasonEnum": "departures.constants.CancellationReason",
        "DublinClaimKindEnum": "departures.constants.DublinClaimKind",
        "MeasureKindEnum": "detention.constants.MeasureKind",
        "ImposableMeasureKindEnum": "detention.constants.IMPOSABLE_MEASURE_KINDS",
        "CourtStepKindEnum": "detention.constants.CourtStepKind",
        "MeasureEndReasonEnum": "detention.constants.EndReason",
        "WithdrawalReasonEnum": "laissezpasser.constants.WithdrawalReason",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs every layout step of every page at INFO: thousands of lines per manifest.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
