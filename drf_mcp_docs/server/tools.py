"""The MCP tools: search, endpoint detail, examples, code snippets and schemas.

Each tool returns a ``CallToolResult`` whose ``structuredContent`` matches its output
schema and whose text block is the same object as compact JSON. Bad input becomes a tool
error (``isError``) that names the bad value and suggests valid ones.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from typing_extensions import NotRequired, TypedDict

import drf_mcp_docs.server.render as render
import drf_mcp_docs.server.versioned as versioned
from drf_mcp_docs.conf import CODE_LANGUAGES, conf
from drf_mcp_docs.schema.words import words
from drf_mcp_docs.sdk import add_middleware
from drf_mcp_docs.server.answers import request_example, response_example
from drf_mcp_docs.server.arguments import ArgumentCheck
from drf_mcp_docs.server.caller import RequestCaller
from drf_mcp_docs.server.errors import (
    LookupFailed,
    ToolInputError,
    check_method,
    closest,
    did_you_mean,
)
from drf_mcp_docs.server.offload import offload
from drf_mcp_docs.server.origin import RequestOrigin, api_base_url
from drf_mcp_docs.server.overview import ApiOverview, overview_answer
from drf_mcp_docs.text import clip, quote

logger = logging.getLogger("drf_mcp_docs.server")

SEARCH_LIMIT = 20
#: Bounds on a search query: each word scans the index's vocabulary on the event loop.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
#: Page size of list_schemas (default and largest).
SCHEMA_PAGE = 100
MAX_SCHEMA_PAGE = 500


class EndpointBrief(versioned.Versioned):
    method: str
    path: str
    summary: NotRequired[str]


class SearchResult(TypedDict):
    total: int
    results: list[EndpointBrief]
    nextOffset: NotRequired[int]


class EndpointDetail(versioned.Versioned):
    method: str
    path: str
    operationId: NotRequired[str]
    field: NotRequired[str]
    schema: NotRequired[Any]
    summary: NotRequired[str]
    description: NotRequired[str]
    tags: NotRequired[list[str]]
    auth: NotRequired[list[str]]
    authOptional: NotRequired[bool]
    deprecated: NotRequired[bool]
    parameters: NotRequired[list[dict[str, Any]]]
    requestBody: NotRequired[dict[str, Any]]
    responses: NotRequired[dict[str, Any]]
    pagination: NotRequired[dict[str, Any]]
    folded: NotRequired[dict[str, Any]]


class RequestExample(versioned.Versioned):
    method: str
    path: str
    pathParams: NotRequired[dict[str, Any]]
    query: NotRequired[dict[str, Any]]
    contentType: NotRequired[str]
    body: NotRequired[Any]
    exampleSource: NotRequired[str]
    variants: NotRequired[dict[str, Any]]
    folded: NotRequired[str]


class ResponseExample(versioned.Versioned):
    method: str
    path: str
    status: str
    description: NotRequired[str]
    contentType: NotRequired[str]
    body: NotRequired[Any]
    exampleSource: NotRequired[str]
    variants: NotRequired[dict[str, Any]]
    folded: NotRequired[str]


class CodeSnippet(versioned.Versioned):
    language: str
    client: str
    code: str


class SchemaBrief(TypedDict):
    name: str
    fields: NotRequired[int]
    enum: NotRequired[int]
    description: NotRequired[str]


class SchemaList(versioned.Versioned):
    total: int
    schemas: list[SchemaBrief]
    nextOffset: NotRequired[int]


class SchemaDetail(versioned.Versioned):
    name: str
    description: NotRequired[str]
    schema: dict[str, Any]
    usedBy: NotRequired[list[str]]
    usedByCount: NotRequired[int]
    folded: NotRequired[dict[str, Any]]


def _ok(payload: dict[str, Any]) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=render.compact_json(payload))],
        structured_content=payload,
    )


def _error(message: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=message)], is_error=True)


def _tool(fn: Callable[..., Awaitable[CallToolResult]]) -> Callable[..., Awaitable[CallToolResult]]:
    """Turn this package's input errors (``ToolInputError``) into tool errors, as they are.

    Anything else is a bug or a broken schema: it is logged with its traceback and the
    agent gets a tool error naming the tool and what it was asked about, never the
    internals (the SDK's own answer would be a bare ``Error executing tool <name>``).
    """

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> CallToolResult:
        try:
            return await fn(*args, **kwargs)
        except ToolInputError as exc:
            return _error(str(exc))
        except Exception:
            target = _target(kwargs)
            logger.exception("tool %s failed%s", fn.__name__, target)
            return _error(
                f"{fn.__name__} failed{target}: an internal error of the docs server "
                "(logged on the server with its traceback). Other tools and endpoints "
                "still work."
            )

    return wrapper


def _target(arguments: dict[str, Any]) -> str:
    """`` on GET /api/books/`` (or `` on schema Book``): what a failed call was about."""
    method, path, name = (arguments.get(k) for k in ("method", "path", "name"))
    if isinstance(path, str) and path:
        verb = f"{clip(method.upper(), 10)} " if isinstance(method, str) and method else ""
        return f" on {verb}{clip(path)}"
    if isinstance(name, str) and name:
        return f" on schema {clip(name)}"
    return ""


def _check_method(method: str | None) -> str | None:
    """The optional method filter of a search, checked like every other method."""
    if method is None or not method.strip():
        return None
    return check_method(method)


def _check_tag(tags: dict[str, int], tag: str | None) -> str | None:
    if tag is None or not tag.strip():
        return None
    wanted = tag.strip().lower()
    if wanted not in (t.lower() for t in tags):
        hint = did_you_mean(closest(tag, tags)) or "; tags: " + ", ".join(sorted(tags))
        raise LookupFailed(f"no tag {quote(tag)}{hint}")
    return wanted


def _client_for(language: str | None, client: str | None) -> tuple[str, str]:
    """The (language, client) a call names, with the settings' defaults filled in."""
    from drf_mcp_docs.codegen import SnippetError, check_client

    lang = (language or conf.DEFAULT_CODE_LANGUAGE).strip().lower()
    if client is None or not client.strip():
        default = conf.DEFAULT_HTTP_CLIENT
        clients = CODE_LANGUAGES.get(lang, ())
        chosen = default if default in clients else (clients[0] if clients else default)
    else:
        chosen = client.strip().lower()
    try:
        check_client(lang, chosen)
    except SnippetError as exc:
        raise LookupFailed(str(exc)) from None
    return lang, chosen


@_tool
async def get_api_overview() -> Annotated[CallToolResult, ApiOverview]:
    """The API at a glance (what the api://overview resource holds): title, version, base
    URL, endpoint and schema counts, tags with their endpoint counts, the auth schemes and
    how to send each credential, the paging styles, and the endpoints that need no auth."""
    return _ok(await overview_answer())


@_tool
async def search_endpoints(
    query: str,
    method: str | None = None,
    tag: str | None = None,
    offset: int = 0,
    version: str | None = None,
) -> Annotated[CallToolResult, SearchResult]:
    """Find API endpoints for a request in plain words ("add a review to a book", "list
    orders"), or by operationId or path; the best matches first.

    Optionally filter by HTTP method and tag; an empty query with a method or tag lists
    everything that passes the filter, 20 at a time (``offset`` pages on; ``nextOffset``
    is given while more remain). A versioned API is searched in every version (each
    versioned result says its ``version``) unless ``version`` names one.
    """
    if isinstance(offset, bool) or offset < 0:
        raise ToolInputError(f"offset must be 0 or more, got {quote(offset)}")
    apis = await versioned.documents(version)
    verb = _check_method(method)
    wanted_tag = _check_tag(versioned.merged_tags(apis), tag)
    if len(query) > MAX_QUERY_LENGTH or len(set(words(query))) > MAX_QUERY_WORDS:
        raise LookupFailed(
            f"query is too long: at most {MAX_QUERY_WORDS} words and {MAX_QUERY_LENGTH} "
            "characters; search for a few keywords, e.g. 'book reviews'"
        )
    if not words(query) and not (verb or wanted_tag):
        raise LookupFailed("query must contain at least one word, e.g. 'books'")
    return _ok(versioned.search_page(apis, query, verb, wanted_tag, offset, SEARCH_LIMIT))


@_tool
async def get_endpoint_detail(
    path: str, method: str, field: str | None = None, version: str | None = None
) -> Annotated[CallToolResult, EndpointDetail]:
    """Everything needed to call one endpoint: parameters, body, responses, auth, paging.

    Large schemas are folded to fit; ``field`` shows one part in full, e.g.
    ``requestBody.card.address``, ``responses.200.data`` or ``parameters.expand``.
    ``version``: of a versioned API whose versions share this path (default: the default).
    """
    api, endpoint = await versioned.locate(path, method, version)
    if field is not None and field.strip():
        what = f"get_endpoint_detail {endpoint.key} {clip(field.strip())}"
        found = await offload(what, render.endpoint_field, endpoint, api, field.strip())
    else:
        what = f"get_endpoint_detail {endpoint.key}"
        found = await offload(what, render.endpoint_detail, endpoint, api)
    return _ok(versioned.with_version(found, api, endpoint))


@_tool
async def get_request_example(
    path: str, method: str, version: str | None = None
) -> Annotated[CallToolResult, RequestExample]:
    """An example request: path parameters, required query parameters and the body.

    The body is the API's own documented example when it fits its schema, else one
    generated from the schema (exampleSource says which); for a polymorphic body,
    variants names the possible shapes and the one shown.
    """
    api, endpoint = await versioned.locate(path, method, version)
    found = await offload(f"get_request_example {endpoint.key}", request_example, api, endpoint)
    return _ok(versioned.with_version(found, api, endpoint))


@_tool
async def get_response_example(
    path: str, method: str, status_code: str | int | None = None, version: str | None = None
) -> Annotated[CallToolResult, ResponseExample]:
    """An example response body for a status code (default: the success response)."""
    api, endpoint = await versioned.locate(path, method, version)
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
    found = await offload(what, response_example, api, endpoint, response)
    return _ok(versioned.with_version(found, api, endpoint))


@_tool
async def generate_code_snippet(
    path: str,
    method: str,
    language: str | None = None,
    client: str | None = None,
    version: str | None = None,
) -> Annotated[CallToolResult, CodeSnippet]:
    """Client code for one endpoint, with auth, typed shapes and pagination handled.

    Languages and clients: javascript/typescript (fetch, axios, ky), python (requests,
    httpx), curl. Defaults come from the DEFAULT_CODE_LANGUAGE / DEFAULT_HTTP_CLIENT settings.
    """
    from drf_mcp_docs.codegen import generate_snippet

    lang, chosen = _client_for(language, client)
    api, endpoint = await versioned.locate(path, method, version)
    base = api_base_url(api)  # read here: the request's origin lives in this task's context

    def snippet() -> str:
        return generate_snippet(api, endpoint, lang, chosen, base)

    code = await offload(f"generate_code_snippet {endpoint.key} ({lang}, {chosen})", snippet)
    return _ok(
        versioned.with_version({"language": lang, "client": chosen, "code": code}, api, endpoint)
    )


@_tool
async def list_schemas(
    query: str | None = None, offset: int = 0, limit: int = SCHEMA_PAGE, version: str | None = None
) -> Annotated[CallToolResult, SchemaList]:
    """The named data schemas (models) of the API with their field counts, a page at a time.

    ``query`` keeps the schemas whose name or description contains every word of it;
    ``offset``/``limit`` page through the rest (``nextOffset`` is given while more remain).
    """
    if isinstance(offset, bool) or offset < 0:
        raise ToolInputError(f"offset must be 0 or more, got {quote(offset)}")
    if isinstance(limit, bool) or not 1 <= limit <= MAX_SCHEMA_PAGE:
        raise ToolInputError(f"limit must be between 1 and {MAX_SCHEMA_PAGE}, got {quote(limit)}")
    if query is not None and len(query) > MAX_QUERY_LENGTH:
        raise ToolInputError(f"query is too long: at most {MAX_QUERY_LENGTH} characters")
    api = (await versioned.documents(version))[0]  # a versioned API: one version's
    found = await offload("list_schemas", render.schema_page, api, query, offset, limit)
    return _ok({**found, "version": api.api_version} if api.api_version else found)


@_tool
async def get_schema_detail(
    name: str, version: str | None = None
) -> Annotated[CallToolResult, SchemaDetail]:
    """One data schema, fully resolved, and the endpoints that use it (of ``version``, for
    a versioned API; default: the default version's, else the first that has it)."""
    api, component = versioned.find_component(await versioned.documents(version), name)
    what = f"get_schema_detail {component.name}"
    found = await offload(what, render.schema_detail, component, api)
    return _ok({**found, "version": api.api_version} if api.api_version else found)


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
