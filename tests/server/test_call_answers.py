"""The shortest path, through the official MCP client: described arguments, tag listings,
compact hits, long texts that page, parameter encodings, contract and code in one call,
and bad arguments answered with the valid choices."""

from __future__ import annotations

from typing import Any

import pytest
from mcp import Client

from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.server.pages import PAGE_CHARS
from tests.realworld.sweep import MAX_ANSWER_BYTES, serving
from tests.server.test_tools import hit, paths

LONG = " ".join(f"word{i}" for i in range(2600))  # ~18,000 characters: three pages
QUALIFIERS = "Qualifiers: " + " ".join(f"is:q{i}" for i in range(300)) + " and label:x."


def _text(result: Any) -> str:
    """The text block of a tool result."""
    return "".join(getattr(block, "text", "") for block in result.content)


def _document() -> dict[str, Any]:
    ok = {"200": {"description": "ok"}}
    listed = {
        f"/things/{i}": {"get": {"tags": ["Things"], "summary": f"thing {i}", "responses": ok}}
        for i in range(57)
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {
            # A root path: an empty query must not match it "exactly" (the 0-results bug).
            "/": {"get": {"tags": ["Meta"], "summary": "root", "responses": ok}},
            "/legacy/find": {
                "get": {
                    "tags": ["Legacy"],
                    "description": "Old issue finder.\nUse /search/issues.",
                    "deprecated": True,
                    "responses": ok,
                }
            },
            **listed,
            "/search/issues": {
                "get": {
                    "tags": ["Search"],
                    "summary": "Search issues",
                    "description": LONG,
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "description": QUALIFIERS,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "labels",
                            "in": "query",
                            "schema": {"type": "array", "items": {"type": "string"}},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "found",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "total": {"type": "integer"},
                                            "items": {
                                                "type": "array",
                                                "items": {"type": "object"},
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "422": {"description": "bad query"},
                    },
                }
            },
            "/repos/{owner}/contents/{path}": {
                "put": {
                    "tags": ["Files"],
                    "summary": "Create a file",
                    "parameters": [
                        {
                            "name": "owner",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "path",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "x-multi-segment": True,
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["message"],
                                    "properties": {
                                        "message": {
                                            "type": "string",
                                            "description": "Commit message.",
                                        },
                                        "mode": {"type": "string", "enum": ["100644", "100755"]},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {"201": {"description": "created"}, "404": {"description": "no"}},
                }
            },
            "/files/{name}": {
                "delete": {
                    "tags": ["Files"],
                    "summary": "Delete a file by a path converter",
                    "parameters": [
                        {
                            "name": "name",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^.+$"},
                        }
                    ],
                    "responses": {"204": {"description": "gone"}},
                }
            },
        },
    }


@pytest.fixture
def api() -> Any:
    return process_schema(_document(), path_prefix="/")


async def call(mcp: Client, tool: str, /, **arguments: Any) -> dict[str, Any]:
    result = await mcp.call_tool(tool, arguments)
    assert not result.is_error, _text(result)
    assert len(_text(result).encode()) <= MAX_ANSWER_BYTES
    answer: dict[str, Any] = result.structured_content
    return answer


async def error(mcp: Client, tool: str, /, **arguments: Any) -> str:
    result = await mcp.call_tool(tool, arguments)
    assert result.is_error, result.structured_content
    text: str = _text(result)
    return text


async def test_every_tool_argument_has_a_description(mcp_client: Any) -> None:
    tools = (await mcp_client.list_tools()).tools
    assert len(tools) >= 7
    for tool in tools:
        for name, spec in tool.input_schema["properties"].items():
            assert spec.get("description"), f"{tool.name}.{name} has no description"
    detail = next(t for t in tools if t.name == "get_endpoint_detail")
    assert {"field", "page", "language"} <= set(detail.input_schema["properties"])


async def test_an_empty_query_with_a_tag_lists_its_endpoints_a_page_at_a_time(
    mcp_client: Any, api: Any
) -> None:
    with serving(api):
        first = await call(mcp_client, "search_endpoints", query="", tag="Things")
        assert first["total"] == 57 and len(first["results"]) == 20  # a listing: 20
        assert first["nextOffset"] == 20
        seen = paths(first)
        offset = first["nextOffset"]
        while offset is not None:
            page = await call(
                mcp_client, "search_endpoints", query="", tag="things", offset=offset, limit=20
            )
            seen += paths(page)
            offset = page.get("nextOffset")
        assert seen == [f"/things/{i}" for i in range(57)]  # document order, each once
        meta = await call(mcp_client, "search_endpoints", query="", tag="Meta")
        assert meta["results"] == ["GET / root"]
        # A method alone lists too.
        puts = await call(mcp_client, "search_endpoints", query=" ", method="put")
        assert puts["results"] == ["PUT /repos/{owner}/contents/{path} Create a file"]


async def test_search_hits_are_one_line_each(mcp_client: Any, api: Any) -> None:
    with serving(api):
        found = await call(mcp_client, "search_endpoints", query="search issues")
        legacy = await call(mcp_client, "search_endpoints", query="", tag="Legacy")
    assert found["results"][0] == "GET /search/issues Search issues"
    # No summary: the description's first line; deprecated said in brackets.
    assert legacy["results"] == ["GET /legacy/find Old issue finder. [deprecated]"]
    assert hit(legacy["results"][0]) == {
        "method": "GET",
        "path": "/legacy/find",
        "summary": "Old issue finder.",
        "deprecated": True,
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"query": "", "tag": "Thngs"}, "no tag 'Thngs'; did you mean Things?"),
        ({"query": "", "tag": "zzz"}, "no tag 'zzz'; tags: Files, Legacy, Meta, Search, Things"),
        ({"query": "x", "limit": 0}, "limit must be between 1 and 50, got 0"),
        (
            {"query": "", "tag": "Meta", "offset": 5},
            "offset 5 is past the last result: there are 1",
        ),
        ({"query": ""}, "query must contain at least one word"),
    ],
)
async def test_bad_search_arguments_name_the_value_and_the_choices(
    mcp_client: Any, api: Any, arguments: dict[str, Any], message: str
) -> None:
    with serving(api):
        assert message in await error(mcp_client, "search_endpoints", **arguments)


