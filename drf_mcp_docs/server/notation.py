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

from typing import Any

from drf_mcp_docs.server.leaves import (
    LEAF_KEYS,
    constraints,
    description_of,
    flags,
    joined,
    leaf,
    nullable,
    split_said,
    type_text,
)
from drf_mcp_docs.server.leaves import (
    names as field_names,
)
from drf_mcp_docs.server.merging import OBJECT_KEYS as _OBJECT
from drf_mcp_docs.server.merging import merge_all_of
from drf_mcp_docs.server.variants import factored

#: The key an object's or a list's own notes go under.
NOTE = "//"
#: The key of a list's items when the list has notes and its items cannot hold them.
EACH = "[each]"
#: The keys of the values of names not listed (``additionalProperties``), of any name (a
#: map), and of an object's fields when one of them is named like a notation key.
OTHER, ANY, FIELDS = "<other names>", "<any name>", "[fields]"
_RESERVED = frozenset(
    {NOTE, EACH, OTHER, ANY, FIELDS, "$ref", "oneOf", "anyOf", "allOf", "definitions", "$defs"}
)
#: The shortest notation (as text) whose fields are said once when several share it,
#: under their names joined by ``_GROUP``.
GROUP_LEAST = 11
_GROUP = ", "
#: Keys an array or object may carry besides its items or fields.
_ARRAY = LEAF_KEYS | {"items"}
_VARIANTS = ("oneOf", "anyOf")
_DEFINITIONS = ("definitions", "$defs")
#: Vendor extensions a client acts on; the others (generators' hints) are not said.
_KNOWN_EXTENSIONS = frozenset({"x-nullable", "x-multi-segment", "x-subtypes"})


def notation(schema: Any, required: bool = False) -> Any:
    """``schema`` (a folded JSON Schema) in type notation; ``required``: its parent
    requires it."""
    if schema is True or schema == {}:
        return joined(["any", *flags({}, required)])
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
        rest = {k: v for k, v in schema.items() if k != "required"}
        alone: Any = notation(rest, required) if rest else "object"
        wanted = field_names(schema["required"])
        return annotated(alone, [f"requires {', '.join(wanted)}"]) if wanted else alone
    ref = schema.get("$ref")
    if isinstance(ref, str):
        parts, description = _said(schema, required, skip={"$ref"})
        if {"enum", "const", "type"} & set(schema):  # a sibling that narrows the reference
            parts.insert(0, type_text(schema))
        notes = joined(parts, description)
        return {"$ref": ref, NOTE: notes} if notes else {"$ref": ref}
    for key in _VARIANTS:
        if isinstance(schema.get(key), list):
            return _variants(schema, key, required)
    if isinstance(schema.get("allOf"), list):
        merged = merge_all_of(schema)
        if merged is None:
            parts = [notation(part) for part in schema["allOf"]]
            own = {k: v for k, v in schema.items() if k in ("properties", "required", "type")}
            if "properties" in own or "required" in own:  # fields said beside the parts
                parts.append(notation(own))
            skip = {"allOf", "properties", "required"}
            return _with_note({"allOf": parts}, _notes(schema, required, skip=skip))
        return notation(merged, required)
    if isinstance(schema.get("discriminator"), dict) and isinstance(schema.get("properties"), dict):
        # A base type's own (its subtypes extend it by allOf): said beside its fields.
        rest = {k: v for k, v in schema.items() if k != "discriminator"}
        return annotated(notation(rest, required), [_discriminator(schema["discriminator"])])
    kind = schema.get("type")
    items = schema.get("items", {})
    if (
        (kind == "array" or "items" in schema)
        and set(schema) <= _ARRAY
        and not isinstance(items, list)
    ):
        return _array(schema, required)
    if isinstance(schema.get("properties"), dict) and set(schema) <= _OBJECT:
        return _object(schema, required)
    if ("additionalProperties" in schema or "propertyNames" in schema) and set(schema) <= _OBJECT:
        return _map(schema, required)
    if set(schema) <= LEAF_KEYS:
        return leaf(schema, required)
    return schema  # words fail: the JSON Schema itself


def _said(schema: dict[str, Any], required: bool, skip: set[str]) -> tuple[list[str], str]:
    """What an object, list or reference says about itself: its flags and description."""
    rest = {k: v for k, v in schema.items() if k not in skip}
    parts = ["nullable"] if nullable(schema) else []
    parts += constraints(rest)
    names = rest.get("propertyNames")
    if isinstance(names, dict):
        parts.append("names: " + leaf(names, described=False))
    parts += flags(rest, required)
    return parts, description_of(rest)


def _notes(schema: dict[str, Any], required: bool, skip: set[str]) -> str:
    parts, description = _said(schema, required, skip)
    return joined(parts, description)


def _with_note(shown: dict[str, Any], note: str) -> dict[str, Any]:
    return {NOTE: note, **shown} if note else shown


def annotated(shown: Any, parts: list[str], description: str = "") -> Any:
    """``shown`` (a notation) with more to say about it: ``parts`` (flags such as
    ``required``) before what it says already, ``description`` after (beside its own
    description when they differ)."""
    if not parts and not description:
        return shown
    if isinstance(shown, list) and len(shown) == 1 and isinstance(shown[0], dict):
        if "$ref" in shown[0]:  # a reference holds no list notes: said around the list
            return {NOTE: joined(["list", *parts], description), EACH: shown[0]}
        return [annotated(shown[0], ["list", *parts], description)]
    if isinstance(shown, dict):
        note = shown.get(NOTE)
        text = _with_more(note if isinstance(note, str) else "", parts, description)
        return {NOTE: text, **{k: v for k, v in shown.items() if k != NOTE}}
    if isinstance(shown, str):
        return _with_more(shown, parts, description)
    return shown


