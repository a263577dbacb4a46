"""Which component schemas an operation uses: the ``usedBy`` of every component."""

from __future__ import annotations

from typing import Any

SCHEMA_REF = "#/components/schemas/"


class RefGraph:
    """Which component schemas an operation uses, following ``$ref`` transitively.

    References are followed through every kind of component (shared responses,
    parameters, request bodies, headers, schemas). Each component's own references are
    collected once, so the cost of an operation is the size of its closure.
    """

    def __init__(self, components: dict[str, Any]) -> None:
        self.components = components
        self._direct: dict[str, list[str]] = {}

    def direct(self, ref: str) -> list[str]:
        refs = self._direct.get(ref)
        if refs is None:
            kind, _, name = ref[len("#/components/") :].partition("/")
            group = self.components.get(kind)
            target = group.get(name) if isinstance(group, dict) else None
            refs = self._direct[ref] = _direct_refs(target)
        return refs

    def used_by(self, operation: Any) -> list[str]:
        """Component schema names ``operation`` uses, directly or through components."""
        seen: dict[str, None] = {}
        stack = _direct_refs(operation)
        while stack:
            ref = stack.pop()
            if ref not in seen:
                seen[ref] = None
                stack.extend(self.direct(ref))
        return [ref[len(SCHEMA_REF) :] for ref in seen if ref.startswith(SCHEMA_REF)]


def _direct_refs(value: Any) -> list[str]:
    """Local component references (``#/components/...``) inside ``value`` (not followed)."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/"):
                found.append(ref)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
