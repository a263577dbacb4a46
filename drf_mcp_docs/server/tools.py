"""The MCP tools: search, endpoint detail, examples, code snippets and schemas.

Each tool returns a ``CallToolResult`` whose ``structuredContent`` matches its output
schema and whose text block is the same object as compact JSON. Bad input becomes a tool
error (``isError``) that names the bad value and suggests valid ones.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from typing_extensions import NotRequired, TypedDict

from drf_mcp_docs.conf import CODE_LANGUAGES, conf
from drf_mcp_docs.schema.cache import schema_cache
from drf_mcp_docs.schema.examples import build_example, component_schemas, endpoint_example
from drf_mcp_docs.schema.records import ApiSchema, Endpoint
from drf_mcp_docs.schema.search import WORD, search
from drf_mcp_docs.server import render
from drf_mcp_docs.server.arguments import ArgumentCheck
from drf_mcp_docs.server.errors import (
    LookupFailed,
    check_method,
    closest,
    did_you_mean,
    find_endpoint,
)

SEARCH_LIMIT = 20
#: Bounds on a search query: each word scans the index's vocabulary on the event loop.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12


class EndpointBrief(TypedDict):
    method: str
    path: str
    summary: NotRequired[str]


class SearchResult(TypedDict):
    total: int
    results: list[EndpointBrief]


class EndpointDetail(TypedDict):
    method: str
    path: str
    operationId: str
    summary: NotRequired[str]
    description: NotRequired[str]
    tags: NotRequired[list[str]]
    auth: list[str]
    authOptional: NotRequired[bool]
    deprecated: NotRequired[bool]
    parameters: NotRequired[list[dict[str, Any]]]
    requestBody: NotRequired[dict[str, Any]]
    responses: dict[str, Any]
    pagination: NotRequired[dict[str, Any]]


class RequestExample(TypedDict):
    method: str
    path: str
    pathParams: NotRequired[dict[str, Any]]
    query: NotRequired[dict[str, Any]]
    contentType: NotRequired[str]
    body: NotRequired[Any]
    exampleSource: NotRequired[str]
    variants: NotRequired[dict[str, Any]]


class ResponseExample(TypedDict):
    method: str
    path: str
    status: str
    description: NotRequired[str]
    contentType: NotRequired[str]
    body: NotRequired[Any]
    exampleSource: NotRequired[str]
    variants: NotRequired[dict[str, Any]]


class CodeSnippet(TypedDict):
    language: str
    client: str
    code: str


class SchemaBrief(TypedDict):
    name: str
    fields: NotRequired[int]
    enum: NotRequired[int]
    description: NotRequired[str]


class SchemaList(TypedDict):
    schemas: list[SchemaBrief]


class SchemaDetail(TypedDict):
    name: str
    schema: dict[str, Any]
    usedBy: NotRequired[list[str]]


def _ok(payload: dict[str, Any]) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=render.compact_json(payload))],
        structured_content=payload,
    )


def _error(message: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=message)], is_error=True)


def _tool(fn: Callable[..., Awaitable[CallToolResult]]) -> Callable[..., Awaitable[CallToolResult]]:
    """Turn this package's lookup and input errors into tool errors with their message."""

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> CallToolResult:
        try:
            return await fn(*args, **kwargs)
        except (LookupFailed, ValueError) as exc:
            return _error(str(exc))

    return wrapper


def _check_method(method: str | None) -> str | None:
    """The optional method filter of a search, checked like every other method."""
    if method is None or not method.strip():
        return None
    return check_method(method)


def _check_tag(api: ApiSchema, tag: str | None) -> str | None:
    if tag is None or not tag.strip():
        return None
    wanted = tag.strip().lower()
    tags = api.tags
    if wanted not in (t.lower() for t in tags):
        hint = did_you_mean(closest(tag, tags)) or "; tags: " + ", ".join(sorted(tags))
        raise LookupFailed(f"no tag {tag!r}{hint}")
    return wanted


def _client_for(language: str | None, client: str | None) -> tuple[str, str]:
    lang = (language or conf.DEFAULT_CODE_LANGUAGE).strip().lower()
    if lang not in CODE_LANGUAGES:
        hint = did_you_mean(closest(lang, CODE_LANGUAGES, n=1))
        raise LookupFailed(
            f"unknown language {language!r}{hint} (supported: {', '.join(CODE_LANGUAGES)})"
        )
    clients = CODE_LANGUAGES[lang]
    if client is None or not client.strip():
        default = conf.DEFAULT_HTTP_CLIENT
        return lang, default if default in clients else clients[0]
    chosen = client.strip().lower()
    if chosen not in clients:
        hint = did_you_mean(closest(chosen, clients, n=1))
        raise LookupFailed(
            f"unknown client {client!r} for {lang}{hint} (supported: {', '.join(clients)})"
        )
    return lang, chosen


def _body(api: ApiSchema, endpoint: Endpoint, status: str | None, out: dict[str, Any]) -> None:
    """Add the body example, who wrote it and the polymorphic variants to ``out``."""
    example = endpoint_example(
        endpoint,
        status,
        resolver=component_schemas(api),
        base_url=api.base_url,
        openapi_version=api.openapi_version,
    )
    if example is None:
        return
    out["body"] = example.value
    out["exampleSource"] = example.source
    if example.variants is not None:
        out["variants"] = example.variants.as_dict()


def _param_examples(api: ApiSchema, endpoint: Endpoint, required_query: bool) -> dict[str, Any]:
    """Path parameters, or required query parameters, with example values."""
    resolver = component_schemas(api)
    return {
        p.name: build_example(
            p.schema,
            for_request=True,
            name=p.name,
            resolver=resolver,
            openapi_version=api.openapi_version,
        )
        for p in endpoint.parameters
        if ((p.location == "query" and p.required) if required_query else p.location == "path")
    }


