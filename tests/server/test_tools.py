"""Every tool through the official MCP client (in memory), good and bad input."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from mcp import Client


async def call(mcp: Client, tool: str, **arguments: Any) -> dict[str, Any]:
    result = await mcp.call_tool(tool, arguments)
    assert not result.is_error, result.content[0].text
    text = result.content[0].text
    # The text block is the structured result as compact JSON: no whitespace, same facts.
    assert json.loads(text) == result.structured_content
    assert ", " not in text[:200] or '": ' not in text
    # Every answer names the schema it was read from (server/changes.py, DigestStamp).
    answer = dict(result.structured_content)
    assert len(answer.pop("schemaDigest")) == 16
    return answer


def hit(line: str) -> dict[str, Any]:
    """A search hit ("METHOD path summary [version v2, deprecated]") as its parts."""
    assert isinstance(line, str) and "\n" not in line, line
    method, path, *rest = line.split(" ", 2)
    parts: dict[str, Any] = {"method": method, "path": path}
    text = rest[0] if rest else ""
    marked = re.search(r"(?:^| )\[([^\]]*)\]$", text)
    marks = marked[1].split(", ") if marked else []
    if marked and all(m == "deprecated" or m.startswith("version ") for m in marks):
        text = text[: marked.start()]
        for mark in marks:
            if mark == "deprecated":
                parts["deprecated"] = True
            else:
                parts["version"] = mark.removeprefix("version ")
    if text:
        parts["summary"] = text
    return parts


def paths(answer: dict[str, Any]) -> list[str]:
    """The paths of a search answer's hits, in order."""
    return [hit(line)["path"] for line in answer["results"]]


async def error(mcp: Client, tool: str, **arguments: Any) -> str:
    result = await mcp.call_tool(tool, arguments)
    assert result.is_error
    assert result.structured_content is None
    text = result.content[0].text
    assert "Traceback" not in text and "pydantic" not in text
    return text


async def test_lists_eight_tools_with_output_schemas(mcp_client: Client) -> None:
    tools = {t.name: t for t in (await mcp_client.list_tools()).tools}
    assert set(tools) == {
        "get_api_overview",
        "search_endpoints",
        "get_endpoint_detail",
        "get_request_example",
        "get_response_example",
        "generate_code_snippet",
        "list_schemas",
        "get_schema_detail",
        "get_api_changes",
    }
    for tool in tools.values():
        assert tool.output_schema and tool.output_schema["type"] == "object"
        assert tool.output_schema["properties"]["schemaDigest"] == {"type": "string"}
        assert tool.description
        assert tool.annotations.read_only_hint is True
    # path and method, or endpoints (several at once): the tool says which is missing.
    detail = tools["get_endpoint_detail"].input_schema
    assert "required" not in detail
    assert {"path", "method", "endpoints"} <= set(detail["properties"])
    assert tools["search_endpoints"].input_schema["required"] == ["query"]


async def test_an_unversioned_api_lists_no_version_argument(mcp_client: Client) -> None:
    """The example project serves one version: no tool lists ``version``, every tool still
    takes it, and a version given to it is a tool error that names it."""
    tools = (await mcp_client.list_tools()).tools
    assert all("version" not in t.input_schema["properties"] for t in tools)
    # Still in the SDK's own record of each tool (its arguments are validated by it).
    from drf_mcp_docs.sdk.schemas import tools_taking
    from drf_mcp_docs.server import get_mcp_server

    assert len(tools_taking(get_mcp_server(), "version")) == 8
    text = await error(mcp_client, "search_endpoints", query="books", version="v9")
    assert text == "unknown version 'v9': this API is not versioned"
    found = await call(mcp_client, "search_endpoints", query="books", version="")
    assert found["total"] >= 8


async def test_search_ranks_path_matches_first(mcp_client: Client) -> None:
    found = await call(mcp_client, "search_endpoints", query="books")
    assert found["total"] >= 8
    assert paths(found)[0].startswith("/api/books/")
    assert all("books" in path for path in paths(found)[:8])
    assert hit(found["results"][0])["method"] in {"GET", "POST", "PUT", "PATCH", "DELETE"}


async def test_search_filters_by_method_and_tag(mcp_client: Client) -> None:
    found = await call(mcp_client, "search_endpoints", query="book", method="post", tag="Books")
    assert found["results"] == ["POST /api/books/ Create a book"]
    everything = await call(mcp_client, "search_endpoints", query="", tag="reviews")
    assert set(paths(everything)) == {"/api/reviews/", "/api/reviews/{id}/"}


