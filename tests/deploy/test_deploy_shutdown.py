# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""Servers exit promptly on SIGTERM, logging no traceback: after traffic in both eras
(stateless mode), and in stateful mode after session tool calls with GET streams open (a
raw one and the official session client's) under granian, uvicorn, hypercorn and Daphne."""

from __future__ import annotations

import contextlib
import sys
from typing import Any

import anyio
import httpx
import pytest

from tests.deploy.test_deploy_stateful import SEARCH, session_client
from tests.support.deploy_support import deploy, deploy_site  # noqa: F401 (fixtures)
from tests.support.mcp_load import ERAS, run_sessions
from tests.support.servers import INITIALIZE, MCP_HEADERS, terminate

pytestmark = pytest.mark.servers


@pytest.mark.parametrize("kind", ["daphne", "granian", "uvicorn", "hypercorn"])
async def test_sigterm_after_both_eras_exits_in_time(deploy: Any, kind: str) -> None:
    served = deploy(kind)
    for era in ERAS:
        result = await run_sessions(served.url + "/mcp/", era, sessions=3)
        assert result.failures == [], (era, result.summary())
    _, _, err, elapsed = await anyio.to_thread.run_sync(terminate, served.process)
    assert elapsed < 15, (elapsed, err)
    assert "Traceback" not in err, err


#: What the MCP side logs once it has ended its open streams (``MCPSide.close_streams``).
STREAMS_ENDED = "drf-mcp-docs: the server is shutting down; ending"
#: What the SDK logs when the MCP side's owner task leaves the session manager's run().
MANAGER_STOPPED = "StreamableHTTP session manager shutting down"


#: hypercorn with worker processes (its CLI's default) never tells a worker it is stopping
#: until it has waited ``--graceful-timeout`` (3 s) for open connections and cancelled
#: them; CPython < 3.13 then logs each cancelled connection task as a traceback of its own
#: (asyncio/streams.py's ``connection_made`` callback calls ``task.exception()``).
CPYTHON_CANCELLED_CONNECTION = "StreamReaderProtocol.connection_made.<locals>.callback"


def tracebacks_not_of_cpython_cancelled_connections(err: str) -> list[str]:
    """The log's tracebacks, without those asyncio writes for hypercorn's cancelled tasks."""
    blocks = err.split("Exception in callback ")
    kept = [b for b in blocks[1:] if not b.startswith(CPYTHON_CANCELLED_CONNECTION)]
    return [b for b in [blocks[0], *kept] if "Traceback" in b]


@pytest.mark.parametrize(
    ("kind", "workers"),
    [
        pytest.param("granian", 1, id="granian"),
        pytest.param("uvicorn", 1, id="uvicorn"),
        pytest.param("hypercorn", 0, id="hypercorn-single-process"),
        pytest.param(
            "hypercorn",
            1,
            id="hypercorn-worker-process",
            marks=pytest.mark.xfail(
                sys.version_info >= (3, 13),
                reason="hypercorn's worker process is never told of the shutdown, and on "
                "Python 3.13 asyncio's Server.wait_closed() waits for every open connection: "
                "a client holding its GET stream holds the worker until it leaves",
                strict=False,
            ),
        ),
        pytest.param("daphne", 1, id="daphne"),
    ],
)
async def test_sigterm_in_stateful_mode_with_a_get_stream_open_exits_in_time(
    deploy: Any, kind: str, workers: int
) -> None:
    # granian waits for open responses before its lifespan shutdown and tells the app
    # nothing: the streams end because the mount sees the SIGTERM itself (asgi/exits.py).
    served = deploy(kind, workers=workers, TEST_STATELESS="0")
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
        init = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
        session = {
            "Accept": "text/event-stream",
            "mcp-session-id": init.headers["mcp-session-id"],
            "mcp-protocol-version": "2025-06-18",
        }
        async with http.stream("GET", "/mcp/", headers=session) as stream:
            assert stream.status_code == 200
            assert stream.headers["content-type"].startswith("text/event-stream")
            # a session client (with its own GET stream) is connected too, after tool calls
            async with session_client(served.url + "/mcp/") as client:
                for _ in range(3):
                    assert not (await client.call_tool(*SEARCH)).is_error
                _, _, err, elapsed = await anyio.to_thread.run_sync(terminate, served.process)
                with contextlib.suppress(Exception):
                    await stream.aread()
    assert elapsed < 15, (elapsed, err)
    assert "ERROR" not in err, err
    if kind == "hypercorn" and workers:
        assert tracebacks_not_of_cpython_cancelled_connections(err) == [], err
        return  # the worker learns of the shutdown only from hypercorn's cancellation
    assert "Traceback" not in err, err
    assert STREAMS_ENDED in err, err  # at SIGTERM, not when the client leaves
    if kind == "daphne":  # the only one of these servers whose log shows the SDK's INFO
        assert MANAGER_STOPPED in err, err  # the lazily started owner task ended


async def test_daphne_ends_the_lazily_started_mcp_side_on_sigterm(deploy: Any) -> None:
    """Daphne sends no lifespan events: the MCP side started on the first request, and
    Twisted's "before shutdown" event ends it (before: the owner task was dropped with the
    loop, the session manager never left its run())."""
    served = deploy("daphne", TEST_STATELESS="0")
    async with session_client(served.url + "/mcp/") as client:
        for _ in range(3):
            assert not (await client.call_tool(*SEARCH)).is_error
    status, _, err, elapsed = await anyio.to_thread.run_sync(terminate, served.process)
    assert elapsed < 15, (elapsed, err)
    assert status == 0, err
    assert err.count(MANAGER_STOPPED) == 1, err
    assert "Traceback" not in err and "ERROR" not in err, err
