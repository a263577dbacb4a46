"""Bounded answers: schemas shown with named components folded to ``{"$ref": "Name"}``.

Records keep every use of a component schema as a ``{"$ref": "Name"}`` leaf. When an
answer is rendered, a :class:`Folder` expands those leaves a bounded number of levels
deep, each component at most once per answer (a second use stays a ``$ref`` to the
copy shown above), small components (enums, tiny objects) wherever they stand, and
inline objects to a bounded nesting. :func:`fit` tries a series of such foldings, from
generous to tight, and keeps the first whose JSON fits the answer budget; the answer
then says which schemas it left folded and how to read them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.schema.refs import extended, fields_of, leaf_name, undescribed, with_bases
from drf_mcp_docs.server.compact import type_only
from drf_mcp_docs.server.subtypes import with_subtypes
from drf_mcp_docs.server.texts import cut, unlinked

#: No answer may be longer than this many bytes of JSON (the design's 24 KB, with margin).
ANSWER_BUDGET = 22 * 1024
#: A text at most this much longer than its limit is kept whole (a cut must save something).
TEXT_SLACK = 1.2
#: A component whose own schema is at most this long is expanded wherever it is used.
SMALL_COMPONENT = 450
#: An object of more fields than this, shown where a folder reads ``wide``, names the
#: schemas it uses (``{"$ref": "Name"}``) instead of expanding them, however small: a
#: model's 40 links to brief nested objects say what they are without 40 copies of them.
WIDE_SCHEMA = 12
_SCHEMA_KEYS = frozenset({"items", "additionalProperties", "not", "contains", "if", "then"})
_SCHEMA_LISTS = frozenset({"allOf", "oneOf", "anyOf", "prefixItems"})
_NAMED = frozenset({"properties", "patternProperties"})
_EXAMPLE_KEYS = frozenset({"example", "examples", "default"})
HOW_TO_UNFOLD = (
    'each {"$ref": "Name"} is the named schema get_schema_detail(name) returns '
    "(also api://schemas/Name)"
)


def size(value: Any) -> int:
    """Bytes of ``value`` as compact JSON (as tools and resources send it)."""
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())


@dataclass(frozen=True)
class Level:
    """How much one folding shows."""

    refs: int  # nested component expansions along one path
    nesting: int  # nested inline objects shown with their fields
    description: int | None  # longest description kept (None: whole)
    examples: bool  # keep example/default values inside schemas
    defaults: bool | None = None  # keep default values (None: as ``examples``)


#: Foldings tried in order; the first whose answer fits the budget wins.
LEVELS = (
    Level(refs=3, nesting=8, description=None, examples=True),
    Level(refs=2, nesting=6, description=None, examples=True),
    Level(refs=1, nesting=5, description=400, examples=False),
    Level(refs=1, nesting=4, description=160, examples=False),
    Level(refs=0, nesting=3, description=100, examples=False),
    Level(refs=0, nesting=2, description=0, examples=False),
    Level(refs=0, nesting=1, description=0, examples=False),
)


class TooLong(Exception):
    """The answer being folded is already known to exceed its budget."""


class Folder:
    """Expands ``{"$ref": "Name"}`` leaves of one answer, remembering what it folded.

    It keeps a lower bound of the answer's JSON size (keys and strings written so far)
    and raises :class:`TooLong` once that passes ``limit``, so a folding that cannot fit
    costs no more than one that does.
    """

    def __init__(self, api: ApiSchema, level: Level, limit: int | None = None) -> None:
        """``limit``: the answer's budget in bytes (None: unbounded)."""
        self.api = api
        self.level = level
        self.limit = limit
        self.written = 0
        self.shown: set[str] = set()
        self.folded: dict[str, None] = {}
        self.shortened = False
        self.cut = False
        #: Field paths (``requestBody.card.address``) whose description was shortened,
        #: and those whose nested fields are listed by type only, in answer order.
        self.cut_texts: dict[str, None] = {}
        #: Those of them whole but for their links (agents read a bare "shortened" as a
        #: cut, and fetched the text again for nothing but URLs).
        self.links_only: dict[str, None] = {}
        self.typed: dict[str, None] = {}
        self._stack: list[str] = []
        #: Set by a caller: past this many fields, an expanded component names the schemas
        #: inside it (:data:`WIDE_SCHEMA`; None: never).
        self.wide: int | None = None
        self._naming = 0
        #: Set by a caller: a component of more fields than this (its bases' too) nested in
        #: the schema shown is named, not expanded: a resource of its own (None: never).
        self.nested_wide: int | None = None
        #: Components left ``{"$ref": "Name"}`` while naming (see :meth:`left_named`).
        self.named: dict[str, None] = {}
        self._base: str | None = None
        self._where: list[str] = []
        self._request = False

    def schema(
        self,
        schema: Any,
        refs: int | None = None,
        nesting: int | None = None,
        where: str | None = None,
        request: bool = False,
    ) -> Any:
        """``schema`` folded; ``refs``/``nesting`` default to the level's.

        ``where`` is the field path of ``schema`` (``requestBody``, ``parameters.q``):
        what is shortened below it is then recorded by its own field path. With
        ``request`` (a body whose read-only fields the answer leaves out), a component is
        small by the size of what a request sends of it: Jira's progression is two fields
        to send among 3.7 KB of read-only ones, and agents read all of it to find them.
        """
        self._base, self._where, self._request = where, [], request
        try:
            return self._fold(
                schema,
                self.level.refs if refs is None else refs,
                self.level.nesting if nesting is None else nesting,
            )
        finally:
            self._base, self._request = None, False

    def text(self, value: str, where: str | None = None, scale: float = 1.0) -> str:
        """``value``, its links reduced to their words (``unlinked``) and shortened to the
        level's description length times ``scale``; whole at a level without a limit.

        A shortened text is recorded under ``where`` (its field path), when given.
        """
        if self.level.description is None:
            self._count(len(value))
            return value
        limit = int(self.level.description * scale)
        short = unlinked(value)
        if len(short) <= limit * TEXT_SLACK:
            if short != value:  # the links' targets left out: named, as links only
                self._text_cut(where, links_only=True)
            self._count(len(short))
            return short
        self._count(limit)
        self._text_cut(where)
        return cut(short, limit)

    def _text_cut(self, where: str | None, links_only: bool = False) -> None:
        """Record that a text was shortened (or only its links left out), under its field
        path when it has one."""
        self.shortened = True
        if where is not None:
            self.cut_texts[where] = None
            if links_only:
                self.links_only[where] = None
            else:
                self.links_only.pop(where, None)

    def _here(self) -> str | None:
        if self._base is None:
            return None
        return ".".join(p for p in [self._base, *self._where] if p)

    def _count(self, written: int) -> None:
        self.written += written
        if self.limit is not None and self.written > self.limit:
            raise TooLong

    def _fold(self, schema: Any, refs: int, nesting: int) -> Any:
        if isinstance(schema, list):
            return [self._fold(item, refs, nesting) for item in schema]
        if not isinstance(schema, dict):
            if isinstance(schema, str):
                self._count(len(schema))
            return schema
        ref = schema.get("$ref")
        if isinstance(ref, str):
            self._count(len(ref) + 8)
            return self._ref(ref, schema, refs, nesting)
        self._count(sum(len(key) for key in schema) + 2 * len(schema))
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if (
                key in _EXAMPLE_KEYS
                and not self.level.examples
                and (key != "default" or not self.level.defaults)
            ):
                continue
            if key == "description" and isinstance(value, str):
                value = self.text(value, self._here())
                if value:
                    out[key] = value
            elif key in _NAMED and isinstance(value, dict):
                self._count(sum(len(n) + 3 for n in value))
                if nesting <= 0:
                    out[key] = {n: type_only(v) for n, v in value.items()}
                    if out[key] != value:  # else nothing was left out: nothing to name
                        self.cut = True
                        here = self._here()
                        if here is not None:
                            self.typed[here] = None
                else:
                    out[key] = {n: self._child(key, n, v, refs, nesting) for n, v in value.items()}
            elif key == "allOf" and isinstance(value, list) and extended(schema):
                out[key] = [self._part(part, refs, nesting) for part in value]
            elif key in _SCHEMA_KEYS or key in _SCHEMA_LISTS:
                out[key] = self._fold(value, refs, nesting)
            else:
                if isinstance(value, str):
                    self._count(len(value))
                out[key] = value
        return out

    def _child(self, key: str, name: str, value: Any, refs: int, nesting: int) -> Any:
        """One property folded, its name added to the field path (``properties`` only)."""
        if key != "properties" or self._base is None:
            return self._fold(value, refs, nesting - 1)
        self._where.append(name)
        try:
            return self._fold(value, refs, nesting - 1)
        finally:
            self._where.pop()

    def _part(self, part: Any, refs: int, nesting: int) -> Any:
        """A part of an ``allOf`` extending a base: the base shown here at any depth (a
        subtype's fields are its base's and its own), without the base's description; a
        large one once per answer, then named (thirty extensions, thirty copies else)."""
        name = leaf_name(part) if isinstance(part, dict) and len(part) == 1 else None
        component = self.api.components.get(name) if name is not None else None
        if component is None or component.name in self._stack:
            return self._fold(part, refs, nesting)
        if component.name in self.shown and self.size_of(component.name) > SMALL_COMPONENT:
            return self._fold(part, 0, nesting)  # named, as a second use of a component
        self.shown.add(component.name)
        self.folded.pop(component.name, None)
        self._count(len(component.name) + 8)
        self._stack.append(component.name)
        try:
            return undescribed(self._fold(component.schema, refs, nesting))
        finally:
            self._stack.pop()

    def size_of(self, name: str) -> int:
        """Bytes of component ``name`` as shown: its schema and its bases' fields (not their
        descriptions: Bitbucket's root ``object`` is 330 bytes for one field)."""
        names = with_bases(name, self.api.components)
        size = self.api.component_size(name, self._request)
        for base in names[1:]:
            size += self.api.component_size(base, self._request, fields=True)
        return size

    def _fields(self, name: str) -> int:
        found = [self.api.components.get(n) for n in with_bases(name, self.api.components)]
        return len({f for c in found if c is not None for f in fields_of(c.schema)})

    def _ref(self, name: str, schema: dict[str, Any], refs: int, nesting: int) -> Any:
        siblings = {k: self._fold(v, refs, nesting) for k, v in schema.items() if k != "$ref"}
        component = self.api.components.get(name)
        if component is None or name in self._stack:
            return schema
        small = self.size_of(name) <= SMALL_COMPONENT and (
            not self._naming or _is_leaf(component.schema)  # an enum, a date: said as a type
        )
        resource = self.nested_wide is not None and self._fields(name) > self.nested_wide
        if resource or (not small and (refs <= 0 or self._naming or name in self.shown)):
            if self._naming:
                self.named[name] = None  # listed even if shown elsewhere in the answer
            elif name not in self.shown:
                self.folded[name] = None
            return {"$ref": name, **siblings}
        self.shown.add(name)
        self.folded.pop(name, None)
        self._stack.append(name)
        wide = self.is_wide(component.schema)
        try:
            with self.naming(wide):
                inner = self._fold(component.schema, refs if small else refs - 1, nesting)
        finally:
            self._stack.pop()
        if not isinstance(inner, dict):
            return inner
        return {**with_subtypes(inner, self.api, name), **siblings}

    def is_wide(self, schema: Any) -> bool:
        """Is ``schema`` an object of more fields than this folder's ``wide``?"""
        return self.wide is not None and is_wide(schema, self.wide)

    @contextmanager
    def naming(self, active: bool = True) -> Iterator[None]:
        """While active, every schema a ``$ref`` names stays ``{"$ref": "Name"}``."""
        self._naming += active
        try:
            yield
        finally:
            self._naming -= active

    def left_named(self) -> list[str]:
        """The components this answer shows only as ``{"$ref": "Name"}`` somewhere, in
        order: folded ones not shown whole anywhere, and every one named while naming."""
        folded = [n for n in self.folded if n not in self.shown]
        return list(dict.fromkeys([*folded, *self.named]))

    def notes(self) -> dict[str, Any]:
        """What this answer left out and how to get it (empty when nothing was)."""
        notes: dict[str, Any] = {}
        folded = self.left_named()
        if folded:
            notes["schemas"] = folded
            notes["how"] = HOW_TO_UNFOLD
        if self.cut:
            notes["nested"] = (
                "fields nested deeper are listed by type only; get_endpoint_detail(path, "
                "method, field='requestBody.<field>.<field>') (or 'responses.<status>.<field>') "
                "shows one in full"
            )
        if self.shortened:
            notes["descriptions"] = "long descriptions are shortened"
        return notes