async def test_search_matches_summary_and_description_words(mcp_client: Client) -> None:
    found = await call(mcp_client, "search_endpoints", query="bestsellers")
    assert paths(found)[0] == "/api/books/bestsellers/"
    assert (await call(mcp_client, "search_endpoints", query="zzzqqq"))["total"] == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"query": "book", "method": "FETCH"}, "'FETCH' is not an HTTP method"),
        ({"query": "book", "tag": "bookz"}, "no tag 'bookz'; did you mean books?"),
        ({"query": "  "}, "query must contain at least one word"),
        ({}, "missing required argument 'query'"),
        ({"query": 5}, "argument 'query' must be a string or a list of strings, got 5"),
        ({"q": "books"}, "unknown argument 'q'"),
        ({"query": "x" * 201}, "query is too long: at most 12 words and 200 characters"),
        ({"query": " ".join(f"w{i}" for i in range(13))}, "query is too long"),
    ],
)
async def test_search_bad_input(
    mcp_client: Client, arguments: dict[str, Any], message: str
) -> None:
    assert message in await error(mcp_client, "search_endpoints", **arguments)


async def test_endpoint_detail_is_complete_and_compact(mcp_client: Client) -> None:
    detail = await call(mcp_client, "get_endpoint_detail", path="/api/books/", method="GET")
    # What a call needs; the operationId is not (snippets name their functions with it).
    assert "operationId" not in detail and detail["method"] == "GET"
    # The auth to send, not only the schemes' names.
    token = "header Authorization: Token <token> (tokenAuth)"
    assert detail["auth"][0] == token and detail["authOptional"] is True
    query = detail["parameters"]["query"]  # type notation: "type, flags // description"
    assert {"page", "search", "ordering", "genre"} <= set(query)
    kind, _, description = query["genre"].partition(" // ")
    assert kind.startswith("enum: ") and "fiction" in kind.removeprefix("enum: ").split("|")
    assert description == "Only return books of this genre."
    assert detail["pagination"] == {
        "style": "page_number",
        "params": ["page"],
        "resultsKey": "results",
    }
    # The success: its status and the shape of its body, the nested author included.
    success = detail["success"]
    assert success["status"] == "200" and success["schemaName"] == "PaginatedBookList"
    page = success["shape"]
    assert {"count", "next", "previous", "results"} <= set(page)
    book = page["results"][0]
    assert book["author"] == {"id": "integer", "name": "string"}
    assert page["next"] == "string(uri)|null"
    # The full response schemas are left out, and the answer says how to get them.
    # No other response is documented: the success's own argument names the full schema.
    assert "responses" not in detail
    assert detail["more"]["responses"] == 'field="responses.200" (success)'


async def test_endpoint_detail_request_body(mcp_client: Client) -> None:
    detail = await call(mcp_client, "get_endpoint_detail", path="/api/books/", method="POST")
    body = detail["requestBody"]
    assert body["contentType"] == "application/json" and body["required"] is True
    assert body["schema"]["title"].startswith("string") and "required" in body["schema"]["title"]
    assert "id" not in body["schema"]  # COMPONENT_SPLIT_REQUEST
    assert "multipart/form-data" in body["alsoAccepts"]


@pytest.mark.parametrize(
    "path", ["/api/books/{id}/", "api/books/{id}/", "/api/books/{id}", "/api/books/42/"]
)
async def test_endpoint_paths_resolve_flexibly(mcp_client: Client, path: str) -> None:
    detail = await call(mcp_client, "get_endpoint_detail", path=path, method="delete")
    assert (detail["method"], detail["path"]) == ("DELETE", "/api/books/{id}/")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"path": "/api/bok/", "method": "GET"},
            "no endpoint GET /api/bok/; did you mean /api/books/",
        ),
        (
            {"path": "/api/ping/", "method": "DELETE"},
            "/api/ping/ has no DELETE operation; its methods: GET",
        ),
        (
            {"path": "/api/books/", "method": "GTE"},
            "'GTE' is not an HTTP method; did you mean GET?",
        ),
        ({"path": "/api/books/"}, 'give path and method, e.g. path="/api/books/", method="GET"'),
        ({"pth": "/api/books/", "method": "GET"}, "unknown argument 'pth'; did you mean path?"),
        ({"path": "", "method": "GET"}, "path must be a non-empty string"),
    ],
)
async def test_endpoint_detail_bad_input(
    mcp_client: Client, arguments: dict[str, Any], message: str
) -> None:
    assert message in await error(mcp_client, "get_endpoint_detail", **arguments)


async def test_request_example_leaves_out_read_only_fields(mcp_client: Client) -> None:
    example = await call(mcp_client, "get_request_example", path="/api/books/", method="POST")
    body = example["body"]
    assert example["contentType"] == "application/json"
    assert not {"id", "created_at", "average_rating", "author"} & set(body)
    assert len(body["isbn"]) <= 13


async def test_request_example_path_params(mcp_client: Client) -> None:
    example = await call(mcp_client, "get_request_example", path="/api/books/{id}/", method="GET")
    assert example == {"method": "GET", "path": "/api/books/{id}/", "pathParams": {"id": 1}}


