"""Stateful mode's idle policy: a session ends once its client has sent nothing for a while.

``SESSION_IDLE_TIMEOUT`` means "seconds since the client's last request". The SDK counts
an open ``GET`` stream (the server-to-client SSE stream) as a request in flight for as long
as it stays open, so a session whose client opened that stream and went away (a dead peer,
a half-open connection, a balancer that keeps the upstream open) would never expire, and
neither would its place under ``MAX_SESSIONS`` (SDK-15 in ``drf_mcp_docs.sdk``). This endpoint sends
nothing of its own on that stream, so holding it open is no sign of a client at work.

``IdleSessions`` wraps the SDK's handler. While a session has a ``GET`` stream open it
watches the session: once no request has arrived for ``idle_timeout`` seconds and none but
the stream is in flight, it ends the session the protocol's way, with a ``DELETE`` carrying
the session's id (the MCP spec's session termination), sent to the SDK on the client's
behalf. The SDK then closes the stream, and the client's next request (its reconnection
of the stream, its next call) gets ``404 Session not found``, which per the spec tells it
to initialize a new session. Sessions without a stream keep the SDK's own countdown, which
starts when the last request completes. Either way a session outlives its client's last
request by at most ``idle_timeout`` (plus that request's own duration).

Imports only the standard library and anyio.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import anyio

from drf_mcp_docs.asgi.headers import header_text

if TYPE_CHECKING:
    from drf_mcp_docs.asgi.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["IdleSessions", "session_id"]

logger = logging.getLogger("drf_mcp_docs.asgi.sessions")

SESSION_HEADER = b"mcp-session-id"
#: The headers a synthetic ``DELETE`` keeps from the stream's request (the SDK validates
#: the session id and protocol version; Host and credentials keep any check consistent).
KEPT_HEADERS = frozenset({SESSION_HEADER, b"mcp-protocol-version", b"host", b"authorization"})
#: How long a stream may take to end once its session is deleted before it is cut off.
CLOSE_GRACE = 5.0


def session_id(scope: Scope) -> str | None:
    """The request's ``Mcp-Session-Id`` header, if it has one."""
    return header_text(scope, SESSION_HEADER)


@dataclass
class _Activity:
    """One session with something in flight: when its last request arrived or ended."""

    last: float
    busy: int = 0  # requests in flight other than GET streams
    streams: int = 0  # open GET streams (the SDK allows one; a second gets 409)


class IdleSessions:
    """``handle`` (the SDK's handler, stateful mode) with sessions that end when idle."""

    __slots__ = ("_active", "handle", "idle_timeout")

    def __init__(self, handle: ASGIApp, idle_timeout: float) -> None:
        if not idle_timeout > 0:
            raise ValueError(f"idle_timeout must be a positive number of seconds: {idle_timeout!r}")
        self.handle = handle
        self.idle_timeout = float(idle_timeout)
        #: Sessions with a request in flight (entries leave when nothing is).
        self._active: dict[str, _Activity] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        sid = session_id(scope)
        if sid is None:
            await self.handle(scope, receive, send)
            return
        activity = self._active.get(sid)
        if activity is None:
            activity = self._active[sid] = _Activity(anyio.current_time())
        activity.last = anyio.current_time()
        stream = scope.get("method") == "GET"
        if stream:
            activity.streams += 1
        else:
            activity.busy += 1
        try:
            if stream:
                await self._serve_stream(sid, activity, scope, receive, send)
            else:
                await self.handle(scope, receive, send)
        finally:
            if stream:
                activity.streams -= 1
            else:
                activity.busy -= 1
            activity.last = anyio.current_time()
            if not (activity.busy or activity.streams):
                self._active.pop(sid, None)

    async def _serve_stream(
        self, sid: str, activity: _Activity, scope: Scope, receive: Receive, send: Send
    ) -> None:
        """Serve a GET stream while a watcher ends the session once it is idle."""
        async with anyio.create_task_group() as tg:
            tg.start_soon(self._watch, sid, activity, scope, tg.cancel_scope)
            await self.handle(scope, receive, send)
            tg.cancel_scope.cancel()  # the stream ended first: stop watching

    async def _watch(
        self, sid: str, activity: _Activity, scope: Scope, stream: anyio.CancelScope
    ) -> None:
        while True:
            now = anyio.current_time()
            deadline = activity.last + self.idle_timeout
            if now >= deadline and not activity.busy:
                break
            # A request in flight past the deadline sets ``last`` when it ends.
            await anyio.sleep(deadline - now if now < deadline else self.idle_timeout)
        logger.info(
            "drf-mcp-docs: MCP session %s closed after %g s without a request "
            "(its GET stream is ended; the client's next request gets 404 and re-initializes)",
            sid[:64],
            self.idle_timeout,
        )
        await self._delete(scope)
        # The SDK ends the stream once the session is terminated; should it not, cut it off.
        await anyio.sleep(CLOSE_GRACE)
        stream.cancel()

    async def _delete(self, scope: Scope) -> None:
        """End the session through the SDK as a client's ``DELETE`` would; drop the answer."""
        headers = [(k, v) for k, v in scope.get("headers", ()) if k.lower() in KEPT_HEADERS]
        delete = {**scope, "method": "DELETE", "headers": headers, "query_string": b""}
        answered: list[int] = []

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                answered.append(int(message["status"]))

        with anyio.CancelScope(shield=True):
            await self.handle(delete, receive, send)
        if answered and answered[0] >= 400:
            logger.debug("drf-mcp-docs: the idle session's DELETE got %s", answered[0])
