"""The MCP tools: search, endpoint detail, examples, code snippets and schemas.

Each tool returns a ``CallToolResult`` whose ``structuredContent`` matches its output
schema and whose text block is the same object as compact JSON. Bad input becomes a tool
error (``isError``) that names the bad value and suggests valid ones.
"""

from __future__ import annotations

import inspect
import logging
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, ToolAnnotations

import drf_mcp_docs.server.batches as batches
import drf_mcp_docs.server.render as render
import drf_mcp_docs.server.versioned as versioned
from drf_mcp_docs.schema.records import ApiSchema, Endpoint
from drf_mcp_docs.schema.words import words
from drf_mcp_docs.sdk import add_middleware
from drf_mcp_docs.server.arguments import ArgumentCheck
from drf_mcp_docs.server.caller import RequestCaller
from drf_mcp_docs.server.calls import client_for, method_filter, ok, tag_filter, tool_errors
from drf_mcp_docs.server.errors import (
    LookupFailed,
    ToolInputError,
)
from drf_mcp_docs.server.examples import request_example, response_example
from drf_mcp_docs.server.offload import offload
from drf_mcp_docs.server.origin import RequestOrigin, api_base_url
from drf_mcp_docs.server.overview import ApiOverview, overview_answer
from drf_mcp_docs.server.pages import check_page
from drf_mcp_docs.server.params import (
    ClientArg,
    DetailMethodArg,
    DetailPathArg,
    EndpointsArg,
    FieldArg,
    LanguageArg,
    LimitArg,
    MethodArg,
    MethodFilterArg,
    OffsetArg,
    PageArg,
    PathArg,
    QueryArg,
    SchemaFieldArg,
    SchemaLimitArg,
    SchemaNameArg,
    SchemaOffsetArg,
    SchemaQueryArg,
    SnippetLanguageArg,
    StatusArg,
    TagFilterArg,
    VersionArg,
)
from drf_mcp_docs.server.shapes import (
    CodeSnippet,
    EndpointDetail,
    RequestExample,
    ResponseExample,
    SchemaDetail,
    SchemaList,
    SearchResult,
)
from drf_mcp_docs.text import clip, quote

logger = logging.getLogger("drf_mcp_docs.server")

#: Results per search answer: the default (a search; a listing by tag or method) and the
#: largest. recall@5 is what benchmarks/search_quality.py measures: the right endpoint is
#: among the first 5 for most requests, and nextOffset pages on.
SEARCH_LIMIT = 5
LIST_LIMIT = 20
MAX_SEARCH_LIMIT = 50
#: Bounds on a search query: each word scans the index's vocabulary on the event loop.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
#: Page size of list_schemas: by default (a listing; a search by words), and the largest.
SCHEMA_PAGE = 100
SCHEMA_SEARCH_PAGE = 20
MAX_SCHEMA_PAGE = 500


@tool_errors
async def get_api_overview() -> Annotated[CallToolResult, ApiOverview]:
    """Base URL, auth, paging, versions and tags."""
    return ok(await overview_answer())


@tool_errors
async def search_endpoints(
    query: QueryArg,
    method: MethodFilterArg = None,
    tag: TagFilterArg = None,
    limit: LimitArg = None,
    offset: OffsetArg = 0,
    version: VersionArg = None,
) -> Annotated[CallToolResult, SearchResult]:
    """Find endpoints by words, operationId or path; then get_endpoint_detail.
    Hits: "METHOD path summary" (summaries on the first 5), best first.
    Several tasks: query=["...", "..."] searches each in one call.
    """
    apis = await versioned.documents(version)
    verb = method_filter(method)
    wanted_tag = tag_filter(versioned.merged_tags(apis), tag)
    if limit is not None and (isinstance(limit, bool) or not 1 <= limit <= MAX_SEARCH_LIMIT):
        raise ToolInputError(f"limit must be between 1 and {MAX_SEARCH_LIMIT}, got {quote(limit)}")
    if isinstance(offset, bool) or offset < 0:
        raise ToolInputError(f"offset must be 0 or more, got {quote(offset)}")

    def search(text: str) -> dict[str, Any]:
        return _search_page(apis, text, verb, wanted_tag, limit, offset)

    if isinstance(query, list):
        return ok(await batches.searches(query, search))
    return ok(search(query))


