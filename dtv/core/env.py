"""Typed reading of environment variables that fails fast and names the variable.

A mistyped setting must stop start-up with a message an operator can act on, instead of a
silently wrong default (DEBUG=flase meaning False) or a stack trace deep inside a driver.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_UNSET = object()


def _raw(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if default is _UNSET:
            raise ImproperlyConfigured(f"Setting {name} is missing: set the environment variable {name}.")
        return None
    return value.strip()


def env_str(name, default=_UNSET):
    """Return the variable as text, or the default; no default means it is required."""
    value = _raw(name, default)
    return default if value is None else value


def env_bool(name, default=_UNSET):
    """Return the variable as a boolean; anything but true/false/1/0/yes/no/on/off is an error."""
    value = _raw(name, default)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"Setting {name}={value!r} is invalid: use true or false.")


def env_int(name, default=_UNSET, minimum=None):
    """Return the variable as an integer, at least `minimum` when given."""
    value = _raw(name, default)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"Setting {name}={value!r} is invalid: expected a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"Setting {name}={number} is invalid: it must be at least {minimum}.")
    return number


def env_list(name, default=_UNSET):
    """Return a comma-separated variable as a list of non-empty items."""
    value = _raw(name, default)
    if value is None:
        return list(default) if default is not None else []
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name, default=_UNSET, conn_max_age=60):
    """Return a DATABASES entry parsed from a database URL (postgres://… or sqlite:///…)."""
    value = _raw(name, default)
    url = default if value is None else value
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"Setting {name} is invalid: {exc}") from None
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ImproperlyConfigured(
            f"Setting {name} is invalid: only PostgreSQL (postgres://) and SQLite (sqlite:///) are supported."
        )
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"Setting {name} is invalid: the URL names no database.")
    if engine == "django.db.backends.postgresql":
        # Parameters bound by the server, and a statement a connection runs a fifth time prepared: PostgreSQL
        # then plans it once (after five custom plans, a generic one where that costs no more) instead of on
        # every run. The case file's one statement took 5-12 ms to plan and under 1 ms to run. Django's
        # own default is client-side binding with nothing prepared. Behind a transaction-mode PgBouncer
        # this needs its max_prepared_statements (docs/architecture.md, "Prepared statements").
        config.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
    return config


def env_redis_url(name, default=_UNSET):
    """Return a redis:// or rediss:// URL, or the default when unset."""
    value = _raw(name, default)
    if value is None:
        return default
    if not value.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured(f"Setting {name}={value!r} is invalid: expected redis://host:port/db.")
    return value


_RATE_UNITS = {"s", "sec", "second", "m", "min", "minute", "h", "hour", "d", "day"}


def env_rate(name, default=_UNSET):
    """Return a request rate such as "120/min" (a number, a slash, s/min/hour/day), as DRF throttles read it."""
    value = _raw(name, default)
    rate = default if value is None else value
    count, _slash, unit = rate.partition("/")
    if not (count.isascii() and count.isdigit() and int(count) > 0 and unit in _RATE_UNITS):
        raise ImproperlyConfigured(f"Setting {name}={rate!r} is invalid: expected a rate such as 120/min.")
    return rate
