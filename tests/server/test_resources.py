"""The six resources through the official MCP client, including templates with slashes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError


async def read(client: Client, uri: str) -> Any:
    result = await client.read_resource(uri)
    content = result.contents[0]
    assert content.mime_type == "application/json"
    assert ": " not in content.text[:50]
    return json.loads(content.text)


async def test_lists_resources_and_templates(mcp_client: Client) -> None:
    uris = {str(r.uri) for r in (await mcp_client.list_resources()).resources}
    assert uris == {"api://overview", "api://endpoints", "api://schemas", "api://auth"}
    templates = {
        t.uri_template for t in (await mcp_client.list_resource_templates()).resource_templates
    }
    assert templates == {
        "api://endpoints/{method}/{+path}",
        "api://schemas/{name}",
        "api://endpoints{?tag,offset}",
        "api://schemas{?query,offset}",
    }


async def test_overview(mcp_client: Client) -> None:
    overview = await read(mcp_client, "api://overview")
    assert overview["title"] == "Bookstore API"
    assert overview["version"] == "1.0.0"
    assert overview["endpoints"] >= 25
    assert overview["tags"]["books"] >= 8
    assert overview["pagination"] == ["page_number"]
    token = next(a for a in overview["auth"] if a["name"] == "tokenAuth")
    assert token["value"] == "Token <token>" and token["param"] == "Authorization"


async def test_endpoints_and_endpoint_template(mcp_client: Client) -> None:
    listing = await read(mcp_client, "api://endpoints")
    ping = next(e for e in listing if e["path"] == "/api/ping/")
    assert ping["method"] == "GET" and ping["summary"]
    assert len(listing) >= 25 and all(set(e) <= {"method", "path", "summary"} for e in listing)
    for uri in (
        "api://endpoints/GET/api/books/{id}/reviews/",
        "api://endpoints/get/api/books/%7Bid%7D/reviews/",
        "api://endpoints/GET/api/books/7/reviews/",
    ):
        detail = await read(mcp_client, uri)
        assert (detail["method"], detail["path"]) == ("GET", "/api/books/{id}/reviews/")


async def test_schemas_and_schema_template(mcp_client: Client) -> None:
    names = {s["name"] for s in await read(mcp_client, "api://schemas")}
    assert "Review" in names
    review = await read(mcp_client, "api://schemas/Review")
    assert review["schema"]["rating"].startswith("integer")


async def test_auth(mcp_client: Client) -> None:
    auth = await read(mcp_client, "api://auth")
    assert {s["name"] for s in auth["schemes"]} == {"tokenAuth", "cookieAuth"}
    assert "GET /api/ping/" in auth["publicEndpoints"]


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("api://nothing", "Unknown resource: api://nothing"),
        ("api://endpoints/GET/api/bok/", "no endpoint GET /api/bok/; did you mean /api/books/"),
        ("api://endpoints/BREW/api/books/", "'BREW' is not an HTTP method"),
        ("api://schemas/Bok", "no schema 'Bok'; did you mean Book?"),
    ],
)
async def test_unknown_resources_are_clear_errors(
    mcp_client: Client, uri: str, message: str
) -> None:
    with pytest.raises(MCPError) as info:
        await mcp_client.read_resource(uri)
    assert message in str(info.value)
    assert "Traceback" not in str(info.value)
