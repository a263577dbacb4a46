"""Shared pieces of snippet generation: the call plan with its URL, auth, body and response."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from drf_mcp_docs.codegen.syntax import FileValue
from drf_mcp_docs.schema.examples import build_example
from drf_mcp_docs.schema.records import (
    ApiSchema,
    AuthScheme,
    Endpoint,
    JsonSchema,
    Pagination,
    Parameter,
)

DEFAULT_BASE_URL = "http://localhost:8000"
TOKEN_VAR = "API_TOKEN"
BODYLESS_METHODS = frozenset({"GET", "DELETE", "HEAD", "OPTIONS", "TRACE"})
_PATH_PARAM = re.compile(r"\{([^{}/]+)\}")
_PLACEHOLDER = re.compile(r"<[^<>]*>|\{[^{}]*\}")


@dataclass(frozen=True)
class Plan:
    """Everything a language module needs to write one call, derived once from an endpoint."""

    method: str
    path: str
    name: str
    base_url: str
    path_params: tuple[Parameter, ...]
    required_query: tuple[Parameter, ...]
    optional_query: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]
    auth: AuthScheme | None
    auth_note: str
    body_kind: str | None
    content_type: str | None
    body_schema: JsonSchema | None
    body_example: Any
    response_kind: str | None
    response_schema: JsonSchema | None
    pagination: Pagination | None
    item_schema: JsonSchema | None

    @property
    def file_fields(self) -> tuple[str, ...]:
        """Names of the multipart body's file parts."""
        example = self.body_example if isinstance(self.body_example, dict) else {}
        return tuple(k for k, v in example.items() if isinstance(v, FileValue))


def make_plan(api: ApiSchema, endpoint: Endpoint) -> Plan:
    """Derive the language-neutral plan of one call to ``endpoint``."""
    declared = {p.name: p for p in endpoint.parameters if p.location == "path"}
    path_params = tuple(
        declared.get(n) or Parameter(n, "path", True, {"type": "string"})
        for n in dict.fromkeys(_PATH_PARAM.findall(endpoint.path))
    )
    paging = set(endpoint.pagination.params) if endpoint.pagination else set()
    query = [p for p in endpoint.parameters if p.location == "query"]
    auth, note = choose_auth(api, endpoint)
    header_names = {auth.param_name.lower()} if auth and auth.param_name else set()
    headers = tuple(
        (p.name, query_value(example_value(p)))
        for p in endpoint.parameters
        if p.location == "header" and p.required and p.name.lower() not in header_names
    )
    body = endpoint.request_body if endpoint.method not in BODYLESS_METHODS else None
    kind = body_kind(body.content_type) if body else None
    response_kind, response_schema = _response(endpoint)
    pagination = endpoint.pagination if endpoint.method == "GET" else None
    item_schema = None
    if pagination and response_kind == "json":
        props = (response_schema or {}).get("properties") or {}
        item_schema = (props.get(pagination.results_key) or {}).get("items") or {}
    else:
        pagination = None
    return Plan(
        method=endpoint.method,
        path=endpoint.path,
        name=endpoint.operation_id or f"{endpoint.method} {endpoint.path}",
        base_url=base_url(api),
        path_params=path_params,
        required_query=tuple(p for p in query if p.required),
        optional_query=tuple(p.name for p in query if not p.required and p.name not in paging),
        headers=headers,
        auth=auth,
        auth_note=note,
        body_kind=kind,
        content_type=body.content_type if body else None,
        body_schema=body.schema if body else None,
        body_example=_body_example(body.schema, kind) if body else None,
        response_kind=response_kind,
        response_schema=response_schema,
        pagination=pagination,
        item_schema=item_schema,
    )


def base_url(api: ApiSchema) -> str:
    """The API's base URL without a trailing slash; relative or empty ones get localhost."""
    url = (api.base_url or "").strip().rstrip("/")
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        url = DEFAULT_BASE_URL + ("/" + url.lstrip("/") if url else "")
    return url


def split_path(path: str) -> list[tuple[str, bool]]:
    """The path as (text, is_parameter) pieces: "/a/{id}/" -> [("/a/", False), ("id", True)]."""
    pieces: list[tuple[str, bool]] = []
    for index, piece in enumerate(_PATH_PARAM.split(path)):
        if piece:
            pieces.append((piece, index % 2 == 1))
    return pieces


def choose_auth(api: ApiSchema, endpoint: Endpoint) -> tuple[AuthScheme | None, str]:
    """The first sendable scheme of the endpoint, else a note on the auth it needs (or "")."""
    schemes = [api.auth_schemes[n] for n in endpoint.security if n in api.auth_schemes]
    for scheme in schemes:
        if scheme.sendable:
            return scheme, ""
    if not schemes:
        return None, ""
    scheme = schemes[0]
    where = f"{scheme.location} {scheme.param_name!r}" if scheme.param_name else scheme.type
    return None, f"Auth: {scheme.name} ({where}) must be sent by the caller"


def auth_parts(scheme: AuthScheme) -> tuple[str, str]:
    """The literal text around the credential in the header value: ("Token ", "")."""
    template = scheme.value_template or ""
    match = _PLACEHOLDER.search(template)
    if match:
        return template[: match.start()], template[match.end() :]
    return (template.rstrip() + " " if template.strip() else ""), ""


def body_kind(content_type: str) -> str:
    """How a body is encoded: json, multipart, form or raw."""
    media = content_type.split(";")[0].strip().lower()
    if "json" in media:
        return "json"
    if media.startswith("multipart/"):
        return "multipart"
    if media == "application/x-www-form-urlencoded":
        return "form"
    return "raw"


def _body_example(schema: JsonSchema, kind: str | None) -> Any:
    example = _prune(build_example(schema, for_request=True), schema)
    if kind in ("json", "multipart", "form") and example is None:
        return {}
    if kind == "multipart" and isinstance(example, dict):
        props = schema.get("properties") or {}
        return {
            k: FileValue(k) if _is_binary(props.get(k) or {}) else v for k, v in example.items()
        }
    if kind == "raw" and not isinstance(example, str):
        return json.dumps(example)
    return example


def _prune(example: Any, schema: JsonSchema) -> Any:
    """Drop optional fields cut at a ``$ref`` (their ``{}`` example would not validate)."""
    if isinstance(example, list):
        return [_prune(item, schema.get("items") or {}) for item in example]
    if not isinstance(example, dict) or "properties" not in schema:
        return example
    props, required = schema["properties"], set(schema.get("required") or ())
    return {
        key: _prune(value, props.get(key) or {})
        for key, value in example.items()
        if key in required or "$ref" not in (props.get(key) or {})
    }


def _is_binary(schema: JsonSchema) -> bool:
    if schema.get("type") == "array":
        return _is_binary(schema.get("items") or {})
    return schema.get("format") == "binary"


def _response(endpoint: Endpoint) -> tuple[str | None, JsonSchema | None]:
    response = endpoint.success_response()
    if response is None or response.status == "204" or endpoint.method == "HEAD":
        return None, None
    if response.schema is None and not response.content_type:
        return None, None
    media = (response.content_type or "application/json").lower()
    if "json" in media:
        return "json", response.schema
    return ("text" if media.startswith("text/") else "binary"), None


def example_value(param: Parameter) -> Any:
    """An example value for a parameter (never None)."""
    value = build_example(param.schema, for_request=True, name=param.name)
    return "value" if value is None else value


def query_value(value: Any) -> str:
    """A value as it appears in a query string or header."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(query_value(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":"))
    return str(value)
