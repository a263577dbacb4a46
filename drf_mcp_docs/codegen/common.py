"""Shared pieces of snippet generation: the call plan with its URL, auth, body and response."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any

from drf_mcp_docs.codegen.auth import Auth, choose_auth
from drf_mcp_docs.codegen.baseurl import resolve_base_url
from drf_mcp_docs.codegen.expand import expand, expand_ref
from drf_mcp_docs.codegen.syntax import FileValue
from drf_mcp_docs.codegen.values import body_example, example_value, mapping
from drf_mcp_docs.schema.records import (
    ApiSchema,
    Endpoint,
    JsonSchema,
    Pagination,
    Parameter,
)

BODYLESS_METHODS = frozenset({"GET", "HEAD"})  # fetch cannot send a body with these
_PATH_PARAM = re.compile(r"\{([^{}/]+)\}")


@dataclass(frozen=True)
class Query:
    """A required query parameter and how its value is encoded (OpenAPI ``style``)."""

    param: Parameter
    shape: str  # scalar, boolean, array or object
    style: str  # form, deepObject, spaceDelimited, pipeDelimited
    explode: bool

    @property
    def name(self) -> str:
        return self.param.name

    @property
    def separator(self) -> str:
        """How a non-exploded array's items are joined."""
        return {"spaceDelimited": " ", "pipeDelimited": "|"}.get(self.style, ",")


#: Most optional query parameter names a snippet's comment lists (the rest are counted).
OPTIONAL_NAMES = 20


@dataclass(frozen=True)
class Plan:
    """Everything a language module needs to write one call, derived once from an endpoint."""

    method: str
    path: str
    name: str
    base_url: str
    base_note: str
    path_params: tuple[Parameter, ...]
    query: tuple[Query, ...]
    optional_query: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]
    auth: Auth | None
    auth_note: str
    body_kind: str | None
    body_note: str
    content_type: str | None
    body_schema: JsonSchema | None
    body_example: Any
    form_deep: tuple[str, ...]
    response_kind: str | None
    response_schema: JsonSchema | None
    pagination: Pagination | None
    item_schema: JsonSchema | None
    #: Documented 2xx statuses without a body (204, or a success with no content) beside
    #: the JSON success the snippet reads: the snippet returns nothing for those.
    bodiless: tuple[int, ...] = ()

    @property
    def optional_names(self) -> str:
        """The optional query parameters as a comment lists them: all of them when there are
        few; else at most :data:`OPTIONAL_NAMES`, django-filter lookups (``name__ic`` beside
        ``name``) left out, and how many there are in all."""
        names = self.optional_query
        if len(names) <= OPTIONAL_NAMES:
            return ", ".join(names)
        bases = set(names)
        plain = [n for n in names if n.rpartition("__")[0] not in bases]
        said = ", ".join(plain[:OPTIONAL_NAMES])
        lookups = " and their lookups (name__ic...)" if len(plain) < len(names) else ""
        return f"{said}, ...{lookups}: {len(names)} in all, in the endpoint's documented parameters"

    @property
    def required_query(self) -> tuple[Parameter, ...]:
        return tuple(q.param for q in self.query)

    @property
    def file_fields(self) -> tuple[str, ...]:
        """Names of the multipart body's file parts."""
        example = self.body_example if isinstance(self.body_example, dict) else {}
        return tuple(k for k, v in example.items() if _has_file(v))

    @property
    def structured_query(self) -> bool:
        """Whether some query value needs more than ``String(value)`` to be encoded."""
        return any(q.shape in ("array", "object") for q in self.query)

    @property
    def structured_body(self) -> bool:
        """Whether the form body holds lists, objects or booleans (encoded field by field)."""
        example = self.body_example
        if self.body_kind not in ("form", "multipart") or not isinstance(example, dict):
            return False
        return any(isinstance(v, (dict, list, bool)) for v in example.values())


