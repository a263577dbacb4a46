"""Subtypes of a base type: the components that extend it, named where it is used.

OpenAPI's polymorphism by inheritance: a subtype is ``allOf: [{"$ref": base}, {...}]``, and
a field typed by a base whose discriminator (its own or a base's) tells the subtypes apart
holds any of them. Bitbucket's pipeline ``target`` is a base of one field, ``type``; what
to send is a ref target or a commit target, which no answer named: agents listed schemas
to find them.
"""

from __future__ import annotations

import weakref
from typing import Any

from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.schema.refs import discriminator_tag, extended, with_bases

#: Most subtypes said; a base extended by more (Bitbucket's ``object``, by every model)
#: says none: it is a root, not a choice.
SUBTYPES_SAID = 8
#: The key a folded schema says its subtypes under (notation says ``subtypes: a|b``).
KEY = "x-subtypes"
_INDEXES: dict[int, tuple[weakref.ref[ApiSchema], dict[str, list[str]]]] = {}


def subtypes(api: ApiSchema, name: str) -> list[str]:
    """The components extending ``name``, through subtypes of subtypes, when a
    discriminator without a mapping tells them apart (a mapping names them itself) and
    they are at most :data:`SUBTYPES_SAID`; else []."""
    index = _index(api)
    found: list[str] = []
    stack = list(index.get(name, ()))
    while stack and len(found) <= SUBTYPES_SAID:
        current = stack.pop(0)
        if current != name and current not in found:
            found.append(current)
            stack += index.get(current, ())
    if not found or len(found) > SUBTYPES_SAID or not _discriminated(api, name):
        return []
    return found


def sent_tag(api: ApiSchema, name: str) -> tuple[str, str] | None:
    """The discriminator value a value of component ``name`` sends
    (``refs.discriminator_tag``); none for a base with subtypes: each says its own."""
    return None if subtypes(api, name) else discriminator_tag(name, api.components)


def with_subtypes(shown: Any, api: ApiSchema, name: str) -> Any:
    """``shown`` (component ``name`` folded) saying its subtypes, if it has any."""
    found = subtypes(api, name) if isinstance(shown, dict) else []
    return {**shown, KEY: found} if found else shown


def _discriminated(api: ApiSchema, name: str) -> bool:
    for base in with_bases(name, api.components):
        component = api.components.get(base)
        schema = component.schema if component is not None else None
        if not isinstance(schema, dict) or "oneOf" in schema or "anyOf" in schema:
            continue
        found = schema.get("discriminator")
        if isinstance(found, dict):
            return not found.get("mapping")
    return False


def _index(api: ApiSchema) -> dict[str, list[str]]:
    """Each base's direct subtypes, built once per schema (kept while it lives)."""
    known = _INDEXES.get(id(api))
    if known is not None and known[0]() is api:
        return known[1]
    index: dict[str, list[str]] = {}
    for component in api.components.values():
        for base in extended(component.schema):
            index.setdefault(base, []).append(component.name)
    for key in [k for k, (ref, _) in list(_INDEXES.items()) if ref() is None]:
        _INDEXES.pop(key, None)  # another thread may have pruned it
    _INDEXES[id(api)] = (weakref.ref(api), index)
    return index
