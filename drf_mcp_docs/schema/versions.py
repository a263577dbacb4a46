"""The versions of a versioned DRF API, and each version's OpenAPI document.

Discovery (:func:`discover_versions`) reads what the project serves: REST_FRAMEWORK's
``ALLOWED_VERSIONS`` and ``DEFAULT_VERSION``, each versioned view's
``versioning_class.allowed_versions``, and the URLconf (the namespaces around
``NamespaceVersioning`` views, the literal alternatives of a URL path's ``version``
group such as ``(?P<version>v1|v2)``). A project without a versioned view has no versions:
it is documented once, as before. ``DRF_MCP_DOCS['API_VERSIONS']`` narrows the list.

Generation (:func:`versioned_document`) runs drf-spectacular's generator with
``api_version`` as its ``SpectacularAPIView`` does, and adds what drf-spectacular leaves
out so an agent can call each version:

- ``AcceptHeaderVersioning``: a required ``Accept`` header parameter whose only value is
  ``application/json; version=<v>``;
- ``QueryParameterVersioning`` (drf-spectacular documents it as unversioned): the view is
  generated with ``request.version`` set, versions it does not allow are left out, and a
  required ``version`` query parameter is added;
- ``URLPathVersioning`` / ``NamespaceVersioning``: the version is in the path already.
- ``HostNameVersioning``: the view is generated for each version as for a query parameter,
  but nothing is added to the call: the host that selects a version is the project's.

The document's ``x-drf-mcp-docs`` extension records the version and, per operationId, how
a versioned operation receives it (tools tell versioned operations from the unversioned
ones every version shares).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "EXTENSION",
    "STYLES",
    "ApiVersions",
    "api_versions",
    "discover_versions",
    "known_versions",
    "natural_key",
    "version_style",
    "versioned_document",
]

#: The top-level extension of a versioned document: {"version", "operations": {id: style}}.
EXTENSION = "x-drf-mcp-docs"

#: DRF's versioning classes by style name (subclasses match their base).
STYLES = (
    ("url_path", "URLPathVersioning"),
    ("namespace", "NamespaceVersioning"),
    ("accept_header", "AcceptHeaderVersioning"),
    ("query_parameter", "QueryParameterVersioning"),
    ("host_name", "HostNameVersioning"),
)

_VERSION_GROUP = re.compile(r"\(\?P<(?P<param>\w+)>\(?(?P<body>[\w.\-|]+)\)?\)")


def version_style(versioning_class: Any) -> str | None:
    """``url_path``, ``namespace``, ``accept_header``, ``query_parameter``, ``host_name``, or
    None (no versioning class, or one that is none of DRF's)."""
    from rest_framework import versioning

    if not isinstance(versioning_class, type):
        return None
    for style, name in STYLES:
        if issubclass(versioning_class, getattr(versioning, name)):
            return style
    return None


def natural_key(version: str) -> tuple[Any, ...]:
    """Sort key: v2 before v10, 1.9 before 1.10."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", version))


def _walk(patterns: Any, namespaces: tuple[str, ...] = ()) -> Iterator[tuple[Any, tuple[str, ...]]]:
    """Every URL pattern of a URLconf with the namespaces around it."""
    from django.urls import URLPattern, URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield pattern, namespaces


def _path_versions(pattern: Any, param: str) -> set[str]:
    """The literal versions a URL path's ``version`` group accepts: ``(?P<version>v1|v2)``."""
    regex = str(getattr(pattern.pattern, "_regex", "") or "")
    found: set[str] = set()
    for match in _VERSION_GROUP.finditer(regex):
        if match["param"] == param:
            found.update(v for v in match["body"].split("|") if re.fullmatch(r"[\w.\-]+", v))
    return found


def _view_versions(pattern: Any, namespaces: tuple[str, ...]) -> set[str] | None:
    """The versions one URL pattern's view serves (None: the view is not versioned)."""
    view_class = getattr(pattern.callback, "cls", None)
    versioning_class = getattr(view_class, "versioning_class", None)
    style = version_style(versioning_class)
    if style is None:
        return None
    allowed = {str(v) for v in (getattr(versioning_class, "allowed_versions", None) or ())}
    default = getattr(versioning_class, "default_version", None)
    found = set(allowed)
    if default:
        found.add(str(default))
    if style == "namespace":
        named = {n for n in namespaces if not allowed or n in allowed}
        found |= named if allowed else set(namespaces[:1])
    elif style == "url_path":
        found |= _path_versions(pattern, getattr(versioning_class, "version_param", "version"))
    return found


def discover_versions() -> tuple[str, ...]:
    """Every version the project serves, in natural order; () when no view is versioned
    or the schema does not come from drf-spectacular (versions are its ``api_version``)."""
    from django.urls import get_resolver
    from rest_framework.settings import api_settings

    if not _spectacular_adapter():
        return ()
    found: set[str] = set()
    versioned = False
    for pattern, namespaces in _walk(get_resolver().url_patterns):
        served = _view_versions(pattern, namespaces)
        if served is not None:
            versioned = True
            found |= served
    if not versioned:
        return ()
    found.update(str(v) for v in api_settings.ALLOWED_VERSIONS or ())
    if api_settings.DEFAULT_VERSION:
        found.add(str(api_settings.DEFAULT_VERSION))
    return tuple(sorted(found, key=natural_key))


def _spectacular_adapter() -> bool:
    from drf_mcp_docs.conf import conf
    from drf_mcp_docs.schema.adapters import AdapterError, SpectacularAdapter, resolve_adapter_class

    try:
        return resolve_adapter_class(conf.SCHEMA_ADAPTER) is SpectacularAdapter
    except AdapterError:
        return False


@dataclass(frozen=True)
class ApiVersions:
    """The versions documented (``API_VERSIONS`` applied) and the one a call without a
    version gets where versions share a path."""

    versions: tuple[str, ...]
    default: str | None
    discovered: tuple[str, ...]


_known: dict[tuple[Any, ...], ApiVersions] = {}


def _settings_key() -> tuple[Any, ...]:
    from django.conf import settings

    from drf_mcp_docs.conf import conf

    rest = getattr(settings, "REST_FRAMEWORK", None) or {}
    return (
        str(settings.ROOT_URLCONF),
        repr(rest.get("ALLOWED_VERSIONS")),
        repr(rest.get("DEFAULT_VERSION")),
        repr(rest.get("DEFAULT_VERSIONING_CLASS")),
        repr(conf.SCHEMA_ADAPTER),
        conf.API_VERSIONS,
    )


def known_versions() -> ApiVersions | None:
    """The documented versions if already discovered for the live settings (no URLconf
    walk: safe on the event loop), else None."""
    return _known.get(_settings_key())


def api_versions() -> ApiVersions:
    """The documented versions (``API_VERSIONS`` applied), discovered once per distinct
    settings; the first call imports the URLconf (run it in a thread)."""
    from rest_framework.settings import api_settings

    key = _settings_key()
    found = _known.get(key)
    if found is not None:
        return found
    discovered = discover_versions()
    wanted = key[-1]
    chosen = discovered if wanted is None else tuple(v for v in discovered if v in wanted)
    fallback = str(api_settings.DEFAULT_VERSION or "")
    default = fallback if fallback in chosen else (chosen[-1] if chosen else None)
    found = ApiVersions(chosen, default, discovered)
    if len(_known) >= 16:
        _known.clear()
    _known[key] = found
    return found


def clear() -> None:
    """Forget discovered versions (after the URLconf or the settings changed)."""
    _known.clear()


def versioned_document(version: str, request: Any = None, public: bool = True) -> dict[str, Any]:
    """drf-spectacular's document of ``version`` (for ``request`` when given)."""
    from drf_spectacular.settings import spectacular_settings

    from drf_mcp_docs.schema.adapters import _to_json

    base = spectacular_settings.DEFAULT_GENERATOR_CLASS
    generator = _generator_class(base)(api_version=version)
    styles: dict[str, str] = {}
    generator.mcp_version, generator.mcp_styles = version, styles
    document = _to_json(generator.get_schema(request=request, public=public))
    document[EXTENSION] = {"version": version, "operations": styles}
    return document


@functools.lru_cache(maxsize=8)
def _generator_class(base: type) -> type:
    """``base`` (the project's generator class) with the version hooks of this module."""

    class VersionedGenerator(base):  # type: ignore[misc]
        mcp_version: str
        mcp_styles: dict[str, str]

        def create_view(self, callback: Any, method: str, request: Any = None) -> Any:
            view = super().create_view(callback, method, request)
            style = version_style(getattr(view, "versioning_class", None))
            if style is not None and getattr(view, "schema", None) is not None:
                schema = view.schema
                self._set_schema_to_view(view, schema)  # the same inspector on every access
                schema.get_operation = _hooked(
                    schema.get_operation, view, style, self.mcp_version, self.mcp_styles
                )
            return view

    return VersionedGenerator


def _hooked(original: Any, view: Any, style: str, version: str, styles: dict[str, str]) -> Any:
    """``AutoSchema.get_operation`` of one versioned view, for ``version``."""
    versioning_class = view.versioning_class
    param = str(getattr(versioning_class, "version_param", "version"))

    def get_operation(*args: Any, **kwargs: Any) -> Any:
        if style in ("query_parameter", "host_name"):
            # drf-spectacular generates these as unversioned views: give the mock request
            # the version, and leave the view out of versions it does not serve.
            if not versioning_class().is_allowed_version(version):
                return None
            view.request.version = version
            view.request.versioning_scheme = versioning_class()
        operation = original(*args, **kwargs)
        if not operation:
            return operation
        parameters = operation.setdefault("parameters", [])
        if style == "accept_header":
            parameters.append(
                _fixed("Accept", "header", f"application/json; {param}={version}", style)
            )
        elif style == "query_parameter":
            parameters.append(_fixed(param, "query", version, style))
        if operation.get("operationId"):
            styles[str(operation["operationId"])] = style
        return operation

    return get_operation


def _fixed(name: str, location: str, value: str, style: str) -> dict[str, Any]:
    how = "the Accept header's version parameter" if style == "accept_header" else "this parameter"
    return {
        "name": name,
        "in": location,
        "required": True,
        "schema": {"type": "string", "enum": [value]},
        "description": f"Selects the API version: the version is sent in {how}.",
    }
