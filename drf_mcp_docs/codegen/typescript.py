"""TypeScript type declarations rendered from resolved JSON schemas."""

from __future__ import annotations

import json
from typing import Any

from drf_mcp_docs.codegen.syntax import IDENTIFIER, identifier
from drf_mcp_docs.schema.records import ApiSchema, JsonSchema, Pagination

#: Components pulled in through leftover ``$ref``s, at most, before falling back to ``unknown``.
MAX_REFERENCED = 8
_PRIMITIVES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}


class TsTypes:
    """Collects the TypeScript declarations one snippet needs, in order."""

    def __init__(self, api: ApiSchema) -> None:
        self.api = api
        self.decls: dict[str, str] = {}
        self._referenced = 0

    def declare(self, name: str, schema: JsonSchema | None, mode: str) -> str:
        """Declare ``name`` for ``schema`` ("request" drops read-only fields); return the name."""
        if name in self.decls:
            return name
        self.decls[name] = ""
        schema = schema or {}
        body = self.expr(schema, mode, top=True)
        if body.startswith("{\n") and body.endswith("\n}") and body.count("\n}") == 1:
            self.decls[name] = f"export interface {name} {body}"
        else:
            self.decls[name] = f"export type {name} = {body};"
        return name

    def named(self, fallback: str, schema: JsonSchema | None, mode: str) -> str:
        """Declare ``schema`` under its component's name when it is one, else as ``fallback``."""
        component = self._match(schema)
        return (
            self._component(component, mode) if component else self.declare(fallback, schema, mode)
        )

    def _match(self, schema: JsonSchema | None) -> str | None:
        if not isinstance(schema, dict) or not ("properties" in schema or "enum" in schema):
            return None
        return self.api.component_named(schema)

    def declare_paginated(self, pagination: Pagination) -> str:
        """Declare the generic ``Paginated<T>`` page shape; return its name."""
        key = ts_key(pagination.results_key)
        count = "" if pagination.style == "cursor" else "  count: number;\n"
        self.decls["Paginated"] = (
            f"export interface Paginated<T> {{\n{count}  next: string | null;\n"
            f"  previous: string | null;\n  {key}: T[];\n}}"
        )
        return "Paginated"

    def render(self) -> str:
        """Every declaration, separated by blank lines."""
        return "\n\n".join(d for d in self.decls.values() if d)

    def expr(self, schema: JsonSchema, mode: str, level: int = 0, *, top: bool = False) -> str:
        """A type expression for ``schema``; nested objects are inline at indent ``level``."""
        component = None if top else self._match(schema)
        parts = (
            [self._component(component, mode)] if component else self._parts(schema, mode, level)
        )
        unique = list(dict.fromkeys(parts))
        if "null" in unique:
            unique = [p for p in unique if p != "null"] + ["null"]
        return " | ".join(unique) or "unknown"

    def _parts(self, schema: JsonSchema, mode: str, level: int) -> list[str]:
        if not isinstance(schema, dict) or not schema:
            return ["unknown"]
        nullable = ["null"] if schema.get("nullable") else []
        if "$ref" in schema:
            return [self._ref(str(schema["$ref"]), mode), *nullable]
        if "const" in schema:
            return [_literal(schema["const"]), *nullable]
        if "enum" in schema:
            return [_literal(v) for v in schema["enum"]] + nullable
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list):
                parts: list[str] = []
                for option in schema[key]:
                    component = self._match(option)
                    named = [self._component(component, mode)] if component else None
                    parts.extend(named or self._parts(option, mode, level))
                return parts + nullable
        if isinstance(schema.get("allOf"), list):
            return [self._all_of(schema, mode, level), *nullable]
        kinds = schema.get("type")
        kinds = list(kinds) if isinstance(kinds, list) else [kinds] if kinds else []
        if not kinds:
            if "properties" in schema or "additionalProperties" in schema:
                kinds = ["object"]
            elif "items" in schema:
                kinds = ["array"]
            else:
                return ["unknown", *nullable]
        return [self._kind(k, schema, mode, level) for k in kinds] + nullable

    def _kind(self, kind: str, schema: JsonSchema, mode: str, level: int) -> str:
        if kind == "null":
            return "null"
        if kind == "string" and schema.get("format") == "binary":
            return "Blob"
        if kind in _PRIMITIVES:
            return _PRIMITIVES[kind]
        if kind == "array":
            item = self.expr(schema.get("items") or {}, mode, level)
            return f"({item})[]" if " | " in item or " & " in item else f"{item}[]"
        if kind == "object":
            return self._object(schema, mode, level)
        return "unknown"

    def _object(self, schema: JsonSchema, mode: str, level: int) -> str:
        props = schema.get("properties") or {}
        extra = schema.get("additionalProperties")
        if not props:
            value = self.expr(extra, mode, level) if isinstance(extra, dict) and extra else None
            return f"Record<string, {value or 'unknown'}>"
        required = set(schema.get("required") or ())
        pad = "  " * (level + 1)
        lines = []
        for key, prop in props.items():
            prop = prop if isinstance(prop, dict) else {}
            if prop.get("readOnly" if mode == "request" else "writeOnly"):
                continue
            readonly = "readonly " if mode == "response" and prop.get("readOnly") else ""
            optional = "" if key in required else "?"
            value = self.expr(prop, mode, level + 1)
            lines.append(f"{pad}{readonly}{ts_key(key)}{optional}: {value};")
        if extra:
            lines.append(f"{pad}[key: string]: unknown;")
        if not lines:
            return "Record<string, never>"
        return "{\n" + "\n".join(lines) + "\n" + "  " * level + "}"

    def _all_of(self, schema: JsonSchema, mode: str, level: int) -> str:
        parts = [p for p in schema["allOf"] if isinstance(p, dict)]
        if all("$ref" not in p for p in parts):
            merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
            for part in parts:
                merged["properties"].update(part.get("properties") or {})
                merged["required"].extend(part.get("required") or ())
            return self._object(merged, mode, level)
        return " & ".join(self.expr(p, mode, level) for p in parts) or "unknown"

    def _ref(self, ref: str, mode: str) -> str:
        return self._component(ref.rsplit("/", 1)[-1], mode)

    def _component(self, name: str, mode: str) -> str:
        type_name = name if IDENTIFIER.fullmatch(name) else identifier(name, "pascal")
        component = self.api.components.get(name)
        split = component is not None and _has_access_modes(component.schema)
        if mode == "request" and split and not type_name.endswith("Request"):
            type_name += "Request"
        if type_name in self.decls:
            return type_name
        if component is None or self._referenced >= MAX_REFERENCED:
            self.decls[type_name] = f"export type {type_name} = unknown;"
            return type_name
        self._referenced += 1
        return self.declare(type_name, component.schema, mode)


def _has_access_modes(schema: Any) -> bool:
    """Whether any property is read- or write-only (so request and response shapes differ)."""
    if isinstance(schema, list):
        return any(_has_access_modes(item) for item in schema)
    if not isinstance(schema, dict):
        return False
    if schema.get("readOnly") or schema.get("writeOnly"):
        return True
    return any(_has_access_modes(v) for k, v in schema.items() if k != "enum")


def ts_key(key: str) -> str:
    """An object key, quoted unless it is a plain identifier."""
    return key if IDENTIFIER.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _literal(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(str(value), ensure_ascii=False)
