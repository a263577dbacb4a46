"""Django system checks for the ``DRF_MCP_DOCS`` settings (``manage.py check``).

Ids: ``drf_mcp_docs.E0xx`` stop the server from doing its job; ``W0xx`` are likely mistakes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from drf_mcp_docs.conf import CODE_LANGUAGES, DEFAULTS, SETTINGS_NAME, TRANSPORTS, TYPES
from drf_mcp_docs.conf import get as get_setting
from drf_mcp_docs.suggestions import closest, did_you_mean
from drf_mcp_docs.text import quote

SPECTACULAR_ADAPTER = "drf_mcp_docs.schema.adapters.SpectacularAdapter"


def _closest(value: str, choices: Iterable[str]) -> str:
    return did_you_mean(closest(value, choices, n=1), quoted=True, sentence=True)


def _type_names(types: tuple[type, ...]) -> str:
    return " or ".join("None" if t is type(None) else t.__name__ for t in types)


@register(Tags.compatibility)
def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Validate every key of ``DRF_MCP_DOCS``: known, of the right type, of a valid value."""
    raw = getattr(django_settings, SETTINGS_NAME, {})
    if not isinstance(raw, dict):
        return [
            Error(
                f"{SETTINGS_NAME} must be a dict, not {type(raw).__name__}.",
                hint=f"Write {SETTINGS_NAME} = {{'MCP_ENDPOINT': '/mcp/', ...}}.",
                id="drf_mcp_docs.E001",
            )
        ]
    errors: list[CheckMessage] = []
    mistyped: set[str] = set()
    for key, value in raw.items():
        if key not in DEFAULTS:
            errors.append(
                Error(
                    f"{SETTINGS_NAME} has an unknown key {quote(key)}."
                    f"{_closest(str(key), DEFAULTS)}",
                    hint="Valid keys: " + ", ".join(sorted(DEFAULTS)) + ".",
                    id="drf_mcp_docs.E002",
                )
            )
        elif not isinstance(value, TYPES[key]) or (
            isinstance(value, bool) and bool not in TYPES[key]
        ):
            mistyped.add(key)
            errors.append(
                Error(
                    f"{SETTINGS_NAME}[{quote(key)}] must be {_type_names(TYPES[key])}, "
                    f"not {type(value).__name__} ({quote(value)}).",
                    id="drf_mcp_docs.E003",
                )
            )

    # Report every mistake at once: a key of the wrong type is checked no further (its
    # default stands in), and an unknown key hides nothing.
    def get(key: str) -> Any:
        return DEFAULTS[key] if key in mistyped else get_setting(key)

    adapter = [] if "SCHEMA_ADAPTER" in mistyped else _check_adapter()
    return [*errors, *_check_values(get), *adapter]


def _check_values(get: Callable[[str], Any]) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    endpoint = get("MCP_ENDPOINT")
    if not endpoint.startswith("/"):
        errors.append(
            Error(
                f"{SETTINGS_NAME}['MCP_ENDPOINT'] must start with '/', got {quote(endpoint)}.",
                hint=f"Use {quote('/' + endpoint)}.",
                id="drf_mcp_docs.E004",
            )
        )
    language = get("DEFAULT_CODE_LANGUAGE")
    if language not in CODE_LANGUAGES:
        errors.append(
            Error(
                f"{SETTINGS_NAME}['DEFAULT_CODE_LANGUAGE'] is {quote(language)}, not a supported "
                f"language.{_closest(language, CODE_LANGUAGES)}",
                hint="Supported: " + ", ".join(CODE_LANGUAGES) + ".",
                id="drf_mcp_docs.E005",
            )
        )
    else:
        client = get("DEFAULT_HTTP_CLIENT")
        all_clients = {c for clients in CODE_LANGUAGES.values() for c in clients}
        if client not in all_clients:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['DEFAULT_HTTP_CLIENT'] is {quote(client)}, not a supported "
                    f"HTTP client.{_closest(client, all_clients)}",
                    hint="Supported: " + ", ".join(sorted(all_clients)) + ".",
                    id="drf_mcp_docs.E006",
                )
            )
        elif client not in CODE_LANGUAGES[language]:
            errors.append(
                Warning(
                    f"{SETTINGS_NAME}['DEFAULT_HTTP_CLIENT'] {quote(client)} does not apply to "
                    f"{quote(language)}; snippets in {language} use "
                    f"{CODE_LANGUAGES[language][0]!r}.",
                    hint=f"For {language}: " + ", ".join(CODE_LANGUAGES[language]) + ".",
                    id="drf_mcp_docs.W001",
                )
            )
    transport = get("TRANSPORT")
    if transport not in TRANSPORTS:
        errors.append(
            Error(
                f"{SETTINGS_NAME}['TRANSPORT'] is {quote(transport)}."
                f"{_closest(transport, TRANSPORTS)}",
                hint="Use 'stdio' or 'streamable-http'.",
                id="drf_mcp_docs.E009",
            )
        )
    ttl = get("CACHE_TTL")
    if ttl is not None and ttl <= 0:
        errors.append(
            Error(
                f"{SETTINGS_NAME}['CACHE_TTL'] must be a positive number of seconds or None, "
                f"got {quote(ttl)}.",
                id="drf_mcp_docs.E010",
            )
        )
    if get("MAX_REQUEST_BODY_SIZE") <= 0:
        errors.append(
            Error(
                f"{SETTINGS_NAME}['MAX_REQUEST_BODY_SIZE'] must be a positive number of bytes.",
                id="drf_mcp_docs.E011",
            )
        )
    for key, unit in (
        ("MAX_SESSIONS", "sessions"),
        ("SESSION_IDLE_TIMEOUT", "seconds"),
        ("TOOL_TIMEOUT", "seconds"),
    ):
        if get(key) <= 0:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}[{quote(key)}] must be a positive number of {unit}, "
                    f"got {quote(get(key))}.",
                    id="drf_mcp_docs.E012",
                )
            )
    prefix = get("SCHEMA_PATH_PREFIX")
    if prefix and not prefix.startswith("/"):
        errors.append(
            Warning(
                f"{SETTINGS_NAME}['SCHEMA_PATH_PREFIX'] {quote(prefix)} does not start with "
                "'/', so it matches no OpenAPI path.",
                hint=f"Use {quote('/' + prefix)}, or '' to document every path.",
                id="drf_mcp_docs.W002",
            )
        )
    for pattern in get("EXCLUDE_PATHS"):
        if not isinstance(pattern, str):
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['EXCLUDE_PATHS'] holds {quote(pattern)}; every entry "
                    "must be a path prefix string.",
                    id="drf_mcp_docs.E003",
                )
            )
    errors += _check_base_url(get("BASE_URL"))
    return errors