def make_plan(api: ApiSchema, endpoint: Endpoint, base: tuple[str, str] | None = None) -> Plan:
    """Derive the language-neutral plan of one call to ``endpoint``.

    ``base`` is the (base URL, note) to call; default: the schema's servers, else localhost.
    """
    declared = {p.name: p for p in endpoint.parameters if p.location == "path"}
    path_params = tuple(
        _resolved(api, declared.get(n) or Parameter(n, "path", True, {"type": "string"}))
        for n in dict.fromkeys(_PATH_PARAM.findall(endpoint.path))
    )
    paging = set(endpoint.pagination.params) if endpoint.pagination else set()
    query = [_resolved(api, p) for p in endpoint.parameters if p.location == "query"]
    auth, note = choose_auth(api, endpoint)
    taken = {auth.name.lower()} if auth and auth.kind in ("header", "basic") else set()
    if auth and auth.kind == "cookie":
        taken.add("cookie")
    headers = tuple(
        (p.name, query_value(example_value(_resolved(api, p))))
        for p in endpoint.parameters
        if p.location == "header" and p.required and p.name.lower() not in taken
    )
    body = endpoint.request_body
    body_note = ""
    if body is not None and endpoint.method in BODYLESS_METHODS:
        body_note = f"The API documents a {endpoint.method} body, which fetch cannot send"
        body = None
    kind = body_kind(body.content_type) if body else None
    body_schema = expand(api, body.schema) if body else None
    response_kind, response_schema = _response(endpoint)
    bodiless = _bodiless(endpoint) if response_kind == "json" else ()
    pagination = endpoint.pagination if endpoint.method == "GET" else None
    item_schema = None
    if pagination and response_kind == "json":
        props = mapping(mapping(expand_ref(api, response_schema)).get("properties"))
        items = mapping(expand_ref(api, props.get(pagination.results_key))).get("items")
        item_schema = mapping(items)
    else:
        pagination = None
    base = base or resolve_base_url(api.base_url)
    auth_query = auth.name if auth and auth.kind == "query" else None
    encoding = dict(getattr(body, "encoding", ()) or ()) if body else {}
    return Plan(
        method=endpoint.method,
        path=endpoint.path,
        name=endpoint.operation_id or f"{endpoint.method} {endpoint.path}",
        base_url=base[0],
        base_note=base[1],
        path_params=path_params,
        query=tuple(_query(p) for p in query if p.required and p.name != auth_query),
        optional_query=tuple(
            p.name
            for p in query
            if not p.required and p.name not in paging and p.name != auth_query
        ),
        headers=headers,
        auth=auth,
        auth_note=note,
        body_kind=kind,
        body_note=body_note,
        content_type=body.content_type if body else None,
        body_schema=body.schema if body else None,
        body_example=body_example(api, body_schema or {}, kind, body.schema) if body else None,
        form_deep=tuple(k for k, style in encoding.items() if style == "deepObject"),
        response_kind=response_kind,
        response_schema=response_schema,
        pagination=pagination,
        item_schema=item_schema,
        bodiless=() if pagination else bodiless,
    )


def _resolved(api: ApiSchema, param: Parameter) -> Parameter:
    """``param`` with ``$ref`` leaves of its schema resolved."""
    schema = mapping(expand(api, param.schema, 2))
    return param if schema is param.schema else replace(param, schema=schema)


def _query(param: Parameter) -> Query:
    schema = param.schema if isinstance(param.schema, dict) else {}
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    if "array" in kinds or "items" in schema:
        shape = "array"
    elif "object" in kinds or "properties" in schema or "additionalProperties" in schema:
        shape = "object"
    elif kinds and all(k in ("boolean", "null") for k in kinds):
        shape = "boolean"
    else:
        shape = "scalar"
    style = getattr(param, "style", "") or "form"
    explode = getattr(param, "explode", None)
    return Query(param, shape, style, style == "form" if explode is None else explode)


def split_path(path: str) -> list[tuple[str, bool]]:
    """The path as (text, is_parameter) pieces: "/a/{id}/" -> [("/a/", False), ("id", True)]."""
    pieces: list[tuple[str, bool]] = []
    for index, piece in enumerate(_PATH_PARAM.split(path)):
        if piece:
            pieces.append((piece, index % 2 == 1))
    return pieces


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


def _has_file(value: Any) -> bool:
    if isinstance(value, list):
        return any(isinstance(v, FileValue) for v in value)
    return isinstance(value, FileValue)


def keeps_slashes(param: Parameter) -> bool:
    """Whether a path parameter's value goes out with its ``/`` (multi-segment): each
    segment is percent-encoded, the slashes between them are not."""
    return param.keeps_slashes


def _bodiless(endpoint: Endpoint) -> tuple[int, ...]:
    """The 2xx statuses documented without a body (204, or no content at all)."""
    found = []
    for response in endpoint.responses:
        status = response.status
        if not (status.isdigit() and status.startswith("2")):
            continue
        if status == "204" or (response.schema is None and not response.content_type):
            found.append(int(status))
    return tuple(found)


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


def form_pairs(key: str, value: Any, deep: bool = False) -> list[tuple[str, str]]:
    """``value`` as form fields: ``a[b]=1`` inside objects, ``a[0]=x`` inside deep (bracket)
    structures, repeated keys for top-level lists, ``true``/``false`` for booleans."""
    if value is None or isinstance(value, FileValue):
        return []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in form_pairs(f"{key}[{k}]", v, True)]
    if isinstance(value, list):
        return [
            pair
            for index, item in enumerate(value)
            for pair in form_pairs(
                f"{key}[{index}]" if deep or isinstance(item, (dict, list)) else key, item, deep
            )
        ]
    return [(key, query_value(value))]


def query_value(value: Any) -> str:
    """A value as it appears in a query string or header."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(query_value(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":"))
    return str(value)
