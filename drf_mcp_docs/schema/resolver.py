"""Schema cleaning for the processor: references to component schemas kept as
``{"$ref": "Name"}`` leaves, other components and document pointers inlined once,
OpenAPI 3.1 boolean sub-schemas turned into objects, and noise dropped."""

from __future__ import annotations

import re
from typing import Any

from drf_mcp_docs.schema.refs import REF_PREFIX, pointed, ref_name, refs_in

_DROPPED_KEYS = frozenset({"title", "xml", "externalDocs"})
#: Values that are data, not schemas: kept as written (a ``title`` key in an example stays).
_DATA_KEYS = frozenset({"example", "examples", "default", "const", "enum"})


class Resolver:
    """Cleans schemas, keeping references to component schemas as ``{"$ref": "Name"}``.

    A component schema is stored once, in ``ApiSchema.components``; every use of it is a
    ``{"$ref": "Name"}`` leaf (with the reference's own keywords beside it, such as
    ``readOnly`` or ``nullable``), so processing costs the size of the document, not the
    size of every expansion of it. References to other kinds of components (parameters,
    requestBodies, responses, headers...), common in hand-written OpenAPI files, are
    inlined where they stand, each cleaned once and shared.

    Schemas kept in a map of the document's own (``#/definitions/Pet`` in an OpenAPI 3
    file, as some converters leave them) are component schemas too, named by their key
    when no component schema has it: inlined, a map of models referring to each other
    would unfold without end.
    """

    def __init__(self, components: Any, document: Any) -> None:
        self.document = document if isinstance(document, dict) else {}
        components = components if isinstance(components, dict) else {}
        raw = components.get("schemas", {})
        raw = raw if isinstance(raw, dict) else {}
        self.named = _defined_elsewhere(self.document, raw)
        self.raw = {
            **raw,
            **{name: pointed(self.document, ref) for ref, name in self.named.items()},
        }
        self.components = components
        self._inlined: dict[str, Any] = {}
        self._cuts: list[str] = []  # references a cycle cut short, innermost last
        self._again = 0

    def resolve(self, schema: Any, *, seen: frozenset[str] = frozenset()) -> Any:
        if isinstance(schema, list):
            return [self.resolve(item, seen=seen) for item in schema]
        if not isinstance(schema, dict):
            return schema
        ref = schema.get("$ref")
        if isinstance(ref, str):
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            if ref.startswith("#/") and not _schema_ref(ref) and ref not in self.named:
                return self._inline(ref, siblings, seen)
            name = self.named.get(ref) or ref_name(ref)
            return (
                {"$ref": name, **self.resolve(siblings, seen=seen)} if siblings else {"$ref": name}
            )
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1:
            # drf-spectacular wraps a $ref in allOf to attach readOnly/nullable/description.
            inner = self.subschema(all_of[0], seen)
            rest = self.resolve({k: v for k, v in schema.items() if k != "allOf"}, seen=seen)
            return _joined(inner, rest) if isinstance(inner, dict) else inner
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _DROPPED_KEYS or _is_noise(key, value, schema):
                continue
            if key in _DATA_KEYS:
                out[key] = value
                continue
            if key in _NAMED_SCHEMAS and isinstance(value, dict):
                out[key] = {n: self.subschema(v, seen) for n, v in value.items()}
            elif key in _NAMED and isinstance(value, dict):
                # names, not keywords: a media type "xml", a mapping's "title" are kept
                out[key] = {n: self.resolve(v, seen=seen) for n, v in value.items()}
            elif key in _SUBSCHEMA:
                out[key] = self.subschema(value, seen)
            elif key in _SUBSCHEMA_LISTS and isinstance(value, list):
                out[key] = [self.subschema(v, seen) for v in value]
            else:
                out[key] = self.resolve(value, seen=seen)
        return out

    def subschema(self, value: Any, seen: frozenset[str] = frozenset()) -> Any:
        """A value in a schema position: OpenAPI 3.1's boolean schemas become objects.

        ``true`` (anything) is ``{}`` and ``false`` (nothing) is ``{"not": {}}``, so the
        code reading records only ever meets dicts there.
        """
        if value is True:
            return {}
        if value is False:
            return {"not": {}}
        return self.resolve(value, seen=seen)

    def _inline(self, ref: str, siblings: dict[str, Any], seen: frozenset[str]) -> Any:
        """What a reference other than to a component schema names (a parameter, body or
        response component, or any place in the document: ``#/paths/...``), inlined where
        it stands; {} if it names nothing. Each target is resolved once and kept, unless a
        cycle through an outer reference cut it short: that copy holds where it was met,
        and is resolved again where next met (up to :data:`_AGAIN` times a document: a web
        of references into each other would take exponential time)."""
        if ref in seen:
            self._cuts.append(ref)
            return {}
        resolved = self._inlined.get(ref)
        if resolved is None:
            target = pointed(self.document, ref)
            mark = len(self._cuts)
            resolved = {} if target is None else self.resolve(target, seen=seen | {ref})
            outer = [cut for cut in self._cuts[mark:] if cut != ref]
            del self._cuts[mark:]
            self._cuts += outer
            if outer and self._again < _AGAIN:
                self._again += 1
            else:
                self._inlined[ref] = resolved
        if siblings and isinstance(resolved, dict):
            return {**resolved, **self.resolve(siblings, seen=seen)}
        return resolved


