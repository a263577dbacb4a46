"""The base URL snippets call: setting, then the request the agent made, then the schema."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from drf_mcp_docs.codegen.baseurl import DEFAULT_BASE_URL, resolve_base_url
from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.server.origin import request_origin
from tests.support.servers import INITIALIZE, MCP_HEADERS, asgi_command, free_port


@pytest.mark.parametrize(
    ("schema_url", "setting", "origin", "expected"),
    [
        # the setting wins over everything
        ("https://api.example.com/v1", "https://proxy.example.org/", "http://h:1", None),
        # then the request's origin, keeping the path of the schema's server
        ("https://api.example.com/v1", None, "http://h:1/svc", "http://h:1/svc/v1"),
        ("", None, "http://h:1/svc/", "http://h:1/svc"),
        ("/v2/", None, "https://h", "https://h/v2"),
        # then the schema's absolute server URL
        ("https://api.example.com/v1/", None, None, "https://api.example.com/v1"),
        # a relative one is joined to the default, with a note
        ("/api", None, None, DEFAULT_BASE_URL + "/api"),
        ("", None, None, DEFAULT_BASE_URL),
    ],
)
def test_precedence(schema_url: str, setting: Any, origin: Any, expected: Any) -> None:
    url, note = resolve_base_url(schema_url, setting=setting, request_origin=origin)
    assert url == (expected or setting.rstrip("/"))
    assert bool(note) == (expected is not None and expected.startswith(DEFAULT_BASE_URL))


def test_server_variables_take_their_defaults() -> None:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "servers": [
            {
                "url": "https://{region}.example.com:{port}/v1",
                "variables": {"region": {"default": "eu"}, "port": {"default": "8443"}},
            }
        ],
        "paths": {},
    }
    assert process_schema(document).base_url == "https://eu.example.com:8443/v1"


def test_request_origin_of_starlette_and_django_requests(rf: Any) -> None:
    from starlette.requests import Request

    scope = {
        "type": "http",
        "scheme": "https",
        "path": "/svc/mcp/",
        "root_path": "/svc",
        "headers": [(b"host", b"docs.example.com")],
        "server": ("127.0.0.1", 8000),
        "query_string": b"",
    }
    assert request_origin(Request(scope)) == "https://docs.example.com/svc"
    django_request = rf.get("/mcp/", HTTP_HOST="testserver", SCRIPT_NAME="/app")
    assert request_origin(django_request) == "http://testserver/app"
    assert request_origin(rf.get("/mcp/", HTTP_HOST="evil.example")) is None  # not allowed
    assert request_origin(None) is None


async def test_without_a_request_the_schema_or_localhost_is_used(mcp_client: Any) -> None:
    arguments = {"path": "/api/books/", "method": "GET", "language": "python"}
    result = await mcp_client.call_tool("generate_code_snippet", arguments)
    code = result.structured_content["code"]
    assert f'BASE_URL = "{DEFAULT_BASE_URL}"' in code and "Base URL assumed" in code


async def test_setting_wins_in_snippets_and_overview(mcp_client: Any, settings: Any) -> None:
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "BASE_URL": "https://books.example.com/"}
    arguments = {"path": "/api/books/", "method": "GET", "language": "curl"}
    result = await mcp_client.call_tool("generate_code_snippet", arguments)
    code = result.structured_content["code"]
    assert 'BASE_URL="${BASE_URL:-https://books.example.com}"' in code
    assert "assumed" not in code
    overview = await mcp_client.read_resource("api://overview")
    assert json.loads(overview.contents[0].text)["baseUrl"] == "https://books.example.com"


def _rpc_result(reply: httpx.Response) -> Any:
    """The JSON-RPC result of a reply sent as JSON or as one server-sent event."""
    text = reply.text
    if "text/event-stream" in reply.headers.get("content-type", ""):
        text = next(line[5:] for line in text.splitlines() if line.startswith("data:"))
    return json.loads(text)["result"]


async def test_mounted_snippets_use_the_host_and_root_path_reached(start_server: Any) -> None:
    port = free_port()
    process = start_server(
        asgi_command("uvicorn", "example_project.asgi:application", port, "--root-path", "/svc")
    )
    process.wait_for_port(port)
    host = f"localhost:{port}"  # an allowed host other than the address connected to
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=20) as http:
        headers = {**MCP_HEADERS, "Host": host}
        init = await http.post("/mcp/", json=INITIALIZE, headers=headers)
        assert init.status_code == 200, init.text
        session = {
            **headers,
            "mcp-session-id": init.headers.get("mcp-session-id", ""),
            "mcp-protocol-version": "2025-06-18",
        }
        session = {k: v for k, v in session.items() if v}
        await http.post(
            "/mcp/", json={"jsonrpc": "2.0", "method": "notifications/initialized"}, headers=session
        )
        arguments = {"path": "/api/books/", "method": "POST", "language": "javascript"}
        call = {"name": "generate_code_snippet", "arguments": arguments}
        reply = await http.post(
            "/mcp/",
            json={"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": call},
            headers=session,
        )
        code = _rpc_result(reply)["structuredContent"]["code"]
        assert f'const BASE_URL = "http://{host}/svc";' in code
        read = {"jsonrpc": "2.0", "id": 3, "method": "resources/read"}
        read["params"] = {"uri": "api://overview"}
        reply = await http.post("/mcp/", json=read, headers=session)
        overview = json.loads(_rpc_result(reply)["contents"][0]["text"])
        assert overview["baseUrl"] == f"http://{host}/svc"