def _with_more(said: str, parts: list[str], description: str) -> str:
    """``said`` (``"type, flags // text"``) with ``parts`` after its own and
    ``description`` added."""
    head, own = split_said(said)
    kept = [p for p in head.split(", ") if p]
    if own and description and own != description:
        description = f"{description}; {own}"
    return joined([*kept, *(p for p in parts if p not in kept)], description or own)


def _object(schema: dict[str, Any], required: bool) -> dict[str, Any]:
    names = field_names(schema.get("required"))
    properties = schema["properties"]
    fields = {name: notation(child, name in names) for name, child in properties.items()}
    extra = schema.get("additionalProperties")
    parts, description = _said(
        schema, required, skip={"properties", "required", "additionalProperties", "type"}
    )
    missing = [name for name in names if name not in properties]
    if missing:  # required, but described elsewhere (a variant, a part of an allOf)
        parts.append(f"requires {', '.join(missing)}")
    if extra is False:
        parts.append("no other fields")
    # A field named like a notation key: the fields said apart, as they are.
    fields = {FIELDS: fields} if _RESERVED & set(fields) else grouped(fields)
    if extra not in (None, False, True, {}):
        fields[OTHER] = notation(extra)
    return _with_note(fields, joined(parts, description))


def grouped(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields said alike said once, under their names joined: ``{"html, self, diff":
    {"href": "string(uri)"}}``. Bitbucket's ``links`` are ten such objects in each model,
    GitHub's repository some forty ``"string(uri)"`` URLs. Only values of at least
    :data:`GROUP_LEAST` characters group (``"string"`` stays with its field), and names
    holding a comma never do."""
    keys: dict[str, list[str]] = {}
    for name, value in fields.items():
        said = value if isinstance(value, str) else repr(value)
        if "," in name or len(said) < GROUP_LEAST:
            said = f"\0{name}"  # alone
        keys.setdefault(said, []).append(name)
    if len(keys) == len(fields):
        return fields
    return {group_key(names): fields[names[0]] for names in keys.values()}


def group_key(names: list[str]) -> str:
    """The key of fields said alike (:func:`grouped`): their names joined."""
    return _GROUP.join(names)


def grouped_names(key: str) -> list[str]:
    """The fields a key of :func:`grouped` names (one, unless several were said alike)."""
    return key.split(_GROUP)


def tag_discriminator(shown: Any, tag: tuple[str, str] | None) -> None:
    """Say in ``shown`` (a component in type notation) the value ``tag`` gives its
    discriminator property (``refs.discriminator_tag``): ``"type": "string, required,
    discriminator \"pullrequest\""``. Bitbucket's models all require a ``type`` that
    their examples leave out; told only "string", agents sent none, or guessed."""
    if tag is None or not isinstance(shown, dict):
        return
    prop, value = tag
    key = next((k for k in shown if prop in grouped_names(k)), None)
    if key is None or not isinstance(shown[key], str):
        return
    text = shown.pop(key) if key != prop else shown[key]
    if key != prop:  # said alike with other fields: they keep their key
        others = [n for n in grouped_names(key) if n != prop]
        shown[group_key(others)] = text
    said, _, note = text.partition(" // ")
    tagged = f'{said}, discriminator "{value}"'
    shown[prop] = f"{tagged} // {note}" if note else tagged


def _map(schema: dict[str, Any], required: bool) -> Any:
    """An object of any keys: ``{"<any name>": value}``, or ``"object"`` for any values."""
    values = schema.get("additionalProperties")
    parts, description = _said(schema, required, skip={"additionalProperties", "type"})
    if values is False:
        return joined(["object", "no fields", *parts], description)
    if values in (True, {}, None):
        return joined(["object", *parts], description)
    return _with_note({ANY: notation(values)}, joined(parts, description))


def _array(schema: dict[str, Any], required: bool) -> Any:
    """``"[T], flags // description"`` for scalar items; a one-item list for others."""
    items = notation(schema.get("items", {}))
    parts, description = _said(schema, required, skip={"items", "type"})
    if isinstance(items, str):
        head, item_text = split_said(items)
        head = head or "any"
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
    said = _discriminator(schema.get("discriminator"))
    shared: Any = None
    if isinstance(schema.get("properties"), dict):
        # Fields shared by every variant, and the variants (often "one of these is required").
        rest = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
        shared = notation(rest, required)
    common, variants = factored(
        variants, shared if isinstance(shared, dict) else {}, grouped_names, grouped
    )
    if common and not isinstance(shared, dict):
        note = _notes(schema, required, skip={key, "discriminator", "type", "properties"})
        shared = {NOTE: note} if note else {}
    if isinstance(shared, dict):
        shared = {**shared, **common}
        return {**annotated(shared, [said]), key: variants} if said else {**shared, key: variants}
    shown: dict[str, Any] = {key: variants}
    note = _notes(schema, required, skip={key, "discriminator", "type", "properties"})
    if said:
        note = f"{said}, {note}" if note else said
    return _with_note(shown, note)


def _discriminator(found: Any) -> str:
    """``discriminator type (card: Card, bank: Bank)``, or "" for none."""
    if not isinstance(found, dict) or not isinstance(found.get("propertyName"), str):
        return ""
    said = f"discriminator {found['propertyName']}"
    mapping = found.get("mapping")
    if isinstance(mapping, dict) and mapping:
        said += " (" + ", ".join(f"{k}: {_leaf_name(v)}" for k, v in mapping.items()) + ")"
    return said


def _leaf_name(ref: Any) -> str:
    return str(ref).rsplit("/", 1)[-1]
