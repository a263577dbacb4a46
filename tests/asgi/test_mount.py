"""mount_mcp() over the real example Django app and the real MCP server, in process."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from django.core.asgi import get_asgi_application
from mcp.server.mcpserver import MCPServer

from drf_mcp_docs.asgi.mcp_side import State
from drf_mcp_docs.asgi.middleware import MCPMount
from drf_mcp_docs.server import get_mcp_server
from drf_mcp_docs.urls import OPTIONS, mount_mcp
from tests.support.asgi_doubles import LifespanServer, error_message
from tests.support.servers import INITIALIZE, MCP_HEADERS


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def sse_result(response: httpx.Response) -> dict[str, Any]:
    """The JSON-RPC result carried by a streamable-HTTP SSE (or JSON) response."""
    assert response.status_code == 200, response.text
    if response.headers["content-type"].startswith("application/json"):
        return dict(response.json()["result"])
    data = [line[5:] for line in response.text.splitlines() if line.startswith("data:")]
    return dict(json.loads(data[-1])["result"])


def counting(mcp: MCPServer[Any]) -> list[int]:
    """Count the session managers built for ``mcp`` (one per run)."""
    calls: list[int] = []
    original = mcp.streamable_http_app

    def spy(**kwargs: Any) -> Any:
        calls.append(1)
        return original(**kwargs)

    mcp.streamable_http_app = spy  # type: ignore[method-assign]
    return calls


def custom_server(**kwargs: Any) -> MCPServer[Any]:
    """A project's own server with one extra tool."""
    server: MCPServer[Any] = MCPServer(name="custom-docs", **kwargs)

    @server.tool()
    def ping() -> str:
        """Answer pong."""
        return "pong"

    return server


async def test_fifty_concurrent_first_requests_on_django_start_mcp_once(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "STATELESS": False}
    mcp = get_mcp_server()
    built = counting(mcp)
    try:
        mount = mount_mcp(get_asgi_application())
        async with client(mount) as http:
            responses = await asyncio.gather(
                *(http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS) for _ in range(50))
            )
        infos = [sse_result(r)["serverInfo"]["name"] for r in responses]
        assert infos == ["bookstore-docs"] * 50
        assert len({r.headers["mcp-session-id"] for r in responses}) == 50
        assert len(built) == 1 and mount.side.starts == 1
        await mount.aclose()
        assert mount.side.state is State.STOPPED
    finally:
        del mcp.streamable_http_app  # type: ignore[method-assign]


async def test_django_routes_and_near_misses_reach_django() -> None:
    mount = mount_mcp(get_asgi_application())
    async with client(mount) as http:
        schema = await http.get("/api/schema/", params={"format": "json"})
        assert schema.status_code == 200 and "openapi" in schema.json()
        for path in ("/mcpfoo", "/mcp-other/x"):
            response = await http.get(path)
            assert response.status_code == 404
            assert "text/html" in response.headers["content-type"]  # Django's, not ours
    assert mount.side.starts == 0


async def test_failed_lazy_start_gives_503_then_the_retry_serves() -> None:
    attempts: list[int] = []

    @asynccontextmanager
    async def flaky_lifespan(server: Any) -> AsyncIterator[dict[str, Any]]:
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("search index unreachable")
        yield {}

    mount = mount_mcp(get_asgi_application(), mcp=custom_server(lifespan=flaky_lifespan))
    async with client(mount) as http:
        first = await http.post("/mcp", json=INITIALIZE, headers=MCP_HEADERS)
        assert first.status_code == 503
        assert first.headers["content-type"] == "application/json"
        assert "ConnectionError: search index unreachable" in error_message(first.content)
        second = await http.post("/mcp", json=INITIALIZE, headers=MCP_HEADERS)
        assert sse_result(second)["serverInfo"]["name"] == "custom-docs"
    await mount.aclose()


async def test_two_lifespan_cycles_on_one_loop_with_the_real_server() -> None:
    mcp = custom_server()
    built = counting(mcp)
    mount = mount_mcp(get_asgi_application(), mcp=mcp, path="agents")
    for _cycle in range(2):
        server = LifespanServer(mount)
        async with server.running(), client(mount) as http:
            assert await server.startup() == {"type": "lifespan.startup.complete"}
            response = await http.post("/agents/", json=INITIALIZE, headers=MCP_HEADERS)
            assert sse_result(response)["serverInfo"]["name"] == "custom-docs"
            assert await server.shutdown() == {"type": "lifespan.shutdown.complete"}
    assert len(built) == 2 and mount.side.starts == 2


