"""The ``DRF_MCP_DOCS`` settings: defaults and typed access.

Values are read from ``django.conf.settings`` on every access of ``conf.X``, so
``override_settings`` in tests and settings changed at start-up are always seen. But a
value only takes effect when its reader runs: ``mount_mcp()`` reads ``MCP_ENDPOINT``,
``MAX_REQUEST_BODY_SIZE``, ``MAX_SESSIONS`` and ``SESSION_IDLE_TIMEOUT`` once, when the
mount is built, and the process-wide MCP server reads ``SERVER_NAME`` and
``SERVER_INSTRUCTIONS`` once, when it is built; docs/configuration.md lists every key's
reader. Validation lives in ``checks.py``; this module never raises for a bad value, it
only reads. It imports nothing of the package but the snippet languages' table.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings as django_settings

from drf_mcp_docs.codegen.languages import LANGUAGES

SETTINGS_NAME = "DRF_MCP_DOCS"

CODE_LANGUAGES = LANGUAGES  # the snippet generators own the table of languages and clients
TRANSPORTS = ("stdio", "streamable-http")

#: Every key with its default. ``CACHE_SCHEMA`` defaults to ``not DEBUG`` (see below).
DEFAULTS: dict[str, Any] = {
    "SERVER_NAME": "drf-mcp-docs",
    "SERVER_INSTRUCTIONS": "",
    "SCHEMA_ADAPTER": None,
    "SCHEMA_PATH_PREFIX": "/api/",
    "EXCLUDE_PATHS": [],
    "CACHE_SCHEMA": None,
    "CACHE_TTL": None,
    "TRANSPORT": "streamable-http",
    "MCP_ENDPOINT": "/mcp/",
    "DEFAULT_CODE_LANGUAGE": "javascript",
    "DEFAULT_HTTP_CLIENT": "fetch",
    "MAX_REQUEST_BODY_SIZE": 1024 * 1024,
    "MAX_SESSIONS": 1000,
    "SESSION_IDLE_TIMEOUT": 600,
    "TOOL_TIMEOUT": 10.0,
    "BASE_URL": None,
    # Production deployment (issue 10): any worker serves any request, one shared schema,
    # the project's own auth.
    "STATELESS": True,
    "SCHEMA_CACHE_ALIAS": None,
    "SCHEMA_CACHE_LOCK_TIMEOUT": 60,
    "SCHEMA_CACHE_TIMEOUT": 1.0,
    "AUTHENTICATION_CLASSES": None,
    "PERMISSION_CLASSES": None,
    "OAUTH_AUTHORIZATION_SERVERS": [],
    # The schema history (issue 18): each distinct schema served, in the database.
    "HISTORY": True,
    "HISTORY_LIMIT": 100,
    # Every API as each caller sees it (issue 17): versions, per-user schemas.
    "API_VERSIONS": None,
    "SCHEMA_VARIANT_KEY": None,
    "SCHEMA_VARIANTS": 64,
    "SCHEMA_VARIANT_TTL": 300,
}

#: The Python types each key accepts (``None`` allowed where the default is ``None``).
TYPES: dict[str, tuple[type, ...]] = {
    "SERVER_NAME": (str,),
    "SERVER_INSTRUCTIONS": (str,),
    "SCHEMA_ADAPTER": (str, type(None)),
    "SCHEMA_PATH_PREFIX": (str,),
    "EXCLUDE_PATHS": (list, tuple),
    "CACHE_SCHEMA": (bool, type(None)),
    "CACHE_TTL": (int, float, type(None)),
    "TRANSPORT": (str,),
    "MCP_ENDPOINT": (str,),
    "DEFAULT_CODE_LANGUAGE": (str,),
    "DEFAULT_HTTP_CLIENT": (str,),
    "MAX_REQUEST_BODY_SIZE": (int,),
    "MAX_SESSIONS": (int,),
    "SESSION_IDLE_TIMEOUT": (int, float),
    "TOOL_TIMEOUT": (int, float),
    "BASE_URL": (str, type(None)),
    "STATELESS": (bool,),
    "SCHEMA_CACHE_ALIAS": (str, type(None)),
    "SCHEMA_CACHE_LOCK_TIMEOUT": (int, float),
    "SCHEMA_CACHE_TIMEOUT": (int, float),
    "AUTHENTICATION_CLASSES": (list, tuple, type(None)),
    "PERMISSION_CLASSES": (list, tuple, type(None)),
    "OAUTH_AUTHORIZATION_SERVERS": (list, tuple),
    "HISTORY": (bool,),
    "HISTORY_LIMIT": (int, type(None)),
    "API_VERSIONS": (list, tuple, type(None)),
    "SCHEMA_VARIANT_KEY": (str, type(None)),
    "SCHEMA_VARIANTS": (int,),
    "SCHEMA_VARIANT_TTL": (int, float),
}


def user_settings() -> dict[str, Any]:
    """The project's ``DRF_MCP_DOCS`` dict as written (empty if unset or not a dict)."""
    value = getattr(django_settings, SETTINGS_NAME, None)
    return value if isinstance(value, dict) else {}


