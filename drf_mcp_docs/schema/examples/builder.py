"""Builds one example value from a schema: the engine behind :mod:`.examples`.

Declared values that fit the schema win (``example``, 3.1 ``examples``, ``default``,
``const``, ``enum``); otherwise a value is generated from the keywords. Every choice is
checked with :class:`~drf_mcp_docs.schema.examples.conformance.Checker`, and a branch that does
not fit is dropped for the next one. Required fields are always produced (following
``$ref`` leaves through the components, recursion included, up to ``HARD_DEPTH``); optional
ones only while the size budget lasts, above ``SOFT_DEPTH``, and never into a recursion.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from drf_mcp_docs.schema.examples.conformance import Checker, implied_kinds, names
from drf_mcp_docs.schema.examples.merge import merge
from drf_mcp_docs.schema.examples.numbers import example_number
from drf_mcp_docs.schema.examples.objects import MAX_NODES, build_array, build_object
from drf_mcp_docs.schema.examples.objects import Impossible as Impossible
from drf_mcp_docs.schema.examples.strings import example_string
from drf_mcp_docs.schema.refs import discriminator_tag, ref_name

#: Below this depth even required fields give up (a schema that requires endless nesting).
HARD_DEPTH = 40
#: How many times one component may be open at once on the current path.
MAX_SAME_REF = 3
#: oneOf/anyOf branches tried before giving up on an exact fit.
MAX_BRANCHES = 12
#: What ``Builder._as_subtype`` answers when no subtype is sent (None is a value).
_NOT_CHOSEN = object()


class Builder:
    """Generates example values for one API and one direction of traffic."""

    def __init__(
        self,
        *,
        for_request: bool,
        components: Mapping[str, Any] | None = None,
        openapi_31: bool = False,
        url_base: str = "",
        subtypes: Callable[[str], Sequence[str]] | None = None,
    ) -> None:
        self.for_request = for_request
        self.subtypes = subtypes
        self.components: Mapping[str, Any] = components or {}
        self.openapi_31 = openapi_31
        self.url_base = url_base
        self.checker = Checker(
            for_request=for_request, components=components, openapi_31=openapi_31
        )
        self.nodes = 0
        self.open_refs: list[str] = []
        self.open_shapes: list[frozenset[str]] = []
        self._shapes: dict[str, frozenset[str]] = {}
        self.in_variant: set[int] = set()
        self._tags: dict[str, tuple[str, str] | None] = {}
        self._unfit: set[str] = set()

    def is_recursive(self, schema: Any) -> bool:
        """Whether a ``$ref`` leaf leads back into an object being built (or cannot be
        followed): its component is open, or has the properties of an open object (the
        processor inlines the outer one, so its name is lost)."""
        if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
            return False
        name = ref_name(schema["$ref"])
        target = self.components.get(name)
        if target is None or name in self.open_refs:
            return True
        shape = self._shapes.get(name)
        if shape is None:
            props = target.get("properties") if isinstance(target, dict) else None
            shape = self._shapes[name] = frozenset(props if isinstance(props, dict) else ())
        return bool(shape) and shape in self.open_shapes

    def fits(self, value: Any, schema: Any) -> bool:
        return self.checker.fits(value, schema)

    def value(self, schema: Any, name: str = "", depth: int = 0, variant: int = 0) -> Any:
        if depth > HARD_DEPTH:
            raise Impossible("too deep")
        if schema is False:
            raise Impossible("false schema")
        if not isinstance(schema, dict):
            return None
        self.nodes += 1
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self._ref(schema, ref, name, depth, variant)
        if isinstance(schema.get("allOf"), list):
            schema = self.flatten(schema, depth)
        if variant == 0:
            for candidate in self.declared(schema):
                if _small(candidate) and self.fits(candidate, schema):
                    return candidate
        if "const" in schema:
            return schema["const"]
        enum = schema.get("enum")
        if isinstance(enum, list):
            return self._enum(schema, enum, variant)
        if isinstance(schema.get("oneOf"), list) or isinstance(schema.get("anyOf"), list):
            return self._branches(schema, name, depth, variant)
        mapping = _mapping(schema)
        if mapping and id(schema) not in self.in_variant and self.components:
            chosen = self._mapped_variant(schema, mapping, name, depth)
            if chosen is not None:
                return chosen[0]
        return self._typed(schema, name, depth, variant)

    def declared(self, schema: dict[str, Any]) -> list[Any]:
        """The schema's own values, as written, localised when they are DRF placeholders."""
        found: list[Any] = []
        if "example" in schema:
            found.append(schema["example"])
        examples = schema.get("examples")
        if isinstance(examples, list):
            found.extend(examples[:3])
        if "default" in schema:
            found.append(schema["default"])
        return [self.localise(v) for v in found]

    def localise(self, value: Any) -> Any:
        """DRF's paging placeholder (``http://api.example.org/accounts/?page=4``) made real."""
        if self.url_base and isinstance(value, str) and value.startswith(_DRF_PLACEHOLDER):
            query = value.partition("?")[2]
            return self.url_base + (f"?{query}" if query else "")
        return value

    # -- references and composition ---------------------------------------------------

    def _ref(self, schema: dict[str, Any], ref: str, name: str, depth: int, variant: int) -> Any:
        target_name = ref_name(ref)
        target = self.components.get(target_name)
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        if target is None:
            return self.value(siblings, name, depth, variant) if siblings else None
        if self.open_refs.count(target_name) >= MAX_SAME_REF:
            raise Impossible(f"recursion through {target_name}")
        self.open_refs.append(target_name)
        try:
            merged = merge(target, siblings) if siblings and isinstance(target, dict) else target
            chosen = self._as_subtype(target_name, merged, name, depth, variant)
            if chosen is not _NOT_CHOSEN:
                return chosen
            value = self.value(merged, name, depth + 1, variant)
            return self._tagged(value, target_name, merged)
        finally:
            self.open_refs.pop()

    def _as_subtype(self, base: str, schema: Any, name: str, depth: int, variant: int) -> Any:
        """A value of ``base``'s first subtype not being built (``subtypes``) if it fits
        ``schema``: sent as itself, a base carries its own name as discriminator value. A
        subtype that does not fit is not tried again, nor counted against the budget."""
        found = self.subtypes(base) if self.subtypes is not None and base not in self._unfit else []
        chosen = next((s for s in found if s not in self.open_refs), None)
        if chosen is None:
            return _NOT_CHOSEN
        nodes = self.nodes
        try:
            value = self.value({"$ref": chosen}, name, depth + 1, variant)
        except Impossible:
            value = _NOT_CHOSEN
        if value is not _NOT_CHOSEN and self.fits(value, schema):
            return value
        self.nodes = nodes
        self._unfit.add(base)
        return _NOT_CHOSEN

    def _tagged(self, value: Any, target_name: str, schema: Any) -> Any:
        """``value`` (of component ``target_name``, as ``schema`` says it: the component
        with its reference's siblings) with the discriminator value it carries
        (``refs.discriminator_tag``) instead of a made-up one, when that fits ``schema``."""
        if not isinstance(value, dict):
            return value
        if target_name not in self._tags:
            self._tags[target_name] = discriminator_tag(target_name, self.components)
        found = self._tags[target_name]
        if found is None or found[0] not in value or value[found[0]] == found[1]:
            return value
        tagged = {**value, found[0]: found[1]}
        return tagged if self.fits(tagged, schema) else value

    def deref(self, schema: Any) -> Any:
        """A ``$ref`` leaf's target (siblings merged), else the schema itself."""
        for _ in range(8):
            if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
                return schema
            target = self.components.get(ref_name(schema["$ref"]))
            if target is None:
                return {k: v for k, v in schema.items() if k != "$ref"}
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            schema = merge(target, siblings) if siblings and isinstance(target, dict) else target
        return schema

    def flatten(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        """``allOf`` parts merged into one schema (nested ``allOf`` too, bounded)."""
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema.get("allOf") or ():
            part = self.deref(part)
            if part is False:
                raise Impossible("false in allOf")
            if not isinstance(part, dict):
                continue
            if isinstance(part.get("allOf"), list) and depth < HARD_DEPTH:
                part = self.flatten(part, depth + 1)
            merged = merge(part, merged)
        return merged

    def _branches(self, schema: dict[str, Any], name: str, depth: int, variant: int) -> Any:
        key = "oneOf" if isinstance(schema.get("oneOf"), list) else "anyOf"
        branches = [b for b in schema[key] if b is not False]
        base = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
        mapping = _mapping(schema)
        prop = _discriminator_property(schema)
        candidates: list[tuple[Any, Any]] = [(v, {"$ref": t}) for v, t in mapping.items()]
        if not (mapping and self.components):
            candidates = [(None, b) for b in branches]
            candidates.sort(key=lambda c: (self.is_recursive(c[1]), _is_null(c[1])))
        required_by = [set(self._required(b)) for b in branches] if key == "oneOf" else []
        first: Any = _NOTHING
        for index, (tag, branch) in enumerate(candidates[:MAX_BRANCHES]):
            excluded: set[str] = set()
            if required_by:
                own = set(self._required(branch)) | set(names(base.get("required")))
                excluded = set().union(*required_by) - own
            try:
                value = self._branch(base, branch, excluded, name, depth, variant)
            except Impossible:
                continue
            if prop and isinstance(value, dict) and tag is not None:
                value = {**value, prop: tag}
            if self.fits(value, schema):
                return value
            if first is _NOTHING:
                first = value
            if index and self.nodes > MAX_NODES * 4:
                break
        if first is _NOTHING:
            raise Impossible(f"no {key} branch")
        return first

    def _branch(
        self,
        base: dict[str, Any],
        branch: Any,
        excluded: set[str],
        name: str,
        depth: int,
        variant: int,
    ) -> Any:
        target = self.deref(branch)
        if target is True or not isinstance(target, dict):
            target = {}
        merged = merge(target, base) if base else target
        if excluded and isinstance(merged.get("properties"), dict):
            merged = {
                **merged,
                "properties": {k: v for k, v in merged["properties"].items() if k not in excluded},
            }
        pushed = ref_name(branch["$ref"]) if isinstance(branch, dict) and "$ref" in branch else None
        if pushed is not None:
            if self.open_refs.count(pushed) >= MAX_SAME_REF:
                raise Impossible(f"recursion through {pushed}")
            self.open_refs.append(pushed)
        try:
            return self.value(merged, name, depth + 1, variant)
        finally:
            if pushed is not None:
                self.open_refs.pop()

    def _mapped_variant(
        self, schema: dict[str, Any], mapping: dict[str, str], name: str, depth: int
    ) -> tuple[Any] | None:
        """A base schema with a discriminator mapping: a concrete mapped variant."""
        prop = _discriminator_property(schema)
        self.in_variant.add(id(schema))
        try:
            for tag, target in list(mapping.items())[:MAX_BRANCHES]:
                variant_schema = self.components.get(target)
                if not isinstance(variant_schema, dict):
                    continue
                try:
                    value = self._ref({"$ref": target}, target, name, depth, 0)
                except Impossible:
                    continue
                if prop and isinstance(value, dict):
                    value = {**value, prop: tag}
                if self.fits(value, schema):
                    return (value,)
        finally:
            self.in_variant.discard(id(schema))
        return None

    def _required(self, schema: Any) -> list[str]:
        target = self.deref(schema)
        if not isinstance(target, dict):
            return []
        found = names(target.get("required"))
        parts = target.get("allOf")
        for part in parts if isinstance(parts, list) else ():
            part = self.deref(part)
            if isinstance(part, dict):
                found += names(part.get("required"))
        return found

    # -- typed values -------------------------------------------------------------------

    def _enum(self, schema: dict[str, Any], enum: list[Any], variant: int) -> Any:
        fitting = [v for v in enum if v is not None and v != ""] or list(enum)
        if not fitting:
            raise Impossible("empty enum")
        return fitting[variant % len(fitting)]

    def _typed(self, schema: dict[str, Any], name: str, depth: int, variant: int) -> Any:
        kinds = implied_kinds(schema)
        nullable = "null" in kinds or (not self.openapi_31 and schema.get("nullable") is True)
        options: list[str | None] = [k for k in kinds if k != "null"] or [None]
        for kind in options:
            try:
                return self._of_kind(kind, schema, name, depth, variant)
            except Impossible:
                if kind == options[-1] and not nullable:
                    raise
        if nullable or not kinds:
            return None
        raise Impossible("no type fits")

    def _of_kind(
        self, kind: str | None, schema: dict[str, Any], name: str, depth: int, variant: int
    ) -> Any:
        if kind == "object":
            return build_object(self, schema, name, depth)
        if kind == "array":
            return build_array(self, schema, name, depth)
        if kind in ("integer", "number"):
            return example_number(schema, kind == "integer", name, variant)
        if kind == "boolean":
            return variant % 2 == 0
        if kind == "string":
            value = example_string(schema, name, variant)
            if value is None:
                raise Impossible("no string fits")
            return value
        if kind == "null":
            return None
        return None


_DRF_PLACEHOLDER = "http://api.example.org/accounts/"
_NOTHING = object()


#: A nested declared value larger than this (compact JSON characters) is not used.
MAX_DECLARED_SIZE = 2_000


def _small(value: Any) -> bool:
    if isinstance(value, str):
        return len(value) <= MAX_DECLARED_SIZE
    return not isinstance(value, (dict, list)) or size(value) <= MAX_DECLARED_SIZE


def _is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null"


def _mapping(schema: dict[str, Any]) -> dict[str, str]:
    discriminator = schema.get("discriminator")
    mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
    if not isinstance(mapping, dict):
        return {}
    return {str(k): ref_name(v) for k, v in mapping.items() if isinstance(v, str)}


def _discriminator_property(schema: dict[str, Any]) -> str | None:
    discriminator = schema.get("discriminator")
    prop = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
    return prop if isinstance(prop, str) else None


def size(value: Any) -> int:
    """The size of ``value`` as compact JSON, in characters."""
    return len(json.dumps(value, separators=(",", ":"), default=str))
