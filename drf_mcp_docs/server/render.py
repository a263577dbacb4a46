"""Compact, JSON-ready views of the schema records, as tools and resources return them.

Empty and default-valued facts are left out: an agent's context window is the scarce
resource, so every key must carry information.
"""

from __future__ import annotations

import json
from typing import Any

from drf_mcp_docs.schema.records import ApiSchema, AuthScheme, Component, Endpoint, Parameter


def compact_json(value: Any) -> str:
    """JSON without whitespace, non-ASCII kept as is."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def endpoint_brief(endpoint: Endpoint) -> dict[str, Any]:
    out: dict[str, Any] = {"method": endpoint.method, "path": endpoint.path}
    if endpoint.summary:
        out["summary"] = endpoint.summary
    return out


def parameter(param: Parameter) -> dict[str, Any]:
    out: dict[str, Any] = {"name": param.name, "in": param.location}
    if param.required:
        out["required"] = True
    if param.schema:
        out["schema"] = param.schema
    if param.description:
        out["description"] = param.description
    return out


def endpoint_detail(endpoint: Endpoint) -> dict[str, Any]:
    out: dict[str, Any] = {
        "method": endpoint.method,
        "path": endpoint.path,
        "operationId": endpoint.operation_id,
    }
    if endpoint.summary:
        out["summary"] = endpoint.summary
    if endpoint.description and endpoint.description != endpoint.summary:
        out["description"] = endpoint.description
    if endpoint.tags:
        out["tags"] = list(endpoint.tags)
    out["auth"] = list(endpoint.security)
    if endpoint.security and endpoint.auth_optional:
        out["authOptional"] = True
    if endpoint.deprecated:
        out["deprecated"] = True
    if endpoint.parameters:
        out["parameters"] = [parameter(p) for p in endpoint.parameters]
    body = endpoint.request_body
    if body is not None:
        request: dict[str, Any] = {"contentType": body.content_type, "schema": body.schema}
        if body.required:
            request["required"] = True
        if len(body.content_types) > 1:
            request["alsoAccepts"] = [t for t in body.content_types if t != body.content_type]
        out["requestBody"] = request
    responses: dict[str, Any] = {}
    for response in endpoint.responses:
        item: dict[str, Any] = {}
        if response.description:
            item["description"] = response.description
        if response.schema:
            item["schema"] = response.schema
        responses[response.status] = item
    out["responses"] = responses
    if endpoint.pagination:
        page = endpoint.pagination
        out["pagination"] = {
            "style": page.style,
            "params": list(page.params),
            "resultsKey": page.results_key,
        }
    return out


def auth_scheme(scheme: AuthScheme) -> dict[str, Any]:
    out: dict[str, Any] = {"name": scheme.name, "type": scheme.type}
    if scheme.location:
        out["in"] = scheme.location
    if scheme.param_name:
        out["param"] = scheme.param_name
    if scheme.value_template:
        out["value"] = scheme.value_template
    if scheme.description:
        out["description"] = scheme.description
    return out


def schema_brief(component: Component) -> dict[str, Any]:
    out: dict[str, Any] = {"name": component.name}
    props = component.schema.get("properties")
    if isinstance(props, dict):
        out["fields"] = len(props)
    elif "enum" in component.schema:
        out["enum"] = len(component.schema["enum"])
    if component.description:
        out["description"] = component.description.split("\n", 1)[0]
    return out


def schema_detail(component: Component) -> dict[str, Any]:
    out: dict[str, Any] = {"name": component.name, "schema": component.schema}
    if component.used_by:
        out["usedBy"] = list(component.used_by)
    return out


def overview(api: ApiSchema) -> dict[str, Any]:
    out: dict[str, Any] = {"title": api.title}
    if api.version:
        out["version"] = api.version
    if api.description:
        out["description"] = api.description
    if api.base_url:
        out["baseUrl"] = api.base_url
    out["endpoints"] = len(api.endpoints)
    out["schemas"] = len(api.components)
    out["tags"] = api.tags
    out["auth"] = [auth_scheme(s) for s in api.auth_schemes.values()]
    styles = sorted({e.pagination.style for e in api.endpoints if e.pagination})
    if styles:
        out["pagination"] = styles
    return out
