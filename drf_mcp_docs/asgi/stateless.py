"""What a stateless endpoint refuses before the SDK sees it: server-to-client streams.

In stateless mode the SDK still answers ``GET`` with an SSE stream, but with no session
nothing can ever be sent on it: the stream only holds a connection (and, on some servers,
the process at shutdown) until the client gives up. The MCP spec lets a server answer
``405 Method Not Allowed`` instead; session clients then carry on with POSTs alone.
Imports only the standard library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drf_mcp_docs.asgi.responses import INVALID_REQUEST, send_json_error

if TYPE_CHECKING:
    from drf_mcp_docs.asgi.types import ASGIApp, Receive, Scope, Send

__all__ = ["NO_STREAM", "refuse_streams"]

NO_STREAM = "Method Not Allowed: this stateless endpoint takes POST (no server-to-client stream)"


async def send_405(send: Send) -> None:
    await send_json_error(send, 405, NO_STREAM, INVALID_REQUEST, [(b"allow", b"POST")])


def refuse_streams(handle: ASGIApp) -> ASGIApp:
    """``handle`` with ``GET`` answered 405 at once (stateless mode only)."""

    async def stateless(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method") == "GET":
            await send_405(send)
            return
        await handle(scope, receive, send)

    return stateless