async def test_a_long_description_pages_and_never_vanishes(mcp_client: Any, api: Any) -> None:
    args = {"path": "/search/issues", "method": "GET"}
    with serving(api):
        detail = await call(mcp_client, "get_endpoint_detail", **args)
        assert detail["description"].endswith("…") and len(detail["description"]) < len(LONG)
        assert detail["more"]["description"].startswith('field="description" (')
        # The parameter's description is shortened here, and named.
        q = detail["parameters"]["query"]["q"]  # type notation: "type, flags // description"
        assert q.startswith("string, required // Qualifiers: ") and q.endswith("…")
        assert 'field="parameters.q"' in detail["more"]["shortened"]
        # field="description": the text a page at a time; the pages join to the whole.
        pages = []
        arguments: dict[str, Any] | None = {**args, "field": "description"}
        while arguments is not None:
            part = await call(mcp_client, "get_endpoint_detail", **arguments)
            assert part["pages"] == 4 and len(part["description"]) <= PAGE_CHARS
            pages.append(part["description"])
            following = part.get("more", {}).get("nextPage")
            arguments = None
            if following:
                assert following == f'field="description", page={part["page"] + 1}'
                arguments = {**args, "field": "description", "page": part["page"] + 1}
        assert "".join(pages) == LONG
        # field="parameters.q": the parameter with its whole description.
        whole = await call(mcp_client, "get_endpoint_detail", **args, field="parameters.q")
        assert whole["description"] == QUALIFIERS and whole["required"] is True
        assert whole["schema"] == "string" and whole["in"] == "query"
        # field="responses" and "responses.422": what the default answer left out.
        assert 'field="responses.422"' in detail["more"]["responses"]
        every = await call(mcp_client, "get_endpoint_detail", **args, field="responses")
        assert set(every["responses"]) == {"200", "422"}
        one = await call(mcp_client, "get_endpoint_detail", **args, field="responses.422")
        assert one["status"] == "422" and one["description"] == "bad query"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"field": "nothing"},
            "no field 'nothing' in GET /search/issues; valid: description, parameters, "
            "parameters.q, parameters.labels, responses, responses.200, responses.422",
        ),
        ({"field": "parameters.qq"}, "has no parameter 'qq'; did you mean q?"),
        (
            {"field": "description", "page": 9},
            "page 9 is out of range: the description has 4 pages",
        ),
        ({"field": "parameters.q", "page": 2}, "page 2 is out of range"),
        (
            {"field": "responses", "page": 2},
            "page 2 is out of range: field 'responses' has one page",
        ),
        ({"page": 2}, "page 2 needs a field"),
        ({"field": "description", "page": 0}, "page must be a whole number from 1, got 0"),
        ({"field": "responses.500"}, "documents no 500 response; documented: 200, 422"),
        ({"field": "requestBody"}, "GET /search/issues has no request body; valid: description"),
    ],
)
async def test_bad_detail_arguments_name_the_value_and_the_choices(
    mcp_client: Any, api: Any, arguments: dict[str, Any], message: str
) -> None:
    with serving(api):
        text = await error(
            mcp_client, "get_endpoint_detail", path="/search/issues", method="GET", **arguments
        )
    assert message in text


