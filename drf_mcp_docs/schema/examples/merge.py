"""Two schemas that must both hold (``allOf`` parts, a branch and its base), as one."""

from __future__ import annotations

from typing import Any, TypeGuard

from drf_mcp_docs.schema.examples.conformance import names

_MERGE_MAX = frozenset({"minimum", "minLength", "minItems", "minProperties"})
_MERGE_MIN = frozenset({"maximum", "maxLength", "maxItems", "maxProperties"})


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Two schemas that must both hold, as one (properties and required united).

    A side closed by ``additionalProperties: false`` admits only its own properties, so
    the merged properties are cut to what every closed side declares.
    """
    merged = _merge(base, extra)
    closed = [s for s in (base, extra) if s.get("additionalProperties") is False]
    props = merged.get("properties")
    if closed and isinstance(props, dict):
        allowed = set(props)
        for side in closed:
            declared = side.get("properties")
            allowed &= set(declared) if isinstance(declared, dict) else set()
        if len(allowed) != len(props):
            merged["properties"] = {k: v for k, v in props.items() if k in allowed}
    return merged


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if key not in merged:
            merged[key] = value
        elif key == "properties" and isinstance(value, dict):
            props = dict(merged["properties"]) if isinstance(merged["properties"], dict) else {}
            for name, prop in value.items():
                props[name] = (
                    {"allOf": [props[name], prop]}
                    if name in props and props[name] != prop
                    else prop
                )
            merged["properties"] = props
        elif key == "required" and isinstance(value, list):
            merged["required"] = list(dict.fromkeys([*names(merged["required"]), *names(value)]))
        elif key in _MERGE_MAX and _numeric(value) and _numeric(merged[key]):
            merged[key] = max(merged[key], value)
        elif key in _MERGE_MIN and _numeric(value) and _numeric(merged[key]):
            merged[key] = min(merged[key], value)
        elif key == "enum" and isinstance(value, list) and isinstance(merged[key], list):
            both = [v for v in merged[key] if v in value]
            merged[key] = both or value
        elif key == "type" and merged[key] != value:
            merged[key] = _type_meet(merged[key], value)
        elif key == "additionalProperties" and (value is False or merged[key] is False):
            merged[key] = False
        elif key in ("oneOf", "anyOf"):
            continue
        else:
            merged[key] = value
    return merged


def _type_meet(a: Any, b: Any) -> Any:
    left = {k for k in (a if isinstance(a, list) else [a]) if isinstance(k, str)}
    right = {k for k in (b if isinstance(b, list) else [b]) if isinstance(k, str)}
    if ("number" in left and "integer" in right) or ("integer" in left and "number" in right):
        left |= {"integer"}
        right |= {"integer"}
    both = [k for k in (b if isinstance(b, list) else [b]) if isinstance(k, str) and k in left]
    if not both:
        return b
    return both[0] if len(both) == 1 else both


def _numeric(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
