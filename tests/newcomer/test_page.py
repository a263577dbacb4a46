"""The browser page's renderer and URL, as pure functions: escaping, configs, auth, URL."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import pytest

from drf_mcp_docs.endpoint.browser import page_url, wants_page
from drf_mcp_docs.endpoint.page import Feature, PageContent, client_configs, render_page

URL = "http://127.0.0.1:8000/mcp/"


def content(**overrides: Any) -> PageContent:
    values: dict[str, Any] = {
        "url": URL,
        "server_name": "bookstore-docs",
        "package_version": "9.9.9",
        "title": "Bookstore API",
        "version": "1.0.0",
        "endpoints": 29,
        "tools": [Feature("search_endpoints", "Find endpoints.\n\nMore detail here.")],
        "resources": [Feature("api://overview", "The API at a glance.")],
        "prompts": [Feature("typed_client", "Write a typed\nclient function.")],
    }
    return PageContent(**{**values, **overrides})


def code_blocks(html: str) -> list[str]:
    return [unescape(b) for b in re.findall(r"<pre[^>]*><code>(.*?)</code></pre>", html, re.S)]


def test_page_shows_what_the_endpoint_is_and_how_to_connect() -> None:
    html = render_page(content())
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert "Bookstore API 1.0.0 (29 endpoints)" in text
    assert f"This URL, {URL}, is an MCP endpoint" in text
    claude, cursor, vscode = code_blocks(html)
    assert claude == f"claude mcp add --transport http bookstore-docs {URL}"
    assert json.loads(cursor) == {"mcpServers": {"bookstore-docs": {"url": URL}}}
    assert json.loads(vscode) == {"servers": {"bookstore-docs": {"type": "http", "url": URL}}}
    assert "Find endpoints." in text and "More detail here" not in text  # first paragraph
    assert "Write a typed client function." in text  # joined on one line
    assert "api://overview" in text and "drf-mcp-docs 9.9.9" in text
    assert "Authentication" not in text


def test_every_value_is_escaped_and_nothing_runs() -> None:
    evil = '<script>alert("x")</script>'
    html = render_page(
        content(
            title=evil,
            version=evil,
            server_name=evil,
            url=f"http://h/{evil}",
            tools=[Feature(evil, evil)],
            auth_header=f"Authorization: {evil}",
            auth_help=evil,
        )
    )
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert re.search(r"\son\w+=", html) is None  # no inline event handlers


def test_auth_header_goes_into_every_config() -> None:
    page = content(auth_header="Authorization: Bearer <token>", auth_help="Ask ops for one.")
    html = render_page(page)
    claude, cursor, vscode = (text for _, _, text in client_configs(page))
    assert '--header "Authorization: Bearer <token>"' in claude
    header = {"Authorization": "Bearer <token>"}
    assert json.loads(cursor)["mcpServers"]["bookstore-docs"]["headers"] == header
    assert json.loads(vscode)["servers"]["bookstore-docs"]["headers"] == header
    assert "requires authentication" in html and "Ask ops for one." in html


def test_schema_unavailable_still_says_how_to_connect() -> None:
    html = render_page(content(title=None, version=None, endpoints=None))
    assert "could not be loaded" in html
    assert len(code_blocks(html)) == 3


def scope(headers: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "path": "/mcp/",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        **extra,
    }


@pytest.mark.parametrize(
    ("headers", "method", "expected"),
    [
        ({"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, "GET", True),
        ({"Accept": "text/event-stream"}, "GET", False),  # an MCP client's stream
        ({"Accept": "text/html, text/event-stream"}, "GET", False),
        ({"Accept": "text/html", "Mcp-Session-Id": "abc"}, "GET", False),
        ({"Accept": "*/*"}, "GET", False),  # curl: the SDK's JSON error, as before
        ({"Accept": "text/html"}, "POST", False),
    ],
)
def test_wants_page(headers: dict[str, str], method: str, expected: bool) -> None:
    assert wants_page(scope(headers, method=method)) is expected


def test_page_url_is_what_the_browser_used() -> None:
    assert page_url(scope({"Host": "api.example.com"}, scheme="https")) == (
        "https://api.example.com/mcp/"
    )
    behind = scope({"Host": "example.com:8443"}, root_path="/docs", path="/docs/mcp/")
    assert page_url(behind) == "http://example.com:8443/docs/mcp/"
    old_style = scope({"Host": "example.com"}, root_path="/docs", path="/mcp/")
    assert page_url(old_style) == "http://example.com/docs/mcp/"


async def test_page_content_carries_auth_and_the_servers_registry(api: Any) -> None:
    from drf_mcp_docs.endpoint.browser import page_content
    from drf_mcp_docs.server import get_mcp_server

    page = await page_content(
        get_mcp_server(), URL, auth_header="Authorization: Token <key>", auth_help="See /api/."
    )
    assert (page.title, page.version) == ("Bookstore API", "1.0.0")
    assert page.endpoints == len(api.endpoints) > 20
    assert page.server_name == "bookstore-docs"
    assert {f.name for f in page.tools} >= {"search_endpoints", "get_schema_detail"}
    assert "api://endpoints/{method}/{+path}" in {f.name for f in page.resources}
    assert {f.name for f in page.prompts} == {"typed_client", "client_for_tag"}
    html = render_page(page)
    assert "Authorization: Token &lt;key&gt;" in html and "See /api/." in html