async def test_parameters_say_how_they_are_encoded(mcp_client: Any, api: Any) -> None:
    with serving(api):
        put = await call(
            mcp_client, "get_endpoint_detail", path="/repos/{owner}/contents/{path}", method="PUT"
        )
        search = await call(mcp_client, "get_endpoint_detail", path="/search/issues", method="GET")
        converter = await call(
            mcp_client, "get_endpoint_detail", path="/files/{name}", method="DELETE"
        )
    assert put["parameters"]["path"] == {
        "owner": "string, encode / as %2F",
        "path": "string, slashes kept",
    }
    # A pattern that admits '/' (a DRF path converter) keeps its slashes.
    assert converter["parameters"]["path"]["name"] == "string, pattern ^.+$, slashes kept"
    labels = search["parameters"]["query"]["labels"]
    assert labels == "[string], style=form explode=true"
    # The body's fields, required flags and enums; a bodiless success says so.
    body = put["requestBody"]
    assert body["required"] is True
    assert body["schema"] == {
        "message": "string, required // Commit message.",
        "mode": 'enum: "100644"|"100755"',  # strings that read as numbers are quoted
    }
    assert put["success"] == {"status": "201", "body": "none", "description": "created"}
    assert search["success"]["shape"] == {"total": "integer", "items": ["object"]}


async def test_the_contract_and_the_code_in_one_call(mcp_client: Any, api: Any) -> None:
    args = {"path": "/repos/{owner}/contents/{path}", "method": "PUT"}
    with serving(api):
        both = await call(
            mcp_client, "get_endpoint_detail", **args, language="python", client="requests"
        )
        alone = await call(mcp_client, "generate_code_snippet", **args, language="python")
        wrong = await error(
            mcp_client, "get_endpoint_detail", **args, field="requestBody", language="python"
        )
        bad = await error(mcp_client, "get_endpoint_detail", **args, language="cobol")
    assert both["snippet"]["language"] == "python" and "requests" in both["snippet"]["code"]
    assert both["snippet"]["code"] == alone["code"]
    assert both["requestBody"]["contentType"] == "application/json"
    assert "language and client go with the default answer" in wrong
    assert "cobol" in bad


async def test_the_instructions_say_which_call_serves_which_need(mcp_client: Any) -> None:
    from drf_mcp_docs.server import get_mcp_server

    async with Client(get_mcp_server()) as client:
        instructions = client.instructions or ""
    for name in ("search_endpoints", "get_endpoint_detail", 'field="', "page", "get_schema_detail"):
        assert name in instructions, name
    assert len(instructions.splitlines()) <= 16


def _nested_document() -> dict[str, Any]:
    text = "The city of the address, as the post office writes it. " * 30  # ~1,700 chars
    address = {
        "type": "object",
        "description": "Where to ship.",
        "properties": {"city": {"type": "string", "description": text}},
    }
    customer = {
        "type": "object",
        "description": "A customer. " + LONG,
        "properties": {f"f{i}": {"type": "string", "description": text} for i in range(12)}
        | {"address": {"$ref": "#/components/schemas/Address"}},
    }
    ok = {"200": {"description": "ok"}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "N", "version": "1"},
        "paths": {"/c": {"get": {"summary": "c", "responses": ok}}},
        "components": {"schemas": {"Customer": customer, "Address": address}},
    }


async def test_a_schema_names_what_it_shortens_and_returns_it_whole(mcp_client: Any) -> None:
    api = process_schema(_nested_document(), path_prefix="/")
    with serving(api):
        detail = await call(mcp_client, "get_schema_detail", name="Customer")
        assert 'field="description"' in detail["more"]["shortened"]
        assert 'field="f0"' in detail["more"]["shortened"]
        whole = await call(mcp_client, "get_schema_detail", name="Customer", field="f0")
        assert whole["description"].startswith("The city") and len(whole["description"]) > 1600
        first = await call(mcp_client, "get_schema_detail", name="Customer", field="description")
        assert first["page"] == 1 and first["more"]["nextPage"] == 'field="description", page=2'
        city = await call(mcp_client, "get_schema_detail", name="Customer", field="address.city")
        assert city["field"] == "address.city" and city["schema"] == "string"
        bad = await error(mcp_client, "get_schema_detail", name="Customer", field="adress")
        assert "no field 'adress' in Customer; did you mean address?" in bad
        far = await error(
            mcp_client, "get_schema_detail", name="Customer", field="description", page=7
        )
        assert "page 7 is out of range: the description has 4 pages" in far
