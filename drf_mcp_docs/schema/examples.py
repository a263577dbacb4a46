"""Example values generated from resolved JSON schemas.

Requests leave read-only fields out; responses leave write-only fields out. Declared
``example``/``default``/``enum`` values win over generated ones, so examples look real.
"""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.schema.records import JsonSchema

MAX_DEPTH = 6

_FORMAT_EXAMPLES: dict[str, Any] = {
    "date-time": "2024-01-15T09:30:00Z",
    "date": "2024-01-15",
    "time": "09:30:00",
    "duration": "P3D",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "hostname": "example.com",
    "binary": "<binary>",
    "byte": "U3dhZ2dlciByb2Nrcw==",
    "password": "********",
    "slug": "example-slug",
}

_NAME_HINTS: tuple[tuple[str, Any], ...] = (
    ("email", "user@example.com"),
    ("url", "https://example.com/"),
    ("website", "https://example.com/"),
    ("username", "jane"),
    ("password", "********"),
    ("isbn", "9780140449136"),
    ("phone", "+1-202-555-0143"),
    ("token", "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"),
    ("slug", "example-slug"),
    ("title", "The Example"),
    ("name", "Example name"),
)


def build_example(schema: JsonSchema | None, *, for_request: bool, name: str = "") -> Any:
    """An example value for ``schema``, shaped for a request body or a response body."""
    return _example(schema or {}, for_request, name, 0)


def _skip(prop: JsonSchema, for_request: bool) -> bool:
    return bool(prop.get("readOnly")) if for_request else bool(prop.get("writeOnly"))


def _example(schema: JsonSchema, for_request: bool, name: str, depth: int) -> Any:
    if "example" in schema:
        return schema["example"]
    if "$ref" in schema:
        return {} if depth else None
    for key in ("oneOf", "anyOf"):
        options = [s for s in schema.get(key, ()) if s.get("type") != "null"]
        if options:
            return _example(options[0], for_request, name, depth)
    if "allOf" in schema:
        merged: JsonSchema = {}
        for part in schema["allOf"]:
            merged = _merge(merged, part)
        return _example(
            _merge(merged, {k: v for k, v in schema.items() if k != "allOf"}),
            for_request,
            name,
            depth,
        )
    if "enum" in schema:
        values = [v for v in schema["enum"] if v not in (None, "")]
        return values[0] if values else None
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind is None and "properties" in schema:
        kind = "object"
    if kind == "object":
        if depth >= MAX_DEPTH:
            return {}
        props = schema.get("properties") or {}
        result = {
            key: _example(prop, for_request, key, depth + 1)
            for key, prop in props.items()
            if not _skip(prop, for_request)
        }
        extra = schema.get("additionalProperties")
        if not props and isinstance(extra, dict) and extra:
            result["key"] = _example(extra, for_request, "key", depth + 1)
        return result
    if kind == "array":
        if depth >= MAX_DEPTH:
            return []
        return [_example(schema.get("items") or {}, for_request, name, depth + 1)]
    if kind == "integer":
        return _number(schema, 1, name)
    if kind == "number":
        return _number(schema, 9.99, name)
    if kind == "boolean":
        return True
    if kind == "string":
        return _string(schema, name)
    return None


def _number(schema: JsonSchema, fallback: float, name: str) -> int | float:
    low = schema.get("minimum")
    high = schema.get("maximum")
    if low is not None:
        return low if high is None or low <= high else high
    if high is not None and high < fallback:
        return high
    return fallback if not name.endswith("id") else 1


def _string(schema: JsonSchema, name: str) -> str:
    fmt = schema.get("format")
    if fmt in _FORMAT_EXAMPLES:
        value = _FORMAT_EXAMPLES[fmt]
    elif fmt == "decimal":
        value = "19.99"
    else:
        lowered = name.lower()
        value = next((v for hint, v in _NAME_HINTS if hint in lowered), "string")
    max_length = schema.get("maxLength")
    if isinstance(max_length, int) and len(value) > max_length:
        value = value[:max_length]
    min_length = schema.get("minLength")
    if isinstance(min_length, int) and len(value) < min_length:
        value = value + "x" * (min_length - len(value))
    return value


def _merge(base: JsonSchema, extra: JsonSchema) -> JsonSchema:
    merged = dict(base)
    for key, value in extra.items():
        if key == "properties":
            merged["properties"] = {**merged.get("properties", {}), **value}
        elif key == "required":
            merged["required"] = [*merged.get("required", []), *value]
        else:
            merged[key] = value
    return merged
