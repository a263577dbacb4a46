"""Leftover ``{"$ref": "Name"}`` leaves in processed schemas, resolved through the components.

The processor inlines references to a bounded depth and leaves deeper ones (and cycles) as
``{"$ref": "Name"}``. Code generation reads through them with :func:`expand`, which
inlines such leaves again to a small depth, cycle-safe. Results that cost a walk of a
schema are memoised per :class:`ApiSchema` with :func:`api_cache` (records are immutable).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

from drf_mcp_docs.forksafe import after_fork
from drf_mcp_docs.schema.records import ApiSchema, JsonSchema
from drf_mcp_docs.schema.refs import leaf_name

#: Nested ``$ref`` leaves inlined by :func:`expand`, at most, along one branch.
EXPAND_DEPTH = 3

_CACHES: dict[int, tuple[weakref.ref[ApiSchema], dict[str, Any]]] = {}
_LOCK = threading.Lock()


@after_fork
def _new_lock() -> None:
    """In a forked child: another thread of the parent may have held the lock."""
    global _LOCK
    _LOCK = threading.Lock()


def api_cache(api: ApiSchema) -> dict[str, Any]:
    """A dict that lives as long as ``api``, for memoised facts about its schemas."""
    key = id(api)
    entry = _CACHES.get(key)
    if entry is not None and entry[0]() is api:
        return entry[1]
    with _LOCK:
        entry = _CACHES.get(key)
        if entry is not None and entry[0]() is api:
            return entry[1]
        cache: dict[str, Any] = {}
        ref = weakref.ref(api, lambda _: _CACHES.pop(key, None))
        _CACHES[key] = (ref, cache)
        return cache


def component_schema(api: ApiSchema, name: str) -> JsonSchema | None:
    """The resolved schema of component ``name``, or None when there is no such component."""
    component = api.components.get(name)
    return component.schema if component is not None else None


def expand_ref(api: ApiSchema, schema: Any, seen: frozenset[str] = frozenset()) -> Any:
    """``schema`` with a top-level ``$ref`` leaf replaced by its component (siblings kept)."""
    name = leaf_name(schema)
    while name is not None and name not in seen:
        target = component_schema(api, name)
        if target is None:
            return {}
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**target, **siblings} if siblings else target
        seen = seen | {name}
        name = leaf_name(schema)
    return {} if name is not None else schema


def expand(api: ApiSchema, schema: Any, depth: int = EXPAND_DEPTH) -> Any:
    """``schema`` with ``$ref`` leaves inlined ``depth`` levels deep; deeper ones become {}."""
    return _expand(api, schema, depth, frozenset())


def _expand(api: ApiSchema, schema: Any, depth: int, seen: frozenset[str]) -> Any:
    if isinstance(schema, list):
        return [_expand(api, item, depth, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    name = leaf_name(schema)
    if name is not None:
        target = component_schema(api, name)
        if target is None or name in seen or depth <= 0:
            return {}
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        merged = {**target, **siblings} if siblings else target
        return _expand(api, merged, depth - 1, seen | {name})
    if not _has_ref(schema):
        return schema
    return {key: _expand(api, value, depth, seen) for key, value in schema.items()}


def any_node(
    schema: Any,
    found: Callable[[dict[str, Any]], bool],
    budget: int,
    skip: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``found`` holds for any object in ``schema`` (values under ``skip`` keys not
    visited); True past ``budget`` visited nodes, so the answer errs on the safe side."""
    stack = [schema]
    while stack:
        budget -= 1
        if budget < 0:
            return True
        item = stack.pop()
        if isinstance(item, dict):
            if found(item):
                return True
            stack.extend(v for k, v in item.items() if k not in skip)
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _has_ref(schema: Any) -> bool:
    """Whether ``schema`` holds a ``$ref`` leaf anywhere (bounded)."""
    return any_node(schema, lambda item: "$ref" in item, 2000)


_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SCHEMA_VALUES = frozenset({"items", "additionalProperties", "not", "contains"})


def is_never(schema: Any) -> bool:
    """True for a schema no value matches: 3.1's ``false``, or ``{"not": {}}`` (the form the
    processor stores it in)."""
    return schema is False or (
        isinstance(schema, dict) and len(schema) == 1 and schema.get("not") in ({}, True)
    )


def without_booleans(schema: Any) -> Any:
    """``schema`` with OpenAPI 3.1 boolean sub-schemas replaced: ``true`` by ``{}``, a
    ``false`` property dropped (for readers that expect every sub-schema to be an object)."""
    if schema is True:
        return {}
    if not isinstance(schema, dict):
        return {}
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in ("properties", "patternProperties") and isinstance(value, dict):
            out[key] = {k: without_booleans(v) for k, v in value.items() if not is_never(v)}
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            out[key] = [without_booleans(v) for v in value if not is_never(v)]
        elif key in _SCHEMA_VALUES and isinstance(value, bool):
            if value:
                out[key] = {}
        elif key in _SCHEMA_VALUES:
            out[key] = without_booleans(value)
        else:
            out[key] = value
    return out


_CONSTRAINTS = frozenset(
    {"type", "properties", "items", "enum", "const", "oneOf", "anyOf", "allOf", "$ref"}
    | {"additionalProperties", "format", "nullable"}
)


def all_of_parts(api: ApiSchema, schema: Any, depth: int = 0) -> list[Any]:
    """The parts of ``schema``'s ``allOf`` that constrain something, ``$ref`` leaves resolved
    and nested ``allOf`` flattened (parts with only a description or example are dropped)."""
    parts: list[Any] = []
    for part in schema.get("allOf") or () if isinstance(schema, dict) else ():
        part = expand_ref(api, part)
        if part is False:
            parts.append(False)
        elif isinstance(part, dict) and "allOf" in part and depth < 8:
            rest = {k: v for k, v in part.items() if k != "allOf"}
            parts += all_of_parts(api, part, depth + 1)
            if _CONSTRAINTS & rest.keys():
                parts.append(rest)
        elif isinstance(part, dict) and _CONSTRAINTS & part.keys():
            parts.append(part)
    return parts


def merged_object(parts: list[Any]) -> dict[str, Any] | None:
    """One object schema for ``allOf`` parts that are all plain objects, else None."""
    merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
    for part in parts:
        if not isinstance(part, dict) or part.get("type") not in (None, "object"):
            return None
        if part.keys() & {"oneOf", "anyOf", "enum", "const", "items", "$ref"}:
            return None
        props, required = part.get("properties"), part.get("required")
        merged["properties"].update(props if isinstance(props, dict) else {})
        merged["required"].extend(required if isinstance(required, list) else ())
        if part.get("additionalProperties") not in (None, False):
            merged["additionalProperties"] = True
        if part.get("nullable"):
            merged["nullable"] = True
    return merged