async def test_response_example_has_read_only_fields(mcp_client: Client) -> None:
    example = await call(mcp_client, "get_response_example", path="/api/books/", method="GET")
    assert example["status"] == "200"
    book = example["body"]["results"][0]
    assert {"id", "created_at", "author"} <= set(book)
    assert "author_id" not in book  # write-only
    assert book["created_at"].endswith("Z")


async def test_response_example_status_codes(mcp_client: Client) -> None:
    created = await call(
        mcp_client, "get_response_example", path="/api/books/", method="POST", status_code=201
    )
    assert created["status"] == "201"
    message = await error(
        mcp_client, "get_response_example", path="/api/books/", method="POST", status_code="418"
    )
    assert "POST /api/books/ documents no 418 response; documented: 201" in message


@pytest.mark.parametrize(
    ("language", "client", "needle"),
    [
        ("javascript", "fetch", "fetch("),
        ("javascript", "axios", "axios"),
        ("typescript", "ky", "ky"),
        ("typescript", "fetch", "interface"),
        ("python", "requests", "requests."),
        ("python", "httpx", "httpx."),
        ("curl", None, "curl "),
    ],
)
async def test_code_snippets(
    mcp_client: Client, language: str, client: str | None, needle: str
) -> None:
    arguments = {"path": "/api/books/", "method": "GET", "language": language}
    if client:
        arguments["client"] = client
    snippet = await call(mcp_client, "generate_code_snippet", **arguments)
    assert snippet["language"] == language
    assert needle in snippet["code"]
    assert "Token" in snippet["code"]
    if language != "curl":
        assert "next" in snippet["code"]  # paginated: follows the next links


async def test_code_snippet_defaults_come_from_settings(mcp_client: Client, settings: Any) -> None:
    snippet = await call(mcp_client, "generate_code_snippet", path="/api/ping/", method="GET")
    assert (snippet["language"], snippet["client"]) == ("javascript", "fetch")
    settings.DRF_MCP_DOCS = {"DEFAULT_CODE_LANGUAGE": "python", "DEFAULT_HTTP_CLIENT": "httpx"}
    snippet = await call(mcp_client, "generate_code_snippet", path="/api/ping/", method="GET")
    assert (snippet["language"], snippet["client"]) == ("python", "httpx")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"language": "rust"}, "unknown language 'rust'"),
        ({"language": "pyhton"}, "did you mean python?"),
        (
            {"language": "typescript", "client": "axois"},
            "unknown client 'axois' for typescript; did you mean axios?",
        ),
        ({"language": "python", "client": "fetch"}, "(supported: requests, httpx)"),
    ],
)
async def test_code_snippet_bad_input(
    mcp_client: Client, arguments: dict[str, Any], message: str
) -> None:
    text = await error(
        mcp_client, "generate_code_snippet", path="/api/books/", method="GET", **arguments
    )
    assert message in text


async def test_schemas(mcp_client: Client) -> None:
    listing = await call(mcp_client, "list_schemas")
    names = {s["name"] for s in listing["schemas"]}
    assert {"Book", "Author", "Publisher", "Review", "GenreEnum"} <= names
    book = await call(mcp_client, "get_schema_detail", name="book")
    assert book["name"] == "Book"
    assert "GET,POST /api/books/" in book["usedBy"]  # one line per path
    assert book["schema"]["genre"].startswith("enum: ")


async def test_schema_detail_bad_name(mcp_client: Client) -> None:
    assert "no schema 'Bok'; did you mean Book?" in await error(
        mcp_client, "get_schema_detail", name="Bok"
    )
    assert "missing required argument 'name'" in await error(mcp_client, "get_schema_detail")


async def test_server_info_carries_package_version(mcp_client: Client) -> None:
    from drf_mcp_docs import __version__
    from drf_mcp_docs.server import get_mcp_server

    server = get_mcp_server()
    assert server.version == __version__
    assert server.name == "bookstore-docs"  # SERVER_NAME from the example settings
    assert "search_endpoints" in (server.instructions or "")


def test_building_the_server_leaves_the_projects_logging_alone() -> None:
    import logging

    from drf_mcp_docs.server import build_mcp_server

    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    root.handlers[:] = []  # as in a project without root handlers: basicConfig would act
    root.setLevel(logging.ERROR)
    try:
        build_mcp_server()
        assert (root.level, root.handlers) == (logging.ERROR, [])
    finally:
        root.setLevel(saved[0])
        root.handlers[:] = saved[1]


async def test_schemas_named_by_the_query_come_first(mcp_client: Client) -> None:
    """A word in a schema's name says more than the same word in its description."""
    found = await call(mcp_client, "list_schemas", query="author")
    names = [s["name"] for s in found["schemas"]]
    named = [n for n in names if "author" in n.lower()]
    assert named and names[: len(named)] == named
    assert len(names) > len(named)  # some only mention it, after
