"""A minimal WebSocket client for tests, on wsproto (installed with hypercorn)."""

from __future__ import annotations

import socket

from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, CloseConnection, Message, Request, TextMessage


def echo(port: int, path: str, text: str, timeout: float = 10.0) -> str:
    """Connect to ws://127.0.0.1:port/path, send ``text``, return the first text reply."""
    ws = WSConnection(ConnectionType.CLIENT)
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(ws.send(Request(host=f"127.0.0.1:{port}", target=path)))
        accepted = False
        reply: list[str] = []
        while True:
            data = sock.recv(65536)
            if not data:
                raise ConnectionError("the server closed the connection")
            ws.receive_data(data)
            for event in ws.events():
                if isinstance(event, AcceptConnection):
                    accepted = True
                    sock.sendall(ws.send(TextMessage(data=text)))
                elif isinstance(event, TextMessage):
                    reply.append(event.data)
                    if event.message_finished:
                        sock.sendall(ws.send(CloseConnection(code=1000)))
                        return "".join(reply)
                elif isinstance(event, CloseConnection):
                    raise ConnectionError(f"closed before a reply (accepted={accepted})")
                elif isinstance(event, Message):
                    continue
