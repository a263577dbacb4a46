# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""Stateful mode's limits on a real server (uvicorn), with the official client (2025 era).

A session that holds its GET stream is closed once idle and its client starts again; the
session limit answers 503 with ``Retry-After`` while the open sessions go on; the nginx
per-address limits of docs/deployment.md (its ``nginx-limits`` block, run as written).
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

if sys.version_info < (3, 11):
    from exceptiongroup import BaseExceptionGroup
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from mcp.shared.exceptions import MCPError

from drf_mcp_docs import sdk
from tests.support.deploy_support import deploy, deploy_site, nginx_conf  # noqa: F401 (fixtures)
from tests.support.doc_blocks import marked_blocks
from tests.support.mcp_load import run_sessions
from tests.support.servers import (
    INITIALIZE,
    MCP_HEADERS,
    ROOT,
    Served,
    free_port,
    terminate,
)

pytestmark = pytest.mark.servers

IDLE = 1.5  # SESSION_IDLE_TIMEOUT of these servers, seconds
SEARCH = ("search_endpoints", {"query": "books", "method": "GET"})


async def initialize(http: httpx.AsyncClient) -> dict[str, str]:
    """A new session (initialize + initialized); the headers of its later requests."""
    init = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
    assert init.status_code == 200, init.text
    session = {
        **MCP_HEADERS,
        "mcp-session-id": init.headers["mcp-session-id"],
        "mcp-protocol-version": "2025-06-18",
    }
    note = {"jsonrpc": "2.0", "method": "notifications/initialized"}
    assert (await http.post("/mcp/", json=note, headers=session)).status_code == 202
    return session