@_tool
async def search_endpoints(
    query: str, method: str | None = None, tag: str | None = None
) -> Annotated[CallToolResult, SearchResult]:
    """Find API endpoints by keywords (path, operation id, summary, description, tags).

    Optionally filter by HTTP method and tag. Returns the best matches first; an empty
    query with a method or tag lists everything that passes the filter.
    """
    api = await schema_cache.aget()
    verb = _check_method(method)
    wanted_tag = _check_tag(api, tag)
    if len(query) > MAX_QUERY_LENGTH or len(set(WORD.findall(query.lower()))) > MAX_QUERY_WORDS:
        raise LookupFailed(
            f"query is too long: at most {MAX_QUERY_WORDS} words and {MAX_QUERY_LENGTH} "
            "characters; search for a few keywords, e.g. 'book reviews'"
        )
    if not WORD.search(query.lower()) and not (verb or wanted_tag):
        raise LookupFailed("query must contain at least one word, e.g. 'books'")
    found = search(api, query, verb, wanted_tag)
    return _ok(
        {"total": len(found), "results": [render.endpoint_brief(e) for e in found[:SEARCH_LIMIT]]}
    )


@_tool
async def get_endpoint_detail(path: str, method: str) -> Annotated[CallToolResult, EndpointDetail]:
    """Everything needed to call one endpoint: parameters, body, responses, auth, paging."""
    api = await schema_cache.aget()
    return _ok(render.endpoint_detail(find_endpoint(api, path, method)))


@_tool
async def get_request_example(path: str, method: str) -> Annotated[CallToolResult, RequestExample]:
    """An example request: path parameters, required query parameters and the body.

    The body is the API's own documented example when it fits its schema, else one
    generated from the schema (exampleSource says which); for a polymorphic body,
    variants names the possible shapes and the one shown.
    """
    api = await schema_cache.aget()
    endpoint = find_endpoint(api, path, method)
    out: dict[str, Any] = {"method": endpoint.method, "path": endpoint.path}
    path_params = _param_examples(api, endpoint, required_query=False)
    if path_params:
        out["pathParams"] = path_params
    query = _param_examples(api, endpoint, required_query=True)
    if query:
        out["query"] = query
    if endpoint.request_body is not None:
        out["contentType"] = endpoint.request_body.content_type
        _body(api, endpoint, None, out)
    return _ok(out)


@_tool
async def get_response_example(
    path: str, method: str, status_code: str | int | None = None
) -> Annotated[CallToolResult, ResponseExample]:
    """An example response body for a status code (default: the success response)."""
    api = await schema_cache.aget()
    endpoint = find_endpoint(api, path, method)
    if status_code is None or str(status_code).strip() == "":
        response = endpoint.success_response()
    else:
        response = endpoint.response(str(status_code).strip())
        if response is None:
            documented = ", ".join(r.status for r in endpoint.responses) or "none"
            raise LookupFailed(
                f"{endpoint.key} documents no {status_code} response; documented: {documented}"
            )
    if response is None:
        raise LookupFailed(f"{endpoint.key} documents no responses")
    out: dict[str, Any] = {"method": endpoint.method, "path": endpoint.path}
    out["status"] = response.status
    if response.description:
        out["description"] = response.description
    if response.schema or response.examples:
        out["contentType"] = response.content_type
        _body(api, endpoint, response.status, out)
    return _ok(out)


@_tool
async def generate_code_snippet(
    path: str, method: str, language: str | None = None, client: str | None = None
) -> Annotated[CallToolResult, CodeSnippet]:
    """Client code for one endpoint, with auth, typed shapes and pagination handled.

    Languages and clients: javascript/typescript (fetch, axios, ky), python (requests,
    httpx), curl. Defaults come from the DEFAULT_CODE_LANGUAGE / DEFAULT_HTTP_CLIENT settings.
    """
    from drf_mcp_docs.codegen import generate_snippet

    lang, chosen = _client_for(language, client)
    api = await schema_cache.aget()
    endpoint = find_endpoint(api, path, method)
    code = generate_snippet(api, endpoint, lang, chosen)
    return _ok({"language": lang, "client": chosen, "code": code})


@_tool
async def list_schemas() -> Annotated[CallToolResult, SchemaList]:
    """Every named data schema (model) of the API, with its field count."""
    api = await schema_cache.aget()
    return _ok({"schemas": [render.schema_brief(c) for c in api.components.values()]})


@_tool
async def get_schema_detail(name: str) -> Annotated[CallToolResult, SchemaDetail]:
    """One data schema, fully resolved, and the endpoints that use it."""
    api = await schema_cache.aget()
    component = api.components.get(name.strip()) if isinstance(name, str) else None
    if component is None and isinstance(name, str):
        lowered = name.strip().lower()
        component = next((c for n, c in api.components.items() if n.lower() == lowered), None)
    if component is None:
        hint = did_you_mean(closest(str(name), api.components))
        raise LookupFailed(f"no schema {name!r}{hint}")
    return _ok(render.schema_detail(component))


TOOLS = (
    search_endpoints,
    get_endpoint_detail,
    get_request_example,
    get_response_example,
    generate_code_snippet,
    list_schemas,
    get_schema_detail,
)


def register_tools(server: MCPServer[Any]) -> None:
    """Add the documentation tools to ``server``, read-only and with argument checks."""
    check = ArgumentCheck()
    read_only = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)
    for tool in TOOLS:
        server.add_tool(tool, annotations=read_only)
        check.register(tool)
    server.middleware.append(check)
