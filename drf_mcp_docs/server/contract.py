"""The default endpoint answer: what it takes to send the request and read its success.

Method, path, summary and description; every parameter with its type, required flag,
default, enum, description and encoding; the request body (content type, fields with
types, required flags, enums and descriptions; large shared objects by component name);
the auth to send; the success status with a compact shape of its body. Everything else
(the full response schemas, the error responses) is left out, and ``more`` names the
exact argument that returns each part left out or shortened.
"""

from __future__ import annotations

import re
from typing import Any

import drf_mcp_docs.server.compact as compact
import drf_mcp_docs.server.families as families
import drf_mcp_docs.server.fold as fold
import drf_mcp_docs.server.notation as notation
from drf_mcp_docs.schema.records import ApiSchema, Endpoint, Parameter
from drf_mcp_docs.server.fold import Folder, Level
from drf_mcp_docs.server.pages import field_arg

#: Foldings of the default answer, generous to tight. Descriptions of the operation and
#: of parameters get more room than those of body fields (``OPERATION_TEXT`` and
#: ``PARAMETER_TEXT`` times the level's length).
LEVELS = (
    Level(refs=1, nesting=2, description=200, examples=False, defaults=True),
    Level(refs=1, nesting=2, description=160, examples=False, defaults=True),
    Level(refs=0, nesting=2, description=100, examples=False, defaults=True),
    Level(refs=0, nesting=1, description=60, examples=False),
    Level(refs=0, nesting=1, description=0, examples=False),
)
#: The default answer's budget: a large body is folded tighter, its parts named in ``more``.
BUDGET = 10 * 1024
OPERATION_TEXT = 3.0
PARAMETER_TEXT = 2.0
#: An optional parameter's description gets a body field's room: an agent reads it whole
#: (``field="parameters.<name>"``, named in ``more``) when it means to send it.
OPTIONAL_TEXT = 1.0
#: Most enum values a parameter lists in the default answer (all: ``parameters.<name>``):
#: the same as a body field's (``compact.ENUM_LIMIT``).
ENUM_LIMIT = compact.ENUM_LIMIT
#: Largest compact shape of the success body, in bytes of JSON.
SHAPE_BUDGET = 1000
#: Most enum values a shape's leaf lists, and the keys a leaf shows.
SHAPE_ENUM = 8
_LEAF_SHAPE = ("type", "format", "enum", "const", "nullable", "x-nullable", "additionalProperties")
_JSON = (None, "application/json")
#: Keys of a parameter schema simple enough to show flat (``type``, ``enum``...).
_FLAT = frozenset(
    {
        "type",
        "format",
        "enum",
        "default",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "pattern",
        "nullable",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "description",
        "title",
        "example",
        "examples",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "deprecated",
    }
)
_SHOWN = (
    "type",
    "format",
    "enum",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "nullable",
    "minItems",
    "maxItems",
    "uniqueItems",
)
_SLASHED = ("a/b", "docs/guide/intro.md", "1/2")


def contract(endpoint: Endpoint, api: ApiSchema) -> dict[str, Any]:
    """The default answer for ``endpoint``, folded to fit (see the module's docstring)."""
    return fold.fit(
        api, lambda folder: _contract(endpoint, api, folder), BUDGET, levels=LEVELS, notes=False
    )


def slashes_kept(param: Parameter) -> bool:
    """Whether a path parameter's value keeps its slashes (``x-multi-segment`` or a pattern
    anchored at both ends that admits ``/``, as a DRF ``path`` converter's does)."""
    if param.multi_segment:
        return True
    pattern = param.schema.get("pattern") if isinstance(param.schema, dict) else None
    if not isinstance(pattern, str) or not (pattern.startswith("^") and pattern.endswith("$")):
        return False
    try:
        regex = re.compile(pattern)
    except re.error:
        return False
    return any(regex.search(sample) for sample in _SLASHED)


