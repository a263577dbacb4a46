"""JSON-RPC error responses for the MCP endpoint, and the send wrapper that guarantees them.

MCP clients expect every failed HTTP request to carry a JSON-RPC error body.
``ResponseGuard`` tracks one response and wraps any error response whose body is not a
JSON-RPC error (never a success or a stream) into one, keeping its status. The SDK's
specific answers are reworded before they get here (``drf_mcp_docs/sdk/__init__.py``).
"""

from __future__ import annotations

import json

from drf_mcp_docs.asgi.types import Message, Send
from drf_mcp_docs.text import clip

INVALID_REQUEST = -32600
INTERNAL_ERROR = -32603
#: Characters of a plain-text error body (the SDK's, or an inner layer's) kept in the JSON one.
MAX_PLAIN_ERROR = 500


def error_body(code: int, message: str) -> bytes:
    """A JSON-RPC error object without an id, compact."""
    payload = {"jsonrpc": "2.0", "id": None, "error": {"code": code, "message": message}}
    return json.dumps(payload, separators=(",", ":")).encode()


async def send_json_error(
    send: Send,
    status: int,
    message: str,
    code: int,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """Answer an HTTP request with a JSON-RPC error body (no id), as MCP clients expect.

    ``headers`` are added to the content type and length (e.g. ``Retry-After``).
    """
    body = error_body(code, message)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
                *(headers or ()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class ResponseGuard:
    """Wraps ``send`` for one MCP request: tracks the response, normalises error bodies."""

    __slots__ = ("_body", "_start", "finished", "send", "started")

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False
        self.finished = False
        self._start: Message | None = None
        self._body = bytearray()

    async def __call__(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            self.started = True
            if message.get("status", 200) >= 400:
                self._start = message  # held until the whole (small) error body is in
                return
        elif kind == "http.response.body":
            more = message.get("more_body", False)
            if not more:
                self.finished = True
            if self._start is not None:
                self._body += message.get("body", b"")
                if not more:
                    await self._send_error()
                return
        await self.send(message)

    async def _send_error(self) -> None:
        assert self._start is not None
        status: int = self._start["status"]
        if _is_json_rpc_error(bytes(self._body)):
            await self.send(self._start)
            await self.send({"type": "http.response.body", "body": bytes(self._body)})
            return
        text = clip(self._body.decode("utf-8", "replace").strip(), MAX_PLAIN_ERROR)
        await send_json_error(self.send, status, text or "Bad request", INVALID_REQUEST)


def _is_json_rpc_error(body: bytes) -> bool:
    try:
        error = json.loads(body)["error"]
        int(error["code"]), str(error["message"])
    except (ValueError, KeyError, TypeError):
        return False
    return True
