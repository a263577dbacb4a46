"""Typed, immutable records of an API: what the processor builds and the tools read.

Records are frozen dataclasses holding tuples; JSON-schema fragments are plain dicts owned
by the record (built fresh by the processor) and must be treated as read-only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from drf_mcp_docs.schema.refs import deref, fields_of, writable
from drf_mcp_docs.schema.search import SearchIndex

JsonSchema = dict[str, Any]
#: How many nested ``{"$ref": "Name"}`` levels ``ApiSchema.inline`` expands by default.
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE")
#: A parameter text is common (``ApiSchema.common_text``) in this many operations, or in
#: one in fifty of a larger API's.
COMMON_FROM = 10


@dataclass(frozen=True, slots=True)
class Parameter:
    """A path, query, header or cookie parameter of one operation."""

    name: str
    location: str
    required: bool
    schema: JsonSchema
    description: str = ""
    style: str = ""  # as documented ("" = the default for its location)
    explode: bool | None = None  # as documented (None = the style's default)
    #: ``x-multi-segment: true`` (a path parameter whose value keeps its slashes).
    multi_segment: bool = False

    @property
    def keeps_slashes(self) -> bool:
        """Whether a path parameter's value is sent with its ``/`` unencoded: it is marked
        ``x-multi-segment``, or its schema's ``pattern`` admits a slash (a DRF ``<path:...>``
        converter, a ``re_path`` group such as ``(?P<file>.+)``)."""
        return self.location == "path" and (self.multi_segment or pattern_admits_slash(self.schema))


@dataclass(frozen=True, slots=True)
class RequestBody:
    """The body an operation accepts: its media type and resolved schema."""

    content_type: str
    schema: JsonSchema
    required: bool
    content_types: tuple[str, ...] = ()
    encoding: tuple[tuple[str, str], ...] = ()  # (property, style) of form bodies
    #: The media type's own ``example`` / ``examples[*].value``, in document order.
    examples: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Response:
    """One documented response of an operation."""

    status: str
    description: str
    content_type: str | None
    schema: JsonSchema | None
    #: The media type's own ``example`` / ``examples[*].value``, in document order.
    examples: tuple[Any, ...] = ()


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

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    def response(self, status: str) -> Response | None:
        """The response documented for ``status`` ("404", "4XX", "default"; any case)."""
        wanted = status.lower()
        return next((r for r in self.responses if r.status.lower() == wanted), None)

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
    #: Paths of the document left out because they lie outside ``SCHEMA_PATH_PREFIX``.
    paths_outside: int = 0
    #: The document's digest (``schema.digest``): which schema an answer was read from.
    digest: str = ""
    #: The API version documented (None: unversioned) and, by operationId, how each
    #: versioned operation receives it (url_path, namespace, accept_header, ...).
    api_version: str | None = None
    version_styles: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _by_key: dict[tuple[str, str], Endpoint] = field(default_factory=dict, repr=False)
    _templates: PathTemplates | None = field(default=None, repr=False, compare=False)
    _paths: tuple[str, ...] = field(default=(), repr=False)
    _known: frozenset[str] = field(default=frozenset(), repr=False)
    _tags: dict[str, int] = field(default_factory=dict, repr=False)
    _search: SearchIndex[Endpoint] | None = field(default=None, repr=False, compare=False)
    _shapes: dict[Any, list[Component]] | None = field(default=None, repr=False, compare=False)
    _sizes: dict[tuple[str, bool, bool], int] = field(
        default_factory=dict, repr=False, compare=False
    )
    _schema_bytes: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _common: frozenset[tuple[str, str]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "_by_key", {(e.method, e.path): e for e in self.endpoints})
        paths = tuple(dict.fromkeys(e.path for e in self.endpoints))
        set_(self, "_paths", paths)
        set_(self, "_known", frozenset(paths))
        set_(self, "_templates", PathTemplates(paths))
        tags: dict[str, int] = {}
        for endpoint in self.endpoints:
            for tag in endpoint.tags:
                tags[tag] = tags.get(tag, 0) + 1
        set_(self, "_tags", tags)
        set_(self, "_search", SearchIndex(self.endpoints, self._follow_once))
        closure = {e.key: _own_bytes(e) for e in self.endpoints}
        for component in self.components.values():
            size = self.component_size(component.name)
            for key in component.used_by:
                closure[key] = closure.get(key, 0) + size
        set_(self, "_schema_bytes", closure)

    @property
    def paths(self) -> tuple[str, ...]:
        return self._paths

    def common_text(self, name: str, text: str) -> bool:
        """Whether many operations give their parameter ``name`` this same ``text``
        (GitHub's ``owner``, Kubernetes' ``dryRun``): boilerplate, not this call's own."""
        if self._common is None:
            counts = Counter((p.name, p.description) for e in self.endpoints for p in e.parameters)
            floor = max(COMMON_FROM, len(self.endpoints) // 50)
            common = frozenset(k for k, n in counts.items() if n >= floor and k[1])
            object.__setattr__(self, "_common", common)
        return (name, text) in (self._common or ())

    @property
    def tags(self) -> dict[str, int]:
        return dict(self._tags)

    @property
    def search_index(self) -> SearchIndex[Endpoint]:
        assert self._search is not None
        return self._search

    def _follow_once(self, schema: Any) -> Any:
        """``schema`` with one ``$ref`` level followed (what the search index reads)."""
        return deref(schema, self.components, limit=1)

    def deref(self, schema: Any) -> Any:
        """``schema`` with its top-level ``{"$ref": "Name"}`` chain followed (siblings kept)."""
        return deref(schema, self.components)

    def schema_bytes(self, endpoint: Endpoint) -> int:
        """Bytes of the component schemas ``endpoint`` uses, transitively: what rendering
        its answers walks at most, known from the build (the tools' cost estimate)."""
        return self._schema_bytes.get(endpoint.key, 0)

    def component_size(self, name: str, request: bool = False, fields: bool = False) -> int:
        """Bytes of component ``name``'s own schema as compact JSON (0 if unknown): of what
        a request sends (``request``: no read-only fields), of its ``fields`` alone."""
        key = (name, request, fields)
        if key not in self._sizes:
            schema = self.components[name].schema if name in self.components else None
            schema = {"properties": fields_of(schema)} if fields else schema
            schema = writable(schema) if request else schema
            text = json.dumps(schema, separators=(",", ":"), ensure_ascii=False)
            self._sizes[key] = len(text.encode()) if name in self.components else 0
        return self._sizes[key]

    def component_named(self, schema: Any) -> str | None:
        """The first component (in ``components`` order) whose schema equals ``schema``.

        What ``next(c.name for c in components.values() if c.schema == schema)`` finds,
        through an index of the components by shape (their properties' names, types and
        descriptions; an enum's size) built on first use, so the cost does not grow with
        the number of components.
        """
        if not isinstance(schema, dict):
            return None
        shapes = self._shapes
        if shapes is None:
            shapes = {}
            for component in self.components.values():
                shapes.setdefault(_shape(component.schema), []).append(component)
            object.__setattr__(self, "_shapes", shapes)
        for component in shapes.get(_shape(schema), ()):
            if component.schema == schema:
                return component.name
        return None

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
        known = self._known
        for candidate in candidates:
            if candidate in known:
                return candidate
        concrete = candidates[-1] if not path.startswith("/") else path
        templates = self._templates
        assert templates is not None
        for candidate in (concrete, concrete.rstrip("/"), concrete.rstrip("/") + "/"):
            template = templates.match(candidate)
            if template is not None:
                return template
        return None


def _own_bytes(endpoint: Endpoint) -> int:
    """Bytes of the schemas written in ``endpoint`` itself, as compact JSON."""
    body = endpoint.request_body
    parts = [p.schema for p in endpoint.parameters]
    parts += [body.schema] if body is not None else []
    parts += [r.schema for r in endpoint.responses if r.schema is not None]
    return len(json.dumps(parts, separators=(",", ":"), default=str))


_SLASHED = ("a/b", "docs/guide/intro.md", "1/2")


def pattern_admits_slash(schema: Any) -> bool:
    """Whether ``schema``'s ``pattern`` accepts a value holding ``/`` (as a whole value: an
    unanchored ``[a-z]+`` does not count); False without a pattern or for one Python's
    ``re`` cannot read."""
    pattern = schema.get("pattern") if isinstance(schema, dict) else None
    if not isinstance(pattern, str):
        return False
    try:
        regex = re.compile(pattern)
    except (re.error, RecursionError):
        return False
    return any(regex.fullmatch(sample) for sample in _SLASHED)


def _shape(schema: Any) -> Any:
    """A hashable digest of a schema: equal schemas have equal digests.

    Property names with each property's type and description tell most components apart
    (many share their field names); enums are told apart by their size.
    """
    if not isinstance(schema, dict):
        return None
    properties = schema.get("properties")
    if isinstance(properties, dict):
        return frozenset((name, _leaf(value)) for name, value in properties.items())
    enum = schema.get("enum")
    return len(enum) if isinstance(enum, list) else None


def _leaf(value: Any) -> tuple[Any, Any]:
    if not isinstance(value, dict):
        return (None, None)
    kind, description = value.get("type"), value.get("description")
    return (
        kind if isinstance(kind, str) else None,
        description if isinstance(description, str) else None,
    )


_PLACEHOLDER = re.compile(r"\{[^}/]+\}")


class _PathNode:
    __slots__ = ("end", "literals", "patterns")

    def __init__(self) -> None:
        self.literals: dict[str, _PathNode] = {}
        self.patterns: dict[str, tuple[re.Pattern[str], _PathNode]] = {}
        self.end: tuple[int, str] | None = None


class PathTemplates:
    """Finds the documented path template a concrete URL matches (``/api/books/12/``).

    A trie of path segments: a literal segment is a dict lookup, a segment with a
    placeholder a regex, so a lookup costs the URL's depth, not the number of paths.
    Among matching templates, the one with the fewest placeholders (then the first in
    sort order) wins.
    """

    __slots__ = ("_root",)

    def __init__(self, paths: Iterable[str]) -> None:
        self._root = _PathNode()
        for rank, path in enumerate(sorted(set(paths), key=lambda p: (p.count("{"), p))):
            node = self._root
            for segment in path.split("/"):
                if _PLACEHOLDER.search(segment):
                    source = "[^/]+".join(re.escape(p) for p in _PLACEHOLDER.split(segment))
                    if source not in node.patterns:
                        node.patterns[source] = (re.compile(source), _PathNode())
                    node = node.patterns[source][1]
                else:
                    node = node.literals.setdefault(segment, _PathNode())
            if node.end is None:
                node.end = (rank, path)

    def match(self, url: str) -> str | None:
        segments = url.split("/")
        depth = len(segments)
        best: tuple[int, str] | None = None
        stack = [(self._root, 0)]
        while stack:
            node, position = stack.pop()
            if position == depth:
                if node.end is not None and (best is None or node.end < best):
                    best = node.end
                continue
            segment = segments[position]
            child = node.literals.get(segment)
            if child is not None:
                stack.append((child, position + 1))
            for regex, child in node.patterns.values():
                if regex.fullmatch(segment):
                    stack.append((child, position + 1))
        return None if best is None else best[1]
