"""Typed, immutable records of an API: what the processor builds and the tools read.

Records are frozen dataclasses holding tuples; JSON-schema fragments are plain dicts owned
by the record (built fresh by the processor) and must be treated as read-only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

JsonSchema = dict[str, Any]
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE")


@dataclass(frozen=True, slots=True)
class Parameter:
    """A path, query, header or cookie parameter of one operation."""

    name: str
    location: str
    required: bool
    schema: JsonSchema
    description: str = ""


@dataclass(frozen=True, slots=True)
class RequestBody:
    """The body an operation accepts: its media type and resolved schema."""

    content_type: str
    schema: JsonSchema
    required: bool
    content_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Response:
    """One documented response of an operation."""

    status: str
    description: str
    content_type: str | None
    schema: JsonSchema | None


@dataclass(frozen=True, slots=True)
class Pagination:
    """How a list endpoint pages: its style, query parameters and the key holding items."""

    style: str
    params: tuple[str, ...]
    results_key: str = "results"


@dataclass(frozen=True, slots=True)
class AuthScheme:
    """A security scheme, with how a client sends its credential."""

    name: str
    type: str
    description: str
    location: str | None
    param_name: str | None
    value_template: str | None

    @property
    def sendable(self) -> bool:
        """Whether a code snippet can send it as a header (cookies need a browser session)."""
        return self.location == "header" and self.param_name is not None


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One operation: a method on a path, with everything an agent needs to call it."""

    method: str
    path: str
    operation_id: str
    summary: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    request_body: RequestBody | None
    responses: tuple[Response, ...]
    security: tuple[str, ...]
    auth_optional: bool
    deprecated: bool
    pagination: Pagination | None
    search_fields: tuple[tuple[str, int], ...] = field(default=(), repr=False, compare=False)

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    def response(self, status: str) -> Response | None:
        return next((r for r in self.responses if r.status == status), None)

    def success_response(self) -> Response | None:
        """The first 2xx response (the one client code reads), else the first documented one."""
        for response in self.responses:
            if response.status.startswith("2"):
                return response
        return self.responses[0] if self.responses else None


@dataclass(frozen=True, slots=True)
class Component:
    """A named component schema, resolved, with the operations that use it."""

    name: str
    description: str
    schema: JsonSchema
    used_by: tuple[str, ...]


@dataclass(frozen=True)
class ApiSchema:
    """The whole processed API: endpoints, components and auth, with lookup indexes."""

    title: str
    version: str
    description: str
    base_url: str
    endpoints: tuple[Endpoint, ...]
    components: dict[str, Component]
    auth_schemes: dict[str, AuthScheme]
    openapi_version: str = "3.0.3"
    _by_key: dict[tuple[str, str], Endpoint] = field(default_factory=dict, repr=False)
    _templates: tuple[tuple[re.Pattern[str], str], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        by_key = {(e.method, e.path): e for e in self.endpoints}
        object.__setattr__(self, "_by_key", by_key)
        paths = sorted({e.path for e in self.endpoints}, key=lambda p: (p.count("{"), p))
        templates = tuple((_path_regex(p), p) for p in paths)
        object.__setattr__(self, "_templates", templates)

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.path for e in self.endpoints))

    @property
    def tags(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for endpoint in self.endpoints:
            for tag in endpoint.tags:
                counts[tag] = counts.get(tag, 0) + 1
        return counts

    def methods_for(self, path: str) -> tuple[str, ...]:
        return tuple(e.method for e in self.endpoints if e.path == path)

    def find(self, method: str, path: str) -> Endpoint | None:
        return self._by_key.get((method, path))

    def resolve_path(self, path: str) -> str | None:
        """The documented path a caller meant: exact, slash-tolerant, or a concrete URL."""
        candidates = [path]
        if not path.startswith("/"):
            candidates.append("/" + path)
        candidates += [c.rstrip("/") if c.endswith("/") else c + "/" for c in list(candidates)]
        known = {e.path for e in self.endpoints}
        for candidate in candidates:
            if candidate in known:
                return candidate
        concrete = candidates[-1] if not path.startswith("/") else path
        for candidate in (concrete, concrete.rstrip("/"), concrete.rstrip("/") + "/"):
            for pattern, template in self._templates:
                if pattern.fullmatch(candidate):
                    return template
        return None


def _path_regex(path: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}/]+\})", path)
    return re.compile(
        "".join("[^/]+" if p.startswith("{") and p.endswith("}") else re.escape(p) for p in parts)
    )
