"""A small, conservative check that a value fits a schema, for choosing example values.

Not a JSON Schema validator (``jsonschema`` is a test dependency; the tests validate every
example with it): it answers "is this declared or generated value safe to show?" for the
keywords examples are built from: types (3.0 ``nullable``, 3.1 type arrays), ``enum``,
``const``, string lengths and ``pattern``, numeric bounds (3.0 boolean and 3.1 numeric
exclusive forms), ``multipleOf``, array sizes and ``uniqueItems``, object ``properties``,
``required``, ``additionalProperties``, ``min/maxProperties``, ``allOf``/``anyOf``/
``oneOf``/``not``, boolean schemas and ``$ref`` leaves looked up in ``components``. Formats
are not checked. Anything it cannot decide in its depth budget counts as fitting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any, TypeGuard

from drf_mcp_docs.schema.refs import ref_name

MAX_DEPTH = 24

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


@lru_cache(maxsize=512)
def compiled(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` compiled, or None when Python cannot read it (ECMA-only syntax)."""
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


def type_matches(value: Any, kind: str) -> bool:
    if kind == "null":
        return value is None
    if isinstance(value, bool) and kind != "boolean":
        return False
    if kind == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _TYPES.get(kind, (object,)))


def is_openapi_31(version: str) -> bool:
    """Whether an ``openapi`` version string is 3.1 or later (JSON Schema 2020-12)."""
    parts = version.split(".")
    try:
        return (int(parts[0]), int(parts[1])) >= (3, 1)
    except (ValueError, IndexError):
        return False


class Checker:
    """Checks values against schemas of one API and one direction of traffic."""

    def __init__(
        self, *, for_request: bool, components: Mapping[str, Any] | None, openapi_31: bool
    ) -> None:
        self.for_request = for_request
        self.components = components or {}
        self.openapi_31 = openapi_31

    def fits(self, value: Any, schema: Any, depth: int = 0) -> bool:
        if schema is True or schema is None or depth > MAX_DEPTH:
            return True
        if schema is False:
            return False
        if not isinstance(schema, dict):
            return True
        ref = schema.get("$ref")
        if isinstance(ref, str):
            target = self.components.get(ref_name(ref))
            if target is not None and not self.fits(value, target, depth + 1):
                return False
        if value is None and self._null_ok(schema):
            return True
        return (
            self._type(value, schema)
            and self._enum(value, schema)
            and self._scalar(value, schema)
            and self._array(value, schema, depth)
            and self._object(value, schema, depth)
            and self._combined(value, schema, depth)
        )

    def _null_ok(self, schema: dict[str, Any]) -> bool:
        return not self.openapi_31 and schema.get("nullable") is True

    def _type(self, value: Any, schema: dict[str, Any]) -> bool:
        kind = schema.get("type")
        if isinstance(kind, str):
            return type_matches(value, kind)
        if isinstance(kind, list):
            return any(type_matches(value, k) for k in kind if isinstance(k, str))
        return True

    def _enum(self, value: Any, schema: dict[str, Any]) -> bool:
        if "const" in schema and not _same(value, schema["const"]):
            return False
        enum = schema.get("enum")
        return not isinstance(enum, list) or any(_same(value, item) for item in enum)

    def _scalar(self, value: Any, schema: dict[str, Any]) -> bool:
        if isinstance(value, str):
            low, high = schema.get("minLength"), schema.get("maxLength")
            if isinstance(low, int) and len(value) < low:
                return False
            if isinstance(high, int) and len(value) > high:
                return False
            pattern = schema.get("pattern")
            regex = compiled(pattern) if isinstance(pattern, str) else None
            if regex is not None and regex.search(value) is None:
                return False
            return format_fits(value, schema.get("format"))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return True
        return number_fits(value, schema)

    def _array(self, value: Any, schema: dict[str, Any], depth: int) -> bool:
        if not isinstance(value, list):
            return True
        low, high = schema.get("minItems"), schema.get("maxItems")
        if isinstance(low, int) and len(value) < low:
            return False
        if isinstance(high, int) and len(value) > high:
            return False
        if schema.get("uniqueItems") is True:
            seen = {json.dumps(item, sort_keys=True, default=str) for item in value}
            if len(seen) != len(value):
                return False
        prefix = schema.get("prefixItems")
        prefix = prefix if isinstance(prefix, list) else []
        for item, item_schema in zip(value, prefix, strict=False):
            if not self.fits(item, item_schema, depth + 1):
                return False
        items = schema.get("items")
        if isinstance(items, (dict, bool)):
            return all(self.fits(item, items, depth + 1) for item in value[len(prefix) :])
        return True

    def _object(self, value: Any, schema: dict[str, Any], depth: int) -> bool:
        if not isinstance(value, dict):
            return True
        props = schema.get("properties")
        props = props if isinstance(props, dict) else {}
        skip = "readOnly" if self.for_request else "writeOnly"
        for name in names(schema.get("required")):
            prop = props.get(name)
            if name not in value and not (isinstance(prop, dict) and prop.get(skip) is True):
                return False
        low, high = schema.get("minProperties"), schema.get("maxProperties")
        if isinstance(low, int) and len(value) < low:
            return False
        if isinstance(high, int) and len(value) > high:
            return False
        patterns = schema.get("patternProperties")
        patterns = patterns if isinstance(patterns, dict) else {}
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                if not self.fits(item, props[key], depth + 1):
                    return False
                continue
            matched = False
            for pattern, item_schema in patterns.items():
                regex = compiled(pattern)
                if regex is not None and regex.search(key):
                    matched = True
                    if not self.fits(item, item_schema, depth + 1):
                        return False
            if not matched and not self.fits(item, extra, depth + 1):
                return False
        return True

    def _combined(self, value: Any, schema: dict[str, Any], depth: int) -> bool:
        for part in _list(schema.get("allOf")):
            if not self.fits(value, part, depth + 1):
                return False
        any_of = _list(schema.get("anyOf"))
        if any_of and not any(self.fits(value, part, depth + 1) for part in any_of):
            return False
        one_of = _list(schema.get("oneOf"))
        if one_of and sum(1 for part in one_of if self.fits(value, part, depth + 1)) != 1:
            return False
        negated = schema.get("not")
        return not (isinstance(negated, (dict, bool)) and self.fits(value, negated, depth + 1))


_FORMATS = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "date-time": re.compile(
        r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
    ),
    "time": re.compile(r"\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"),
    "uuid": re.compile(
        r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    ),
    "email": re.compile(r"[^@\s]+@[^@\s]+"),
    "ipv4": re.compile(
        r"((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
    ),
    "uri": re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*"),
}


def format_fits(value: str, fmt: Any) -> bool:
    """The common formats a validator checks: dates and times, uuid, email, ipv4, uri."""
    regex = _FORMATS.get(fmt) if isinstance(fmt, str) else None
    if regex is None or not regex.fullmatch(value):
        return regex is None
    if fmt == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
    return True


def names(value: Any) -> list[str]:
    """The strings of a ``required``-like list (anything else: none)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def number_fits(value: float, schema: dict[str, Any]) -> bool:
    """Whether a number honours the bounds and ``multipleOf`` of ``schema`` (both forms)."""
    low, high = schema.get("minimum"), schema.get("maximum")
    ex_low, ex_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if _num(low) and (value <= low if ex_low is True else value < low):
        return False
    if _num(high) and (value >= high if ex_high is True else value > high):
        return False
    if _num(ex_low) and value <= ex_low:
        return False
    if _num(ex_high) and value >= ex_high:
        return False
    step = schema.get("multipleOf")
    if _num(step) and step > 0:
        if isinstance(step, int) and isinstance(value, int):
            return value % step == 0
        try:
            quotient = value / step
            return bool(quotient == int(quotient))
        except (OverflowError, ValueError):  # inf or nan
            return False
    return True


def _num(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _same(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but True is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) and (type(a) is type(b) or (_num(a) and _num(b)))


def implied_kinds(schema: dict[str, Any]) -> list[str]:
    """The JSON types ``schema`` names, or those its keywords imply (``properties``: object)."""
    kind = schema.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    if any(k in schema for k in ("properties", "additionalProperties", "required")):
        return ["object"]
    if any(k in schema for k in ("patternProperties", "minProperties", "propertyNames")):
        return ["object"]
    if any(k in schema for k in ("items", "prefixItems", "minItems", "maxItems")):
        return ["array"]
    if any(k in schema for k in ("pattern", "minLength", "maxLength", "format")):
        return ["string"]
    if any(k in schema for k in ("minimum", "maximum", "multipleOf")):
        return ["number"]
    if any(k in schema for k in ("exclusiveMinimum", "exclusiveMaximum")):
        return ["number"]
    return []
