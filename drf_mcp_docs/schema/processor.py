"""Turns an OpenAPI 3 document into the immutable records the tools read.

``$ref`` chains are inlined up to ``MAX_REF_DEPTH`` nested references; deeper ones and
cycles stay as a compact ``{"$ref": "Name"}`` that points at ``api://schemas/Name``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from drf_mcp_docs.schema.records import (
    HTTP_METHODS,
    ApiSchema,
    AuthScheme,
    Component,
    Endpoint,
    Pagination,
    Parameter,
    RequestBody,
    Response,
)

MAX_REF_DEPTH = 3
REF_PREFIX = "#/components/schemas/"
_DROPPED_KEYS = frozenset({"title", "xml", "externalDocs"})
#: Values that are data, not schemas: kept as written (a ``title`` key in an example stays).
_DATA_KEYS = frozenset({"example", "examples", "default", "const", "enum"})
_JSON_TYPES = ("application/json", "application/vnd.api+json")
_WORD = re.compile(r"[a-z0-9]+")


class SchemaProcessingError(ValueError):
    """The document is not an OpenAPI 3 document this package can read."""


def process_schema(
    document: dict[str, Any],
    *,
    path_prefix: str = "",
    exclude_paths: Iterable[str] = (),
) -> ApiSchema:
    """Build an :class:`ApiSchema` from an OpenAPI 3 document, filtered by path."""
    if not isinstance(document, dict) or not isinstance(document.get("paths", {}), dict):
        raise SchemaProcessingError("the schema adapter did not return an OpenAPI 3 document")
    version = str(document.get("openapi", ""))
    if not version.startswith("3."):
        found = f"Swagger {document['swagger']}" if "swagger" in document else "no 'openapi' key"
        raise SchemaProcessingError(f"expected an OpenAPI 3 document, got {found}")
    resolver = _Resolver(document.get("components", {}), document)
    auth = _auth_schemes(document.get("components", {}).get("securitySchemes", {}))
    excluded = tuple(exclude_paths)
    global_security = document.get("security")
    endpoints: list[Endpoint] = []
    usage: dict[str, list[str]] = {}
    refs = _RefGraph(resolver.raw)
    for path, item in document.get("paths", {}).items():
        if path_prefix and not path.startswith(path_prefix):
            continue
        if any(path.startswith(prefix) for prefix in excluded):
            continue
        if not isinstance(item, dict):
            continue
        shared_params = item.get("parameters", [])
        for method_name, operation in item.items():
            method = method_name.upper()
            if method not in HTTP_METHODS or not isinstance(operation, dict):
                continue
            endpoint = _endpoint(method, path, operation, shared_params, resolver, global_security)
            endpoints.append(endpoint)
            key = endpoint.key
            for name in refs.used_by(operation):
                usage.setdefault(name, []).append(key)
    info = document.get("info", {})
    servers = document.get("servers") or []
    components = {
        name: Component(
            name=name,
            description=str(raw.get("description", "")),
            schema=resolver.resolve(raw, depth=0, seen=frozenset({name})),
            used_by=tuple(dict.fromkeys(usage.get(name, ()))),
        )
        for name, raw in sorted(resolver.raw.items())
    }
    return ApiSchema(
        title=str(info.get("title", "API")),
        version=str(info.get("version", "")),
        description=str(info.get("description", "")),
        base_url=str(servers[0].get("url", "")) if servers and isinstance(servers[0], dict) else "",
        endpoints=tuple(endpoints),
        components=components,
        auth_schemes=auth,
        openapi_version=version,
    )


class _Resolver:
    """Inlines ``#/components/schemas`` references to a bounded depth, cycle-safe.

    References to other components (parameters, requestBodies, responses, headers...),
    common in hand-written OpenAPI files, are inlined wherever they stand.
    """

    def __init__(self, components: Any, document: Any = None) -> None:
        self.document = document if isinstance(document, dict) else {}
        components = components if isinstance(components, dict) else {}
        raw = components.get("schemas", {})
        self.raw = raw if isinstance(raw, dict) else {}
        self.components = components

    def resolve(self, schema: Any, *, depth: int = 0, seen: frozenset[str] = frozenset()) -> Any:
        if isinstance(schema, list):
            return [self.resolve(item, depth=depth, seen=seen) for item in schema]
        if not isinstance(schema, dict):
            return schema
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and ref.count("/") != 3:
            return self._pointer(ref, depth, seen)
        if (
            isinstance(ref, str)
            and ref.startswith("#/components/")
            and not ref.startswith(REF_PREFIX)
        ):
            return self._component(ref, schema, depth, seen)
        if isinstance(ref, str):
            name = ref[len(REF_PREFIX) :] if ref.startswith(REF_PREFIX) else ref.rsplit("/", 1)[-1]
            if name in seen or depth >= MAX_REF_DEPTH or name not in self.raw:
                return {"$ref": name}
            resolved = self.resolve(self.raw[name], depth=depth + 1, seen=seen | {name})
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            return (
                {**resolved, **self.resolve(siblings, depth=depth, seen=seen)}
                if siblings
                else resolved
            )
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1:
            # drf-spectacular wraps a $ref in allOf to attach readOnly/nullable/description.
            inner = self.resolve(all_of[0], depth=depth, seen=seen)
            rest = {k: v for k, v in schema.items() if k != "allOf"}
            return (
                {**inner, **self.resolve(rest, depth=depth, seen=seen)}
                if isinstance(inner, dict)
                else inner
            )
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _DROPPED_KEYS or _is_noise(key, value, schema):
                continue
            if key in _DATA_KEYS:
                out[key] = value
                continue
            if key in _NAMED_SCHEMAS and isinstance(value, dict):
                out[key] = {n: self.resolve(v, depth=depth, seen=seen) for n, v in value.items()}
            else:
                out[key] = self.resolve(value, depth=depth, seen=seen)
        return out

    def _pointer(self, ref: str, depth: int, seen: frozenset[str]) -> Any:
        """A reference elsewhere in the document (``#/paths/...``): its target, inlined."""
        target: Any = self.document
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part) if isinstance(target, dict) else None
        if target is None or ref in seen:
            return {}
        return self.resolve(target, depth=depth + 1, seen=seen | {ref})

    def _component(self, ref: str, schema: dict[str, Any], depth: int, seen: frozenset[str]) -> Any:
        """Inline a non-schema component (``#/components/<kind>/<name>``); {} if unknown."""
        kind, _, name = ref[len("#/components/") :].partition("/")
        target = self.components.get(kind, {})
        target = target.get(name) if isinstance(target, dict) else None
        if target is None or ref in seen:
            return {}
        resolved = self.resolve(target, depth=depth, seen=seen | {ref})
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        return {**resolved, **siblings} if isinstance(resolved, dict) else resolved


