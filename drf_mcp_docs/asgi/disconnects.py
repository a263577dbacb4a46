"""One MCP request's ``receive``/``send``, watched for the client going away (SDK-18).

A client that closes its connection mid-request is normal traffic (an agent cancelled, a
laptop lid shut, a balancer timed out), not a server error: it is logged once, at INFO (at
DEBUG for a GET stream, which clients end by closing it), on the
``drf_mcp_docs.disconnects`` logger, without a traceback. ``Watched`` makes that true
for the SDK, which otherwise logs ``Error handling POST request`` with a traceback when the
client leaves before the whole body arrived:

- ``read_body`` reads a POST's body ahead of the SDK (up to the body limit plus one byte,
  as the SDK would); a client that leaves meanwhile is logged and the SDK is never called.
  ``receive`` then replays what was read.
- ``listen`` waits, while the SDK works on the request, for the client to leave before the
  answer starts (a JSON answer is sent in one piece at the end, so nothing else is
  reading); it stops as soon as the answer starts, when an SSE answer reads ``receive``
  itself, where a disconnect is noticed too.

Imports only the standard library and anyio.
"""

from __future__ import annotations

import logging
from collections import deque

import anyio

from drf_mcp_docs.asgi.types import Message, Receive, Scope, Send

__all__ = ["Watched", "logger"]

logger = logging.getLogger("drf_mcp_docs.disconnects")


class Watched:
    """The ``receive``/``send`` pair to hand the SDK for one request (see the module doc)."""

    __slots__ = (
        "_buffer",
        "_listening",
        "_receive",
        "_send",
        "finished",
        "gone",
        "scope",
        "started",
    )

    def __init__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.scope = scope
        self._receive = receive
        self._send = send
        self._buffer: deque[Message] = deque()
        self._listening: anyio.CancelScope | None = None
        self.started = False
        self.finished = False
        self.gone = False

    async def read_body(self, limit: int) -> bool:
        """Read the body (at most ``limit + 1`` bytes) to replay; False if the client left."""
        size = 0
        while True:
            message = await self._receive()
            if message["type"] == "http.disconnect":
                self._left("before sending the whole request")
                return False
            self._buffer.append(message)
            size += len(message.get("body", b""))
            if not message.get("more_body", False) or size > limit:
                return True

    async def listen(self) -> None:
        """Until the answer starts: notice a client that leaves (then keep its message)."""
        with anyio.CancelScope() as self._listening:
            if self.started:
                return
            message = await self._receive()
            if message["type"] == "http.disconnect" and not self.started:
                self._left("before the answer")
            self._buffer.append(message)  # whoever reads next sees it too

    async def receive(self) -> Message:
        if self._buffer:
            return self._buffer.popleft()
        message = await self._receive()
        if message["type"] == "http.disconnect" and not self.finished:
            self._left("during the answer" if self.started else "before the answer")
        return message

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            self.started = True
            if self._listening is not None:
                self._listening.cancel()
        elif kind == "http.response.body" and not message.get("more_body", False):
            self.finished = True
        await self._send(message)

    def _left(self, when: str) -> None:
        if self.gone:
            return
        self.gone = True
        # A GET stream is the server-to-client channel: clients end it by closing it.
        level = logging.DEBUG if self.scope.get("method") == "GET" else logging.INFO
        logger.log(
            level,
            "drf-mcp-docs: the client closed the connection %s (%s %s)",
            when,
            self.scope.get("method"),
            self.scope.get("path"),
        )
