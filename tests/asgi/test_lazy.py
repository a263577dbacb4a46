"""No lifespan at all (Daphne, Channels, --lifespan off): the first MCP request starts MCP."""

from __future__ import annotations

import asyncio
from typing import Any

import anyio
import pytest

from drf_mcp_docs import sdk
from drf_mcp_docs.asgi import mcp_side
from drf_mcp_docs.asgi.mcp_side import State
from drf_mcp_docs.asgi.middleware import MCPMount
from tests.support.asgi_doubles import call_http, error_message, fake_mount


async def test_fifty_concurrent_first_requests_start_mcp_exactly_once() -> None:
    mount, sessions = fake_mount(start_delay=0.05)
    results: list[tuple[int, bytes]] = []

    async def one() -> None:
        results.append(await call_http(mount, "/mcp/"))

    async with anyio.create_task_group() as tg:
        for _ in range(50):
            tg.start_soon(one)
    assert results == [(200, b"mcp run 1")] * 50
    assert (sessions.created, sessions.entered, mount.side.starts) == (1, 1, 1)
    await mount.aclose()
    assert mount.side.state is State.STOPPED and sessions.active == 0


async def test_failed_lazy_start_answers_503_json_and_the_next_request_retries() -> None:
    mount, sessions = fake_mount(fail_start=1)
    results: list[tuple[int, bytes]] = []

    async def one() -> None:
        results.append(await call_http(mount, "/mcp/"))

    async with anyio.create_task_group() as tg:
        for _ in range(5):
            tg.start_soon(one)
    assert {status for status, _ in results} == {503}
    message = error_message(results[0][1])
    assert "the MCP side failed to start (RuntimeError: run 1 cannot start)" in message
    assert "the next request retries" in message
    assert mount.side.state is State.FAILED and sessions.created == 1

    assert await call_http(mount, "/mcp/") == (200, b"mcp run 2")
    await mount.aclose()


async def test_lazy_start_outside_asyncio_names_the_cause_and_the_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_asyncio_loop() -> asyncio.AbstractEventLoop:
        raise RuntimeError("no running event loop")

    monkeypatch.setattr(mcp_side, "_asyncio_loop", no_asyncio_loop)
    mount, sessions = fake_mount()
    status, body = await call_http(mount, "/mcp/")
    assert status == 503
    message = error_message(body)
    assert "sent no lifespan events" in message and "needs asyncio" in message
    assert "forward 'lifespan' scopes to the app returned by mount_mcp()" in message
    assert "Task group is not initialized" not in message
    assert sessions.created == 0 and mount.side.state is State.IDLE


async def test_sdk_task_group_error_becomes_a_503_that_names_the_state() -> None:
    async def handle(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("Task group is not initialized. Make sure to use run().")

    class Run:
        async def __aenter__(self) -> None:
            return None

        async def __aexit__(self, *exc: object) -> None:
            return None

    # The SDK boundary's guard is what turns the SDK's bare RuntimeError into a 503.
    guarded = sdk.fix_answers(handle, 1024)
    mount = MCPMount(lambda *a: None, path="/mcp/", session_factory=lambda: (guarded, Run()))  # type: ignore[arg-type, return-value]
    status, body = await call_http(mount, "/mcp/", method="GET")
    assert status == 503
    assert "Task group" not in error_message(body)
    await mount.aclose()


async def test_lazy_run_restarts_after_it_was_stopped() -> None:
    mount, sessions = fake_mount()
    assert await call_http(mount, "/mcp/") == (200, b"mcp run 1")
    await mount.aclose()
    assert await call_http(mount, "/mcp/") == (200, b"mcp run 2")
    await mount.aclose()
    assert (sessions.created, sessions.active) == (2, 0)


def test_lazy_run_ends_with_its_event_loop_and_restarts_on_the_next_one() -> None:
    mount, sessions = fake_mount()

    async def request() -> tuple[int, bytes]:
        return await call_http(mount, "/mcp/")

    assert asyncio.run(request()) == (200, b"mcp run 1")
    # asyncio.run() cancelled the owner task: its manager was exited, nothing left behind.
    assert mount.side.state is State.STOPPED and sessions.active == 0
    assert asyncio.run(request()) == (200, b"mcp run 2")
    assert mount.side.state is State.STOPPED and sessions.active == 0


async def test_owner_task_does_not_inherit_the_first_requests_context() -> None:
    import contextvars

    marker: contextvars.ContextVar[str] = contextvars.ContextVar("marker", default="unset")
    seen: list[str] = []

    class Run:
        async def __aenter__(self) -> None:
            seen.append(marker.get())

        async def __aexit__(self, *exc: object) -> None:
            return None

    async def handle(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    mount = MCPMount(lambda *a: None, path="/mcp/", session_factory=lambda: (handle, Run()))  # type: ignore[arg-type, return-value]
    marker.set("request")
    assert (await call_http(mount, "/mcp/"))[0] == 204
    assert seen == ["unset"]
    await mount.aclose()
