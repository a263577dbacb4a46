"""Test doubles for the mount: a scripted session factory and a lifespan-playing server."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio

from drf_mcp_docs.asgi.middleware import MCPMount


class FakeSessions:
    """A session factory whose runs can fail to start, fail to stop or hang while stopping."""

    def __init__(
        self,
        *,
        fail_start: int = 0,
        fail_stop: bool = False,
        hang_stop: bool = False,
        factory_error: Exception | None = None,
        start_delay: float = 0.0,
    ) -> None:
        self.fail_start = fail_start  # how many first runs fail to enter
        self.fail_stop = fail_stop
        self.hang_stop = hang_stop
        self.factory_error = factory_error
        self.start_delay = start_delay
        self.created = 0
        self.entered = 0
        self.exited = 0
        self.active = 0

    def __call__(self) -> tuple[Any, Any]:
        if self.factory_error is not None:
            raise self.factory_error
        self.created += 1
        run_id = self.created

        @asynccontextmanager
        async def run() -> AsyncIterator[None]:
            if self.start_delay:
                await anyio.sleep(self.start_delay)
            if run_id <= self.fail_start:
                raise RuntimeError(f"run {run_id} cannot start")
            self.entered += 1
            self.active += 1
            try:
                yield
            finally:
                self.active -= 1
                self.exited += 1
                if self.hang_stop:
                    await anyio.sleep(3600)
                if self.fail_stop:
                    raise RuntimeError(f"run {run_id} cannot stop")

        async def handle(scope: Any, receive: Any, send: Any) -> None:
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": f"mcp run {run_id}".encode()})

        return handle, run()


class Recorder:
    """An inner ASGI app that answers every http request with 200 and records scopes."""

    def __init__(self) -> None:
        self.scopes: list[dict[str, Any]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.scopes.append(scope)
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"inner"})
        elif scope["type"] == "lifespan":
            raise ValueError("no lifespan here")


async def call_http(app: Any, path: str, **scope: Any) -> tuple[int, bytes]:
    """One in-memory http request; returns (status, body)."""
    messages: list[dict[str, Any]] = []
    base = {"type": "http", "method": "POST", "path": path, "headers": [], "query_string": b""}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    await app({**base, **scope}, receive, send)
    status = next(m["status"] for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return status, body


def error_message(body: bytes) -> str:
    """The message of a JSON-RPC error body (asserting its shape)."""
    data = json.loads(body)
    assert data["jsonrpc"] == "2.0" and data["id"] is None
    return str(data["error"]["message"])


class LifespanServer:
    """Plays an ASGI server's side of the lifespan protocol against an app."""

    def __init__(self, app: Any, state: dict[str, Any] | None = None) -> None:
        self.app = app
        self.scope = {
            "type": "lifespan",
            "asgi": {"version": "3.0", "spec_version": "2.0"},
            "state": {} if state is None else state,
        }
        self._to_app, self._app_inbox = anyio.create_memory_object_stream[dict[str, Any]](4)
        self._from_app, self._replies = anyio.create_memory_object_stream[dict[str, Any]](4)
        self.returned = anyio.Event()
        self.error: BaseException | None = None

    async def _run(self) -> None:
        try:
            await self.app(self.scope, self._app_inbox.receive, self._from_app.send)
        except BaseException as exc:  # recorded for the test to assert on
            self.error = exc
            raise
        finally:
            self.returned.set()

    async def _exchange(self, kind: str, timeout: float) -> dict[str, Any]:
        await self._to_app.send({"type": kind})
        with anyio.fail_after(timeout):
            return await self._replies.receive()

    async def startup(self, timeout: float = 5.0) -> dict[str, Any]:
        return await self._exchange("lifespan.startup", timeout)

    async def shutdown(self, timeout: float = 5.0) -> dict[str, Any]:
        reply = await self._exchange("lifespan.shutdown", timeout)
        with anyio.fail_after(timeout):
            await self.returned.wait()
        return reply

    @asynccontextmanager
    async def running(self) -> AsyncIterator[LifespanServer]:
        """Run the app's lifespan call in a task for the duration of the block."""
        streams = (self._to_app, self._app_inbox, self._from_app, self._replies)
        try:
            async with anyio.create_task_group() as tg:
                tg.start_soon(self._run)
                yield self
                with anyio.fail_after(5):
                    await self.returned.wait()
        finally:
            for stream in streams:
                stream.close()


def fake_mount(inner: Any = None, **kwargs: Any) -> tuple[MCPMount, FakeSessions]:
    """A mount at /mcp/ over ``inner`` (a Recorder by default) with scripted sessions."""
    shutdown_timeout = kwargs.pop("shutdown_timeout", 2.0)
    sessions = FakeSessions(**kwargs)
    mount = MCPMount(
        inner if inner is not None else Recorder(),
        path="/mcp/",
        session_factory=sessions,
        shutdown_timeout=shutdown_timeout,
    )
    return mount, sessions


class RunOnce:
    """A session manager's run() context that does nothing (for a scripted handle)."""

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: object) -> None:
        return None
