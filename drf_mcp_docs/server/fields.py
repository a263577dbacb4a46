"""One part of an endpoint's schemas, named by a dotted path: the drill-down of a folding.

``requestBody.card.address`` is the ``address`` field of the ``card`` field of the request
body; ``responses.200.data`` a field of the 200 response; ``parameters.expand`` a
parameter's schema. Arrays are looked through (a field of the items), as are
``allOf``/``oneOf``/``anyOf`` variants and named schemas.
"""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.schema.records import ApiSchema, Endpoint
from drf_mcp_docs.server.errors import LookupFailed, closest, did_you_mean
from drf_mcp_docs.text import clip, quote

MAX_FIELD_LENGTH = 300
_VARIANTS = ("allOf", "oneOf", "anyOf")


def field_schema(api: ApiSchema, endpoint: Endpoint, field: str) -> Any:
    """The schema ``field`` names in ``endpoint``, or :class:`LookupFailed` saying why."""
    if len(field) > MAX_FIELD_LENGTH:
        raise LookupFailed(f"field is too long: at most {MAX_FIELD_LENGTH} characters")
    parts = [p for p in field.strip().split(".") if p]
    if not parts:
        raise LookupFailed("field must name a part, e.g. 'requestBody' or 'responses.200.data'")
    head, rest = parts[0], parts[1:]
    schema: Any
    if head == "requestBody":
        if endpoint.request_body is None:
            raise LookupFailed(f"{endpoint.key} has no request body")
        schema = endpoint.request_body.schema
    elif head == "responses":
        if not rest:
            raise LookupFailed("name a status after 'responses', e.g. 'responses.200'")
        status, rest = rest[0], rest[1:]
        response = endpoint.response(status)
        if response is None:
            documented = ", ".join(r.status for r in endpoint.responses) or "none"
            raise LookupFailed(
                f"{endpoint.key} documents no {clip(status)} response; documented: {documented}"
            )
        schema = response.schema or {}
    elif head == "parameters":
        if not rest:
            raise LookupFailed("name a parameter after 'parameters', e.g. 'parameters.page'")
        name, rest = rest[0], rest[1:]
        param = next((p for p in endpoint.parameters if p.name == name), None)
        if param is None:
            hint = did_you_mean(closest(name, [p.name for p in endpoint.parameters]))
            raise LookupFailed(f"{endpoint.key} has no parameter {quote(name)}{hint}")
        schema = param.schema
    else:
        raise LookupFailed(f"no field {quote(field)}; valid: {', '.join(choices(endpoint))}")
    return walk(api, schema, rest, [head])


def choices(endpoint: Endpoint) -> list[str]:
    """The fields of ``endpoint`` a caller may name (their first two parts)."""
    valid = ["description"] if endpoint.description else []
    if endpoint.parameters:
        valid.append("parameters")
        valid += [f"parameters.{p.name}" for p in endpoint.parameters]
    if endpoint.request_body is not None:
        valid.append("requestBody")
        valid.append("requestBody.<field>")
    if endpoint.responses:
        valid.append("responses")
        valid += [f"responses.{r.status}" for r in endpoint.responses]
    return valid


def walk(api: ApiSchema, schema: Any, rest: list[str], walked: list[str]) -> Any:
    """The schema reached from ``schema`` through the field names ``rest``."""
    for name in rest:
        found = _child(api, schema, name)
        if found is None:
            known = sorted(_names(api, schema))
            hint = did_you_mean(closest(name, known)) or (
                "; its fields: " + ", ".join(known[:30]) if known else "; it has no fields"
            )
            raise LookupFailed(f"no field {quote(name)} in {clip('.'.join(walked))}{hint}")
        schema = found
        walked.append(name)
    return schema


def _candidates(api: ApiSchema, schema: Any, depth: int = 0) -> list[dict[str, Any]]:
    """``schema`` and what it stands for: its named schema, its items or map values, its
    variants."""
    schema = api.deref(schema)
    if not isinstance(schema, dict) or depth > 6:
        return []
    found = [schema]
    # A list's items and a map's values (``additionalProperties``), as the answers show
    # them (``[{...}]``, ``"<any name>": {...}``), are looked through.
    for inner in (schema.get("items"), schema.get("additionalProperties")):
        if isinstance(inner, dict):
            found += _candidates(api, inner, depth + 1)
    for key in _VARIANTS:
        variants = schema.get(key)
        if isinstance(variants, list):
            for variant in variants:
                found += _candidates(api, variant, depth + 1)
    return found


def _child(api: ApiSchema, schema: Any, name: str) -> Any:
    for candidate in _candidates(api, schema):
        properties = candidate.get("properties")
        if isinstance(properties, dict) and name in properties:
            return properties[name]
    return None


def _names(api: ApiSchema, schema: Any) -> set[str]:
    names: set[str] = set()
    for candidate in _candidates(api, schema):
        properties = candidate.get("properties")
        if isinstance(properties, dict):
            names.update(properties)
    return names