def is_wide(schema: Any, limit: int = WIDE_SCHEMA) -> bool:
    """Is ``schema`` an object of more than ``limit`` fields?"""
    props = schema.get("properties") if isinstance(schema, dict) else None
    return isinstance(props, dict) and len(props) > limit


#: Keys that make a schema more than a leaf (a type, an enum, a format).
_COMPOUND = frozenset(
    {"properties", "patternProperties", "additionalProperties", "items", *_SCHEMA_LISTS}
)


def _is_leaf(schema: Any) -> bool:
    """A schema that says a value, not a structure: ``{"type": "string", "enum": [...]}``."""
    return isinstance(schema, dict) and not (schema.keys() & _COMPOUND)


def fit(
    api: ApiSchema,
    render: Callable[[Folder], dict[str, Any]],
    budget: int = ANSWER_BUDGET,
    levels: tuple[Level, ...] = LEVELS,
    notes: bool = True,
) -> dict[str, Any]:
    """The most generous rendering (of :data:`LEVELS`) whose JSON fits ``budget`` bytes.

    ``render`` builds the answer with the :class:`Folder` it is given; the folder's notes
    are added under ``"folded"`` (unless ``notes`` is False: then ``render`` says itself
    what it left out). Levels are tried by bisection (each tighter level
    yields a shorter answer), and a folding that overflows stops early. When even the
    tightest is too long, it is returned anyway (the caller bounds lists of its own).
    """

    def attempt(index: int, limit: int | None) -> dict[str, Any] | None:
        folder = Folder(api, levels[index], limit)
        try:
            answer = render(folder)
        except TooLong:
            return None
        folded = folder.notes() if notes else None
        if folded:
            answer = {**answer, "folded": folded}
        return answer if limit is None or size(answer) <= budget else None

    first = attempt(0, budget)
    if first is not None:
        return first
    low, high = 1, len(levels) - 1
    best: dict[str, Any] | None = None
    while low <= high:
        middle = (low + high) // 2
        answer = attempt(middle, budget)
        if answer is not None:
            best, high = answer, middle - 1
        else:
            low = middle + 1
    if best is not None:
        return best
    tightest = attempt(len(levels) - 1, None)
    assert tightest is not None
    return tightest
