"""``allOf`` parts said as one object: a base type and what extends it, merged where no
two parts say a field differently (``notation`` says the result; a part it cannot merge is
said on its own)."""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.server.leaves import LEAF_KEYS
from drf_mcp_docs.server.leaves import names as field_names

#: Keys an object may carry besides its fields.
OBJECT_KEYS = LEAF_KEYS | {
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
    "propertyNames",
}
#: What a schema says of a value without constraining it (see :func:`_narrower`).
_ANNOTATIONS = frozenset({"description", "title"})
_RELAXING = frozenset({"nullable", "x-nullable"})
_SUBTYPES = "x-subtypes"  # server.subtypes.KEY
_MISSING = object()


def merge_all_of(schema: dict[str, Any]) -> dict[str, Any] | None:
    """The ``allOf`` as one object when every part is a plain object (no references) and
    no two parts say the same thing differently.

    A part's description does not stop the merge: the schema's own is kept, else the last
    part's (a base type comes first: Bitbucket's every object is ``allOf: [object, ...]``,
    whose "Base type for most resource objects" said in each nested object, raw, hid its
    required ``type`` from agents). A base's ``discriminator`` without a mapping is left
    out: the field it names is said, required (one with a mapping keeps the parts).
    """
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    own = merged.pop("properties", {}) or {}
    if not isinstance(own, dict):
        return None
    properties: dict[str, Any] = dict(own)
    required: list[str] = field_names(merged.pop("required", []))
    described = "description" in merged
    for part in schema["allOf"]:
        if isinstance(part, dict) and isinstance(part.get("allOf"), list):
            part = merge_all_of(part)  # a base that extends its own base: one object
        if not isinstance(part, dict) or "$ref" in part:
            return None
        if not set(part) - {"discriminator"} <= OBJECT_KEYS:
            return None
        found = part.get("discriminator")
        if isinstance(found, dict) and found.get("mapping"):
            return None  # a base's mapping says which value is which: said with the parts
        if not isinstance(part.get("properties", {}), dict):
            return None
        for name, child in (part.get("properties") or {}).items():
            if name in properties:
                child = _narrower(properties[name], child)
                if child is None:
                    return None  # a field said twice, differently: each part said on its own
            properties[name] = child
        required += [n for n in field_names(part.get("required")) if n not in required]
        for key, value in part.items():
            if key in ("properties", "required", "type", "discriminator", _SUBTYPES):
                continue  # a base's subtypes are not the subtype's
            if key == "description":
                if not described:
                    merged[key] = value  # the last part's, unless the schema has its own
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


def _narrower(first: Any, second: Any) -> Any:
    """Of a field two parts of an ``allOf`` both say, the one that says all the other does
    and more (``{"type": "string"}`` and ``{"type": "string", "enum": [...]}``: a value
    valid for the second is valid for both), with a description of either; else None."""
    if first == second:
        return first
    if not (isinstance(first, dict) and isinstance(second, dict)):
        return None
    rules = [{k: v for k, v in s.items() if k not in _ANNOTATIONS} for s in (first, second)]
    for wide, narrow, said in ((0, 1, second), (1, 0, first)):
        if _RELAXING & (rules[narrow].keys() - rules[wide].keys()):
            continue  # "nullable" allows more, not less: allOf would forbid the null
        if all(rules[narrow].get(k, _MISSING) == v for k, v in rules[wide].items()):
            other = first if said is second else second
            notes = {k: other[k] for k in _ANNOTATIONS if k in other and k not in said}
            return {**said, **notes}
    return None