def _check_base_url(value: str | None) -> list[CheckMessage]:
    """BASE_URL, when set, is an absolute http(s) URL with a host: no query, no fragment."""
    if value is None:
        return []
    parts = urlsplit(value.strip())
    if parts.scheme in ("http", "https") and parts.netloc and not parts.query + parts.fragment:
        return []
    return [
        Error(
            f"{SETTINGS_NAME}['BASE_URL'] must be an absolute http(s) URL such as "
            f"'https://api.example.com', got {quote(value)}.",
            hint="Leave it unset (None) to use the URL the agent reached, else the schema's "
            "servers.",
            id="drf_mcp_docs.E013",
        )
    ]


def _check_adapter() -> list[CheckMessage]:
    from drf_mcp_docs.schema.adapters import AdapterError, resolve_adapter_class

    dotted = get_setting("SCHEMA_ADAPTER")
    try:
        adapter_class = resolve_adapter_class(dotted)
    except AdapterError as exc:
        return [Error(str(exc), hint=exc.hint, id="drf_mcp_docs.E007")]
    path = f"{adapter_class.__module__}.{adapter_class.__qualname__}"
    if path == SPECTACULAR_ADAPTER and "drf_spectacular" not in django_settings.INSTALLED_APPS:
        return [
            Error(
                "drf-spectacular is the schema adapter but 'drf_spectacular' is not in "
                "INSTALLED_APPS.",
                hint="Add 'drf_spectacular' to INSTALLED_APPS and set REST_FRAMEWORK"
                "['DEFAULT_SCHEMA_CLASS'] = 'drf_spectacular.openapi.AutoSchema'.",
                id="drf_mcp_docs.E008",
            )
        ]
    return []


#: Adapters that generate the document from the project's code: too slow to run on every
#: management command, so the processor logs the same finding when it first builds.
GENERATED_ADAPTERS = frozenset(
    f"drf_mcp_docs.schema.adapters.{name}"
    for name in ("SpectacularAdapter", "YasgAdapter", "DRFAdapter")
)


@register(Tags.compatibility)
def check_path_prefix(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when ``SCHEMA_PATH_PREFIX`` hides paths of a static document (W010).

    Reads the document of a file or custom adapter (cheap); generated documents are not
    built here, and an adapter that fails is reported by ``check_settings`` (E007).
    """
    if check_settings() or not isinstance(get_setting("SCHEMA_PATH_PREFIX"), str):
        return []
    prefix = get_setting("SCHEMA_PATH_PREFIX")
    if not prefix:
        return []
    try:
        from drf_mcp_docs.schema.adapters import load_document, resolve_adapter_class

        adapter = resolve_adapter_class(get_setting("SCHEMA_ADAPTER"))
        if f"{adapter.__module__}.{adapter.__qualname__}" in GENERATED_ADAPTERS:
            return []
        paths = load_document().get("paths")
    except Exception:  # the adapter's own problems are another check's
        return []
    if not isinstance(paths, dict) or not paths:
        return []
    warning = hidden_paths_warning(prefix, [p for p in paths if isinstance(p, str)])
    return [] if warning is None else [warning]


def hidden_paths_warning(prefix: str, paths: list[str]) -> Warning | None:
    """W010 when some of ``paths`` lie outside ``prefix``, with the count and the fix."""
    outside = [p for p in paths if not p.startswith(prefix)]
    if not outside:
        return None
    shown = len(paths) - len(outside)
    return Warning(
        f"{SETTINGS_NAME}['SCHEMA_PATH_PREFIX'] is {quote(prefix)}, which hides {len(outside)} "
        f"of the {len(paths)} paths of the OpenAPI document from MCP clients (e.g. "
        f"{quote(outside[0])}); {shown} are documented.",
        hint=f"Set {SETTINGS_NAME}['SCHEMA_PATH_PREFIX'] to the prefix your API paths "
        "share, or to '' to document every path (EXCLUDE_PATHS can still leave some out).",
        id="drf_mcp_docs.W010",
    )