def _search_page(
    apis: list[ApiSchema],
    query: str,
    verb: str | None,
    tag: str | None,
    limit: int | None,
    offset: int,
) -> dict[str, Any]:
    """One query's page of hits, its limit defaulted (a listing's is longer)."""
    if len(query) > MAX_QUERY_LENGTH or len(set(words(query))) > MAX_QUERY_WORDS:
        raise LookupFailed(
            f"query is too long: at most {MAX_QUERY_WORDS} words and {MAX_QUERY_LENGTH} "
            "characters; search for a few keywords, e.g. 'book reviews'"
        )
    listing = not words(query)
    if listing and not (verb or tag):
        raise LookupFailed(
            "query must contain at least one word, e.g. 'books' (or give a tag or "
            "method to list its endpoints)"
        )
    if limit is None:
        limit = LIST_LIMIT if listing else SEARCH_LIMIT
    return versioned.search_page(apis, query, verb, tag, offset, limit)


@tool_errors
async def get_endpoint_detail(
    path: DetailPathArg = None,
    method: DetailMethodArg = None,
    field: FieldArg = None,
    page: PageArg = None,
    language: SnippetLanguageArg = None,
    client: ClientArg = None,
    endpoints: EndpointsArg = None,
    version: VersionArg = None,
) -> Annotated[CallToolResult, EndpointDetail]:
    """All it takes to send one call (parameters, body, auth) and its success's shape;
    a field is "type, flags // description" ("a, b": fields said alike). Complete but for
    what 'more' names as cut; field= returns that. Several: endpoints=["GET /a/",
    "POST /b/"] in one call."""
    if language or client:
        client_for(language, client)  # a bad language is reported before a bad path

    async def contract(api: ApiSchema, endpoint: Endpoint) -> dict[str, Any]:
        what = f"get_endpoint_detail {endpoint.key}"
        work = api.schema_bytes(endpoint)
        detail = await offload(what, render.endpoint_detail, endpoint, api, work=work)
        if language or client:
            detail["snippet"] = await _snippet(api, endpoint, language, client)
        return detail

    if endpoints is not None:
        if path is not None or method is not None or field is not None or page is not None:
            raise ToolInputError(
                "endpoints replaces path and method, and field and page go with one "
                'endpoint: give endpoints=["GET /a/", ...] alone, or path and method'
            )
        return ok(await batches.details(endpoints, contract, version))
    if path is None or method is None:
        raise ToolInputError(
            'give path and method, e.g. path="/api/books/", method="GET" (or several: '
            'endpoints=["GET /api/books/", "POST /api/books/"])'
        )
    api, endpoint = await versioned.locate(path, method, version)
    number = check_page(page)
    if field is not None and field.strip():
        if language or client:
            raise ToolInputError("language and client go with the default answer, not with field")
        what = f"get_endpoint_detail {endpoint.key} {clip(field.strip())}"
        part = await offload(
            what,
            render.endpoint_field,
            endpoint,
            api,
            field.strip(),
            number,
            work=api.schema_bytes(endpoint),
        )
        return ok(versioned.with_version(part, api, endpoint))
    if page is not None:
        raise ToolInputError(
            f"page {quote(page)} needs a field: pages are for long texts, e.g. "
            'field="description", page=2'
        )
    return ok(versioned.with_version(await contract(api, endpoint), api, endpoint))


async def _snippet(
    api: ApiSchema, endpoint: Endpoint, language: str | None, client: str | None
) -> dict[str, str]:
    """Client code for ``endpoint``: ``{language, client, code}``."""
    from drf_mcp_docs.codegen import generate_snippet

    lang, chosen = client_for(language, client)
    base = api_base_url(api)  # read here: the request's origin lives in this task's context

    def snippet() -> str:
        return generate_snippet(api, endpoint, lang, chosen, base)

    what = f"generate_code_snippet {endpoint.key} ({lang}, {chosen})"
    code = await offload(what, snippet, work=api.schema_bytes(endpoint))
    return {"language": lang, "client": chosen, "code": code}


