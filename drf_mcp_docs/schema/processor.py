"""Turns an OpenAPI 3 document into the immutable records the tools read.

Every reference to a component schema becomes a compact ``{"$ref": "Name"}`` leaf that
names ``ApiSchema.components[Name]`` (``api://schemas/Name``); consumers expand them on
demand (``ApiSchema.deref`` / ``ApiSchema.inline``), so a document is stored once, not
once per use.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from drf_mcp_docs.schema.digest import document_digest
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
from drf_mcp_docs.schema.refs import RefGraph, deref, pointed
from drf_mcp_docs.schema.resolver import Resolver
from drf_mcp_docs.schema.words import words

_JSON_TYPES = ("application/json", "application/vnd.api+json")


logger = logging.getLogger("drf_mcp_docs.schema")


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
    try:
        digest = document_digest(document)  # first: nothing below may have touched it
    except (ValueError, RecursionError):  # a reference cycle: no digest, no history
        digest = ""
    resolver = Resolver(document.get("components", {}), document)
    auth = _auth_schemes(document.get("components", {}).get("securitySchemes", {}))
    excluded = tuple(exclude_paths)
    global_security = document.get("security")
    schemas = {name: resolver.resolve(raw) for name, raw in sorted(resolver.raw.items())}
    endpoints: list[Endpoint] = []
    usage: dict[str, list[str]] = {}
    refs = RefGraph(resolver.components)
    paths = document.get("paths", {})
    for path, item in paths.items():
        if path_prefix and not path.startswith(path_prefix):
            continue
        if any(path.startswith(prefix) for prefix in excluded):
            continue
        if isinstance(item, dict) and isinstance(item.get("$ref"), str):
            # OpenAPI 3.1's components/pathItems (a local one; its own keys beside win)
            target = pointed(document, item["$ref"])
            siblings = {k: v for k, v in item.items() if k != "$ref"}
            item = {**target, **siblings} if isinstance(target, dict) else siblings
        if not isinstance(item, dict):
            continue
        shared_params = item.get("parameters", [])
        if not isinstance(shared_params, list):
            shared_params = []
        for method_name, operation in item.items():
            method = method_name.upper()
            if method not in HTTP_METHODS or not isinstance(operation, dict):
                continue
            endpoint = _endpoint(
                method, path, operation, shared_params, resolver, global_security, schemas
            )
            endpoints.append(endpoint)
            key = endpoint.key
            for name in refs.used_by([shared_params, operation]):
                usage.setdefault(name, []).append(key)
    outside = sum(1 for p in paths if path_prefix and not str(p).startswith(path_prefix))
    if outside:
        # The system check (W010) reads static documents; generated ones are seen here.
        log = logger.warning if not endpoints else logger.info
        log(
            "SCHEMA_PATH_PREFIX %r hides %d of the %d paths of the OpenAPI document "
            "(drf_mcp_docs.W010); set it to the prefix your paths share, or '' for all",
            path_prefix,
            outside,
            len(paths),
        )
    info = document.get("info", {})
    if not isinstance(info, dict):
        info = {}
    servers = document.get("servers") or []
    components = {
        name: Component(
            name=name,
            description=str(raw.get("description", "")) if isinstance(raw, dict) else "",
            schema=schemas[name],
            used_by=tuple(dict.fromkeys(usage.get(name, ()))),
        )
        for name, raw in sorted(resolver.raw.items())
    }
    return ApiSchema(
        title=str(info.get("title", "API")),
        version=str(info.get("version", "")),
        description=str(info.get("description", "")),
        base_url=_server_url(servers),
        endpoints=tuple(endpoints),
        components=components,
        auth_schemes=auth,
        openapi_version=version,
        paths_outside=outside,
        digest=digest,
        **_versioning(document),
    )


def _versioning(document: dict[str, Any]) -> dict[str, Any]:
    """The API version a document was generated for and how its versioned operations
    receive it (the ``x-drf-mcp-docs`` extension of ``versions.py``), if any."""
    extension = document.get("x-drf-mcp-docs")
    if not isinstance(extension, dict) or not isinstance(extension.get("version"), str):
        return {}
    styles = extension.get("operations")
    styles = {str(k): str(v) for k, v in styles.items()} if isinstance(styles, dict) else {}
    return {"api_version": extension["version"], "version_styles": styles}


def _endpoint(
    method: str,
    path: str,
    operation: dict[str, Any],
    shared_params: list[Any],
    resolver: Resolver,
    global_security: Any,
    schemas: dict[str, Any],
) -> Endpoint:
    params: dict[tuple[str, str], Parameter] = {}
    own = operation.get("parameters", [])
    for raw in [*shared_params, *(own if isinstance(own, list) else [])]:
        raw = resolver.resolve(raw)
        if not isinstance(raw, dict) or "name" not in raw:
            continue
        location = str(raw.get("in", "query"))
        params[(raw["name"], location)] = Parameter(
            name=str(raw["name"]),
            location=location,
            required=bool(raw.get("required", location == "path")),
            schema=raw.get("schema") or _content_schema(raw.get("content")),
            description=str(raw.get("description", "")),
            style=str(raw.get("style") or ""),
            explode=raw["explode"] if isinstance(raw.get("explode"), bool) else None,
            multi_segment=raw.get("x-multi-segment") is True,
        )
    raw_responses = operation.get("responses") or {}
    responses = tuple(
        _response(str(status), raw, resolver)
        for status, raw in (raw_responses.items() if isinstance(raw_responses, dict) else ())
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
        pagination=_pagination(parameters, responses, schemas),
    )


def _content_schema(content: Any) -> dict[str, Any]:
    """The schema of a parameter given by ``content`` rather than ``schema`` (its one media
    type's; telnyx's, Stream's path ids), else {}."""
    media = next(iter(content.values()), None) if isinstance(content, dict) else None
    schema = media.get("schema") if isinstance(media, dict) else None
    return schema if isinstance(schema, dict) else {}


def _request_body(raw: Any, resolver: Resolver) -> RequestBody | None:
    raw = resolver.resolve(raw)
    if not isinstance(raw, dict):
        return None
    content = raw.get("content") or {}
    if not content or not isinstance(content, dict):
        return None
    content_type, media, schema = _chosen(content)
    return RequestBody(
        content_type=content_type,
        schema=schema or {},
        required=bool(raw.get("required", False)),
        content_types=tuple(content),
        encoding=_encoding(media.get("encoding") if isinstance(media, dict) else None),
        examples=_media_examples(media, resolver),
    )


def _chosen(content: dict[str, Any]) -> tuple[str, Any, Any]:
    """The media type read of a ``content`` map, its media object and its schema: a JSON
    one, else the first. When that one has no schema but another has (a converted Swagger
    2 document's ``application/json`` holding only examples beside ``*/*`` holding the
    schema: Zuora's 615 responses, OSF's 100), the schema is that one's: borrowed when it
    is ``*/*`` or JSON too (the examples kept), else its media type is the one read."""
    content_type = next((t for t in _JSON_TYPES if t in content), next(iter(content)))
    media = content[content_type]
    schema = media.get("schema") if isinstance(media, dict) else None
    if schema:
        return content_type, media, schema
    others = [
        t
        for t, m in content.items()
        if isinstance(m, dict) and m.get("schema") and t != content_type
    ]
    alike = [t for t in others if t == "*/*" or "json" in t]
    if alike and "json" in content_type:
        return content_type, media, content[alike[0]]["schema"]
    if others:
        return others[0], content[others[0]], content[others[0]]["schema"]
    return content_type, media, schema


def _encoding(raw: Any) -> tuple[tuple[str, str], ...]:
    """(property, style) of a form body's properties whose ``encoding`` names a style."""
    if not isinstance(raw, dict):
        return ()
    return tuple(
        (str(name), str(spec["style"]))
        for name, spec in raw.items()
        if isinstance(spec, dict) and isinstance(spec.get("style"), str)
    )


def _media_examples(media: Any, resolver: Resolver) -> tuple[Any, ...]:
    """A media type's ``example`` and ``examples[*].value`` (``$ref`` to an Example followed)."""
    if not isinstance(media, dict):
        return ()
    found = [media["example"]] if "example" in media else []
    named = media.get("examples")
    for item in named.values() if isinstance(named, dict) else ():
        ref = item.get("$ref") if isinstance(item, dict) else None
        if isinstance(ref, str):  # a shared Example, or one of another operation's
            item = pointed(resolver.document, ref)
        if isinstance(item, dict) and "value" in item:
            found.append(item["value"])
    return tuple(found)


def _response(status: str, raw: dict[str, Any], resolver: Resolver) -> Response:
    raw = resolver.resolve(raw)
    if not isinstance(raw, dict):
        raw = {}
    content = raw.get("content") or {}
    if not isinstance(content, dict):
        content = {}
    content_type, media, schema = _chosen(content) if content else (None, None, None)
    return Response(
        status=status,
        description=str(raw.get("description", "")).strip(),
        content_type=content_type,
        schema=schema,
        examples=_media_examples(media, resolver),
    )


def _pagination(
    params: tuple[Parameter, ...], responses: tuple[Response, ...], schemas: dict[str, Any]
) -> Pagination | None:
    ok = next((r for r in responses if r.status.startswith("2")), None)
    schema = deref(ok.schema, schemas) if ok else None
    props = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(props, dict) or "results" not in props or "next" not in props:
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


def _server_url(servers: Any) -> str:
    """The first server's URL, its ``{variables}`` replaced by their defaults ("" if none)."""
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return ""
    url, variables = str(servers[0].get("url") or ""), servers[0].get("variables")
    for name, spec in (variables if isinstance(variables, dict) else {}).items():
        if isinstance(spec, dict) and spec.get("default") is not None:
            url = url.replace("{" + str(name) + "}", str(spec["default"]))
    return url


def _operation_id(method: str, path: str) -> str:
    return "_".join([method.lower(), *words(path)])