_NAMED_SCHEMAS = frozenset({"properties", "patternProperties"})
_INT_BOUNDS = frozenset({2**31 - 1, -(2**31), 2**63 - 1, -(2**63)})
_ENUM_LISTING = re.compile(r"^(\* `[^`]*` - [^\n]*\n?)+$")


def _is_noise(key: str, value: Any, schema: dict[str, Any]) -> bool:
    """Facts the schema already states: int64 bounds, drf-spectacular's enum listings."""
    if key in ("maximum", "minimum") and value in _INT_BOUNDS:
        return True
    return key == "description" and "enum" in schema and bool(_ENUM_LISTING.match(str(value)))


def _endpoint(
    method: str,
    path: str,
    operation: dict[str, Any],
    shared_params: list[Any],
    resolver: _Resolver,
    global_security: Any,
) -> Endpoint:
    params: dict[tuple[str, str], Parameter] = {}
    for raw in [*shared_params, *operation.get("parameters", [])]:
        raw = resolver.resolve(raw)
        if not isinstance(raw, dict) or "name" not in raw:
            continue
        location = str(raw.get("in", "query"))
        params[(raw["name"], location)] = Parameter(
            name=str(raw["name"]),
            location=location,
            required=bool(raw.get("required", location == "path")),
            schema=raw.get("schema") or {},
            description=str(raw.get("description", "")),
        )
    responses = tuple(
        _response(str(status), raw, resolver)
        for status, raw in (operation.get("responses") or {}).items()
        if isinstance(raw, dict)
    )
    security_raw = operation.get("security", global_security) or []
    security = tuple(dict.fromkeys(name for req in security_raw for name in req))
    summary = str(operation.get("summary", "")).strip()
    description = str(operation.get("description", "")).strip()
    operation_id = str(operation.get("operationId") or _operation_id(method, path))
    tags = tuple(str(t) for t in operation.get("tags", ()))
    parameters = tuple(params.values())
    return Endpoint(
        method=method,
        path=path,
        operation_id=operation_id,
        summary=summary,
        description=description,
        tags=tags,
        parameters=parameters,
        request_body=_request_body(operation.get("requestBody"), resolver),
        responses=responses,
        security=security,
        auth_optional=not security_raw or any(not req for req in security_raw),
        deprecated=bool(operation.get("deprecated", False)),
        pagination=_pagination(parameters, responses),
        search_fields=(
            (path.lower(), 3),
            (operation_id.lower(), 3),
            (summary.lower(), 2),
            (" ".join(tags).lower(), 2),
            (description.lower(), 1),
        ),
    )


