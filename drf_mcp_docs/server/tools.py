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

import drf_mcp_docs.server.render as render
from drf_mcp_docs.conf import CODE_LANGUAGES, conf
from drf_mcp_docs.schema.cache import schema_cache
from drf_mcp_docs.schema.records import ApiSchema, Endpoint
from drf_mcp_docs.schema.words import words
from drf_mcp_docs.sdk import add_middleware
from drf_mcp_docs.server.arguments import ArgumentCheck
from drf_mcp_docs.server.errors import (
    LookupFailed,
    ToolInputError,
    check_method,
    closest,
    did_you_mean,
    find_endpoint,
)
from drf_mcp_docs.server.examples import request_example, response_example
from drf_mcp_docs.server.offload import offload
from drf_mcp_docs.server.origin import RequestOrigin, api_base_url
from drf_mcp_docs.server.pages import check_page
from drf_mcp_docs.server.params import (
    ClientArg,
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
#: Page size of list_schemas (default and largest).
SCHEMA_PAGE = 100
MAX_SCHEMA_PAGE = 500


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


def _check_tag(api: ApiSchema, tag: str | None) -> str | None:
    if tag is None or not tag.strip():
        return None
    wanted = tag.strip().lower()
    tags = api.tags
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
async def search_endpoints(
    query: QueryArg,
    method: MethodFilterArg = None,
    tag: TagFilterArg = None,
    limit: LimitArg = None,
    offset: OffsetArg = 0,
) -> Annotated[CallToolResult, SearchResult]:
    """Find endpoints for a request in words, an operationId or a path: one line per hit,
    best first. Then get_endpoint_detail(path, method). Empty query + tag: list the tag.
    """
    api = await schema_cache.aget()
    verb = _check_method(method)
    wanted_tag = _check_tag(api, tag)
    if limit is None:  # a listing's default is longer; words() only on a bounded query
        listing = len(query) <= MAX_QUERY_LENGTH and not words(query)
        limit = LIST_LIMIT if listing else SEARCH_LIMIT
    if isinstance(limit, bool) or not 1 <= limit <= MAX_SEARCH_LIMIT:
        raise ToolInputError(f"limit must be between 1 and {MAX_SEARCH_LIMIT}, got {quote(limit)}")
    if isinstance(offset, bool) or offset < 0:
        raise ToolInputError(f"offset must be 0 or more, got {quote(offset)}")
    if len(query) > MAX_QUERY_LENGTH or len(set(words(query))) > MAX_QUERY_WORDS:
        raise LookupFailed(
            f"query is too long: at most {MAX_QUERY_WORDS} words and {MAX_QUERY_LENGTH} "
            "characters; search for a few keywords, e.g. 'book reviews'"
        )
    if not words(query):
        if not (verb or wanted_tag):
            raise LookupFailed(
                "query must contain at least one word, e.g. 'books' (or give a tag or "
                "method to list its endpoints)"
            )
        chosen = [e for e in api.endpoints if _passes(e, verb, wanted_tag)]
        total = len(chosen)
    else:
        total, chosen = api.search_index.search(query, verb, wanted_tag, offset + limit)
    if offset and offset >= max(total, 1):
        raise ToolInputError(f"offset {offset} is past the last result: there are {total}")
    shown = chosen[offset : offset + limit]
    answer: dict[str, Any] = {"total": total, "results": [render.endpoint_brief(e) for e in shown]}
    if offset + len(shown) < total:
        answer["nextOffset"] = offset + len(shown)
    return _ok(answer)


def _passes(endpoint: Endpoint, verb: str | None, tag: str | None) -> bool:
    if verb and endpoint.method != verb:
        return False
    return not tag or tag in (t.lower() for t in endpoint.tags)


@_tool
async def get_endpoint_detail(
    path: PathArg,
    method: MethodArg,
    field: FieldArg = None,
    page: PageArg = None,
    language: SnippetLanguageArg = None,
    client: ClientArg = None,
) -> Annotated[CallToolResult, EndpointDetail]:
    """What to send to one endpoint (parameters, body fields, auth) and its success status
    and shape. What it shortens is named in 'more' with the argument returning it whole
    (field="parameters.q", page=2). language= adds client code.
    """
    api = await schema_cache.aget()
    endpoint = find_endpoint(api, path, method)
    work = api.schema_bytes(endpoint)
    number = check_page(page)
    if field is not None and field.strip():
        if language or client:
            raise ToolInputError("language and client go with the default answer, not with field")
        what = f"get_endpoint_detail {endpoint.key} {clip(field.strip())}"
        part = await offload(
            what, render.endpoint_field, endpoint, api, field.strip(), number, work=work
        )
        return _ok(part)
    if page is not None:
        raise ToolInputError(
            f"page {quote(page)} needs a field: pages are for long texts, e.g. "
            'field="description", page=2'
        )
    detail = await offload(
        f"get_endpoint_detail {endpoint.key}", render.endpoint_detail, endpoint, api, work=work
    )
    if language or client:
        detail["snippet"] = await _snippet(api, endpoint, language, client)
    return _ok(detail)


async def _snippet(
    api: ApiSchema, endpoint: Endpoint, language: str | None, client: str | None
) -> dict[str, str]:
    """Client code for ``endpoint``: ``{language, client, code}``."""
    from drf_mcp_docs.codegen import generate_snippet

    lang, chosen = _client_for(language, client)
    base = api_base_url(api)  # read here: the request's origin lives in this task's context

    def snippet() -> str:
        return generate_snippet(api, endpoint, lang, chosen, base)

    what = f"generate_code_snippet {endpoint.key} ({lang}, {chosen})"
    code = await offload(what, snippet, work=api.schema_bytes(endpoint))
    return {"language": lang, "client": chosen, "code": code}


@_tool
async def get_request_example(
    path: PathArg, method: MethodArg
) -> Annotated[CallToolResult, RequestExample]:
    """An example request: path and required query parameters, and the body (the API's
    own example when it fits its schema, else generated: exampleSource says which).
    """
    api = await schema_cache.aget()
    endpoint = find_endpoint(api, path, method)
    work = api.schema_bytes(endpoint)
    return _ok(
        await offload(
            f"get_request_example {endpoint.key}", request_example, api, endpoint, work=work
        )
    )


@_tool
async def get_response_example(
    path: PathArg, method: MethodArg, status_code: StatusArg = None
) -> Annotated[CallToolResult, ResponseExample]:
    """An example response body for a status (default: the success)."""
    api = await schema_cache.aget()
    endpoint = find_endpoint(api, path, method)
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
    return _ok(await offload(what, response_example, api, endpoint, response, work=work))


@_tool
async def generate_code_snippet(
    path: PathArg, method: MethodArg, language: LanguageArg = None, client: ClientArg = None
) -> Annotated[CallToolResult, CodeSnippet]:
    """Client code for one endpoint, with auth, typed shapes and pagination handled.
    (get_endpoint_detail(path, method, language=...) gives the contract with it.)
    """
    _client_for(language, client)  # a bad language is reported before a bad path
    api = await schema_cache.aget()
    endpoint = find_endpoint(api, path, method)
    return _ok(await _snippet(api, endpoint, language, client))


@_tool
async def list_schemas(
    query: SchemaQueryArg = None, offset: SchemaOffsetArg = 0, limit: SchemaLimitArg = SCHEMA_PAGE
) -> Annotated[CallToolResult, SchemaList]:
    """The API's named data schemas (models) with their field counts, a page at a time."""
    if isinstance(offset, bool) or offset < 0:
        raise ToolInputError(f"offset must be 0 or more, got {quote(offset)}")
    if isinstance(limit, bool) or not 1 <= limit <= MAX_SCHEMA_PAGE:
        raise ToolInputError(f"limit must be between 1 and {MAX_SCHEMA_PAGE}, got {quote(limit)}")
    if query is not None and len(query) > MAX_QUERY_LENGTH:
        raise ToolInputError(f"query is too long: at most {MAX_QUERY_LENGTH} characters")
    api = await schema_cache.aget()
    return _ok(await offload("list_schemas", render.schema_page, api, query, offset, limit))


@_tool
async def get_schema_detail(
    name: SchemaNameArg, field: SchemaFieldArg = None, page: PageArg = None
) -> Annotated[CallToolResult, SchemaDetail]:
    """One data schema, resolved, and the endpoints that use it. What it shortens is named
    in 'more' with the argument returning it whole (field="address.city", page=2).
    """
    api = await schema_cache.aget()
    component = api.components.get(name.strip()) if isinstance(name, str) else None
    if component is None and isinstance(name, str):
        lowered = name.strip().lower()
        component = next((c for n, c in api.components.items() if n.lower() == lowered), None)
    if component is None:
        hint = did_you_mean(closest(str(name), api.components))
        raise LookupFailed(f"no schema {quote(name)}{hint}")
    number = check_page(page)
    part = field.strip() if isinstance(field, str) and field.strip() else None
    what = f"get_schema_detail {component.name}" + (f" {clip(part)}" if part else "")
    return _ok(await offload(what, render.schema_detail, component, api, part, number))


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
        # The docstring without its source indentation: clients show it as written.
        description = inspect.cleandoc(tool.__doc__ or "")
        server.add_tool(tool, description=description, annotations=read_only)
        check.register(tool)
    add_middleware(server, check)
    add_middleware(server, RequestOrigin())  # the origin the agent reached, for snippets
