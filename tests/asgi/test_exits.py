"""Open streams end when the server begins to shut down, not when their clients leave.

In process: a mount whose MCP side holds a GET stream open (as the SDK's standalone stream
does), ended by ``lifespan.shutdown``, by a real SIGTERM delivered to this process (the
server's own handler still runs after ours) and by ``stop()``; new streams are refused
with a 503 once shutdown began. The real servers are in tests/deploy/test_deploy_shutdown.py.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import anyio

from drf_mcp_docs.asgi.exits import watch_signals
from drf_mcp_docs.asgi.mcp_side import State
from drf_mcp_docs.asgi.middleware import MCPMount
from tests.support.asgi_doubles import LifespanServer, Recorder, call_http, error_message


class Streams:
    """A session factory whose GET answers an SSE stream that never ends by itself."""

    def __init__(self) -> None:
        self.opened = 0

    def __call__(self) -> tuple[Any, Any]:
        @asynccontextmanager
        async def run() -> AsyncIterator[None]:
            yield

        async def handle(scope: Any, receive: Any, send: Any) -> None:
            headers = [(b"content-type", b"text/event-stream")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            if scope["method"] != "GET":
                await send({"type": "http.response.body", "body": b"{}"})
                return
            self.opened += 1
            await send({"type": "http.response.body", "body": b": open\n\n", "more_body": True})
            await anyio.sleep_forever()

        return handle, run()


def mount() -> MCPMount:
    return MCPMount(Recorder(), path="/mcp/", session_factory=Streams(), shutdown_timeout=2.0)


class Client:
    """One GET stream through the mount: the messages it got and whether it ended."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.ended = anyio.Event()
        self.started = anyio.Event()

    async def get(self, app: MCPMount) -> None:
        scope = {"type": "http", "method": "GET", "path": "/mcp/", "headers": [],
                 "query_string": b""}  # fmt: skip

        async def receive() -> dict[str, Any]:
            await anyio.sleep_forever()
            raise AssertionError("unreachable")

        async def send(message: dict[str, Any]) -> None:
            self.messages.append(message)
            self.started.set()

        await app(scope, receive, send)
        self.ended.set()

    @property
    def status(self) -> int:
        return int(self.messages[0]["status"])

    @property
    def finished(self) -> bool:
        last = self.messages[-1]
        return last["type"] == "http.response.body" and not last.get("more_body", False)


@contextmanager
def sigterm_handler() -> Iterator[list[int]]:
    """A Python-level SIGTERM handler of the "server" (records calls); restored after."""
    calls: list[int] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: calls.append(signum))
    try:
        yield calls
    finally:
        signal.signal(signal.SIGTERM, previous)


async def test_lifespan_shutdown_ends_an_open_stream_and_refuses_new_ones() -> None:
    app = mount()
    stream = Client()
    async with LifespanServer(app).running() as server, anyio.create_task_group() as tg:
        assert (await server.startup())["type"] == "lifespan.startup.complete"
        tg.start_soon(stream.get, app)
        with anyio.fail_after(5):
            await stream.started.wait()
        assert (await server.shutdown())["type"] == "lifespan.shutdown.complete"
        with anyio.fail_after(5):
            await stream.ended.wait()
    assert stream.status == 200 and stream.finished  # ended cleanly, not cut off
    assert app.side.state is State.STOPPED


async def test_close_streams_refuses_new_streams_but_serves_posts() -> None:
    app = mount()
    async with LifespanServer(app).running() as server:
        await server.startup()
        app.side.close_streams()  # what SIGTERM does (next test)
        late = Client()
        with anyio.fail_after(5):
            await late.get(app)
        status, _ = await call_http(app, "/mcp/")
        await server.shutdown()
    assert late.status == 503
    assert "shutting down" in error_message(late.messages[-1]["body"])
    assert status == 200  # requests in flight during the drain are still answered


async def test_sigterm_ends_open_streams_and_the_servers_handler_still_runs() -> None:
    app = mount()
    first, second, late = Client(), Client(), Client()
    with sigterm_handler() as server_saw:
        async with LifespanServer(app).running() as server, anyio.create_task_group() as tg:
            await server.startup()
            tg.start_soon(first.get, app)
            tg.start_soon(second.get, app)
            with anyio.fail_after(5):
                await first.started.wait()
                await second.started.wait()
            os.kill(os.getpid(), signal.SIGTERM)  # what the server's process gets
            with anyio.fail_after(5):
                await first.ended.wait()
                await second.ended.wait()
            assert server_saw == [signal.SIGTERM]  # the server's own handler ran too
            await late.get(app)
            await server.shutdown()
        # the MCP side's run ended: its handler is gone, the server's is back
        assert signal.getsignal(signal.SIGTERM) is not None
        os.kill(os.getpid(), signal.SIGTERM)
        assert server_saw == [signal.SIGTERM, signal.SIGTERM]
    assert first.finished and second.finished
    assert late.status == 503
    assert "shutting down" in error_message(late.messages[-1]["body"])


async def test_a_new_run_serves_streams_again() -> None:
    app = mount()
    for _ in range(2):
        stream = Client()
        async with LifespanServer(app).running() as server, anyio.create_task_group() as tg:
            await server.startup()
            assert not app.side.draining
            tg.start_soon(stream.get, app)
            with anyio.fail_after(5):
                await stream.started.wait()
            assert stream.status == 200
            await server.shutdown()
        assert stream.finished


async def test_watch_signals_chains_only_a_handler_the_server_installed() -> None:
    import asyncio

    loop = asyncio.get_running_loop()
    ran: list[str] = []
    with sigterm_handler() as server_saw:
        undo = watch_signals(loop, lambda: ran.append("callback"))
        assert undo is not None
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGTERM)  # a second signal: the callback runs once
        await anyio.sleep(0.05)
        assert ran == ["callback"] and server_saw == [signal.SIGTERM, signal.SIGTERM]
        undo()
        os.kill(os.getpid(), signal.SIGTERM)
        assert server_saw == [signal.SIGTERM] * 3 and ran == ["callback"]
    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # the default action or an ignored signal: nothing of the server's to chain
        assert watch_signals(loop, lambda: None) is None
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)


def test_watch_signals_outside_the_main_thread_does_nothing() -> None:
    import asyncio

    found: list[Any] = []
    loop = asyncio.new_event_loop()
    try:
        worker = threading.Thread(target=lambda: found.append(watch_signals(loop, print)))
        worker.start()
        worker.join()
    finally:
        loop.close()
    assert found == [None]
