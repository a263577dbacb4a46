"""Compact, JSON-ready views of the schema records, as tools and resources return them.

Empty and default-valued facts are left out: an agent's context window is the scarce
resource, so every key must carry information.
"""

from __future__ import annotations

import json
from typing import Any

import drf_mcp_docs.server.fold as fold
from drf_mcp_docs.schema.records import ApiSchema, AuthScheme, Component, Endpoint, Parameter
from drf_mcp_docs.server.fields import field_schema
from drf_mcp_docs.server.fold import Folder

_JSON = (None, "application/json")


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


def parameter(param: Parameter, folder: Folder | None = None) -> dict[str, Any]:
    schema = folder.schema(param.schema) if folder else param.schema
    description = folder.text(param.description) if folder else param.description
    return {
        "name": param.name,
        "in": param.location,
        **present(required=param.required, schema=schema, description=description),
    }


def endpoint_detail(endpoint: Endpoint, api: ApiSchema) -> dict[str, Any]:
    """Everything needed to call ``endpoint``, folded to fit one answer (see ``fold``)."""
    return fold.fit(api, lambda folder: _endpoint_detail(endpoint, folder))


def endpoint_field(endpoint: Endpoint, api: ApiSchema, field: str) -> dict[str, Any]:
    """One part of ``endpoint``'s schemas (see ``fields``), folded from there down."""
    schema = field_schema(api, endpoint, field)
    return fold.fit(
        api,
        lambda folder: {
            "method": endpoint.method,
            "path": endpoint.path,
            "field": field,
            "schema": folder.schema(schema, refs=folder.level.refs + 1),
        },
    )


def _endpoint_detail(endpoint: Endpoint, folder: Folder) -> dict[str, Any]:
    body = endpoint.request_body
    page = endpoint.pagination
    description = endpoint.description if endpoint.description != endpoint.summary else ""
    # The request's own shape gets one more level than the responses: it is what the
    # agent must write; responses name their schemas and are read with get_schema_detail.
    level = folder.level
    return {
        **present(
            method=endpoint.method,
            path=endpoint.path,
            operationId=endpoint.operation_id,
            summary=endpoint.summary,
            description=folder.text(description),
            tags=list(endpoint.tags),
        ),
        "auth": list(endpoint.security),  # [] says "public": kept
        **present(
            authOptional=bool(endpoint.security) and endpoint.auth_optional,
            deprecated=endpoint.deprecated,
            parameters=[parameter(p, folder) for p in endpoint.parameters],
            requestBody=body
            and present(
                contentType=body.content_type,
                schema=folder.schema(body.schema, refs=level.refs + 1, nesting=level.nesting + 1),
                required=body.required,
                alsoAccepts=[t for t in body.content_types if t != body.content_type],
            ),
        ),
        "responses": {
            r.status: present(
                description=folder.text(r.description),
                contentType=r.content_type if r.content_type not in _JSON else None,
                schema=folder.schema(r.schema),
            )
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


#: Longest first line of a description in a schema listing.
BRIEF_DESCRIPTION = 120
#: Most operations listed in a schema's ``usedBy`` (the count is always given).
USED_BY_LIMIT = 40


def schema_brief(component: Component) -> dict[str, Any]:
    schema = component.schema if isinstance(component.schema, dict) else {}
    props = schema.get("properties")
    line = component.description.strip().split("\n", 1)[0]
    if len(line) > BRIEF_DESCRIPTION:
        line = line[: BRIEF_DESCRIPTION - 1].rstrip() + "…"
    return present(
        name=component.name,
        fields=len(props) if isinstance(props, dict) else None,
        enum=len(schema["enum"])
        if not isinstance(props, dict) and isinstance(schema.get("enum"), list)
        else None,
        description=line,
    )


def schema_detail(component: Component, api: ApiSchema) -> dict[str, Any]:
    """One component: its schema (nested named schemas folded) and who uses it."""
    used = list(component.used_by)

    def build(folder: Folder) -> dict[str, Any]:
        # The component itself is shown; the schemas it names are expanded one level less.
        folder.shown.add(component.name)
        return {
            "name": component.name,
            **present(description=folder.text(component.description)),
            "schema": folder.schema(
                {k: v for k, v in component.schema.items() if k != "description"}
                if isinstance(component.schema, dict)
                else component.schema,
                refs=max(0, folder.level.refs - 1),
            ),
            **present(
                usedBy=used[:USED_BY_LIMIT],
                usedByCount=len(used) if len(used) > USED_BY_LIMIT else None,
            ),
        }

    return fold.fit(api, build)


def matches(words: list[str], *texts: str) -> bool:
    """Whether every word of a filter occurs in one of ``texts`` (case-insensitive)."""
    haystack = " ".join(texts).lower()
    return all(word in haystack for word in words)


def schema_page(api: ApiSchema, query: str | None, offset: int, limit: int) -> dict[str, Any]:
    """A page of :func:`schema_brief` entries, filtered by the words of ``query``."""
    words = (query or "").lower().split()
    chosen = [
        c for c in api.components.values() if not words or matches(words, c.name, c.description)
    ]
    return page(chosen, offset, limit, schema_brief, "schemas")


def endpoint_page(api: ApiSchema, tag: str | None, offset: int, limit: int) -> dict[str, Any]:
    """A page of :func:`endpoint_brief` entries, optionally of one tag."""
    wanted = (tag or "").strip().lower()
    chosen = [e for e in api.endpoints if not wanted or wanted in (t.lower() for t in e.tags)]
    return page(chosen, offset, limit, endpoint_brief, "endpoints")


def page(items: list[Any], offset: int, limit: int, brief: Any, key: str) -> dict[str, Any]:
    """``items[offset:offset+limit]`` as briefs, cut shorter if over the answer budget."""
    shown = [brief(item) for item in items[offset : offset + limit]]
    budget = fold.ANSWER_BUDGET - 200
    total = 0
    for count, entry in enumerate(shown):
        total += fold.size(entry) + 1
        if total > budget:
            shown = shown[:count]
            break
    answer: dict[str, Any] = {"total": len(items), key: shown}
    if offset + len(shown) < len(items):
        answer["nextOffset"] = offset + len(shown)
    return answer


def overview(api: ApiSchema, base_url: str | None = None) -> dict[str, Any]:
    return {
        **present(
            title=api.title,
            version=api.version,
            description=api.description,
            baseUrl=api.base_url if base_url is None else base_url,
        ),
        "endpoints": len(api.endpoints),
        **present(pathsOutsidePrefix=api.paths_outside),
        "schemas": len(api.components),
        "tags": api.tags,
        "auth": [auth_scheme(s) for s in api.auth_schemes.values()],
        **present(pagination=sorted({e.pagination.style for e in api.endpoints if e.pagination})),
        # Which schema this is: get_api_changes(since=<this digest>) later says what moved.
        **present(schemaDigest=api.digest, schemaVersion=api.version),
    }
