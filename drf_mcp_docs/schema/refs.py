"""``$ref`` handling shared by the schema layer: the prefix, names, one-level deref, and
which component schemas an operation uses (the ``usedBy`` of every component)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

#: A reference to a component schema; the processor keeps such references as bare names.
REF_PREFIX = "#/components/schemas/"
#: A JSON pointer's array index: digits, no leading zero (RFC 6901).
_INDEX = re.compile(r"0|[1-9][0-9]*", re.ASCII)


def ref_name(ref: Any) -> str:
    """The component a ``$ref`` names (``#/components/schemas/Pet`` or the bare ``Pet``);
    a pointer's last token decoded (``Pet%20Owner``: ``Pet Owner``, see :func:`pointed`)."""
    if not isinstance(ref, str):
        return ""
    if ref.startswith(REF_PREFIX):
        return _token(ref[len(REF_PREFIX) :])
    return _token(ref.rsplit("/", 1)[-1]) if ref.startswith("#/") else ref


def _token(text: str) -> str:
    """One JSON pointer token of a URI fragment, as the key it names."""
    if "%" not in text and "~" not in text:
        return text
    return unquote(text).replace("~1", "/").replace("~0", "~")


def leaf_name(schema: Any) -> str | None:
    """The component name of a ``{"$ref": ...}`` leaf, else None."""
    if not isinstance(schema, dict):
        return None
    ref = schema.get("$ref")
    return ref_name(ref) if isinstance(ref, str) and ref else None


def pointed(document: Any, ref: str) -> Any:
    """What a local reference (``#/paths/~1pets~1%7Bid%7D/get/parameters/0``) points at in
    ``document``, else None: a JSON pointer (RFC 6901) in a URI fragment, so each token is
    percent-decoded, then ``~1`` and ``~0`` unescaped; a list is indexed by number. Bundlers
    (DigitalOcean's document, 2,798 times) point into other operations this way."""
    if not ref.startswith("#/"):
        return None
    target = document
    for token in map(_token, ref[2:].split("/")):
        if isinstance(target, dict):
            target = target.get(token)
        elif isinstance(target, list) and _INDEX.fullmatch(token) and int(token) < len(target):
            target = target[int(token)]
        else:
            return None
    return target


def deref(schema: Any, components: Any, *, limit: int = 8) -> Any:
    """``schema`` with its top-level ``{"$ref": "Name"}`` chain followed (siblings kept).

    ``components`` maps names to raw schemas or to records holding one in ``.schema``.
    """
    while limit and isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        target = components.get(ref_name(schema["$ref"]))
        target = getattr(target, "schema", target)
        if not isinstance(target, dict):
            return schema
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**target, **siblings} if siblings else target
        limit -= 1
    return schema


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
            target = group.get(_token(name)) if isinstance(group, dict) else None
            refs = self._direct[ref] = refs_in(target)
        return refs

    def used_by(self, operation: Any) -> list[str]:
        """Component schema names ``operation`` uses, directly or through components."""
        seen: dict[str, None] = {}
        stack = refs_in(operation)
        while stack:
            ref = stack.pop()
            if ref not in seen:
                seen[ref] = None
                stack.extend(self.direct(ref))
        return [ref[len(REF_PREFIX) :] for ref in seen if ref.startswith(REF_PREFIX)]