def encoding(param: Parameter, schema: Any) -> dict[str, Any]:
    """How the value goes on the wire: style/explode (defaults filled in for arrays and
    objects) and, for a path parameter, whether its slashes stay."""
    out: dict[str, Any] = {}
    kind = schema.get("type") if isinstance(schema, dict) else None
    structured = kind in ("array", "object")
    if param.location == "path" and kind not in ("integer", "number", "boolean"):
        out["slashes"] = "keep" if slashes_kept(param) else "encode as %2F"
    if param.style or (structured and param.location in ("query", "cookie")):
        style = param.style or ("form" if param.location in ("query", "cookie") else "simple")
        out["style"] = style
        out["explode"] = param.explode if param.explode is not None else style == "form"
    elif param.explode is not None:
        out["explode"] = param.explode
    return out


def flat_type(
    api: ApiSchema, schema: Any, enum_limit: int | None = ENUM_LIMIT
) -> dict[str, Any] | None:
    """A simple schema as flat keys (``type``, ``format``, ``enum``, ``default``, ``items``),
    or None when it is not simple (variants, objects with fields, references to large
    schemas)."""
    schema = api.deref(schema)
    if not isinstance(schema, dict) or not {k for k in schema if not k.startswith("x-")} <= _FLAT:
        return None
    out = {k: schema[k] for k in _SHOWN if k in schema}
    if enum_limit is not None:
        out = notation.cut_enum(out, enum_limit)
    if "items" in schema:
        items = flat_type(api, schema["items"], enum_limit)
        if items is None:
            return None
        out["items"] = items
    return out


def parameters(
    api: ApiSchema, params: tuple[Parameter, ...] | list[Parameter], folder: Folder, whole: bool
) -> tuple[dict[str, Any], list[str], int]:
    """``params`` in type notation by location (``{"path": {...}, "query": {...}}``), filter
    families folded (``"filters"``); the names whose description or enum was shortened, and
    how many lookups were folded. ``whole``: no enum is cut (the ``field="parameters"``
    answer)."""
    by_place: dict[str, dict[str, Any]] = {}
    shortened: list[str] = []
    for param in params:
        shown, cut = parameter(api, param, folder, whole)
        by_place.setdefault(param.location, {})[param.name] = shown
        if cut:
            shortened.append(param.name)
    folded = 0
    query = by_place.get("query")
    if query:
        optional = {p.name for p in params if p.location == "query" and not p.required}
        kept, filters, folded = families.fold(query, optional)
        if filters:
            if kept:
                by_place["query"] = kept
            else:
                del by_place["query"]
            by_place["filters"] = filters
    return by_place, shortened, folded


def parameter(
    api: ApiSchema, param: Parameter, folder: Folder, whole: bool = False
) -> tuple[Any, bool]:
    """One parameter in type notation (required flag, encoding, description); True when
    its description or enum was shortened."""
    where = f"parameters.{param.name}"
    schema = api.deref(param.schema)
    flat = flat_type(api, param.schema, None if whole else ENUM_LIMIT)
    cut = False
    if flat is not None:
        items = flat.get("items")
        cut = "enumCount" in flat or (isinstance(items, dict) and "enumCount" in items)
        shown = notation.notation(flat)
    else:
        shown = notation.notation(folder.schema(param.schema, where=where))
    text = param.description or (schema.get("description", "") if isinstance(schema, dict) else "")
    description = ""
    if isinstance(text, str) and text:
        before = len(folder.cut_texts)
        scale = PARAMETER_TEXT if param.required else OPTIONAL_TEXT
        description = folder.text(text, where, scale=scale)
        cut = cut or len(folder.cut_texts) > before
    wire = encoding(param, schema)
    if _default_style(param, schema, wire):
        wire.pop("style", None)
        wire.pop("explode", None)
    flags = ["required"] if param.required and param.location != "path" else []
    flags += wire_words(wire)
    return notation.annotated(shown, flags, description), cut


def _default_style(param: Parameter, schema: Any, wire: dict[str, Any]) -> bool:
    """Whether ``wire``'s style/explode of a single value are what OpenAPI assumes for its
    location (``simple`` in a path or header, ``form`` in a query or cookie), so say nothing."""
    kind = schema.get("type") if isinstance(schema, dict) else None
    if kind in ("array", "object") or "style" not in wire:
        return False
    default = "form" if param.location in ("query", "cookie") else "simple"
    return bool(
        wire["style"] == default and wire.get("explode", default == "form") == (default == "form")
    )