def leaf(exc: BaseException) -> BaseException:
    """The first exception at the bottom of (possibly nested) exception groups."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def stream_headers(session: dict[str, str]) -> dict[str, str]:
    return {**session, "Accept": "text/event-stream"}


@asynccontextmanager
async def session_client(url: str) -> AsyncIterator[Client]:
    """The official client in the session era (it opens its GET stream after initialize)."""
    async with AsyncExitStack() as stack:
        http = await stack.enter_async_context(create_mcp_http_client())
        transport = streamable_http_client(url, http_client=http)
        yield await stack.enter_async_context(Client(transport, mode="legacy"))


async def test_an_idle_session_holding_its_get_stream_is_closed(deploy: Any) -> None:
    served = deploy("uvicorn", TEST_STATELESS="0", TEST_SESSION_IDLE_TIMEOUT=str(IDLE))
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
        session = await initialize(http)
        started = time.monotonic()
        with anyio.fail_after(IDLE + 10):
            async with http.stream("GET", "/mcp/", headers=stream_headers(session)) as stream:
                assert stream.status_code == 200
                async for _ in stream.aiter_bytes():
                    pass  # until the server ends the stream
        held = time.monotonic() - started
        assert held >= IDLE  # not before the client was idle that long
        again = await http.get("/mcp/", headers=stream_headers(session))
        listing = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}
        call = await http.post("/mcp/", json=listing, headers=session)
        fresh = await initialize(http)  # what the 404 tells a client to do
        listed = await http.post("/mcp/", json=listing, headers=fresh)
    assert (again.status_code, again.json()["error"]["message"]) == (404, "Session not found")
    assert call.status_code == 404
    assert fresh["mcp-session-id"] != session["mcp-session-id"]
    assert listed.status_code == 200
    _, _, err, _ = terminate(served.process)
    assert "closed after 1.5 s without a request" in err, err
    assert "Traceback" not in err, err


async def test_a_request_keeps_a_session_with_a_stream_open(deploy: Any) -> None:
    served = deploy("uvicorn", TEST_STATELESS="0", TEST_SESSION_IDLE_TIMEOUT=str(IDLE))
    listing = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
        session = await initialize(http)
        async with http.stream("GET", "/mcp/", headers=stream_headers(session)) as stream:
            assert stream.status_code == 200
            for _ in range(4):  # 2.4 s in all, more than the idle timeout
                await anyio.sleep(IDLE / 2.5)
                reply = await http.post("/mcp/", json=listing, headers=session)
                assert reply.status_code == 200, reply.text


async def test_the_official_client_is_closed_out_when_idle_and_starts_again(deploy: Any) -> None:
    served = deploy("uvicorn", TEST_STATELESS="0", TEST_SESSION_IDLE_TIMEOUT=str(IDLE))
    url = served.url + "/mcp/"
    async with session_client(url) as client:
        assert not (await client.call_tool(*SEARCH)).is_error
        await anyio.sleep(IDLE + 1.5)  # idle past the timeout (and a margin), its GET stream open
        with pytest.raises(MCPError, match="Session not found"):
            await client.call_tool(*SEARCH)
    async with session_client(url) as client:  # a new session, served as before
        assert not (await client.call_tool(*SEARCH)).is_error


async def test_the_session_limit_answers_503_with_retry_after(deploy: Any) -> None:
    served = deploy("uvicorn", TEST_STATELESS="0", TEST_MAX_SESSIONS="3")
    url = served.url + "/mcp/"
    async with AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(session_client(url)) for _ in range(3)]
        async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
            refused = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
        try:
            await stack.enter_async_context(session_client(url))
        except BaseException as exc:  # the client raises it inside exception groups
            official = leaf(exc)
        else:
            raise AssertionError("a fourth session was admitted")
        for client in clients:  # the open sessions go on
            assert not (await client.call_tool(*SEARCH)).is_error
        stateless = await run_sessions(url, "stateless", sessions=2)
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "60"  # min(60 s, SESSION_IDLE_TIMEOUT 600 s)
    message = sdk.TOO_MANY_SESSIONS_MESSAGE.format(limit=3, retry_after=60)
    assert refused.json()["error"]["message"] == message
    assert isinstance(official, MCPError) and str(official) == message  # the client shows it
    assert stateless.failures == [], stateless.summary()  # 2026 clients hold no session
    # the three clients ended their sessions (DELETE) on leaving: there is room again
    again = await run_sessions(url, "session", sessions=3)
    assert again.failures == [], again.summary()


# -- per-address limits at the balancer (docs/deployment.md, "nginx-limits") -----------------

NGINX_LIMITS = marked_blocks(ROOT / "docs" / "deployment.md")["nginx-limits"].code


@pytest.fixture
def limited_nginx(start_server: Any, tmp_path: Path) -> Callable[[int], Served]:
    """``limited_nginx(port)``: nginx with the documented limits in front of one backend."""
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx; .ci/run does)")

    def start(backend: int) -> Served:
        port = free_port()
        assert "    listen 80;" in NGINX_LIMITS
        limits = NGINX_LIMITS.replace("    listen 80;", f"    listen 127.0.0.1:{port};")
        conf = tmp_path / "nginx.conf"
        upstream = f"    upstream django {{ server 127.0.0.1:{backend}; }}\n"
        conf.write_text(nginx_conf(tmp_path, upstream + limits + "\n"))
        process = start_server([binary, "-c", str(conf), "-p", str(tmp_path)])
        process.wait_for_port(port)
        return Served(process, port)

    return start


async def test_documented_nginx_limits_count_new_sessions_and_streams_per_address(
    deploy: Any, limited_nginx: Any
) -> None:
    backend = deploy("uvicorn", TEST_STATELESS="0", TEST_MAX_SESSIONS="100")
    balancer = limited_nginx(backend.port)
    listing = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}
    note = {"jsonrpc": "2.0", "method": "notifications/initialized"}
    async with httpx.AsyncClient(base_url=balancer.url, timeout=30) as http:
        replies = [
            await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS) for _ in range(40)
        ]
        statuses = [r.status_code for r in replies]
        sessions = [
            {
                **MCP_HEADERS,
                "mcp-session-id": r.headers["mcp-session-id"],
                "mcp-protocol-version": "2025-06-18",
            }
            for r in replies
            if r.status_code == 200
        ]
        for session in sessions:
            assert (await http.post("/mcp/", json=note, headers=session)).status_code == 202
        calls = [
            (await http.post("/mcp/", json=listing, headers=sessions[0])).status_code
            for _ in range(30)
        ]
        async with AsyncExitStack() as stack:
            streams = [
                await stack.enter_async_context(
                    http.stream("GET", "/mcp/", headers=stream_headers(s))
                )
                for s in sessions[:21]
            ]
            stream_statuses = [s.status_code for s in streams]
    # burst=20 beyond the first, nodelay; the rate adds one per 6 s (a slow run: a 22nd)
    assert statuses[:22] == [200] * 21 + [429] or statuses[:23] == [200] * 22 + [429], statuses
    assert statuses.count(200) <= 22 and set(statuses) == {200, 429}, statuses
    assert calls == [200] * 30  # requests of an open session are not rate limited
    assert stream_statuses == [200] * 20 + [429]  # limit_conn 20 per address
