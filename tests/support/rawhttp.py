"""MCP requests over a raw socket, for clients that leave mid-request (disconnect tests)."""

from __future__ import annotations

import json
import socket
import time
from typing import Any

__all__ = [
    "SLOW_CALL",
    "chunked_request_bytes",
    "leave",
    "open_session",
    "read_answer",
    "request_bytes",
]

SLOW_CALL = {
    "jsonrpc": "2.0",
    "id": 7,
    "method": "tools/call",
    "params": {"name": "slow", "arguments": {"seconds": 2}},
}


def request_bytes(port: int, method: str, body: Any = None, session: str | None = None) -> bytes:
    """One HTTP/1.1 request to ``/mcp/`` as an MCP client sends it."""
    data = json.dumps(body).encode() if body is not None else b""
    lines = [
        f"{method} /mcp/ HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        "Accept: application/json, text/event-stream",
        "Mcp-Protocol-Version: 2025-06-18",
        f"Content-Length: {len(data)}",
    ]
    if session:
        lines.append(f"Mcp-Session-Id: {session}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + data


def chunked_request_bytes(port: int, data: bytes, chunk: int = 100) -> bytes:
    """One POST to ``/mcp/`` whose body is sent with ``Transfer-Encoding: chunked`` (no
    Content-Length), in chunks of ``chunk`` bytes, as streaming HTTP clients send it."""
    lines = [
        "POST /mcp/ HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        "Accept: application/json, text/event-stream",
        "Mcp-Protocol-Version: 2025-06-18",
        "Transfer-Encoding: chunked",
        "Connection: close",
    ]
    body = b"".join(
        b"%x\r\n%s\r\n" % (len(data[i : i + chunk]), data[i : i + chunk])
        for i in range(0, len(data), chunk)
    )
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body + b"0\r\n\r\n"


def read_answer(port: int, request: bytes) -> tuple[int, bytes]:
    """Send ``request`` on a new connection; the answer's status and (de-chunked) body."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        answer = _read_to_end(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in head.lower():
        body = _dechunk(body)
    return status, body


def _dechunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2 :]
    return out


def open_session(port: int) -> str:
    """initialize + notifications/initialized, each read to its end; the session id."""
    init = {
        "jsonrpc": "2.0",
        "id": 0,
        "method": "initialize",
        "params": {
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "tests", "version": "1"},
        },
    }
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request_bytes(port, "POST", init))
        answer = _read_to_end(sock)
    session = next(
        line.split(":", 1)[1].strip()
        for line in answer.decode("latin-1").split("\r\n")
        if line.lower().startswith("mcp-session-id:")
    )
    done = {"jsonrpc": "2.0", "method": "notifications/initialized"}
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request_bytes(port, "POST", done, session))
        _read_to_end(sock)
    return session


def _read_to_end(sock: socket.socket) -> bytes:
    """The whole answer of a one-answer request (``Connection: close`` is not sent: stop at
    the end of the chunked body or the Content-Length)."""
    data = b""
    while True:
        chunk = sock.recv(65536)
        data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        if not chunk or body.endswith(b"0\r\n\r\n"):
            return data
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:") and len(body) >= int(line[15:]):
                return data


def leave(port: int, how: str, session: str | None = None, call: Any = None) -> None:
    """Send a request and close the connection before its answer.

    ``how``: ``post`` (the whole POST, then close), ``half`` (all but the body's last ten
    bytes, then close) or ``get`` (open the GET stream, then close it).
    """
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        if how == "get":
            sock.sendall(request_bytes(port, "GET", session=session))
            sock.recv(65536)  # the stream's headers: it is open
        else:
            raw = request_bytes(port, "POST", call or SLOW_CALL, session)
            sock.sendall(raw if how == "post" else raw[:-10])
        time.sleep(0.3)
