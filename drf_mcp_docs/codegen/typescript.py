"""TypeScript type declarations rendered from resolved JSON schemas, bounded in size.

Only the types a snippet prints are rendered. Named components become their own
declarations (``interface Customer``), pulled in on demand; past a budget of components or
characters, or deeper than ``MAX_DEPTH`` inline levels, a type is folded to ``unknown`` /
``Record<string, unknown>`` with a comment naming the schema to ask for
(``get_schema_detail``). Type names never collide with reserved words or the globals a
snippet uses.
"""

from __future__ import annotations

import json
import math
from typing import Any

from drf_mcp_docs.codegen.expand import (
    all_of_parts,
    any_node,
    api_cache,
    is_never,
    merged_object,
)
from drf_mcp_docs.codegen.syntax import IDENTIFIER, JS_RESERVED, identifier
from drf_mcp_docs.schema.records import ApiSchema, JsonSchema, Pagination
from drf_mcp_docs.schema.refs import leaf_name

#: Components declared for one snippet, at most; further ones are folded to ``unknown``.
MAX_REFERENCED = 12
#: Characters of declarations per snippet, about; past it, components are folded.
MAX_DECL_CHARS = 6000
#: Property lines printed per snippet; past it, objects and components are folded.
MAX_LINES = 120
#: Nesting levels of inline object types; deeper objects become ``Record<string, unknown>``.
MAX_DEPTH = 4
#: Properties listed per object; the rest are covered by an index signature.
MAX_PROPERTIES = 60
#: Enum members listed as literal types; longer enums become their base type.
MAX_ENUM = 40
#: Schema nodes the access-mode check visits per component before assuming it has some.
_ACCESS_BUDGET = 4000
#: Keys holding data, not schemas: never searched for access modes.
_DATA_KEYS = frozenset({"enum", "example", "examples"})
_PRIMITIVES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}
# Names a declaration must not take: TypeScript's type keywords and the globals snippets use.
# fmt: off
TS_RESERVED = JS_RESERVED | frozenset((
    "any", "unknown", "never", "object", "string", "number", "boolean", "symbol", "bigint",
    "undefined", "type", "declare", "namespace", "module", "readonly", "keyof", "infer", "is",
    "asserts", "abstract", "as", "async", "from", "get", "set", "of", "require", "global",
    "Promise", "Record", "Array", "Blob", "ArrayBuffer", "URLSearchParams", "FormData",
    "Response", "Request", "Headers", "Error", "Object", "String", "Number", "Boolean", "JSON",
    "Paginated", "URL", "Date", "Map", "Set", "Symbol", "Function", "Partial", "Readonly",
))
# fmt: on


