"""The default answer's request body, said once: what a client sends, nothing it cannot use.

The folded body schema (``fold.Folder``) is JSON Schema as the document writes it. Before
the default answer shows it, :func:`tidy` drops what says nothing to a client writing the
request, and shortens what is long, naming each shortened part by the exact argument that
returns it whole (``field="requestBody.<field>"``):

- keys whose value is the JSON Schema default (``nullable: false``, ``readOnly: false``,
  ``uniqueItems: false``, ``minLength: 0``...) and a ``title`` that only repeats the
  field's name ("Created at" for ``created_at``);
- vendor extensions (``x-...``): tooling hints of the API's own generators;
- read-only fields: the server ignores them in a request, so they are left out and counted;
- an enum of more than :data:`ENUM_LIMIT` values: its first ones, and ``enumCount``.

Everything left out is in the ``field="requestBody..."`` answers, which show the schema as
the document gives it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

#: Most enum values a field or parameter lists in the default answer (all: its ``field=``).
#: Agents fetched a 24-value sort enum cut at 20 each time (keel's orderBy): values are
#: what a call must get exactly, and ten more cost about 100 bytes.
ENUM_LIMIT = 30
#: Keys whose value, when it is this one, is what JSON Schema assumes anyway.
_DEFAULTS: dict[str, Any] = {
    "nullable": False,
    "readOnly": False,
    "writeOnly": False,
    "deprecated": False,
    "uniqueItems": False,
    "minLength": 0,
    "minItems": 0,
    "minProperties": 0,
    "exclusiveMinimum": False,
    "exclusiveMaximum": False,
}
_SCHEMA_KEYS = frozenset({"items", "additionalProperties", "not", "contains"})
_SCHEMA_LISTS = frozenset({"allOf", "oneOf", "anyOf", "prefixItems"})
# Extensions a client acts on: kept.
_KEPT_EXTENSIONS = frozenset({"x-multi-segment", "x-nullable", "x-subtypes"})
_WORDS = re.compile(r"[a-z0-9]+")


#: A cut enum shows this many of its first values.
ENUM_PREVIEW = 8


def cut_enum(schema: dict[str, Any], limit: int) -> dict[str, Any]:
    """``schema`` with its enum cut when it has more than ``limit`` values: its first
    :data:`ENUM_PREVIEW` values and ``enumCount``, the number of values but ``null`` (which
    is said as ``|null``)."""
    enum = schema.get("enum")
    if not isinstance(enum, list):
        return schema
    values = [v for v in enum if v is not None]
    if len(values) <= limit:
        return schema
    out = {**schema, "enum": values[: min(limit, ENUM_PREVIEW)], "enumCount": len(values)}
    if len(values) < len(enum):
        out["nullable"] = True
    return out


@dataclass
class Tidied:
    """What :func:`tidy` left out or shortened, for the answer's ``more``."""

    enums: list[str] = field(default_factory=list)  # field paths whose enum was cut
    read_only: int = 0  # read-only fields left out
    dropped: list[str] = field(default_factory=list)  # their field paths


def tidy(
    schema: Any, where: str, notes: Tidied, *, request: bool = True, whole: str | None = None
) -> Any:
    """``schema`` (a folded body schema at field path ``where``) in its compact form; the
    enum at field path ``whole`` (the part an agent asked for) is never cut."""
    if isinstance(schema, list):
        return [tidy(item, where, notes, request=request, whole=whole) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DEFAULTS and value == _DEFAULTS[key] and type(value) is type(_DEFAULTS[key]):
            continue
        if key.startswith("x-") and key not in _KEPT_EXTENSIONS:
            continue
        if key == "properties" and isinstance(value, dict):
            kept = {}
            for name, child in value.items():
                inner = f"{where}.{name}" if where else name  # "": a schema's own fields
                if request and isinstance(child, dict) and child.get("readOnly") is True:
                    notes.read_only += 1
                    notes.dropped.append(inner)
                    continue
                kept[name] = _titled(tidy(child, inner, notes, request=request, whole=whole), name)
            out[key] = kept
        elif key in _SCHEMA_KEYS:
            out[key] = tidy(value, where, notes, request=request, whole=whole)
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            out[key] = [tidy(v, where, notes, request=request, whole=whole) for v in value]
        elif (
            key == "enum" and isinstance(value, list) and len(value) > ENUM_LIMIT and where != whole
        ):
            cut = cut_enum({"enum": value}, ENUM_LIMIT)
            out.update(cut)
            if "enumCount" in cut and where not in notes.enums:
                notes.enums.append(where)
        else:
            out[key] = value
    if (
        request
        and isinstance(out.get("required"), list)
        and isinstance(out.get("properties"), dict)
    ):
        # A read-only field is not sent: it is not required of the client either.
        properties = schema.get("properties") or {}
        required = [
            n
            for n in out["required"]
            if not (isinstance(properties.get(n), dict) and properties[n].get("readOnly") is True)
        ]
        if required:
            out["required"] = required
        else:
            del out["required"]
    return out


def _titled(schema: Any, name: str) -> Any:
    """``schema`` without a ``title`` that says no more than the field's ``name``."""
    title = schema.get("title") if isinstance(schema, dict) else None
    if isinstance(title, str) and _letters(title) == _letters(name):
        return {k: v for k, v in schema.items() if k != "title"}
    return schema


def _letters(text: str) -> str:
    return "".join(_WORDS.findall(text.lower()))


def type_only(schema: Any) -> Any:
    """A property reduced to what names its type: ``$ref``, ``type``, ``format``, enum
    (a field nested past an answer's depth: listed by type only)."""
    if not isinstance(schema, dict):
        return schema
    kept = {
        k: schema[k]
        for k in ("$ref", "type", "format", "nullable", "enum", "readOnly")
        if k in schema
    }
    if isinstance(schema.get("items"), dict):
        kept["items"] = type_only(schema["items"])
    for key in ("anyOf", "oneOf", "allOf"):
        if isinstance(schema.get(key), list):
            kept[key] = [type_only(s) for s in schema[key]]
    return kept or {}