def _request_body(raw: Any, resolver: _Resolver) -> RequestBody | None:
    raw = resolver.resolve(raw)
    if not isinstance(raw, dict):
        return None
    content = raw.get("content") or {}
    if not content:
        return None
    content_type = next((t for t in _JSON_TYPES if t in content), next(iter(content)))
    return RequestBody(
        content_type=content_type,
        schema=(content[content_type] or {}).get("schema") or {},
        required=bool(raw.get("required", False)),
        content_types=tuple(content),
        examples=_media_examples(content[content_type], resolver),
    )


def _media_examples(media: Any, resolver: _Resolver) -> tuple[Any, ...]:
    """A media type's ``example`` and ``examples[*].value`` (``$ref`` to an Example followed)."""
    if not isinstance(media, dict):
        return ()
    found = [media["example"]] if "example" in media else []
    named = media.get("examples")
    shared = resolver.components.get("examples")
    for item in named.values() if isinstance(named, dict) else ():
        ref = item.get("$ref") if isinstance(item, dict) else None
        if isinstance(ref, str) and isinstance(shared, dict):
            item = shared.get(ref.rsplit("/", 1)[-1])
        if isinstance(item, dict) and "value" in item:
            found.append(item["value"])
    return tuple(found)


def _response(status: str, raw: dict[str, Any], resolver: _Resolver) -> Response:
    raw = resolver.resolve(raw)
    content = raw.get("content") or {}
    content_type = next((t for t in _JSON_TYPES if t in content), next(iter(content), None))
    media = content.get(content_type) if content_type else None
    schema = (media or {}).get("schema") if content_type else None
    return Response(
        status=status,
        description=str(raw.get("description", "")).strip(),
        content_type=content_type,
        schema=schema,
        examples=_media_examples(media, resolver),
    )


def _pagination(
    params: tuple[Parameter, ...], responses: tuple[Response, ...]
) -> Pagination | None:
    ok = next((r for r in responses if r.status.startswith("2")), None)
    props = (ok.schema or {}).get("properties", {}) if ok and isinstance(ok.schema, dict) else {}
    if "results" not in props or "next" not in props:
        return None
    names = {p.name for p in params if p.location == "query"}
    if "cursor" in names:
        return Pagination("cursor", ("cursor",))
    if "offset" in names or "limit" in names:
        return Pagination("limit_offset", tuple(n for n in ("limit", "offset") if n in names))
    return Pagination("page_number", tuple(n for n in ("page", "page_size") if n in names))


def _auth_schemes(raw: Any) -> dict[str, AuthScheme]:
    schemes: dict[str, AuthScheme] = {}
    for name, spec in (raw or {}).items():
        if not isinstance(spec, dict):
            continue
        kind = str(spec.get("type", ""))
        description = str(spec.get("description", ""))
        location = param = template = None
        if kind == "http":
            scheme = str(spec.get("scheme", "bearer")).lower()
            location, param = "header", "Authorization"
            template = (
                "Basic <base64 user:password>" if scheme == "basic" else f"{scheme.title()} <token>"
            )
        elif kind == "apiKey":
            location, param = spec.get("in"), spec.get("name")
            prefix = re.search(r'prefix\s+"([^"]+)"', description)
            template = f"{prefix.group(1)} <token>" if prefix else "<api key>"
            if location == "cookie":
                template = "<session cookie>"
        elif kind in ("oauth2", "openIdConnect"):
            location, param, template = "header", "Authorization", "Bearer <token>"
        schemes[str(name)] = AuthScheme(
            name=str(name),
            type=kind,
            description=description,
            location=location,
            param_name=param,
            value_template=template,
        )
    return schemes


class _RefGraph:
    """Which components an operation uses, following ``$ref`` transitively.

    Each component's own references are collected once, so the cost of an operation is
    the size of its closure, not the size of every schema reachable from it.
    """

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self._direct: dict[str, list[str]] = {}

    def direct(self, name: str) -> list[str]:
        refs = self._direct.get(name)
        if refs is None:
            refs = self._direct[name] = _direct_refs(self.raw.get(name))
        return refs

    def used_by(self, operation: Any) -> list[str]:
        """Component names ``operation`` uses, directly or through other components."""
        seen: dict[str, None] = {}
        stack = _direct_refs(operation)
        while stack:
            name = stack.pop()
            if name not in seen:
                seen[name] = None
                stack.extend(self.direct(name))
        return list(seen)


def _direct_refs(value: Any) -> list[str]:
    """Component names referenced inside ``value`` itself (not followed)."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith(REF_PREFIX):
                found.append(ref[len(REF_PREFIX) :])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _operation_id(method: str, path: str) -> str:
    return "_".join([method.lower(), *_WORD.findall(path.lower())])