class TsTypes:
    """Collects the TypeScript declarations one snippet needs, in order."""

    def __init__(self, api: ApiSchema) -> None:
        self.api = api
        self.decls: dict[str, str] = {}
        self._names: dict[tuple[str, str], str] = {}
        self._referenced = 0
        self._size = 0
        self._lines = 0
        self.folded: list[str] = []

    def declare(self, name: str, schema: JsonSchema | None, mode: str) -> str:
        """Declare ``schema`` as a new type ``name`` (made unique); return the name used."""
        name = self._unique(name)
        self.decls[name] = ""
        self.decls[name] = self._declaration(name, schema or {}, mode)
        return name

    def _declaration(self, name: str, schema: Any, mode: str) -> str:
        parts = list(dict.fromkeys(self._parts(schema, mode, 0)))
        body = "unknown" if "unknown" in parts else " | ".join(parts) or "unknown"
        self._size += len(body)
        if len(parts) == 1 and body.startswith("{\n"):  # one object type: an interface
            return f"export interface {name} {body}"
        return f"export type {name} = {body};"

    def named(self, fallback: str, schema: JsonSchema | None, mode: str) -> str:
        """Declare ``schema`` under its component's name when it is one, else as ``fallback``."""
        component = self._match(schema)
        if component:
            return self._component(component, mode)
        if leaf_name(schema) is not None:
            return self.expr(schema or {}, mode)
        return self.declare(fallback, schema, mode)

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
        """Every declaration, separated by blank lines, after a note on folded types."""
        decls = [d for d in self.decls.values() if d]
        if self.folded:
            names = ", ".join(self.folded[:10]) + (", ..." if len(self.folded) > 10 else "")
            decls.insert(0, f"// Folded to `unknown` (see get_schema_detail): {names}")
        return "\n\n".join(decls)

    def expr(self, schema: Any, mode: str, level: int = 0) -> str:
        """A type expression for ``schema``; nested objects are inline at indent ``level``."""
        component = self._match(schema)
        if component:
            parts = [self._component(component, mode)]
        else:
            parts = self._parts(schema, mode, level)
        unique = list(dict.fromkeys(parts))
        if "unknown" in unique:
            return "unknown"
        if "null" in unique:
            unique = [p for p in unique if p != "null"] + ["null"]
        return " | ".join(unique) or "unknown"

    def _match(self, schema: Any) -> str | None:
        """The component ``schema`` is (inlined by the processor), memoised per schema."""
        if not isinstance(schema, dict) or not ("properties" in schema or "enum" in schema):
            return None
        memo: dict[int, tuple[Any, str | None]] = api_cache(self.api).setdefault("ts_match", {})
        hit = memo.get(id(schema))
        if hit is not None and hit[0] is schema:
            return hit[1]
        name = self.api.component_named(schema)
        memo[id(schema)] = (schema, name)
        return name

    def _parts(self, schema: Any, mode: str, level: int) -> list[str]:
        if is_never(schema):
            return ["never"]
        if not isinstance(schema, dict) or not schema:
            return ["unknown"]
        nullable = ["null"] if schema.get("nullable") else []
        name = leaf_name(schema)
        if name is not None:
            return [self._component(name, mode), *nullable]
        if "const" in schema and _is_scalar(schema["const"]):
            return [_literal(schema["const"])]
        enum = schema.get("enum")
        if isinstance(enum, list) and enum and all(_is_scalar(v) for v in enum):
            if len(enum) <= MAX_ENUM:
                return [_literal(v) for v in enum] + nullable
            bases = {_PRIMITIVES.get(_json_type(v), "null") for v in enum}
            return sorted(bases) + nullable
        for key in ("oneOf", "anyOf"):
            options = schema.get(key)
            if isinstance(options, list) and options:
                tags = _discriminator(schema, options[:MAX_ENUM])
                parts: list[str] = []
                for option, tag in zip(options[:MAX_ENUM], tags, strict=True):
                    part = self.expr(option, mode, level)
                    parts.append(f"({part}){tag}" if tag and " " in part else part + tag)
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
                return ["unknown"]
        return [self._kind(str(k), schema, mode, level) for k in kinds] + nullable

    def _kind(self, kind: str, schema: JsonSchema, mode: str, level: int) -> str:
        if kind == "null":
            return "null"
        if kind == "string" and schema.get("format") == "binary":
            return "Blob"
        if kind in _PRIMITIVES:
            return _PRIMITIVES[kind]
        if kind == "array":
            items = schema.get("items")
            item = "unknown" if items is None else self.expr(items, mode, level)
            return f"({item})[]" if " " in item else f"{item}[]"
        if kind == "object":
            return self._object(schema, mode, level)
        return "unknown"

    def _object(self, schema: JsonSchema, mode: str, level: int) -> str:
        props = schema.get("properties")
        props = props if isinstance(props, dict) else {}
        extra = schema.get("additionalProperties")
        if level >= MAX_DEPTH or self._lines >= MAX_LINES:
            return "Record<string, unknown>"
        if not props:
            if is_never(extra):
                return "Record<string, never>"
            if isinstance(extra, dict) and extra:
                return f"Record<string, {self.expr(extra, mode, level)}>"
            return "Record<string, unknown>"
        required = schema.get("required")
        required = set(required) if isinstance(required, list) else set()
        pad = "  " * (level + 1)
        lines = []
        for key, prop in list(props.items())[:MAX_PROPERTIES]:
            if is_never(prop):
                continue
            prop = prop if isinstance(prop, dict) else {}
            if prop.get("readOnly" if mode == "request" else "writeOnly"):
                continue
            readonly = "readonly " if mode == "response" and prop.get("readOnly") else ""
            optional = "" if key in required else "?"
            self._lines += 1
            value = self.expr(prop, mode, level + 1)
            lines.append(f"{pad}{readonly}{ts_key(str(key))}{optional}: {value};")
        if (extra is not None and extra is not False) or len(props) > MAX_PROPERTIES:
            lines.append(f"{pad}[key: string]: unknown;")
        if not lines:
            return "Record<string, never>"
        return "{\n" + "\n".join(lines) + "\n" + "  " * level + "}"

    def _all_of(self, schema: JsonSchema, mode: str, level: int) -> str:
        parts = all_of_parts(self.api, schema)
        if not parts:
            return "unknown"
        if len(parts) == 1:
            return self.expr(parts[0], mode, level)
        merged = merged_object(parts)
        if merged is not None:
            return self._object(merged, mode, level)
        return " & ".join(f"({self.expr(p, mode, level)})" for p in parts)

    def _component(self, name: str, mode: str) -> str:
        """The type name of component ``name`` in ``mode``, declared on first use (bounded)."""
        split = mode == "request" and self._has_access_modes(name)
        key = (name, "request" if split else "response")
        if key in self._names:
            return self._names[key]
        base = _type_name(name)
        type_name = self._unique(
            base + "Request" if split and not base.endswith("Request") else base
        )
        self._names[key] = type_name
        component = self.api.components.get(name)
        over = self._referenced >= MAX_REFERENCED or self._size >= MAX_DECL_CHARS
        over = over or self._lines >= MAX_LINES
        if component is None or over:
            self.decls[type_name] = f"export type {type_name} = unknown;"
            if component is not None:
                self.folded.append(name)
            return type_name
        self._referenced += 1
        self.decls[type_name] = ""
        self.decls[type_name] = self._declaration(type_name, component.schema, mode)
        return type_name

    def _unique(self, name: str) -> str:
        while name in self.decls:
            name += "_"
        return name

    def _has_access_modes(self, name: str) -> bool:
        """Whether component ``name`` has read- or write-only fields (memoised per API)."""
        memo: dict[str, bool] = api_cache(self.api).setdefault("ts_access", {})
        found = memo.get(name)
        if found is None:
            component = self.api.components.get(name)
            found = component is not None and _has_access_modes(component.schema)
            memo[name] = found
        return found