@tool_errors
async def get_request_example(
    path: PathArg, method: MethodArg, version: VersionArg = None
) -> Annotated[CallToolResult, RequestExample]:
    """Example values for one call (path, query, body); get_endpoint_detail already says
    what to send."""
    api, endpoint = await versioned.locate(path, method, version)
    work = api.schema_bytes(endpoint)
    what = f"get_request_example {endpoint.key}"
    found = await offload(what, request_example, api, endpoint, work=work)
    return ok(versioned.with_version(found, api, endpoint))


@tool_errors
async def get_response_example(
    path: PathArg,
    method: MethodArg,
    status_code: StatusArg = None,
    version: VersionArg = None,
) -> Annotated[CallToolResult, ResponseExample]:
    """An example response body."""
    api, endpoint = await versioned.locate(path, method, version)
    work = api.schema_bytes(endpoint)
    if status_code is None or str(status_code).strip() == "":
        response = endpoint.success_response()
    else:
        response = endpoint.response(str(status_code).strip())
        if response is None:
            documented = ", ".join(r.status for r in endpoint.responses) or "none"
            raise LookupFailed(
                f"{endpoint.key} documents no {clip(str(status_code))} response; "
                f"documented: {documented}"
            )
    if response is None:
        raise LookupFailed(f"{endpoint.key} documents no responses")
    what = f"get_response_example {endpoint.key} {response.status}"
    found = await offload(what, response_example, api, endpoint, response, work=work)
    return ok(versioned.with_version(found, api, endpoint))


@tool_errors
async def generate_code_snippet(
    path: PathArg,
    method: MethodArg,
    language: LanguageArg = None,
    client: ClientArg = None,
    version: VersionArg = None,
) -> Annotated[CallToolResult, CodeSnippet]:
    """Client code for one endpoint (auth, types, paging)."""
    client_for(language, client)  # a bad language is reported before a bad path
    api, endpoint = await versioned.locate(path, method, version)
    return ok(
        versioned.with_version(await _snippet(api, endpoint, language, client), api, endpoint)
    )


@tool_errors
async def list_schemas(
    query: SchemaQueryArg = None,
    offset: SchemaOffsetArg = 0,
    limit: SchemaLimitArg = None,
    version: VersionArg = None,
) -> Annotated[CallToolResult, SchemaList]:
    """Data schema (model) names, paged."""
    if limit is None:
        limit = SCHEMA_SEARCH_PAGE if query and query.strip() else SCHEMA_PAGE
    if isinstance(offset, bool) or offset < 0:
        raise ToolInputError(f"offset must be 0 or more, got {quote(offset)}")
    if isinstance(limit, bool) or not 1 <= limit <= MAX_SCHEMA_PAGE:
        raise ToolInputError(f"limit must be between 1 and {MAX_SCHEMA_PAGE}, got {quote(limit)}")
    if query is not None and len(query) > MAX_QUERY_LENGTH:
        raise ToolInputError(f"query is too long: at most {MAX_QUERY_LENGTH} characters")
    api = (await versioned.documents(version))[0]  # a versioned API: one version's
    found = await offload("list_schemas", render.schema_page, api, query, offset, limit)
    return ok({**found, "version": api.api_version} if api.api_version else found)


@tool_errors
async def get_schema_detail(
    name: SchemaNameArg,
    field: SchemaFieldArg = None,
    page: PageArg = None,
    version: VersionArg = None,
) -> Annotated[CallToolResult, SchemaDetail]:
    """One data schema (a {"$ref": "Name"}) and its endpoints, what it holds one level
    deep; 'more' names the rest ("a, b": fields said alike). A detail's success shape is
    often all a call needs."""
    api, component = versioned.find_component(await versioned.documents(version), name)
    number = check_page(page)
    part = field.strip() if isinstance(field, str) and field.strip() else None
    what = f"get_schema_detail {component.name}" + (f" {clip(part)}" if part else "")
    found = await offload(what, render.schema_detail, component, api, part, number)
    return ok({**found, "version": api.api_version} if api.api_version else found)


TOOLS = (
    get_api_overview,
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
        # The docstring without its source indentation: clients show it as written.
        description = inspect.cleandoc(tool.__doc__ or "")
        server.add_tool(tool, description=description, annotations=read_only)
        check.register(tool)
    add_middleware(server, check)
    add_middleware(server, RequestOrigin())  # the origin the agent reached, for snippets
    add_middleware(server, RequestCaller())  # the caller, for per-user schemas
