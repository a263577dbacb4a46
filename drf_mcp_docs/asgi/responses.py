"""JSON-RPC error responses for the MCP endpoint, and the send wrapper that guarantees them.

MCP clients expect every failed HTTP request to carry a JSON-RPC error body. The SDK
answers a few mistakes in plain text (a wrong Content-Type, an oversized body) or with a
pydantic dump; ``ResponseGuard`` rewrites those error responses (never a success or a
stream) into one short JSON-RPC error with the right status.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drf_mcp_docs.asgi.middleware import Message, Send

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INTERNAL_ERROR = -32603

#: The SDK's plain-text or over-long answers, by status, as (status, code, message).
_REWRITES: dict[int, tuple[int, int, str]] = {
    413: (413, INVALID_REQUEST, "Request body too large: the limit is {limit} bytes"),
}
_CONTENT_TYPE = (
    415,
    INVALID_REQUEST,
    "Unsupported Media Type: send Content-Type: application/json",
)
_NOT_JSON_RPC = "Invalid Request: the body is not a JSON-RPC 2.0 request, notification or response"


def error_body(code: int, message: str) -> bytes:
    """A JSON-RPC error object without an id, compact."""
    payload = {"jsonrpc": "2.0", "id": None, "error": {"code": code, "message": message}}
    return json.dumps(payload, separators=(",", ":")).encode()


async def send_json_error(send: Send, status: int, message: str, code: int) -> None:
    """Answer an HTTP request with a JSON-RPC error body (no id), as MCP clients expect."""
    body = error_body(code, message)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class ResponseGuard:
    """Wraps ``send`` for one MCP request: tracks the response, normalises error bodies."""

    __slots__ = ("_body", "_start", "body_limit", "finished", "send", "started")

    def __init__(self, send: Send, body_limit: int) -> None:
        self.send = send
        self.body_limit = body_limit
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
        text = self._body.decode("utf-8", "replace")
        rewritten = self._rewrite(status, text)
        if rewritten is None:
            await self.send(self._start)
            await self.send({"type": "http.response.body", "body": bytes(self._body)})
            return
        status, code, message = rewritten
        await send_json_error(self.send, status, message, code)

    def _rewrite(self, status: int, text: str) -> tuple[int, int, str] | None:
        if status in _REWRITES:
            new_status, code, message = _REWRITES[status]
            return new_status, code, message.format(limit=self.body_limit)
        try:
            error = json.loads(text)["error"]
            code, message = int(error["code"]), str(error["message"])
        except (ValueError, KeyError, TypeError):
            if "Content-Type" in text:
                return _CONTENT_TYPE
            return status, INVALID_REQUEST, text.strip() or "Bad request"
        if message.startswith("Validation error:"):
            return status, INVALID_REQUEST, _NOT_JSON_RPC
        return None
