"""Serve MCP from synchronous code: one event loop thread per process, one ASGI call per request.

The URLconf views (``endpoint/views.py``) run under WSGI servers and ``runserver``, which have no
event loop. ``SyncBridge`` keeps one anyio blocking portal (an event loop in a daemon
thread) and one stateless SDK session manager running in it; each request is a plain
ASGI call into that manager from the view's thread (``BlockingPortal.call``). Nothing is
created per request but the SDK's own per-request transport (what stateless mode does).

The bridge is per process: after a fork (gunicorn's pre-fork workers) the child's first
request starts its own loop thread, since threads do not survive ``fork()`` (``forksafe``
drops the parent's bridge and its lock in the child).
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import anyio
from anyio.from_thread import BlockingPortal, start_blocking_portal

from drf_mcp_docs.asgi.responses import ResponseGuard
from drf_mcp_docs.forksafe import after_fork

if TYPE_CHECKING:
    from drf_mcp_docs.asgi.types import ASGIApp, Message, Scope

__all__ = ["BridgeResponse", "SyncBridge", "get_bridge"]


@dataclass
class BridgeResponse:
    """The SDK's complete answer to one request (stateless mode answers in one JSON body)."""

    status: int = 500
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytearray = field(default_factory=bytearray)


class SyncBridge:
    """One running stateless SDK session manager, callable from any thread of this process."""

    def __init__(self, handle: ASGIApp, run: Any) -> None:
        self._pid = os.getpid()
        self._portal_cm: AbstractContextManager[BlockingPortal] = start_blocking_portal()
        self._portal = self._portal_cm.__enter__()
        self._run_cm = self._portal.wrap_async_context_manager(run)
        self._run_cm.__enter__()
        self._handle = handle
        self._closed = False

    @property
    def usable(self) -> bool:
        """False after a fork (the loop thread stayed in the parent) or ``close()``."""
        return not self._closed and self._pid == os.getpid()

    def call(self, scope: Scope, body: bytes) -> BridgeResponse:
        """Run one ASGI request with a fully read body; block until the answer is complete."""
        return self._portal.call(self._serve, scope, body)

    async def _serve(self, scope: Scope, body: bytes) -> BridgeResponse:
        response = BridgeResponse()
        delivered = False

        async def receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            await anyio.sleep_forever()  # the client is "connected" until the answer is sent
            raise AssertionError("unreachable")

        async def collect(message: Message) -> None:
            if message["type"] == "http.response.start":
                response.status = int(message["status"])
                response.headers = [
                    (bytes(k).decode("latin-1"), bytes(v).decode("latin-1"))
                    for k, v in message.get("headers", ())
                ]
            elif message["type"] == "http.response.body":
                response.body += message.get("body", b"")

        await self._handle(scope, receive, ResponseGuard(collect))
        return response

    def close(self) -> None:
        """Stop the manager and the loop thread (at interpreter exit, or in tests)."""
        if self._closed:
            return
        self._closed = True
        if self._pid != os.getpid():
            return  # a forked child: the loop thread is the parent's
        try:
            self._run_cm.__exit__(None, None, None)
        finally:
            self._portal_cm.__exit__(None, None, None)


_lock = threading.Lock()
_bridge: SyncBridge | None = None


@after_fork
def _forget_bridge() -> None:
    """In a forked child: the parent's loop thread is not here (nor may its lock be free)."""
    global _bridge, _lock
    _lock = threading.Lock()
    if _bridge is not None:
        _bridge._closed = True  # its loop thread stayed in the parent: never call into it
    _bridge = None


def get_bridge() -> SyncBridge:
    """This process's bridge, started on first use (and again after a fork)."""
    global _bridge
    bridge = _bridge
    if bridge is not None and bridge.usable:
        return bridge
    with _lock:
        if _bridge is None or not _bridge.usable:
            _bridge = _new_bridge()
            atexit.register(_bridge.close)
        return _bridge


def _new_bridge() -> SyncBridge:
    from drf_mcp_docs.conf import conf
    from drf_mcp_docs.sdk import session_factory
    from drf_mcp_docs.server import get_mcp_server

    limit = conf.MAX_REQUEST_BODY_SIZE
    factory = session_factory(
        get_mcp_server(),
        path=conf.MCP_ENDPOINT.rstrip("/") or "/mcp",
        max_request_body_size=limit,
        stateless=True,
    )
    handle, run = factory()
    return SyncBridge(handle, run)


def header_pairs(headers: Iterable[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    """Django's ``request.headers`` items as ASGI header pairs."""
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