def refs_in(value: Any, prefix: str = "#/components/") -> list[str]:
    """The references inside ``value`` (not followed) that start with ``prefix``: local
    component ones by default; ``""`` takes an answer's ``{"$ref": "Name"}`` too."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith(prefix):
                found.append(ref)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def writable(schema: Any) -> Any:
    """``schema`` as a request sends it: every property marked ``readOnly`` left out, at
    any depth of inline objects, lists and combinations (``$ref``s stay names)."""
    if isinstance(schema, list):
        return [writable(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "properties" and isinstance(value, dict):
            value = {
                name: writable(child)
                for name, child in value.items()
                if not (isinstance(child, dict) and child.get("readOnly") is True)
            }
        elif isinstance(value, (dict, list)):
            value = writable(value)
        out[key] = value
    return out


def extended(schema: Any) -> list[str]:
    """The components ``schema`` extends: the references among the parts of an ``allOf``
    one of whose inline parts declares an object's fields (``allOf: [{"$ref": "Base"},
    {"properties": ...}]``, Bitbucket's ``properties: {}`` included). A reference beside a
    description only (Box's ``allOf: [{"$ref": "User"}, {"description": ...}]``, OpenAPI
    3.0's way to describe a use of it) is a use, not a base."""
    parts = schema.get("allOf") if isinstance(schema, dict) else None
    if not isinstance(parts, list) or not any(_declares_fields(p) for p in parts):
        return []
    return [ref_name(p["$ref"]) for p in parts if _is_ref(p)]


def _declares_fields(part: Any) -> bool:
    inline = isinstance(part, dict) and "$ref" not in part
    return inline and isinstance(part.get("properties"), dict)


def undescribed(schema: Any) -> Any:
    """``schema`` without its own description, nor its inline ``allOf`` parts' (what a
    base shown inside a subtype leaves out: its text is about the base)."""
    if not isinstance(schema, dict):
        return schema
    out = {k: v for k, v in schema.items() if k not in ("description", "title")}
    if isinstance(out.get("allOf"), list):
        out["allOf"] = [p if _is_ref(p) else undescribed(p) for p in out["allOf"]]
    return out


def fields_of(schema: Any) -> dict[str, Any]:
    """The fields ``schema`` declares itself: its ``properties`` and those of its inline
    ``allOf`` parts (a base's own bases are not followed)."""
    found: dict[str, Any] = {}
    parts = schema.get("allOf") if isinstance(schema, dict) else None
    for part in [schema, *(parts if isinstance(parts, list) else [])]:
        properties = part.get("properties") if isinstance(part, dict) else None
        found.update(properties if isinstance(properties, dict) else {})
    return found


def with_bases(name: str, components: Any) -> list[str]:
    """``name`` and every component it extends (:func:`extended`), through bases of bases."""
    found, stack = [name], [name]
    while stack:
        component = components.get(stack.pop())
        for base in extended(component.schema) if component is not None else ():
            if base not in found:
                found.append(base)
                stack.append(base)
    return found


def _is_ref(part: Any) -> bool:
    return isinstance(part, dict) and set(part) == {"$ref"} and isinstance(part["$ref"], str)


def discriminator_tag(name: str, components: Any) -> tuple[str, str] | None:
    """``(property, value)``: the discriminator a value of component ``name`` carries,
    when it or one of its ``allOf`` parts (through references) declares one whose property
    it has with no fixed value: the mapping's key for ``name``, else ``name`` itself
    (OpenAPI's implicit mapping). Bitbucket's every model is ``allOf`` a base ``object``
    whose discriminator is ``type``: a pull request sends ``"type": "pullrequest"``.

    A ``oneOf``/``anyOf`` that declares one is the choice among variants, not a variant:
    it says nothing of its own value.
    """
    declared: dict[str, Any] | None = None
    properties: list[dict[str, Any]] = []
    stack, seen = [{"$ref": name}], 0
    while stack and seen < 24:
        seen += 1
        schema = deref(stack.pop(0), components)
        if not isinstance(schema, dict) or "$ref" in schema:
            continue
        found = schema.get("discriminator")
        variants = "oneOf" in schema or "anyOf" in schema
        if declared is None and isinstance(found, dict) and not variants:
            declared = found
        if isinstance(schema.get("properties"), dict):
            properties.append(schema["properties"])
        parts = schema.get("allOf")
        stack += parts if isinstance(parts, list) else []
    prop = declared.get("propertyName") if declared else None
    if not isinstance(prop, str) or not declared:
        return None
    said = [p[prop] for p in properties if isinstance(p.get(prop), dict)]
    if any({"enum", "const"} & schema.keys() for schema in said):
        return None  # a part says its value itself
    mapping = declared.get("mapping")
    if isinstance(mapping, dict) and mapping:
        tags = [str(k) for k, v in mapping.items() if isinstance(v, str) and ref_name(v) == name]
        return (prop, tags[0]) if tags else None
    return prop, name