def wire_words(wire: dict[str, Any]) -> list[str]:
    """:func:`encoding` said in a few words: ``slashes kept``, ``style=form explode=false``."""
    words = []
    if wire.get("slashes") == "keep":
        words.append("slashes kept")
    elif "slashes" in wire:
        words.append("encode / as %2F")
    if "style" in wire or "explode" in wire:
        said = [f"style={wire['style']}"] if "style" in wire else []
        if "explode" in wire:
            said.append(f"explode={'true' if wire['explode'] else 'false'}")
        words.append(" ".join(said))
    return words


def auth(endpoint: Endpoint, api: ApiSchema) -> list[str]:
    """How to send each accepted credential, one line each ([] for a public operation):
    ``header Authorization: Bearer <token> (bearerAuth)``."""
    sent = []
    for name in endpoint.security:
        scheme = api.auth_schemes.get(name)
        if scheme is None or not (scheme.location and scheme.param_name):
            sent.append(name)
            continue
        value = scheme.value_template or "<credential>"
        separator = ": " if scheme.location == "header" else "="
        sent.append(f"{scheme.location} {scheme.param_name}{separator}{value} ({name})")
    return sent


def _contract(endpoint: Endpoint, api: ApiSchema, folder: Folder) -> dict[str, Any]:
    more: dict[str, Any] = {}
    shortened: list[str] = []
    answer: dict[str, Any] = {"method": endpoint.method, "path": endpoint.path}
    if endpoint.operation_id:
        answer["operationId"] = endpoint.operation_id
    if endpoint.summary:
        answer["summary"] = endpoint.summary
    description = endpoint.description if endpoint.description != endpoint.summary else ""
    if description:
        answer["description"] = folder.text(description, "description", scale=OPERATION_TEXT)
        if "description" in folder.cut_texts:
            kept = max(len(answer["description"]) - 1, 0)
            more["description"] = (
                f"{field_arg('description')} ({kept:,} of {len(description):,} characters shown)"
            )
    if endpoint.deprecated:
        answer["deprecated"] = True
    answer["auth"] = auth(endpoint, api)  # [] says "public": kept
    if endpoint.security and endpoint.auth_optional:
        answer["authOptional"] = True
    if endpoint.parameters:
        shown, cut, folded_lookups = parameters(api, endpoint.parameters, folder, whole=False)
        answer["parameters"] = shown
        shortened += [field_arg(f"parameters.{name}") for name in cut]
        if folded_lookups:
            more["parameters"] = (
                f"{families.note(folded_lookups)}; each whole: {field_arg('parameters')}"
            )
    body = endpoint.request_body
    tidied = compact.Tidied()
    if body is not None:
        level = folder.level
        folded = folder.schema(body.schema, refs=level.refs, where="requestBody")
        answer["requestBody"] = {
            "contentType": body.content_type,
            **({"required": True} if body.required else {}),
            **(
                {"alsoAccepts": [t for t in body.content_types if t != body.content_type]}
                if len(body.content_types) > 1
                else {}
            ),
            **({"encoding": dict(body.encoding)} if body.encoding else {}),
            "schema": notation.notation(compact.tidy(folded, "requestBody", tidied)),
        }
        shortened += [field_arg(where) for where in tidied.enums]
    success = endpoint.success_response()
    if success is not None:
        answer["success"] = _success(api, success)
    if endpoint.pagination is not None:
        page = endpoint.pagination
        answer["pagination"] = {
            "style": page.style,
            "params": list(page.params),
            "resultsKey": page.results_key,
        }
    named = shape_refs(answer["success"].get("shape")) if "success" in answer else []
    add_notes(more, folder, shortened, skip={"description"}, names=named)
    if tidied.read_only:
        more["readOnly"] = (
            f"{tidied.read_only} read-only fields not sent: {field_arg('requestBody')}"
        )
    responses = [
        field_arg(f"responses.{r.status}") + (" (success)" if r is success else "")
        for r in endpoint.responses
    ]
    if len(responses) > 1:
        responses.append(f"all: {field_arg('responses')}")
    if responses:
        more["responses"] = ", ".join(responses)
    answer["more"] = more
    return answer


