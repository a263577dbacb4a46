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


def present(**fields: Any) -> dict[str, Any]:
    """``fields`` without those that say nothing (None, False, "", [], {}); 0 is kept."""
    return {
        key: value
        for key, value in fields.items()
        if value or (isinstance(value, int) and not isinstance(value, bool))
    }


def endpoint_brief(endpoint: Endpoint) -> dict[str, Any]:
    return present(method=endpoint.method, path=endpoint.path, summary=endpoint.summary)


def parameter(param: Parameter) -> dict[str, Any]:
    return {
        "name": param.name,
        "in": param.location,
        **present(required=param.required, schema=param.schema, description=param.description),
    }


def endpoint_detail(endpoint: Endpoint) -> dict[str, Any]:
    body = endpoint.request_body
    page = endpoint.pagination
    description = endpoint.description if endpoint.description != endpoint.summary else ""
    return {
        **present(
            method=endpoint.method,
            path=endpoint.path,
            operationId=endpoint.operation_id,
            summary=endpoint.summary,
            description=description,
            tags=list(endpoint.tags),
        ),
        "auth": list(endpoint.security),  # [] says "public": kept
        **present(
            authOptional=bool(endpoint.security) and endpoint.auth_optional,
            deprecated=endpoint.deprecated,
            parameters=[parameter(p) for p in endpoint.parameters],
            requestBody=body
            and present(
                contentType=body.content_type,
                schema=body.schema,
                required=body.required,
                alsoAccepts=[t for t in body.content_types if t != body.content_type],
            ),
        ),
        "responses": {
            r.status: present(description=r.description, schema=r.schema)
            for r in endpoint.responses
        },
        **present(
            pagination=page
            and {"style": page.style, "params": list(page.params), "resultsKey": page.results_key}
        ),
    }


def auth_scheme(scheme: AuthScheme) -> dict[str, Any]:
    return present(
        name=scheme.name,
        type=scheme.type,
        **{"in": scheme.location},
        param=scheme.param_name,
        value=scheme.value_template,
        description=scheme.description,
    )


def schema_brief(component: Component) -> dict[str, Any]:
    schema = component.schema
    props = schema.get("properties")
    return present(
        name=component.name,
        fields=len(props) if isinstance(props, dict) else None,
        enum=len(schema["enum"]) if not isinstance(props, dict) and "enum" in schema else None,
        description=component.description.split("\n", 1)[0],
    )


def schema_detail(component: Component) -> dict[str, Any]:
    return {
        "name": component.name,
        "schema": component.schema,
        **present(usedBy=list(component.used_by)),
    }


def overview(api: ApiSchema, base_url: str | None = None) -> dict[str, Any]:
    return {
        **present(
            title=api.title,
            version=api.version,
            description=api.description,
            baseUrl=api.base_url if base_url is None else base_url,
        ),
        "endpoints": len(api.endpoints),
        "schemas": len(api.components),
        "tags": api.tags,
        "auth": [auth_scheme(s) for s in api.auth_schemes.values()],
        **present(pagination=sorted({e.pagination.style for e in api.endpoints if e.pagination})),
    }
