"""Small typed readers for environment variables that fail loudly on bad values.

Production settings read every secret and every deployment choice through these helpers, so a
typo in a variable stops the process at start-up instead of running with a silent default.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

import dj_database_url

T = TypeVar("T")

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ImproperEnvironment(Exception):
    """An environment variable is missing or holds a value of the wrong kind."""


def _raw(name: str, default: object) -> str | object:
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperEnvironment(f"Environment variable {name} is required but not set.")
        return default
    return value


def env_str(name: str, default: str | object = _MISSING, *, min_length: int = 0) -> str:
    value = _raw(name, default)
    if not isinstance(value, str):
        return value  # type: ignore[return-value]
    if len(value) < min_length:
        raise ImproperEnvironment(f"{name} must be at least {min_length} characters long.")
    return value


def env_bool(name: str, default: bool | object = _MISSING) -> bool:
    value = _raw(name, default)
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperEnvironment(f"{name} must be a boolean (true/false, 1/0), got {value!r}.")


def env_int(name: str, default: int | object = _MISSING, *, minimum: int | None = None) -> int:
    value = _raw(name, default)
    if isinstance(value, int):
        return value
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ImproperEnvironment(f"{name} must be a whole number, got {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperEnvironment(f"{name} must be at least {minimum}, got {number}.")
    return number


def env_list(name: str, default: list[str] | object = _MISSING) -> list[str]:
    value = _raw(name, default)
    if isinstance(value, list):
        return value
    items = [item.strip() for item in str(value).split(",")]
    if any(not item for item in items):
        raise ImproperEnvironment(f"{name} must be a comma-separated list without empty items.")
    return items


def env_choice(name: str, choices: tuple[str, ...], default: str | object = _MISSING) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperEnvironment(f"{name} must be one of {', '.join(choices)}, got {value!r}.")
    return value


# The platform is built and tested on these two; another engine would run untested.
POSTGRESQL = "django.db.backends.postgresql"
SUPPORTED_DATABASE_ENGINES = (POSTGRESQL, "django.db.backends.sqlite3")
POSTGRESQL_WITH_SOCKET_CHECK = "schadeplatform.db.postgresql"


def env_database(name: str = "DATABASE_URL", default: str | object = _MISSING) -> dict:
    """A Django DATABASES entry from a postgres://… or sqlite:///… URL."""
    url = env_str(name, default)
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as error:  # dj-database-url raises several types for a malformed URL
        raise ImproperEnvironment(f"{name} is not a valid database URL: {error}") from None
    if config.get("ENGINE") not in SUPPORTED_DATABASE_ENGINES:
        raise ImproperEnvironment(f"{name} must be a postgres:// or sqlite:/// URL.")
    if config["ENGINE"] == POSTGRESQL:
        # Django's backend with the health check asked of the socket (no round trip per request).
        config["ENGINE"] = POSTGRESQL_WITH_SOCKET_CHECK
    return config


def env_url(name: str, default: str | object = _MISSING, *, schemes: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if value and not value.startswith(tuple(f"{scheme}://" for scheme in schemes)):
        raise ImproperEnvironment(f"{name} must start with one of {', '.join(schemes)}://.")
    return value


def env_optional(reader: Callable[..., T], name: str, *args: object, **kwargs: object) -> T | None:
    """The value of `reader` when the variable is set, else None."""
    if os.environ.get(name) in (None, ""):
        return None
    return reader(name, *args, **kwargs)
