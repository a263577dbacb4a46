"""Schemas flattened into dotted field paths with what a client relies on in each.

``author.name``, ``results[].title``: each path has its JSON types (``null`` when
nullable), format, whether it is required, its enum and default. References to component
schemas are followed (each once per path, so recursion ends), ``allOf`` parts are joined
and ``oneOf``/``anyOf`` variants contribute their fields, a few levels deep.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from drf_mcp_docs.schema.records import ApiSchema

#: Object levels a body or response is flattened to (deeper changes are not listed).
MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Facts:
    """What a client relies on in one field or parameter."""

    kinds: frozenset[str]  # JSON types ("null" when nullable; "any" when unconstrained)
    format: str = ""
    required: bool = False
    enum: tuple[str, ...] | None = None
    default: str | None = None
    deprecated: bool = False

    def with_required(self, required: bool) -> Facts:
        return Facts(self.kinds, self.format, required, self.enum, self.default, self.deprecated)

    @property
    def type(self) -> str:
        kinds = sorted(self.kinds - {"null"})
        text = "|".join(kinds) or "null"
        if self.format:
            text += f"({self.format})"
        return text + (", nullable" if "null" in self.kinds and kinds else "")


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _own_kinds(schema: dict[str, Any]) -> set[str]:
    kind = schema.get("type")
    kinds = {kind} if isinstance(kind, str) else set(kind) if isinstance(kind, list) else set()
    if schema.get("nullable"):
        kinds.add("null")
    if not kinds - {"null"} and "properties" in schema:
        kinds.add("object")
    return {str(k) for k in kinds}


def accepts(wider: frozenset[str], narrower: frozenset[str]) -> bool:
    """Whether every value of types ``narrower`` is also of types ``wider``."""
    if "any" in wider:
        return True
    widened = set(wider) | ({"integer"} if "number" in wider else set())
    return narrower <= widened


class Flattener:
    """Dotted field paths of schemas of one API, following its ``{"$ref": Name}`` leaves."""

    def __init__(self, api: ApiSchema, mode: str) -> None:
        self.api = api
        self.skip = "readOnly" if mode == "request" else "writeOnly"
        #: The fields of small schemas (``{"$ref": "Repo"}``, an array of one), by their
        #: JSON: many operations answer the same component.
        self._known: dict[str, dict[str, Facts]] = {}

    def _deref(self, schema: Any, seen: frozenset[str]) -> tuple[dict[str, Any], frozenset[str]]:
        for _ in range(8):
            if not isinstance(schema, dict):
                return {}, seen
            ref = schema.get("$ref")
            if not isinstance(ref, str) or ref in seen:
                break
            component = self.api.components.get(ref)
            if component is None:
                break
            seen = seen | {ref}
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**component.schema, **siblings}
        return (schema if isinstance(schema, dict) else {}), seen

    def _merged(self, schema: dict[str, Any], seen: frozenset[str]) -> dict[str, Any]:
        """``allOf`` parts folded into one object schema (properties and required joined)."""
        parts = schema.get("allOf")
        if not isinstance(parts, list):
            return schema
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        properties: dict[str, Any] = dict(merged.get("properties") or {})
        required: list[str] = list(merged.get("required") or [])
        for part in parts:
            resolved, _ = self._deref(part, seen)
            resolved = self._merged(resolved, seen)
            properties.update(resolved.get("properties") or {})
            required += list(resolved.get("required") or [])
            for key in ("type", "nullable", "enum", "format"):
                if key in resolved and key not in merged:
                    merged[key] = resolved[key]
        if properties:
            merged["properties"] = properties
        if required:
            merged["required"] = required
        return merged

    def facts(self, schema: dict[str, Any], required: bool, seen: frozenset[str]) -> Facts:
        """The facts of a resolved schema; a ``oneOf``/``anyOf`` has its variants' types."""
        kinds = _own_kinds(schema)
        for combinator in ("oneOf", "anyOf"):
            variants = schema.get(combinator)
            if isinstance(variants, list) and not kinds - {"null"}:
                for variant in variants:
                    part, _ = self._deref(variant, seen)
                    kinds |= _own_kinds(self._merged(part, seen)) or {"any"}
        enum = schema.get("enum")
        fmt = schema.get("format")
        return Facts(
            kinds=frozenset(kinds if kinds - {"null"} else kinds | {"any"}),
            format=fmt if isinstance(fmt, str) else "",
            required=required,
            enum=tuple(sorted(_json(v) for v in enum)) if isinstance(enum, list) else None,
            default=_json(schema["default"]) if "default" in schema else None,
            deprecated=bool(schema.get("deprecated")),
        )

    def fields(self, schema: Any) -> dict[str, Facts]:
        """Every field path of ``schema`` ("" is the schema itself) with its facts.

        The answer is shared between calls for the same small schema: treat it as read-only.
        """
        key = _json(schema) if isinstance(schema, dict) and len(schema) <= 3 else None
        if key is not None and len(key) <= 300:
            known = self._known.get(key)
            if known is not None:
                return known
        out: dict[str, Facts] = {}
        self._walk(schema, "", True, frozenset(), 0, out)
        if key is not None and len(key) <= 300:
            self._known[key] = out
        return out

    def _walk(
        self,
        schema: Any,
        path: str,
        required: bool,
        seen: frozenset[str],
        depth: int,
        out: dict[str, Facts],
    ) -> None:
        resolved, seen = self._deref(schema, seen)
        resolved = self._merged(resolved, seen)
        out[path] = self.facts(resolved, required, seen)
        if depth >= MAX_DEPTH:
            return
        items = resolved.get("items")
        if isinstance(items, dict):
            self._walk(items, f"{path}[]", True, seen, depth + 1, out)
            return
        variants: list[Any] = []
        for combinator in ("oneOf", "anyOf"):
            if isinstance(resolved.get(combinator), list):
                variants += resolved[combinator]
        properties = dict(resolved.get("properties") or {})
        needed = set(resolved.get("required") or ())
        for variant in variants:  # a polymorphic shape: the fields of every variant
            part, _ = self._deref(variant, seen)
            part = self._merged(part, seen)
            for name, sub in (part.get("properties") or {}).items():
                properties.setdefault(name, sub)
        for name, sub in properties.items():
            if isinstance(sub, dict) and sub.get(self.skip):
                continue
            child = f"{path}.{name}" if path else str(name)
            self._walk(sub, child, name in needed, seen, depth + 1, out)


def touched(old_api: ApiSchema, new_api: ApiSchema) -> set[str]:
    """Keys (``GET /path``) of the operations using a component schema that changed.

    An operation whose own record is unchanged and that uses none of them is unchanged:
    its references name the same, unchanged schemas (``Component.used_by`` is transitive).
    """
    keys: set[str] = set()
    for name in old_api.components.keys() | new_api.components.keys():
        before, after = old_api.components.get(name), new_api.components.get(name)
        if before is not None and after is not None and before.schema == after.schema:
            continue
        for component in (before, after):
            if component is not None:
                keys.update(component.used_by)
    return keys
