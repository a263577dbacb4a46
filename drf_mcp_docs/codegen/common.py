"""Shared pieces of snippet generation: the call plan with its URL, auth, body and response."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from typing import Any

from drf_mcp_docs.codegen.auth import Auth, choose_auth
from drf_mcp_docs.codegen.baseurl import resolve_base_url
from drf_mcp_docs.codegen.refs import (
    all_of_parts,
    deref,
    expand,
    merged_object,
    without_booleans,
)
from drf_mcp_docs.codegen.syntax import FileValue
from drf_mcp_docs.schema.examples import build_example
from drf_mcp_docs.schema.records import (
    ApiSchema,
    Endpoint,
    JsonSchema,
    Pagination,
    Parameter,
)

logger = logging.getLogger(__name__)
BODYLESS_METHODS = frozenset({"GET", "HEAD"})  # fetch cannot send a body with these
#: Characters of a body example printed in a snippet, about; larger ones keep required fields.
MAX_EXAMPLE_CHARS = 2500
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
    pagination = endpoint.pagination if endpoint.method == "GET" else None
    item_schema = None
    if pagination and response_kind == "json":
        props = _mapping(_mapping(deref(api, response_schema)).get("properties"))
        items = _mapping(deref(api, props.get(pagination.results_key))).get("items")
        item_schema = _mapping(items)
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
        body_example=_body_example(api, body_schema or {}, kind, body.schema) if body else None,
        form_deep=tuple(k for k, style in encoding.items() if style == "deepObject"),
        response_kind=response_kind,
        response_schema=response_schema,
        pagination=pagination,
        item_schema=item_schema,
    )


def _resolved(api: ApiSchema, param: Parameter) -> Parameter:
    """``param`` with ``$ref`` leaves of its schema resolved."""
    schema = _mapping(expand(api, param.schema, 2))
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


def _body_example(api: ApiSchema, schema: JsonSchema, kind: str | None, original: Any) -> Any:
    """The example body; optional fields that the processor left as ``$ref`` are dropped."""
    example = _prune(safe_example(schema), original or schema)
    example = _conform(_bounded(example, schema), schema, 0, api)
    if kind in ("json", "multipart", "form") and example is None:
        return {}
    if kind == "multipart" and isinstance(example, dict):
        props = _mapping(_mapping(schema).get("properties"))
        return {k: _file_value(k, v) if _is_binary(props.get(k)) else v for k, v in example.items()}
    if kind == "raw" and not isinstance(example, str):
        return json.dumps(example)
    return example


def _file_value(key: str, value: Any) -> Any:
    return [FileValue(key)] if isinstance(value, list) else FileValue(key)


def _names(value: Any) -> set[str]:
    """The names of a ``required`` list (anything else: none)."""
    return {str(v) for v in value} if isinstance(value, list) else set()


def _mapping(value: Any) -> dict[str, Any]:
    """``value`` if it is a dict (a schema, a properties map), else {} (3.1 booleans...)."""
    return value if isinstance(value, dict) else {}


def _prune(example: Any, schema: Any) -> Any:
    """Drop optional fields cut at a ``$ref`` (their ``{}`` example would not validate)."""
    schema = _mapping(schema)
    if isinstance(example, list):
        return [_prune(item, schema.get("items")) for item in example]
    props = _mapping(schema.get("properties"))
    if not isinstance(example, dict) or not props:
        return example
    required = _names(schema.get("required"))
    return {
        key: _prune(value, props.get(key))
        for key, value in example.items()
        if key in required or "$ref" not in _mapping(props.get(key))
    }


def _bounded(example: Any, schema: JsonSchema) -> Any:
    """``example``, or only its required fields (recursively) when it is too large to print."""
    if len(json.dumps(example, default=str)) <= MAX_EXAMPLE_CHARS:
        return example
    return _required_only(example, schema, 0)


def _required_only(example: Any, schema: Any, depth: int) -> Any:
    schema = schema if isinstance(schema, dict) else {}
    if isinstance(example, list):
        return [_required_only(item, schema.get("items"), depth + 1) for item in example[:1]]
    if not isinstance(example, dict):
        return example
    if depth > 4:
        return {}
    props = _mapping(schema.get("properties"))
    required = _names(schema.get("required"))
    return {
        key: _required_only(value, props.get(key), depth + 1)
        for key, value in example.items()
        if key in required
    }


def _conform(example: Any, schema: Any, depth: int, api: ApiSchema | None = None) -> Any:
    """``example`` made to agree with the schema's ``const``, ``enum`` and ``type`` (a
    vendor's example or the generator may not), so typed snippets compile."""
    schema = _mapping(schema)
    if "allOf" in schema and depth <= 8:
        parts = all_of_parts(api, schema) if api is not None else []
        schema = merged_object(parts) or (parts[0] if len(parts) == 1 else schema)
        schema = _mapping(schema)
    for key in ("oneOf", "anyOf"):
        options = [_mapping(deref(api, o) if api else o) for o in schema.get(key) or ()]
        if options and depth <= 8 and "properties" not in schema:
            chosen = next((o for o in options if _fits_shallow(example, o)), options[0])
            return _conform(example, chosen, depth + 1, api)
    if "const" in schema:
        return schema["const"]
    enum = schema.get("enum")
    if isinstance(enum, list) and enum and example not in enum:
        return next((v for v in enum if v is not None), enum[0])
    declared = schema.get("type")
    kinds = [declared] if isinstance(declared, str) else declared
    kinds = [k for k in kinds if isinstance(k, str)] if isinstance(kinds, list) else []
    if schema.get("nullable"):
        kinds.append("null")
    if kinds and not any(_fits(example, kind) for kind in kinds):
        example = _DEFAULTS.get(kinds[0], example)
        example = example.copy() if isinstance(example, (list, dict)) else example
    if depth > 8:
        return example
    if isinstance(example, list):
        return [_conform(item, schema.get("items"), depth + 1, api) for item in example]
    props = _mapping(schema.get("properties"))
    if isinstance(example, dict) and props:
        return {k: _conform(v, props.get(k), depth + 1, api) for k, v in example.items()}
    return example


