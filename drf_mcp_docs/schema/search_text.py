"""What an operation's inputs say, for the search index: the words agents name in a request
that the path and summary often don't.

An agent asks to "approve a pull request" (a review whose ``event`` is ``APPROVE``), to
"end a meeting" (a status update whose ``action`` is ``end``) or to "move a file into
another folder" (an update of the file's ``parent``). Those words live in the operation's
parameters and request body: their names, their enum values and their descriptions. This
module reads them from any endpoint-shaped object (duck-typed, like the index itself):

- names: query/header/cookie parameter names and the body's top-level field names;
- values: the enum values of those parameters and fields (one level of array items too);
- notes: the start of each parameter's and body field's description.

Schemas may hold ``{"$ref": "Name"}`` leaves; a ``resolve`` callable follows one reference
(``deref(schema, components, limit=1)``), so a reference with siblings (a collapsed
``allOf``) keeps the fields of both; chains are followed a few levels at most. Every list
is bounded, so one huge body does not drown an operation's other words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from drf_mcp_docs.schema.words import identifier_words, words

Resolve = Callable[[Any], Any]

#: Bounds per operation: body fields read, enum values kept per field, characters of one
#: field's description, and words of all the notes together.
MAX_FIELDS = 60
#: Schemas visited to find the body's fields (its ``allOf`` parts and references).
MAX_SCHEMAS = 24
MAX_VALUES = 24
NOTE_CHARS = 160
MAX_NOTE_WORDS = 400


@dataclass
class InputWords:
    """The words of one operation's inputs, by kind (see the module docstring)."""

    names: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def input_words(endpoint: Any, resolve: Resolve | None = None) -> InputWords:
    """The names, enum values and description words of ``endpoint``'s inputs."""
    found = InputWords()
    step = resolve or _identity

    def follow(schema: Any) -> Any:
        for _ in range(4):
            if not (isinstance(schema, dict) and len(schema) == 1 and "$ref" in schema):
                break
            schema = step(schema)
        return schema

    for param in getattr(endpoint, "parameters", ()) or ():
        if getattr(param, "location", "") == "path":
            # Path parameters name the resource already in the path; their enums still tell
            # what the operation can do (``/{action}``), so they count.
            _values(found, follow(getattr(param, "schema", None)), follow)
            continue
        found.names += identifier_words(str(getattr(param, "name", "")))
        _values(found, follow(getattr(param, "schema", None)), follow)
        _note(found, getattr(param, "description", ""))
    body = getattr(endpoint, "request_body", None)
    schema = getattr(body, "schema", None) if body is not None else None
    for name, prop in _properties(schema, follow):
        found.names += identifier_words(name)
        _values(found, prop, follow)
        _note(found, prop.get("description", ""))
    return found


def _identity(schema: Any) -> Any:
    return schema


def _properties(schema: Any, follow: Resolve) -> Iterator[tuple[str, dict[str, Any]]]:
    """The body's top-level fields (through ``allOf``/``oneOf``/``anyOf``), bounded."""
    seen = 0
    stack = [schema]
    names: set[str] = set()
    visits = 0
    while stack and seen < MAX_FIELDS and visits < MAX_SCHEMAS:
        visits += 1
        current = follow(stack.pop(0))
        if not isinstance(current, dict):
            continue
        if "$ref" in current and len(current) > 1:
            # A reference with siblings (an ``allOf`` of one, collapsed): the siblings'
            # fields, then the referenced schema's.
            stack.append({"$ref": current["$ref"]})
        properties = current.get("properties")
        if isinstance(properties, dict):
            for name, prop in properties.items():
                prop = follow(prop)
                if name in names or not isinstance(prop, dict):
                    continue
                names.add(name)
                seen += 1
                yield str(name), prop
                if seen >= MAX_FIELDS:
                    return
        for key in ("allOf", "oneOf", "anyOf"):
            parts = current.get(key)
            if isinstance(parts, list):
                stack += parts[:8]


def _values(found: InputWords, schema: Any, follow: Resolve) -> None:
    if not isinstance(schema, dict):
        return
    enum = schema.get("enum")
    if not isinstance(enum, list):
        items = follow(schema.get("items"))
        enum = items.get("enum") if isinstance(items, dict) else None
    if isinstance(enum, list):
        for value in enum[:MAX_VALUES]:
            if isinstance(value, str):
                found.values += identifier_words(value)


def _note(found: InputWords, description: Any) -> None:
    if isinstance(description, str) and description and len(found.notes) < MAX_NOTE_WORDS:
        found.notes += words(description[:NOTE_CHARS])[: MAX_NOTE_WORDS - len(found.notes)]
