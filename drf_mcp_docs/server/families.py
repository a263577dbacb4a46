"""Filter families said once: ``name``, ``name__ic``, ``name__n``, ... as one entry.

DRF list endpoints filtered with django-filter document one query parameter per field and
lookup (``farm_id``, ``farm_id__n``, ``name__ic``, ``created__gte``...): a hundred or more
on one endpoint, each as long as the next. In a default answer with many optional query
parameters, the lookups of a parameter that take exactly what it takes (same type, same
description, same encoding) are folded into its entry as ``"lookups"``; ``more`` says so and
names ``field="parameters"``, which lists every parameter whole.
"""

from __future__ import annotations

from typing import Any

#: Optional query parameters a default answer lists one by one, at most; past that count,
#: filter families are folded.
FOLD_AT = 24
#: The separator of a django-filter lookup (``name__ic``).
LOOKUP = "__"


def _optional_query(entry: dict[str, Any]) -> bool:
    return entry.get("in") == "query" and not entry.get("required")


def _same(entry: dict[str, Any]) -> dict[str, Any]:
    """What must match for a lookup to fold into its base: everything but the name."""
    return {k: v for k, v in entry.items() if k != "name"}


def fold(shown: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """``shown`` (a default answer's parameters) with filter families folded, and how many
    parameters were folded into another's ``lookups`` (0: ``shown`` unchanged)."""
    if sum(1 for entry in shown if _optional_query(entry)) <= FOLD_AT:
        return shown, 0
    bases = {
        entry["name"]: entry
        for entry in shown
        if _optional_query(entry) and LOOKUP not in str(entry.get("name", ""))
    }
    lookups: dict[str, list[str]] = {}
    folded: set[int] = set()
    for index, entry in enumerate(shown):
        name = str(entry.get("name", ""))
        if not _optional_query(entry) or LOOKUP not in name:
            continue
        base, _, lookup = name.rpartition(LOOKUP)
        anchor = bases.get(base)
        if anchor is not None and lookup and _same(anchor) == _same(entry):
            lookups.setdefault(base, []).append(lookup)
            folded.add(index)
    if not folded:
        return shown, 0
    out = []
    for index, entry in enumerate(shown):
        if index in folded:
            continue
        label = entry.get("name")
        if isinstance(label, str) and label in lookups:
            entry = {**entry, "lookups": lookups[label]}
        out.append(entry)
    return out, len(folded)


#: The keys of a plain filter: an optional query parameter said by its name and type alone.
PLAIN = frozenset({"name", "in", "type", "lookups"})


def plain_filters(
    shown: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], dict[str, dict[str, list[str]]]]:
    """Once families are folded: the optional query parameters said by name and type alone
    (no description, enum, default or encoding to tell), grouped by type as
    ``{type: {name: [lookups]}}``, and the parameters left to list one by one."""
    kept: list[dict[str, Any]] = []
    plain: dict[str, dict[str, list[str]]] = {}
    for entry in shown:
        kind = entry.get("type")
        if _optional_query(entry) and isinstance(kind, str) and set(entry) <= PLAIN:
            plain.setdefault(kind, {})[str(entry["name"])] = list(entry.get("lookups", ()))
        else:
            kept.append(entry)
    return kept, plain


def note(count: int, field_arg: str) -> str:
    """The ``more`` line of a folding of ``count`` lookups."""
    return (
        '"filters" lists optional query parameters by type, each with the lookups it also '
        f"takes as name__<lookup> ({count} folded in); every parameter whole: {field_arg}"
    )
