"""An endpoint's parameters in type notation: by location, with their encoding, filter
families folded.

A parameter is said as its type notation (``server/notation.py``) plus what is particular
to parameters: ``required`` (not said of path parameters, which always are), its encoding
(``style=form explode=true`` for arrays and objects in the query, ``slashes kept`` or
``encode / as %2F`` for a string path parameter) and its description, shortened by the
answer's folding. Past ``families.FOLD_AT`` optional query parameters, django-filter's
lookups are folded (``server/families.py``).
"""

from __future__ import annotations

from typing import Any

import drf_mcp_docs.server.compact as compact
import drf_mcp_docs.server.families as families
import drf_mcp_docs.server.notation as notation
from drf_mcp_docs.schema.records import ApiSchema, Parameter
from drf_mcp_docs.server.fold import Folder
from drf_mcp_docs.server.leaves import LEAF_KEYS, kind

#: Descriptions of a required parameter get this many times a body field's room; an
#: optional parameter's gets a body field's: an agent reads it whole
#: (``field="parameters.<name>"``, named in ``more``) when it means to send it.
PARAMETER_TEXT = 2.0
OPTIONAL_TEXT = 1.0
#: A text many operations give the same parameter (``ApiSchema.common_text``) keeps to
#: this many characters (less only when the folding level allows less): Kubernetes'
#: dryRun, fieldManager and fieldValidation say the same 1,900 characters in every write,
#: and doubled its median answer when whole.
COMMON_TEXT = 100
#: Most enum values a parameter lists in the default answer (all: ``parameters.<name>``):
#: the same as a body field's (``compact.ENUM_LIMIT``).
ENUM_LIMIT = compact.ENUM_LIMIT
#: Keys of a parameter schema simple enough to show flat: a leaf's, or an array's of leaves
#: (vendor ``x-`` keys are allowed too: the notation says the ones a client acts on).
_FLAT = LEAF_KEYS | {"items"}
#: What a flat parameter's notation leaves to the parameter itself (its description) or
#: does not say (examples: the example tools give them).
_UNSAID = frozenset({"description", "title", "example", "examples", "items"})


def encoding(param: Parameter, schema: Any) -> dict[str, Any]:
    """How the value goes on the wire: style/explode (defaults filled in for arrays and
    objects) and, for a path parameter, whether its slashes stay."""
    out: dict[str, Any] = {}
    found = kind(schema)
    structured = found in ("array", "object")
    if param.location == "path" and found not in ("integer", "number", "boolean"):
        out["slashes"] = "keep" if param.keeps_slashes else "encode as %2F"
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
    out = {k: v for k, v in schema.items() if k not in _UNSAID}
    if enum_limit is not None:
        out = compact.cut_enum(out, enum_limit)
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
    own = schema.get("description", "") if isinstance(schema, dict) else ""
    if flat is not None:
        items = flat.get("items")
        cut = "enumCount" in flat or (isinstance(items, dict) and "enumCount" in items)
        shown = notation.notation(flat)
        text = param.description or own
    else:  # the schema's own description is said inside its notation
        shown = notation.notation(folder.schema(param.schema, where=where))
        text = param.description if param.description != own else ""
    description = ""
    if isinstance(text, str) and text:
        before = len(folder.cut_texts)
        scale = PARAMETER_TEXT if param.required else OPTIONAL_TEXT
        room = folder.level.description
        if room and api.common_text(param.name, param.description):
            scale = min(scale, COMMON_TEXT / room)
        description = folder.text(text, where, scale=scale)
        cut = cut or (len(folder.cut_texts) > before and where not in folder.links_only)
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
    if kind(schema) in ("array", "object") or "style" not in wire:
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