def _has_access_modes(schema: Any) -> bool:
    """Whether any property is read- or write-only; True past a budget of visited nodes."""
    return any_node(
        schema,
        lambda item: item.get("readOnly") is True or item.get("writeOnly") is True,
        _ACCESS_BUDGET,
        skip=_DATA_KEYS,
    )


def _discriminator(schema: JsonSchema, options: list[Any]) -> list[str]:
    """Per union member, `` & { type: "legal" }``: the discriminator property typed as the
    literal(s) that select the member (its ``mapping`` keys, else its component's name),
    or "" when the union has no discriminator or the member is not a named component."""
    spec = schema.get("discriminator")
    prop = spec.get("propertyName") if isinstance(spec, dict) else None
    if not isinstance(prop, str) or not prop:
        return [""] * len(options)
    mapping = spec.get("mapping") if isinstance(spec, dict) else None
    by_target: dict[str, list[str]] = {}
    for value, target in mapping.items() if isinstance(mapping, dict) else ():
        if isinstance(target, str):
            by_target.setdefault(target.rsplit("/", 1)[-1], []).append(str(value))
    tags = []
    for option in options:
        name = leaf_name(option)
        if name is None:
            tags.append("")
            continue
        literal = " | ".join(_literal(v) for v in by_target.get(name) or [name])
        tags.append(f" & {{ {ts_key(prop)}: {literal} }}")
    return tags


def _type_name(name: str) -> str:
    """A declaration name for component ``name``: an identifier, not a reserved word."""
    if IDENTIFIER.fullmatch(name) and name not in TS_RESERVED:
        return name
    candidate = identifier(name, "pascal")
    return candidate + "_" if candidate in TS_RESERVED else candidate


def ts_key(key: str) -> str:
    """An object key, quoted unless it is a plain identifier."""
    return key if IDENTIFIER.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _is_scalar(value: Any) -> bool:
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return value is None or isinstance(value, (str, int, float, bool))


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string" if isinstance(value, str) else "null"


def _literal(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = json.dumps(value)
        return f"({text})" if text.startswith("-") else text
    return json.dumps(str(value), ensure_ascii=False)
