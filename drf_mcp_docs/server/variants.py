"""Variants said alike, said once: the fields every ``oneOf``/``anyOf`` object variant
says the same way are moved beside the variants, and each variant keeps what is its own.

DigitalOcean's DNS record body is nine variants of the same nine fields, told apart only by
which fields each requires: said whole, 7 KB of one answer repeating itself. Factored, the
fields are said once and each variant reads ``{"//": "requires data, flags, tag"}``. A
field every variant requires stays ``required`` where it is said once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from drf_mcp_docs.server.leaves import joined, split_said

#: The key an object's own notes go under (``notation.NOTE``).
NOTE = "//"
#: Keys of a variant's notation that are not fields (notation's own keys, and the JSON
#: Schema keywords of a node it keeps as written): such a variant is left as it is.
_NOT_FIELDS = frozenset(
    {"$ref", "oneOf", "anyOf", "allOf", "[each]", "[fields]", "<other names>", "<any name>"}
    | {"properties", "patternProperties", "additionalProperties", "required", "not", "if"}
)
#: What a closed variant's note says (``additionalProperties: false``): left whole, as a
#: variant of no fields of its own would read as one that accepts none.
_CLOSED = "no other fields"
_REQUIRED = "required"
#: Factored only when that says the variants in at most this share of their bytes, and
#: saves at least ``WORTH_BYTES``: two small variants read better whole.
WORTH = 0.75
WORTH_BYTES = 100


def factored(
    variants: list[Any],
    beside: dict[str, Any],
    names: Callable[[str], list[str]],
    group: Callable[[dict[str, Any]], dict[str, Any]],
) -> tuple[dict[str, Any], list[Any]]:
    """``(common, variants)``: the fields every variant of ``variants`` (object
    notations) says alike but for being required, grouped, and the variants without
    them, each saying which of them it requires. A name ``beside`` says already stays in
    the variants; nothing common, a closed variant or too little saved: ``({}, variants)``.
    ``names`` and ``group`` read and make grouped keys (``notation.grouped_names``,
    ``notation.grouped``)."""
    if len(variants) < 2 or not all(_plain(v) for v in variants):
        return {}, variants
    fields = [_fields(v, names) for v in variants]
    said_beside = {n for key in beside for n in names(key)}
    common: dict[str, Any] = {}
    for name in fields[0]:
        if name in said_beside or not all(name in f for f in fields[1:]):
            continue
        bases = [_unrequired(f[name]) for f in fields]
        if all(b == bases[0] for b in bases[1:]):
            always = all(_required(f[name]) for f in fields)
            common[name] = fields[0][name] if always else bases[0]
    if not common:
        return {}, variants
    kept = []
    for variant, own in zip(variants, fields, strict=True):
        wanted = [n for n in common if _required(own[n]) and not _required(common[n])]
        rest = {n: v for n, v in own.items() if n not in common}
        note = variant.get(NOTE) if isinstance(variant.get(NOTE), str) else ""
        if wanted:
            note = _requiring(note, wanted)
        kept.append({**({NOTE: note} if note else {}), **group(rest)})
    common = group(common)
    before, after = _size(variants), _size([common, kept])
    if after > before * WORTH or before - after < WORTH_BYTES:
        return {}, variants
    return common, kept


def _plain(variant: Any) -> bool:
    note = variant.get(NOTE) if isinstance(variant, dict) else None
    closed = isinstance(note, str) and _CLOSED in split_said(note)[0].split(", ")
    return isinstance(variant, dict) and not (_NOT_FIELDS & set(variant)) and not closed


def _requiring(note: str, wanted: list[str]) -> str:
    """A variant's note saying it requires ``wanted`` too (beside a ``requires`` it says)."""
    head, text = split_said(note)
    parts = [part for part in head.split(", ") if part] if head else []
    said = next((i for i, part in enumerate(parts) if part.startswith("requires ")), None)
    if said is None:
        return joined([*parts, f"requires {', '.join(wanted)}"], text)
    return joined([*parts[:said], f"{parts[said]}, {', '.join(wanted)}", *parts[said + 1 :]], text)


def _fields(variant: dict[str, Any], names: Callable[[str], list[str]]) -> dict[str, Any]:
    """A variant's fields by name, a grouped key (``"a, b"``) read as each of its names."""
    return {n: value for key, value in variant.items() if key != NOTE for n in names(key)}


def _required(said: Any) -> bool:
    """Whether a field's notation says it is required (in its text, or its ``"//"``)."""
    text = said.get(NOTE) if isinstance(said, dict) else said
    if not isinstance(text, str):
        return False
    return _REQUIRED in split_said(text)[0].split(", ")


def _unrequired(said: Any) -> Any:
    """A field's notation without its ``required`` flag."""
    if isinstance(said, dict) and isinstance(said.get(NOTE), str):
        rest = {k: v for k, v in said.items() if k != NOTE}
        note = _unrequired(said[NOTE])
        return {NOTE: note, **rest} if note else rest
    if not isinstance(said, str):
        return said
    head, text = split_said(said)
    kept = [part for part in head.split(", ") if part and part != _REQUIRED]
    return joined(kept, text)


def _size(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False))