def add_notes(
    more: dict[str, Any],
    folder: Folder,
    shortened: list[str],
    skip: set[str],
    names: list[str] | None = None,
) -> None:
    """Name in ``more`` what ``folder`` shortened or folded, by the argument returning it.

    Shallow parts come first (``responses.404`` before ``responses.200.data.id``): an
    agent reading the list top down meets the parts it most likely wants first.
    """
    for where in sorted(folder.cut_texts, key=_depth):
        argument = field_arg(where)
        if where not in skip and argument not in shortened:
            shortened.append(argument)
    if shortened:
        more["shortened"] = shortened
    if folder.typed:
        more["nestedByType"] = [field_arg(where) for where in sorted(folder.typed, key=_depth)]
    folded = [n for n in folder.folded if n not in folder.shown]
    folded += [n for n in names or () if n not in folded]
    if folded:
        more["schemas"] = "get_schema_detail(name) for " + ", ".join(folded)


def _success(api: ApiSchema, response: Any) -> dict[str, Any]:
    """The success status, its media type when not JSON, and a compact shape of its body."""
    out: dict[str, Any] = {"status": response.status}
    if response.content_type not in _JSON:
        out["contentType"] = response.content_type
    if not response.schema:
        out["body"] = "none"
        return out
    for depth in (2, 1, 0, -1):
        shaped = shape(api, response.schema, depth)
        if fold.size(shaped) <= SHAPE_BUDGET:
            break
    out["shape"] = shaped
    ref = response.schema.get("$ref") if isinstance(response.schema, dict) else None
    if isinstance(ref, str) and shaped != {"$ref": ref}:
        out["schemaName"] = ref
    return out


def shape(api: ApiSchema, schema: Any, depth: int, stack: tuple[str, ...] = ()) -> Any:
    """A body's shape: field names with their types, nested ``depth`` levels deep.

    Leaves in type notation without constraints (``"string"``, ``"integer|null"``,
    ``"string(date-time)"``, ``"enum: a|b|c"``); an array is ``[item shape]``; a named
    schema past the depth is ``{"$ref": "Name"}``, an inline object ``"object"``. An object
    of at most 4 fields (an envelope such as ``{count, next, results}``) costs no depth.
    """
    if not isinstance(schema, dict):
        return "any"
    ref = schema.get("$ref")
    if isinstance(ref, str):
        component = api.components.get(ref)
        if component is None or ref in stack or depth <= 0:
            return {"$ref": ref}
        return shape(api, component.schema, depth, (*stack, ref))
    for key in ("oneOf", "anyOf"):
        variants = schema.get(key)
        if isinstance(variants, list) and variants:
            shapes = [shape(api, v, depth - 1, stack) for v in variants[:6]]
            return shapes[0] if len(shapes) == 1 else {key: shapes}
    if isinstance(schema.get("allOf"), list):
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            part_shape = shape(api, part, depth, stack)
            if isinstance(part_shape, dict) and "$ref" not in part_shape:
                merged.update(part_shape)
            elif not merged:
                merged = part_shape if isinstance(part_shape, dict) else {"value": part_shape}
        return merged
    kind = schema.get("type")
    properties = schema.get("properties")
    if isinstance(properties, dict) and properties:
        if depth < 0:
            return "object"
        inner = depth if len(properties) <= 4 else depth - 1
        return {name: shape(api, value, inner, stack) for name, value in properties.items()}
    if kind == "array" or "items" in schema:
        return [shape(api, schema.get("items"), depth, stack)]
    return _leaf(schema)


def _leaf(schema: dict[str, Any]) -> str:
    kept = {k: schema[k] for k in _LEAF_SHAPE if k in schema}
    return notation.leaf(notation.cut_enum(kept, SHAPE_ENUM), described=False)


def shape_refs(shaped: Any) -> list[str]:
    """The schema names a shape refers to (``{"$ref": "Name"}``), in order, each once."""
    found: dict[str, None] = {}
    stack = [shaped]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                found[item["$ref"]] = None
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return list(found)


def _depth(where: str) -> int:
    return where.count(".")
