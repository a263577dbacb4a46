"""Filter families said once: ``name``, ``name__ic``, ``name__n``, ... as one entry.

DRF list endpoints filtered with django-filter document one query parameter per field and
lookup (``farm_id``, ``farm_id__n``, ``name__ic``, ``created__gte``...): a hundred or more
on one endpoint, each as long as the next. Past :data:`FOLD_AT` optional query parameters,
a lookup whose notation is exactly its base's (same type, description and encoding) is
folded into the base; and the optional parameters said by their type alone are listed by
type, grouped by the lookups they take, ``{"string": {"n,ic": "name serial", "": "q"}}``
(``name`` takes ``name``, ``name__n`` and ``name__ic``), or in one line,
``{"string": "q name[n,ic]"}``, when no two take the same lookups. Nothing is lost: a
folded lookup took what its base takes, and ``more`` says how to read the filters.
"""

from __future__ import annotations

from typing import Any

#: Optional query parameters a default answer lists one by one, at most; past that count,
#: filter families are folded.
FOLD_AT = 24
#: The separator of a django-filter lookup (``name__ic``).
LOOKUP = "__"
#: How an answer reads its ``filters`` (said in its ``more``).
HOW = 'filters: optional, by type, then lookups: x under "a,b" (or x[a,b]) is x, x__a, x__b'


def fold(
    query: dict[str, Any], optional: set[str]
) -> tuple[dict[str, Any], dict[str, str | dict[str, str]], int]:
    """``query`` (name -> notation of the query parameters; ``optional``: the names that are
    not required) with filter families folded: the parameters still listed one by one, the
    plain filters by type, and how many lookups were folded (0: ``query`` unchanged)."""
    if len(optional) <= FOLD_AT:
        return query, {}, 0
    lookups: dict[str, list[str]] = {}
    for name, value in query.items():
        if name not in optional or LOOKUP not in name:
            continue
        base, _, lookup = name.rpartition(LOOKUP)
        if lookup and base in optional and query.get(base) == value:
            lookups.setdefault(base, []).append(lookup)
    # A lookup that has lookups of its own (created__date, created__date__gte) stays a base.
    folded = {f"{base}{LOOKUP}{lookup}" for base, said in lookups.items() for lookup in said}
    for base in [b for b in lookups if b in folded]:
        parent, _, lookup = base.rpartition(LOOKUP)
        lookups[parent].remove(lookup)
        folded.discard(base)
    lookups = {base: said for base, said in lookups.items() if said}
    kept: dict[str, Any] = {}
    plain: dict[str, list[tuple[str, list[str]]]] = {}
    for name, value in query.items():
        if name in folded:
            continue
        if name in optional and _plain(value):
            plain.setdefault(value, []).append((name, lookups.get(name, [])))
        elif name in lookups:
            kept[_family(name, lookups[name])] = value
        else:
            kept[name] = value
    filters = {kind: _by_lookups(names) for kind, names in plain.items()}
    return kept, filters, len(folded)


def _by_lookups(said: list[tuple[str, list[str]]]) -> str | dict[str, str]:
    """The filters of one type, those taking the same lookups said together:
    ``{"n,ic": "name serial", "": "q"}`` (``name`` takes ``name__n`` and ``name__ic``), or
    one line ``"q name[n,ic]"`` when no lookup set is shared and no name holds a bracket."""
    groups: dict[str, list[str]] = {}
    for name, lookups in said:
        groups.setdefault(",".join(lookups), []).append(name)
    shared = any(len(names) > 1 for key, names in groups.items() if key)
    if shared or any("[" in name for name, _ in said):
        return {key: " ".join(names) for key, names in groups.items()}
    return " ".join(_family(name, lookups) for name, lookups in said)


def _family(name: str, lookups: list[str]) -> str:
    """``name[a,b]``: ``name`` and its lookups ``name__a``, ``name__b`` (``name`` alone)."""
    return f"{name}[{','.join(lookups)}]" if lookups else name


def _plain(value: Any) -> bool:
    """A notation that is a type alone: no constraints, flags or description."""
    return isinstance(value, str) and "," not in value and "//" not in value


def note(count: int) -> str:
    """The ``more`` line of a folding of ``count`` lookups."""
    return f"{HOW} ({count} lookups folded in)"
