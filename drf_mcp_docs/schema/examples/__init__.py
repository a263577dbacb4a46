"""Example requests and responses an API accepts: the schema's own, else generated.

The order of preference for a body: the media type's own ``example``/``examples`` (as the
vendor wrote them), then the schema's ``example`` (3.0) / ``examples`` (3.1), then a value
generated from the schema. A documented example is shown only if it fits its schema
(checked by :mod:`.conformance`) and is not huge; one that does not fit is passed over
for a generated one, so what an agent copies is what the schema accepts. Nested declared
values (a property's ``example``, ``default``) are used the same way, where they fit.

Generation honours ``enum``, ``const``, ``format``, ``pattern``, lengths, bounds (3.0 and
3.1 exclusive forms), ``multipleOf``, array sizes and ``uniqueItems``, ``nullable`` and
type arrays, boolean schemas, ``allOf``/``oneOf``/``anyOf`` beside ``properties``,
``discriminator`` mappings (a concrete variant carrying its discriminator value),
``additionalProperties``, ``required``, ``readOnly``/``writeOnly`` and recursion (required
recursive fields get a minimal instance; optional ones are left out). ``$ref`` leaves left
by the processor are followed through ``components`` (component name -> schema).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from drf_mcp_docs.schema.examples.builder import Builder, Impossible, size
from drf_mcp_docs.schema.examples.conformance import is_openapi_31
from drf_mcp_docs.schema.records import ApiSchema, Endpoint, JsonSchema
from drf_mcp_docs.schema.refs import ref_name

#: A documented example larger than this (compact JSON characters) is trimmed, then
#: passed over for a generated one if still too large.
MAX_DOCUMENTED_SIZE = 12_000
#: Variants named in an answer, at most.
MAX_VARIANTS = 50

_PLACEHOLDER = re.compile(r"\{[^}/]+\}")
_NONE = object()


@dataclass(frozen=True)
class Variants:
    """The concrete shapes a polymorphic body may take, and the one the example shows."""

    property: str | None
    #: discriminator value (or a branch label) -> component name ("" when inline)
    values: dict[str, str]
    shown: str | None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"values": self.values}
        if self.property:
            out["property"] = self.property
        if self.shown is not None:
            out["shown"] = self.shown
        return out


@dataclass(frozen=True)
class Example:
    """An example body: its value, who wrote it ("documented"/"generated"), its variants."""

    value: Any
    source: str
    variants: Variants | None = None


class ComponentSchemas(Mapping[str, JsonSchema]):
    """The components of an API as a name -> schema mapping, without copying them."""

    def __init__(self, api: ApiSchema) -> None:
        self._components = api.components

    def __getitem__(self, name: str) -> JsonSchema:
        return self._components[name].schema

    def __iter__(self) -> Iterator[str]:
        return iter(self._components)

    def __len__(self) -> int:
        return len(self._components)


def component_schemas(api: ApiSchema) -> Mapping[str, JsonSchema]:
    """The components to pass to :func:`build_example` for ``api``."""
    return ComponentSchemas(api)


def build_example(
    schema: JsonSchema | bool | None,
    *,
    for_request: bool,
    name: str = "",
    components: Mapping[str, Any] | None = None,
    openapi_version: str = "3.0.3",
    url_base: str = "",
) -> Any:
    """An example value for ``schema``, shaped for a request body or a response body.

    Never raises on a schema: a schema nothing can satisfy (``false``) gives None.
    """
    if schema is None:
        return None
    builder = Builder(
        for_request=for_request,
        components=components,
        openapi_31=is_openapi_31(openapi_version),
        url_base=url_base,
    )
    try:
        return builder.value(schema, name)
    except (Impossible, RecursionError):
        return None


def endpoint_example(
    endpoint: Endpoint,
    status: str | None,
    *,
    components: Mapping[str, Any] | None = None,
    base_url: str = "",
    openapi_version: str = "3.0.3",
    subtypes: Callable[[str], Sequence[str]] | None = None,
) -> Example | None:
    """The request body example (``status`` None) or one response's; None without a body.
    ``subtypes`` names the subtypes of a base (``server.subtypes``): a base is sent as one."""
    if status is None:
        body = endpoint.request_body
        if body is None:
            return None
        schema: Any = body.schema
        documented: tuple[Any, ...] = body.examples
    else:
        response = endpoint.response(status)
        if response is None or (response.schema is None and not response.examples):
            return None
        schema, documented = response.schema, response.examples
    builder = Builder(
        for_request=status is None,
        components=components,
        openapi_31=is_openapi_31(openapi_version),
        url_base=page_url(base_url, endpoint.path),
        subtypes=subtypes,
    )
    variants = describe_variants(schema, components)
    top = builder.deref(schema) if isinstance(schema, dict) else schema
    candidates = [*documented]
    if isinstance(top, dict):
        candidates += builder.declared(top)
    shown: list[Any] = []
    for candidate in candidates:
        candidate = builder.localise(candidate)
        if size(candidate) > MAX_DOCUMENTED_SIZE:
            candidate = trim(candidate)
            if size(candidate) > MAX_DOCUMENTED_SIZE:
                continue
        if schema is None or builder.fits(candidate, schema):
            return Example(candidate, "documented", _shown(variants, candidate))
        shown.append(candidate)
    if schema is None:
        return None
    try:
        value = builder.value(schema)
    except (Impossible, RecursionError):
        value = _NONE
    if shown and (value is _NONE or not builder.fits(value, schema)):
        # Nothing fits (the schema contradicts itself): the vendor's word beats a guess.
        return Example(shown[0], "documented", _shown(variants, shown[0]))
    value = None if value is _NONE else value
    return Example(value, "generated", _shown(variants, value))


def page_url(base_url: str, path: str) -> str:
    """An absolute URL for ``path`` (placeholders filled), for paging links in examples."""
    filled = _PLACEHOLDER.sub("1", path)
    if base_url.startswith(("http://", "https://")):
        return base_url.rstrip("/") + filled
    prefix = base_url.rstrip("/") if base_url.startswith("/") else ""
    return f"https://api.example.com{prefix}{filled}"


def trim(value: Any, depth: int = 0) -> Any:
    """``value`` with every list cut to its first item (a documented example, shortened)."""
    if depth > 64:
        return value
    if isinstance(value, list):
        return [trim(item, depth + 1) for item in value[:1]]
    if isinstance(value, dict):
        return {k: trim(v, depth + 1) for k, v in value.items()}
    return value


def describe_variants(schema: Any, components: Mapping[str, Any] | None) -> Variants | None:
    """The variants of a polymorphic body (``oneOf``/``anyOf``, or a discriminator mapping)."""
    if not isinstance(schema, dict):
        return None
    if isinstance(schema.get("$ref"), str) and components:
        target = components.get(ref_name(schema["$ref"]))
        schema = target if isinstance(target, dict) else schema
    discriminator = schema.get("discriminator")
    prop = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
    prop = prop if isinstance(prop, str) else None
    mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
    values: dict[str, str] = {}
    if isinstance(mapping, dict):
        values = {str(k): ref_name(v) for k, v in mapping.items() if isinstance(v, str)}
    branches = schema.get("oneOf") or schema.get("anyOf")
    if not values and isinstance(branches, list) and len(branches) > 1:
        for index, branch in enumerate(branches):
            if not isinstance(branch, dict) or branch.get("type") == "null":
                continue
            name = ref_name(branch["$ref"]) if isinstance(branch.get("$ref"), str) else ""
            label = _tag(branch, prop, components) or name or f"variant {index + 1}"
            values[label] = name
    if not values or (not prop and len(values) < 2):
        return None
    return Variants(prop, dict(list(values.items())[:MAX_VARIANTS]), None)


def _tag(branch: dict[str, Any], prop: str | None, components: Mapping[str, Any] | None) -> str:
    if not prop:
        return ""
    if isinstance(branch.get("$ref"), str) and components:
        target = components.get(ref_name(branch["$ref"]))
        branch = target if isinstance(target, dict) else branch
    props = branch.get("properties")
    field = props.get(prop) if isinstance(props, dict) else None
    if not isinstance(field, dict):
        return ""
    if "const" in field:
        return str(field["const"])
    enum = field.get("enum")
    return str(enum[0]) if isinstance(enum, list) and len(enum) == 1 else ""


def _shown(variants: Variants | None, value: Any) -> Variants | None:
    if variants is None or not variants.property or not isinstance(value, dict):
        return variants
    shown = value.get(variants.property)
    return Variants(variants.property, variants.values, None if shown is None else str(shown))