#: How many targets cut short by a cycle a document's resolution may leave unkept (and
#: resolve again where next met); past it, every target is kept as first resolved.
_AGAIN = 256


def _defined_elsewhere(document: dict[str, Any], schemas: dict[str, Any]) -> dict[str, str]:
    """References to schemas outside ``#/components/schemas`` kept as named components,
    ``{"#/definitions/Pet": "Pet"}``: each of two tokens into a top-level map other than
    ``paths`` and ``components`` (by its key, unless a component schema has it), and each
    that leads back to itself through others (a cycle, which inlining would unfold without
    end: Azure's gateway document points deep into its components so; by its last token,
    made unique)."""
    refs = sorted(set(refs_in(document, "#/")))
    named: dict[str, str] = {}
    taken = set(schemas)
    for ref in refs:
        top, _, name = ref[2:].partition("/")
        if top in ("paths", "components") or not name or "/" in name:
            continue
        key = ref_name(ref)
        if key not in taken and _is_schema(pointed(document, ref)):
            named[ref] = key
            taken.add(key)
    for ref in _in_cycles([r for r in refs if r not in named and not _schema_ref(r)], document):
        if not _is_schema(pointed(document, ref)):
            continue
        key = base = ref_name(ref) or "schema"
        for n in range(2, 10_000):
            if key not in taken:
                break
            key = f"{base}_{n}"
        named[ref] = key
        taken.add(key)
    return dict(sorted(named.items()))


def _schema_ref(ref: str) -> bool:
    return ref.startswith(REF_PREFIX) and ref.count("/") == 3


def _in_cycles(pointers: list[str], document: dict[str, Any]) -> set[str]:
    """The pointers (references inlined where they stand) that lead back to themselves
    through other pointers: the strongly connected components of more than one, or with a
    loop (Tarjan's algorithm, without recursion)."""
    known = set(pointers)
    edges = {
        ref: sorted({r for r in refs_in(pointed(document, ref), "#/") if r in known})
        for ref in pointers
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[str] = set()
    for root in pointers:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if child < len(edges[node]):
                work.append((node, child + 1))
                nxt = edges[node][child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    group.append(top)
                    if top == node:
                        break
                if len(group) > 1 or node in edges[node]:
                    found.update(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _is_schema(value: Any) -> bool:
    """Whether ``value`` reads as a JSON Schema (not a parameter, response or example)."""
    return isinstance(value, dict) and bool(_SCHEMA_WORDS & set(value)) and "in" not in value


_SCHEMA_WORDS = frozenset(
    {
        "type",
        "properties",
        "items",
        "allOf",
        "oneOf",
        "anyOf",
        "enum",
        "$ref",
        "additionalProperties",
    }
)
_NAMED_SCHEMAS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
#: Maps whose keys are names (media types, headers, a discriminator's values...), none of
#: them a keyword to drop: ``{"content": {"xml": ...}}`` is a media type (VTEX's).
_NAMED = frozenset({"content", "encoding", "headers", "mapping", "links", "callbacks"})
#: Keys whose value is one schema (``additionalProperties`` keeps its boolean meaning).
_SUBSCHEMA = frozenset({"schema", "items", "not", "contains", "if", "then", "else"})
_SUBSCHEMA_LISTS = frozenset({"allOf", "oneOf", "anyOf", "prefixItems"})


def _joined(inner: dict[str, Any], rest: dict[str, Any]) -> dict[str, Any]:
    """A one-part ``allOf`` and its siblings as one schema: the siblings' keywords win
    (``readOnly``, ``nullable``, ``description``), but fields and required names add up
    (Box's ``{"allOf": [{...}], "required": ["signers"]}`` keeps the part's own too)."""
    out = {**inner, **rest}
    if isinstance(inner.get("properties"), dict) and isinstance(rest.get("properties"), dict):
        out["properties"] = {**inner["properties"], **rest["properties"]}
    if isinstance(inner.get("required"), list) and isinstance(rest.get("required"), list):
        out["required"] = list(dict.fromkeys([*inner["required"], *rest["required"]]))
    return out


_INT_BOUNDS = frozenset({2**31 - 1, -(2**31), 2**63 - 1, -(2**63)})
_ENUM_LISTING = re.compile(r"^(\* `[^`]*` - [^\n]*\n?)+$")


def _is_noise(key: str, value: Any, schema: dict[str, Any]) -> bool:
    """Facts the schema already states: int64 bounds, drf-spectacular's enum listings."""
    if key in ("maximum", "minimum") and value in _INT_BOUNDS:
        return True
    return key == "description" and "enum" in schema and bool(_ENUM_LISTING.match(str(value)))
