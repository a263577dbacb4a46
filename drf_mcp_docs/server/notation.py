"""Schemas in type notation: one short string per field instead of a JSON Schema object.

An agent writing a call needs each field's type, constraints, flags and description, not
JSON Schema's spelling of them. A leaf becomes one string, read left to right::

    "integer|null, 1..65536, required // Physical port speed"
    "string(date-time), read-only"
    "enum: access|tagged|tagged-all, default \"access\""
    "enum(197): 2.4g-1|2.4g-2|…"          (a cut enum: 197 values, the first shown)
    "[integer], unique"                     (an array of integers)

An object is a JSON object of its fields' notations, and an array of objects a one-item
list of it. What belongs to an object or a list itself (required, nullable, its
description) is said under the key ``"//"``, the JSON comment convention, which is never a
field name (a list whose items cannot hold them is ``{"//": "list...", "[each]": items}``).
``{"$ref": "Name"}`` stays a reference to a named schema (``get_schema_detail``).
Variants stay ``{"oneOf": [...]}``/``{"anyOf": [...]}``; parts of an ``allOf`` that are all
plain objects merge into one. A node with keys this notation has no words for (``not``,
``if``, ``patternProperties``...) is kept as the JSON Schema it is, so nothing is lost.
Vendor extensions (``x-...``) are the API's generators' hints and are not said, but for
``x-nullable`` and ``x-multi-segment``, which change what a client sends.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: The key an object's or a list's own notes go under.
NOTE = "//"
#: The key of a list's items when the list has notes and its items cannot hold them.
EACH = "[each]"
#: Keys said in a leaf's string (everything else keeps the node as JSON Schema).
_LEAF = frozenset(
    (  # noqa: SIM905 (27 names, one line each, would be 27 lines)
        "type format enum enumCount const default minimum maximum exclusiveMinimum "
        "exclusiveMaximum minLength maxLength pattern multipleOf nullable x-nullable readOnly "
        "writeOnly deprecated description title example examples x-multi-segment "
        # Array keys on a scalar (Kubernetes' parameters): said like an array's.
        "minItems maxItems uniqueItems"
    ).split()
)
#: Keys an array or object may carry besides its items or fields.
_ARRAY = _LEAF | {"items"}
_OBJECT = _LEAF | {
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
    "propertyNames",
}
_VARIANTS = ("oneOf", "anyOf")
_DEFINITIONS = ("definitions", "$defs")
#: What an enum value or default must not hold to be written bare (else it is JSON).
_SPECIAL = re.compile(r'^$|^"|\||, | //|…')
#: Vendor extensions a client acts on; the others (generators' hints) are not said.
_KNOWN_EXTENSIONS = frozenset({"x-nullable", "x-multi-segment"})


def notation(schema: Any, required: bool = False) -> Any:
    """``schema`` (a folded JSON Schema) in type notation; ``required``: its parent
    requires it."""
    if schema is True or schema == {}:
        return joined(["any", *_flags({}, required)])
    if not isinstance(schema, dict):
        return schema
    if any(key.startswith("x-") and key not in _KNOWN_EXTENSIONS for key in schema):
        schema = {
            k: v for k, v in schema.items() if not k.startswith("x-") or k in _KNOWN_EXTENSIONS
        }
    for key in _DEFINITIONS:
        if isinstance(schema.get(key), dict):
            # Schemas defined for references inside this one: said beside it.
            rest = notation({k: v for k, v in schema.items() if k != key}, required)
            defined = {name: notation(value) for name, value in schema[key].items()}
            shown = rest if isinstance(rest, dict) else {NOTE: rest}
            return {**shown, key: defined}
    if isinstance(schema.get("required"), list) and not isinstance(schema.get("properties"), dict):
        # "These fields are required" alone (a variant of an anyOf, a part of an allOf).
        names = ", ".join(str(n) for n in schema["required"])
        rest = {k: v for k, v in schema.items() if k != "required"}
        return annotated(notation(rest, required) if rest else "object", [f"requires {names}"])
    ref = schema.get("$ref")
    if isinstance(ref, str):
        notes = _notes(schema, required, skip={"$ref"})
        return {"$ref": ref, NOTE: notes} if notes else {"$ref": ref}
    for key in _VARIANTS:
        if isinstance(schema.get(key), list):
            return _variants(schema, key, required)
    if isinstance(schema.get("allOf"), list):
        merged = _merge_all_of(schema)
        if merged is None:
            parts = [notation(part) for part in schema["allOf"]]
            return _with_note({"allOf": parts}, _notes(schema, required, skip={"allOf"}))
        return notation(merged, required)
    kind = schema.get("type")
    if (kind == "array" or "items" in schema) and set(schema) <= _ARRAY:
        return _array(schema, required)
    if isinstance(schema.get("properties"), dict) and set(schema) <= _OBJECT:
        return _object(schema, required)
    if ("additionalProperties" in schema or "propertyNames" in schema) and set(schema) <= _OBJECT:
        return _map(schema, required)
    if set(schema) <= _LEAF:
        return leaf(schema, required)
    return schema  # words fail: the JSON Schema itself


def leaf(schema: dict[str, Any], required: bool = False, described: bool = True) -> str:
    """A scalar field's string: type, constraints, flags and (``described``) description."""
    parts = [_type(schema), *_constraints(schema), *_flags(schema, required)]
    return joined(parts, _description(schema) if described else "")