def get(key: str) -> Any:
    """One setting's effective value: the project's, else the default."""
    return user_settings().get(key, DEFAULTS[key])


class Settings:
    """Typed, read-through access to every ``DRF_MCP_DOCS`` key."""

    @property
    def SERVER_NAME(self) -> str:
        return cast(str, get("SERVER_NAME"))

    @property
    def SERVER_INSTRUCTIONS(self) -> str:
        return cast(str, get("SERVER_INSTRUCTIONS"))

    @property
    def SCHEMA_ADAPTER(self) -> str | None:
        return cast("str | None", get("SCHEMA_ADAPTER"))

    @property
    def SCHEMA_PATH_PREFIX(self) -> str:
        return cast(str, get("SCHEMA_PATH_PREFIX"))

    @property
    def EXCLUDE_PATHS(self) -> tuple[str, ...]:
        return tuple(get("EXCLUDE_PATHS"))

    @property
    def CACHE_SCHEMA(self) -> bool:
        value = get("CACHE_SCHEMA")
        return (not django_settings.DEBUG) if value is None else bool(value)

    @property
    def CACHE_TTL(self) -> float | None:
        value = get("CACHE_TTL")
        return None if value is None else float(value)

    @property
    def TRANSPORT(self) -> str:
        return cast(str, get("TRANSPORT"))

    @property
    def MCP_ENDPOINT(self) -> str:
        return cast(str, get("MCP_ENDPOINT"))

    @property
    def DEFAULT_CODE_LANGUAGE(self) -> str:
        return cast(str, get("DEFAULT_CODE_LANGUAGE"))

    @property
    def DEFAULT_HTTP_CLIENT(self) -> str:
        return cast(str, get("DEFAULT_HTTP_CLIENT"))

    @property
    def MAX_REQUEST_BODY_SIZE(self) -> int:
        return cast(int, get("MAX_REQUEST_BODY_SIZE"))

    @property
    def MAX_SESSIONS(self) -> int:
        return cast(int, get("MAX_SESSIONS"))

    @property
    def SESSION_IDLE_TIMEOUT(self) -> float:
        return float(get("SESSION_IDLE_TIMEOUT"))

    @property
    def TOOL_TIMEOUT(self) -> float:
        """Seconds a tool's work may take (in a worker thread) before it answers an error."""
        return float(get("TOOL_TIMEOUT"))

    @property
    def BASE_URL(self) -> str | None:
        """The API's base URL for snippets; None: the request's, else the schema's servers."""
        value = get("BASE_URL")
        return value.strip().rstrip("/") or None if isinstance(value, str) else None

    @property
    def STATELESS(self) -> bool:
        return bool(get("STATELESS"))

    @property
    def SCHEMA_CACHE_ALIAS(self) -> str | None:
        return cast("str | None", get("SCHEMA_CACHE_ALIAS"))

    @property
    def SCHEMA_CACHE_LOCK_TIMEOUT(self) -> float:
        return float(get("SCHEMA_CACHE_LOCK_TIMEOUT"))

    @property
    def SCHEMA_CACHE_TIMEOUT(self) -> float:
        """Seconds one operation on the shared schema cache may take before it counts as
        failed (the process then keeps the schema it has, or generates its own)."""
        return float(get("SCHEMA_CACHE_TIMEOUT"))

    @property
    def AUTHENTICATION_CLASSES(self) -> tuple[str, ...] | None:
        value = get("AUTHENTICATION_CLASSES")
        return None if value is None else tuple(value)

    @property
    def PERMISSION_CLASSES(self) -> tuple[str, ...] | None:
        value = get("PERMISSION_CLASSES")
        return None if value is None else tuple(value)

    @property
    def OAUTH_AUTHORIZATION_SERVERS(self) -> tuple[str, ...]:
        return tuple(get("OAUTH_AUTHORIZATION_SERVERS"))

    @property
    def HISTORY_LIMIT(self) -> int:
        """Schemas the history keeps (the newest); 0 when it is off (``HISTORY`` False,
        ``HISTORY_LIMIT`` 0 or None)."""
        limit = get("HISTORY_LIMIT")
        if not get("HISTORY") or not isinstance(limit, int) or isinstance(limit, bool):
            return 0
        return max(limit, 0)

    @property
    def API_VERSIONS(self) -> tuple[str, ...] | None:
        """The API versions documented (None: every version the project serves)."""
        value = get("API_VERSIONS")
        return None if value is None else tuple(str(v) for v in value)

    @property
    def SCHEMA_VARIANT_KEY(self) -> str | None:
        """Dotted path of a function request -> key that groups callers sharing a schema."""
        return cast("str | None", get("SCHEMA_VARIANT_KEY"))

    @property
    def SCHEMA_VARIANTS(self) -> int:
        """How many per-caller schemas each process keeps (least recently used dropped)."""
        return cast(int, get("SCHEMA_VARIANTS"))

    @property
    def SCHEMA_VARIANT_TTL(self) -> float:
        """Seconds a per-caller schema is kept after it was generated."""
        return float(get("SCHEMA_VARIANT_TTL"))


conf = Settings()
