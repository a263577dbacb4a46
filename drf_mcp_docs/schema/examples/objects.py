"""Objects and arrays for :class:`~drf_mcp_docs.schema.examples.builder.Builder`.

Objects: every required field (a read-only one is left out of a request, a write-only one
out of a response), then optional fields while the size budget lasts, never into a
recursion; ``minProperties``/``maxProperties``, ``patternProperties``, ``propertyNames``
and ``additionalProperties`` honoured. Arrays: ``minItems`` items at least (one when the
budget allows), at most ``maxItems``, distinct when ``uniqueItems``, ``prefixItems`` and
``contains`` first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Protocol

from drf_mcp_docs.schema.examples.conformance import compiled, names
from drf_mcp_docs.schema.examples.strings import example_string, pattern_strings
from drf_mcp_docs.schema.refs import ref_name

#: Values generated before optional fields and extra array items stop being added.
MAX_NODES = 150
#: Below this depth optional fields are left out.
SOFT_DEPTH = 6
MAX_ITEMS = 200


class Impossible(Exception):
    """No value fits this schema (``false``, an empty enum, a depth or size limit)."""


class Builder(Protocol):
    """What objects and arrays need of the example builder."""

    for_request: bool
    components: Mapping[str, Any]
    nodes: int
    open_refs: list[str]
    open_shapes: list[frozenset[str]]

    def is_recursive(self, schema: Any) -> bool: ...

    def value(self, schema: Any, name: str = "", depth: int = 0, variant: int = 0) -> Any: ...


def _skipped(builder: Builder, prop: Any) -> bool:
    """A read-only field in a request, a write-only one in a response (not one marked both)."""
    if not isinstance(prop, dict):
        return False
    flag, other = ("readOnly", "writeOnly") if builder.for_request else ("writeOnly", "readOnly")
    marked, both = prop.get(flag) is True, prop.get(other) is True
    if isinstance(prop.get("$ref"), str):
        target = builder.components.get(ref_name(prop["$ref"]))
        if isinstance(target, dict):
            marked = marked or (flag not in prop and target.get(flag) is True)
            both = both or (other not in prop and target.get(other) is True)
    return marked and not both


def _recursive(builder: Builder, prop: Any) -> bool:
    if not isinstance(prop, dict):
        return False
    if isinstance(prop.get("$ref"), str):
        return builder.is_recursive(prop)
    items = prop.get("items")
    return isinstance(items, dict) and _recursive(builder, items)


def _roomy(builder: Builder, depth: int) -> bool:
    return builder.nodes < MAX_NODES and depth < SOFT_DEPTH


def build_object(builder: Builder, schema: dict[str, Any], name: str, depth: int) -> Any:
    props = schema.get("properties")
    props = props if isinstance(props, dict) else {}
    required = names(schema.get("required"))
    result: dict[str, Any] = {}
    left_out: list[str] = []
    builder.open_shapes.append(frozenset(props))
    try:
        _properties(builder, props, required, result, left_out, depth)
    finally:
        builder.open_shapes.pop()
    _more(builder, schema, props, required, result, left_out, depth)
    return result


def _properties(
    builder: Builder,
    props: dict[str, Any],
    required: list[str],
    result: dict[str, Any],
    left_out: list[str],
    depth: int,
) -> None:
    for key, prop in props.items():
        if _skipped(builder, prop):
            continue
        if prop is False or (isinstance(prop, dict) and prop.keys() == {"not"} and not prop["not"]):
            if key in required:  # 3.1 ``false`` (stored as {"not": {}}): no value is valid
                raise Impossible(f"property {key!r} can have no value")
            continue
        if key in required:
            result[key] = builder.value(prop, key, depth + 1)
            continue
        if not _roomy(builder, depth) or _recursive(builder, prop):
            left_out.append(key)
            continue
        try:
            result[key] = builder.value(prop, key, depth + 1)
        except Impossible:
            left_out.append(key)


def _more(
    builder: Builder,
    schema: dict[str, Any],
    props: dict[str, Any],
    required: list[str],
    result: dict[str, Any],
    left_out: list[str],
    depth: int,
) -> None:
    """Required fields not declared, min/maxProperties, one entry of a free-form map."""
    for key in required:
        if key not in result and key not in props:
            result[key] = builder.value(_schema_for_key(schema, key), key, depth + 1)
    low = schema.get("minProperties")
    if isinstance(low, int) and low > MAX_ITEMS:
        raise Impossible("too many properties")
    if isinstance(low, int) and len(result) < low:
        _fill(builder, schema, result, left_out, low, depth)
    if not props and not result and _roomy(builder, depth):
        _one_extra(builder, schema, result, depth)
    high = schema.get("maxProperties")
    if isinstance(high, int) and len(result) > high:
        for key in [k for k in reversed(list(result)) if k not in required]:
            if len(result) <= high:
                break
            del result[key]


def _schema_for_key(schema: dict[str, Any], key: str) -> Any:
    patterns = schema.get("patternProperties")
    for pattern, item in (patterns if isinstance(patterns, dict) else {}).items():
        regex = compiled(pattern)
        if regex is not None and regex.search(key):
            return item
    extra = schema.get("additionalProperties", True)
    return extra if isinstance(extra, (dict, bool)) else True


def _fill(
    builder: Builder,
    schema: dict[str, Any],
    result: dict[str, Any],
    left_out: list[str],
    low: int,
    depth: int,
) -> None:
    props = schema.get("properties") or {}
    for key in left_out:
        if len(result) >= low:
            return
        try:
            result[key] = builder.value(props[key], key, depth + 1)
        except Impossible:
            continue
    for index in range(low * 2):
        if len(result) >= low:
            return
        name = _key(schema, index)
        if name is None or name in result:
            continue
        result[name] = builder.value(_schema_for_key(schema, name), name, depth + 1)


def _one_extra(
    builder: Builder, schema: dict[str, Any], result: dict[str, Any], depth: int
) -> None:
    """A free-form map shows one entry, when its values are described."""
    extra = schema.get("additionalProperties")
    patterns = schema.get("patternProperties")
    if not (isinstance(extra, dict) and extra) and not (isinstance(patterns, dict) and patterns):
        return
    key = _key(schema, 0)
    if key is None:
        return
    try:
        result[key] = builder.value(_schema_for_key(schema, key), key, depth + 1)
    except Impossible:
        return


def _key(schema: dict[str, Any], index: int) -> str | None:
    """A property name allowed by ``patternProperties``/``propertyNames``, not declared."""
    suffix = str(index) if index else ""
    names = schema.get("propertyNames")
    patterns = schema.get("patternProperties")
    extra = schema.get("additionalProperties", True)
    if isinstance(patterns, dict) and patterns and (extra is False or not isinstance(extra, dict)):
        for pattern in patterns:
            for text in pattern_strings(pattern):
                declared = schema.get("properties")
                if text and not (isinstance(declared, dict) and text + suffix in declared):
                    candidate = text + suffix
                    regex = compiled(pattern)
                    if regex is not None and regex.search(candidate):
                        return candidate
        if extra is False:
            return None
    if extra is False:
        return None
    if isinstance(names, dict):
        return example_string({**names, "type": "string"}, "key", index)
    return f"key{suffix}"


def build_array(builder: Builder, schema: dict[str, Any], name: str, depth: int) -> list[Any]:
    low = schema.get("minItems")
    low = low if isinstance(low, int) and low > 0 else 0
    high = schema.get("maxItems")
    high = high if isinstance(high, int) and high >= 0 else None
    if low > MAX_ITEMS or (high is not None and high < low):
        raise Impossible("array size")
    roomy = _roomy(builder, depth) and not builder.is_recursive(schema.get("items"))
    count = max(low, 1) if roomy else low
    if high is not None:
        count = min(count, high)
    prefix = schema.get("prefixItems")
    prefix = prefix if isinstance(prefix, list) else []
    items = schema.get("items", True)
    if items is False:
        count = min(count, len(prefix))
    unique = schema.get("uniqueItems") is True
    result: list[Any] = []
    seen: set[str] = set()
    contains = schema.get("contains")
    if isinstance(contains, dict) and count:
        result.append(builder.value(contains, name, depth + 1))
        seen.add(json.dumps(result[0], sort_keys=True, default=str))
    attempts = 0
    while len(result) < count and attempts < count * 4 + 4:
        position = len(result)
        item_schema = prefix[position] if position < len(prefix) else items
        try:
            item = builder.value(item_schema, name, depth + 1, attempts if unique else 0)
        except Impossible:
            if len(result) >= low:
                break
            raise
        attempts += 1
        key = json.dumps(item, sort_keys=True, default=str)
        if unique and key in seen:
            continue
        seen.add(key)
        result.append(item)
    if len(result) < low:
        raise Impossible("not enough distinct items")
    return result