def _type(schema: dict[str, Any]) -> str:
    nullable = schema.get("nullable") is True or schema.get("x-nullable") is True
    if "const" in schema:
        return "const: " + _value(schema["const"])
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        values = [v for v in enum if v is not None]
        nullable = nullable or len(values) < len(enum)
        count = schema.get("enumCount")
        head = f"enum({count})" if isinstance(count, int) else "enum"
        text = head + ": " + "|".join(_value(v) for v in values)
        if isinstance(count, int):
            text += "|…"
        return text + ("|null" if nullable else "")
    kind = schema.get("type")
    if isinstance(kind, list):
        nullable = nullable or "null" in kind
        kinds = [str(k) for k in kind if k != "null"]
        text = "|".join(kinds) if kinds else "null"
    elif isinstance(kind, str):
        text = kind
    else:
        text = "object" if "additionalProperties" in schema else "any"
    if isinstance(schema.get("format"), str):
        text += f"({schema['format']})"
    return text + ("|null" if nullable and text != "null" else "")


def _value(value: Any) -> str:
    """An enum value or default as written: bare when a plain word, else JSON."""
    if isinstance(value, str) and value.strip() == value and not _SPECIAL.search(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _constraints(schema: dict[str, Any]) -> list[str]:
    out = []
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low or high is not None:
        out.append("len " + _range(low or 0, high))
    low, high = schema.get("minItems"), schema.get("maxItems")
    if low or high is not None:
        out.append("items " + _range(low or 0, high))
    low, high = schema.get("minProperties"), schema.get("maxProperties")
    if low or high is not None:
        out.append("fields " + _range(low or 0, high))
    bounds = _bounds(schema)
    if bounds:
        out.append(bounds)
    if schema.get("multipleOf") is not None:
        out.append(f"multipleOf {_value(schema['multipleOf'])}")
    if isinstance(schema.get("pattern"), str):
        out.append(f"pattern {schema['pattern']}")
    if "default" in schema:
        out.append("default " + json.dumps(schema["default"], ensure_ascii=False))
    if schema.get("uniqueItems") is True:
        out.append("unique")
    return out


def _range(low: Any, high: Any) -> str:
    if high is None:
        return f">={low}"
    return f"<={high}" if not low else f"{low}..{high}"


def _bounds(schema: dict[str, Any]) -> str:
    """``minimum``/``maximum`` (exclusive in 3.0's boolean or 3.1's number form)."""
    low, high = schema.get("minimum"), schema.get("maximum")
    ex_low, ex_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if isinstance(ex_low, (int, float)) and not isinstance(ex_low, bool):
        low, ex_low = ex_low, True
    if isinstance(ex_high, (int, float)) and not isinstance(ex_high, bool):
        high, ex_high = ex_high, True
    if low is not None and high is not None and not ex_low and not ex_high:
        return f"{_value(low)}..{_value(high)}"
    said = []
    if low is not None:
        said.append((">" if ex_low else ">=") + _value(low))
    if high is not None:
        said.append(("<" if ex_high else "<=") + _value(high))
    return " ".join(said)


def _flags(schema: dict[str, Any], required: bool) -> list[str]:
    out = []
    if required:
        out.append("required")
    if schema.get("readOnly") is True:
        out.append("read-only")
    if schema.get("writeOnly") is True:
        out.append("write-only")
    if schema.get("deprecated") is True:
        out.append("deprecated")
    if schema.get("x-multi-segment") is True:
        out.append("multi-segment")
    if "example" in schema:
        out.append("e.g. " + json.dumps(schema["example"], ensure_ascii=False))
    elif isinstance(schema.get("examples"), list) and schema["examples"]:
        out.append("e.g. " + json.dumps(schema["examples"][0], ensure_ascii=False))
    return out


def _description(schema: dict[str, Any]) -> str:
    title, text = schema.get("title"), schema.get("description")
    title = title if isinstance(title, str) else ""
    text = text if isinstance(text, str) else ""
    if title and text and not text.startswith(title):
        return f"{title}: {text}"
    return text or title


def joined(parts: list[str], description: str = "") -> str:
    """``"a, b // description"``: the parts that say something, then the description."""
    text = ", ".join(p for p in parts if p)
    if not description:
        return text
    return f"{text} // {description}" if text else f"// {description}"


def _said(schema: dict[str, Any], required: bool, skip: set[str]) -> tuple[list[str], str]:
    """What an object, list or reference says about itself: its flags and description."""
    rest = {k: v for k, v in schema.items() if k not in skip}
    parts = []
    kind = rest.get("type")
    if (
        rest.get("nullable") is True
        or rest.get("x-nullable") is True
        or (isinstance(kind, list) and "null" in kind)
    ):
        parts.append("nullable")
    parts += _constraints(rest)
    names = rest.get("propertyNames")
    if isinstance(names, dict):
        parts.append("names: " + leaf(names, described=False))
    parts += _flags(rest, required)
    return parts, _description(rest)


def _notes(schema: dict[str, Any], required: bool, skip: set[str]) -> str:
    parts, description = _said(schema, required, skip)
    return joined(parts, description)


def _with_note(shown: dict[str, Any], note: str) -> dict[str, Any]:
    return {NOTE: note, **shown} if note else shown


def annotated(shown: Any, parts: list[str], description: str = "") -> Any:
    """``shown`` (a notation) with more to say about it: ``parts`` (flags such as
    ``required``) before what it says already, ``description`` after."""
    if not parts and not description:
        return shown
    if isinstance(shown, str):
        head, _, own = shown.partition(" // ")
        if head.startswith("// "):
            head, own = "", head[3:]
        return joined([head, *parts], description or own)
    if isinstance(shown, list) and len(shown) == 1 and isinstance(shown[0], dict):
        return [annotated(shown[0], ["list", *parts], description)]
    if isinstance(shown, dict):
        note = joined(parts, description)
        if isinstance(shown.get(NOTE), str) and shown[NOTE]:
            note = f"{note}; {shown[NOTE]}"
        return {NOTE: note, **{k: v for k, v in shown.items() if k != NOTE}}
    return shown


def _object(schema: dict[str, Any], required: bool) -> dict[str, Any]:
    wanted = schema.get("required")
    names = set(wanted) if isinstance(wanted, list) else set()
    fields = {name: notation(child, name in names) for name, child in schema["properties"].items()}
    extra = schema.get("additionalProperties")
    if extra not in (None, False, True, {}):
        fields["<other names>"] = notation(extra)
    parts, description = _said(
        schema, required, skip={"properties", "required", "additionalProperties", "type"}
    )
    if extra is False:
        parts.append("no other fields")
    return _with_note(fields, joined(parts, description))


def _map(schema: dict[str, Any], required: bool) -> Any:
    """An object of any keys: ``{"<any name>": value}``, or ``"object"`` for any values."""
    values = schema.get("additionalProperties")
    parts, description = _said(schema, required, skip={"additionalProperties", "type"})
    if values is False:
        return joined(["object", "no fields", *parts], description)
    if values in (True, {}, None):
        return joined(["object", *parts], description)
    return _with_note({"<any name>": notation(values)}, joined(parts, description))


def _array(schema: dict[str, Any], required: bool) -> Any:
    """``"[T], flags // description"`` for scalar items; a one-item list for others."""
    items = notation(schema.get("items", {}))
    parts, description = _said(schema, required, skip={"items", "type"})
    if isinstance(items, str):
        head, _, item_text = items.partition(" // ")
        if head.startswith("// "):
            head, item_text = "any", head[3:]
        if item_text:
            description = (
                f"{description}; each: {item_text}" if description else f"each: {item_text}"
            )
        return joined([f"[{head}]", *parts], description)
    if not parts and not description:
        return [items]
    note = joined(["list", *parts], description)
    if isinstance(items, dict) and "$ref" not in items:
        own = items.get(NOTE)
        merged = note + (f"; each: {own}" if own else "")
        return [{NOTE: merged, **{k: v for k, v in items.items() if k != NOTE}}]
    return {NOTE: note, EACH: items}  # a list of lists or of references: said around it


def _variants(schema: dict[str, Any], key: str, required: bool) -> dict[str, Any]:
    variants = [notation(v) for v in schema[key]]
    if isinstance(schema.get("properties"), dict):
        # Fields shared by every variant, and the variants (often "one of these is required").
        rest = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
        shared = notation(rest, required)
        if isinstance(shared, dict):
            return {**shared, key: variants}
    shown: dict[str, Any] = {key: variants}
    discriminator = schema.get("discriminator")
    note = _notes(schema, required, skip={key, "discriminator", "type", "properties"})
    if isinstance(discriminator, dict) and isinstance(discriminator.get("propertyName"), str):
        said = f"discriminator {discriminator['propertyName']}"
        mapping = discriminator.get("mapping")
        if isinstance(mapping, dict) and mapping:
            said += " (" + ", ".join(f"{k}: {_leaf_name(v)}" for k, v in mapping.items()) + ")"
        note = f"{said}, {note}" if note else said
    return _with_note(shown, note)


def _leaf_name(ref: Any) -> str:
    return str(ref).rsplit("/", 1)[-1]


def _merge_all_of(schema: dict[str, Any]) -> dict[str, Any] | None:
    """The ``allOf`` as one object when every part is a plain object (no references) and
    no two parts say the same thing differently."""
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    properties: dict[str, Any] = dict(merged.pop("properties", {}) or {})
    required: list[str] = list(merged.pop("required", []) or [])
    for part in schema["allOf"]:
        if not isinstance(part, dict) or "$ref" in part or not set(part) <= _OBJECT:
            return None
        for name, child in (part.get("properties") or {}).items():
            if name in properties and properties[name] != child:
                return None  # parts that say a field twice, differently: each said on its own
            properties[name] = child
        if isinstance(part.get("required"), list):
            required += [n for n in part["required"] if n not in required]
        for key, value in part.items():
            if key in ("properties", "required", "type"):
                continue
            if key in merged and merged[key] != value:
                return None
            merged[key] = value
    if not properties:
        return None
    merged["type"] = "object"
    merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged
