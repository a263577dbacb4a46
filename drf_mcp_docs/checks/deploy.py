"""System checks for the deployment settings: the shared schema cache, auth and OAuth.

Ids ``drf_mcp_docs.E020``-``E029`` and ``W020``-``W029``. Type errors are reported by
``checks.check_settings`` (E003); these checks look at values only when types are right.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.utils.module_loading import import_string

from drf_mcp_docs.conf import SETTINGS_NAME, TYPES, get, user_settings
from drf_mcp_docs.text import clip, quote


def _typed(key: str) -> bool:
    """Is the key unset or of an accepted type (E003 reports the others)?"""
    if key not in user_settings():
        return True
    value = user_settings()[key]
    return isinstance(value, TYPES[key]) and (bool in TYPES[key] or not isinstance(value, bool))


def _check_cache_timeout() -> list[CheckMessage]:
    """W021: a shared-cache deadline as long as TOOL_TIMEOUT defeats its purpose."""
    key = "SCHEMA_CACHE_TIMEOUT"
    timeout, tool = get(key), get("TOOL_TIMEOUT")
    if not (_typed(key) and _typed("TOOL_TIMEOUT")) or get("SCHEMA_CACHE_ALIAS") is None:
        return []
    if not (0 < timeout < float("inf")) or not isinstance(tool, (int, float)) or timeout < tool:
        return []
    return [
        Warning(
            f"{SETTINGS_NAME}[{quote(key)}] is {quote(timeout)} s, not less than TOOL_TIMEOUT "
            f"({quote(tool)} s): a hung shared cache would make tool calls time out.",
            hint="Keep it short (the default is 1 s): the schema in memory answers meanwhile.",
            id="drf_mcp_docs.W021",
        )
    ]


@register(Tags.compatibility)
def check_deployment(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Validate STATELESS, SCHEMA_CACHE_ALIAS, the auth classes and the OAuth issuers."""
    if not isinstance(getattr(django_settings, SETTINGS_NAME, {}), dict):
        return []
    errors: list[CheckMessage] = []
    alias = get("SCHEMA_CACHE_ALIAS")
    if _typed("SCHEMA_CACHE_ALIAS") and isinstance(alias, str):
        caches = getattr(django_settings, "CACHES", {})
        if alias not in caches:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['SCHEMA_CACHE_ALIAS'] is {quote(alias)}, which is not "
                    "in CACHES.",
                    hint="Valid aliases: " + (", ".join(sorted(caches)) or "(none)") + ".",
                    id="drf_mcp_docs.E020",
                )
            )
        elif caches[alias].get("BACKEND", "").endswith(("LocMemCache", "DummyCache")):
            errors.append(
                Warning(
                    f"{SETTINGS_NAME}['SCHEMA_CACHE_ALIAS'] {quote(alias)} is a per-process cache "
                    f"({caches[alias]['BACKEND']}): workers will not share the schema.",
                    hint="Use Redis, Memcached or the database cache.",
                    id="drf_mcp_docs.W020",
                )
            )
    for key in ("SCHEMA_CACHE_LOCK_TIMEOUT", "SCHEMA_CACHE_TIMEOUT"):
        timeout = get(key)
        if _typed(key) and not 0 < timeout < float("inf"):  # also refuses NaN
            errors.append(
                Error(
                    f"{SETTINGS_NAME}[{quote(key)}] must be a positive number of seconds, got "
                    f"{quote(timeout)}.",
                    id="drf_mcp_docs.E021",
                )
            )
    errors += _check_cache_timeout()
    for key in ("AUTHENTICATION_CLASSES", "PERMISSION_CLASSES"):
        paths = get(key)
        if not _typed(key) or paths is None:
            continue
        for path in paths:
            try:
                import_string(str(path))
            except ImportError as exc:
                errors.append(
                    Error(
                        f"{SETTINGS_NAME}[{quote(key)}] holds {quote(path)}, which cannot be "
                        "imported "
                        f"({clip(str(exc), 300)}).",
                        hint="Use dotted paths, e.g. "
                        "'rest_framework.authentication.TokenAuthentication'.",
                        id="drf_mcp_docs.E022",
                    )
                )
    if _typed("OAUTH_AUTHORIZATION_SERVERS"):
        for issuer in get("OAUTH_AUTHORIZATION_SERVERS"):
            parts = urlsplit(str(issuer))
            if parts.scheme not in ("http", "https") or not parts.netloc:
                errors.append(
                    Error(
                        f"{SETTINGS_NAME}['OAUTH_AUTHORIZATION_SERVERS'] holds {quote(issuer)}, "
                        "which is not an issuer URL.",
                        hint="Use the authorization server's issuer, e.g. "
                        "'https://auth.example.com/o'.",
                        id="drf_mcp_docs.E023",
                    )
                )
    errors.extend(_check_serve_public())
    return errors


def _check_serve_public() -> list[CheckMessage]:
    """W024: drf-spectacular's SERVE_PUBLIC = False: each caller gets their own schema, at
    the cost of one generation per variant (E024 before per-user schemas were served)."""
    serve = getattr(django_settings, "SPECTACULAR_SETTINGS", None) or {}
    if "drf_spectacular" not in django_settings.INSTALLED_APPS or serve.get("SERVE_PUBLIC", True):
        return []
    if get("SCHEMA_VARIANT_KEY") is not None:
        return []
    return [
        Warning(
            "SPECTACULAR_SETTINGS['SERVE_PUBLIC'] is False: the MCP endpoint generates each "
            "user's own schema, as your schema view does, and keeps up to "
            f"{SETTINGS_NAME}['SCHEMA_VARIANTS'] of them per process. Each new user costs "
            "one schema generation (about as long as your schema view takes) and the memory "
            "of one processed schema.",
            hint=f"Set {SETTINGS_NAME}['SCHEMA_VARIANT_KEY'] to a function request -> key "
            "(e.g. the user's groups) so that users who see the same endpoints share one "
            "schema; see docs/versions-and-users.md.",
            id="drf_mcp_docs.W024",
        )
    ]