_DEFAULTS: dict[str, Any] = {
    "string": "string",
    "integer": 0,
    "number": 0,
    "boolean": False,
    "array": [],
    "object": {},
    "null": None,
}


def _fits_shallow(value: Any, schema: dict[str, Any]) -> bool:
    """Whether ``value`` matches ``schema``'s const, enum and type (not looking deeper)."""
    if "const" in schema:
        return bool(value == schema["const"])
    enum = schema.get("enum")
    if isinstance(enum, list) and value not in enum:
        return False
    declared = schema.get("type")
    kinds = [declared] if isinstance(declared, str) else declared
    if not isinstance(kinds, list) or not kinds:
        return not (schema.keys() & {"oneOf", "anyOf"}) or value is not None
    return any(_fits(value, str(k)) for k in kinds) or (
        value is None and bool(schema.get("nullable"))
    )


def _fits(value: Any, kind: str) -> bool:
    """Whether ``value`` is of JSON type ``kind``."""
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    types = {"string": str, "boolean": bool, "array": list, "object": dict}
    return value is None if kind == "null" else isinstance(value, types.get(kind, object))


def _has_file(value: Any) -> bool:
    if isinstance(value, list):
        return any(isinstance(v, FileValue) for v in value)
    return isinstance(value, FileValue)


def _is_binary(schema: Any) -> bool:
    schema = _mapping(schema)
    if schema.get("type") == "array":
        return _is_binary(schema.get("items"))
    return bool(schema.get("format") == "binary")


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
    value = _conform(safe_example(param.schema, param.name), param.schema, 0)
    return "value" if value is None else value


def safe_example(schema: Any, name: str = "") -> Any:
    """An example for ``schema``; a failure of the generator is logged, not raised."""
    try:
        return build_example(schema, for_request=True, name=name)
    except Exception:  # the generator must not take the snippet down with it
        logger.warning("example generation failed; retrying without boolean schemas", exc_info=True)
    try:
        return build_example(without_booleans(schema), for_request=True, name=name)
    except Exception:
        logger.exception("example generation failed for a snippet")
        return None


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
