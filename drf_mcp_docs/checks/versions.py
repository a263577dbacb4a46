"""System checks for API versions and per-caller schemas.

Ids ``drf_mcp_docs.E030``-``E039`` and ``W030``-``W039``. Type errors are reported by
``checks.check_settings`` (E003); these checks look at values only when types are right.

- E030: an ``API_VERSIONS`` entry the project does not serve (names it and the served ones).
- W030: ``API_VERSIONS`` is set, but the schema does not come from drf-spectacular or no
  view is versioned: the setting has no effect.
- E031: ``SCHEMA_VARIANT_KEY`` cannot be imported or is not callable.
- E032: ``SCHEMA_VARIANTS`` is below 1 or ``SCHEMA_VARIANT_TTL`` not above 0.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from drf_mcp_docs.conf import SETTINGS_NAME, TYPES, get, user_settings
from drf_mcp_docs.text import clip, quote


def _typed(key: str) -> bool:
    if key not in user_settings():
        return True
    value = user_settings()[key]
    return isinstance(value, TYPES[key]) and (bool in TYPES[key] or not isinstance(value, bool))


@register(Tags.compatibility)
def check_versions(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Validate API_VERSIONS against the versions the project serves."""
    if not isinstance(getattr(django_settings, SETTINGS_NAME, {}), dict):
        return []
    wanted = get("API_VERSIONS")
    if wanted is None or not _typed("API_VERSIONS"):
        return []
    from drf_mcp_docs.schema.versions import discover_versions

    try:
        served = discover_versions()
    except Exception as exc:  # a broken URLconf is Django's own check to report
        return [
            Warning(
                f"{SETTINGS_NAME}['API_VERSIONS'] could not be checked: the URLconf failed "
                f"({clip(str(exc), 200)}).",
                id="drf_mcp_docs.W030",
            )
        ]
    if not served:
        return [
            Warning(
                f"{SETTINGS_NAME}['API_VERSIONS'] is set, but no view is versioned (or the "
                "schema does not come from drf-spectacular): it has no effect.",
                hint="Remove it, or give your views a DRF versioning class.",
                id="drf_mcp_docs.W030",
            )
        ]
    errors: list[CheckMessage] = []
    for version in wanted:
        if not isinstance(version, str) or version not in served:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['API_VERSIONS'] names {quote(version)}, a version the "
                    f"project does not serve (it serves: {', '.join(served)}).",
                    hint="List versions from ALLOWED_VERSIONS, your versioning classes' "
                    "allowed_versions or your URLconf; None documents them all.",
                    id="drf_mcp_docs.E030",
                )
            )
    return errors


@register(Tags.compatibility)
def check_variants(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Validate SCHEMA_VARIANT_KEY, SCHEMA_VARIANTS and SCHEMA_VARIANT_TTL."""
    if not isinstance(getattr(django_settings, SETTINGS_NAME, {}), dict):
        return []
    errors: list[CheckMessage] = []
    dotted = get("SCHEMA_VARIANT_KEY")
    if _typed("SCHEMA_VARIANT_KEY") and isinstance(dotted, str):
        from django.utils.module_loading import import_string

        try:
            function = import_string(dotted)
        except ImportError as exc:
            function, problem = None, f"cannot be imported ({clip(str(exc), 200)})"
        else:
            problem = "" if callable(function) else "is not callable"
        if problem:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['SCHEMA_VARIANT_KEY'] is {quote(dotted)}, which {problem}.",
                    hint="Name a function request -> str, e.g. 'myproject.docs.variant_key'.",
                    id="drf_mcp_docs.E031",
                )
            )
    size, ttl = get("SCHEMA_VARIANTS"), get("SCHEMA_VARIANT_TTL")
    if _typed("SCHEMA_VARIANTS") and _typed("SCHEMA_VARIANT_TTL") and (size < 1 or ttl <= 0):
        errors.append(
            Error(
                f"{SETTINGS_NAME}['SCHEMA_VARIANTS'] must be 1 or more and "
                f"['SCHEMA_VARIANT_TTL'] above 0 (got {size!r} and {ttl!r}).",
                id="drf_mcp_docs.E032",
            )
        )
    return errors
