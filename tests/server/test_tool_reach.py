"""Every fact a resource or a prompt holds is reachable through tools (many clients use
tools only): each resource and prompt, read through the official MCP client, next to the
tool calls that return the same facts."""

from __future__ import annotations

import json
from typing import Any

from mcp import Client

from tests.server.test_tools import call, hit


async def read(client: Client, uri: str) -> Any:
    return json.loads((await client.read_resource(uri)).contents[0].text)


async def every_search_page(client: Client, **arguments: Any) -> list[dict[str, Any]]:
    """search_endpoints, paged with offset until no nextOffset remains, each hit as the
    listing's entry (method, path, summary)."""
    found: list[dict[str, Any]] = []
    offset = 0
    while True:
        page = await call(client, "search_endpoints", query="", offset=offset, **arguments)
        found.extend(hit(line) for line in page["results"])
        if "nextOffset" not in page:
            assert len(found) == page["total"]
            return found
        offset = page["nextOffset"]


async def test_overview_resource_equals_get_api_overview(mcp_client: Client) -> None:
    resource = await read(mcp_client, "api://overview")
    tool = await call(mcp_client, "get_api_overview")  # checks and drops its schemaDigest
    assert len(resource.pop("schemaDigest")) == 16
    assert tool == resource
    assert {"title", "version", "baseUrl", "tags", "auth", "pagination"} <= set(tool)
    token = next(a for a in tool["auth"] if a["name"] == "tokenAuth")
    assert token["param"] == "Authorization" and token["value"] == "Token <token>"
    assert "GET /api/ping/" in tool["publicEndpoints"]


async def test_auth_resource_is_in_the_overview_tool(mcp_client: Client) -> None:
    auth = await read(mcp_client, "api://auth")
    overview = await call(mcp_client, "get_api_overview")
    assert auth["schemes"] == overview["auth"]
    assert auth["publicEndpoints"] == overview["publicEndpoints"]


async def test_endpoint_listing_is_reachable_by_paged_search(mcp_client: Client) -> None:
    listing = await read(mcp_client, "api://endpoints")
    assert (
        await every_search_page(mcp_client, method="GET")
        + await every_search_page(mcp_client, method="POST")
        != []
    )  # (sanity: the filters list something)
    overview = await call(mcp_client, "get_api_overview")
    by_tag: list[dict[str, Any]] = []
    for tag in overview["tags"]:
        page = await read(mcp_client, f"api://endpoints?tag={tag}")
        searched = await every_search_page(mcp_client, tag=tag)
        assert searched == page["endpoints"] if isinstance(page, dict) else page
        by_tag.extend(searched)
    # Every endpoint of the listing is reached through a tag (untagged ones by method).
    untagged = [e for e in listing if e not in by_tag]
    for entry in untagged:
        assert entry in await every_search_page(mcp_client, method=entry["method"])


async def test_endpoint_and_schema_resources_equal_their_tools(mcp_client: Client) -> None:
    detail = await read(mcp_client, "api://endpoints/GET/api/books/{id}/")
    assert detail == await call(
        mcp_client, "get_endpoint_detail", path="/api/books/{id}/", method="GET"
    )
    schemas = await read(mcp_client, "api://schemas")
    listed = await call(mcp_client, "list_schemas")
    assert listed["schemas"] == schemas
    book = await read(mcp_client, "api://schemas/Book")
    assert book == await call(mcp_client, "get_schema_detail", name="Book")


async def test_prompts_hold_nothing_the_tools_do_not(mcp_client: Client) -> None:
    typed = await mcp_client.get_prompt(
        "typed_client", {"path": "/api/books/", "method": "POST", "language": "typescript"}
    )
    embedded = json.loads(typed.messages[1].content.resource.text)
    assert embedded == await call(
        mcp_client, "get_endpoint_detail", path="/api/books/", method="POST"
    )
    snippet = await call(
        mcp_client,
        "generate_code_snippet",
        path="/api/books/",
        method="POST",
        language="typescript",
        client="fetch",
    )
    assert snippet["code"] in typed.messages[2].content.text
    module = await mcp_client.get_prompt("client_for_tag", {"tag": "books"})
    listing = json.loads(module.messages[1].content.resource.text)
    assert listing == await every_search_page(mcp_client, tag="books")