def test_two_lifespan_cycles_on_two_loops_leave_no_task_behind() -> None:
    mount = mount_mcp(get_asgi_application())

    async def cycle() -> set[asyncio.Task[Any]]:
        server = LifespanServer(mount)
        async with server.running(), client(mount) as http:
            assert await server.startup() == {"type": "lifespan.startup.complete"}
            response = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
            assert sse_result(response)["serverInfo"]["name"] == "bookstore-docs"
            assert await server.shutdown() == {"type": "lifespan.shutdown.complete"}
        await asyncio.sleep(0)
        return {t for t in asyncio.all_tasks() if t is not asyncio.current_task()}

    for _loop in range(2):
        left = asyncio.run(cycle())
        ours = [t for t in left if "drf_mcp_docs" in repr(t.get_coro())]
        assert not ours
    assert mount.side.starts == 2 and mount.side.state is State.STOPPED


async def test_custom_server_tool_is_served() -> None:
    mount = mount_mcp(get_asgi_application(), mcp=custom_server())
    async with client(mount) as http:
        init = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
        assert "mcp-session-id" not in init.headers  # stateless by default
        session = {**MCP_HEADERS, "mcp-protocol-version": "2025-06-18"}
        notified = {"jsonrpc": "2.0", "method": "notifications/initialized"}
        assert (await http.post("/mcp/", json=notified, headers=session)).status_code == 202
        params = {"name": "ping", "arguments": {}}
        call = {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": params}
        result = sse_result(await http.post("/mcp/", json=call, headers=session))
        assert result["content"][0]["text"] == "pong"
    await mount.aclose()


def test_path_defaults_to_the_mcp_endpoint_setting(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"MCP_ENDPOINT": "tools/mcp"}
    assert mount_mcp(get_asgi_application()).path == "/tools/mcp/"
    assert mount_mcp(get_asgi_application(), path="/x").path == "/x/"


def test_mount_mcp_returns_the_middleware_with_options() -> None:
    mount = mount_mcp(get_asgi_application(), shutdown_timeout=3, max_request_body_size=2048)
    assert isinstance(mount, MCPMount) and mount.shutdown_timeout == 3.0
    assert OPTIONS == ("shutdown_timeout", "max_request_body_size")


def test_unknown_option_is_a_type_error_naming_it_and_the_valid_ones() -> None:
    with pytest.raises(TypeError) as info:
        mount_mcp(get_asgi_application(), shutdown_timeot=3)
    assert str(info.value) == (
        "mount_mcp() got unknown option(s) 'shutdown_timeot'; "
        "valid options: shutdown_timeout, max_request_body_size"
    )


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"shutdown_timeout": 0}, ValueError),
        ({"shutdown_timeout": "10"}, TypeError),
        ({"max_request_body_size": 0}, ValueError),
        ({"max_request_body_size": 1.5}, ValueError),
    ],
)
def test_bad_option_values_are_rejected(options: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        mount_mcp(get_asgi_application(), **options)


def test_bad_app_or_server_is_rejected() -> None:
    with pytest.raises(TypeError, match="ASGI application"):
        mount_mcp("not an app")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="MCPServer"):
        mount_mcp(get_asgi_application(), mcp=object())  # type: ignore[arg-type]


async def test_session_limits_come_from_the_settings(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "MAX_SESSIONS": 2, "STATELESS": False}
    mcp = get_mcp_server()
    mount = mount_mcp(get_asgi_application(), mcp=mcp)
    async with client(mount) as http:
        first = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
        second = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
        third = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
        listing = await http.post(
            "/mcp/",
            json={"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
            headers={
                **MCP_HEADERS,
                "mcp-session-id": first.headers["mcp-session-id"],
                "mcp-protocol-version": "2025-06-18",
            },
        )
    assert (first.status_code, second.status_code, third.status_code) == (200, 200, 503)
    assert "Too many open sessions" in error_message(third.content)
    assert listing.status_code == 200  # the open sessions go on
    assert mcp.session_manager.session_idle_timeout == 600
    await mount.aclose()
