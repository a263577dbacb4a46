"""``manage.py runmcpserver``: serve the API docs over MCP without mounting them.

``--transport stdio`` is for local agents that start the server themselves;
``--transport streamable-http`` serves HTTP for WSGI projects (or a separate process).
"""

from __future__ import annotations

import contextlib
import socket
from argparse import ArgumentTypeError
from typing import Any

import anyio
from django.core.management.base import BaseCommand, CommandError, CommandParser

from drf_mcp_docs.asgi.types import Receive, Scope, Send
from drf_mcp_docs.conf import TRANSPORTS, conf


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise ArgumentTypeError(f"must be a number from 1 to 65535, got {value!r}") from None
    if not 0 < port < 65536:
        raise ArgumentTypeError(f"must be a number from 1 to 65535, got {port}")
    return port


def _path(value: str) -> str:
    from drf_mcp_docs.asgi.middleware import normalize_path

    if not value.strip() or any(c in value.strip() for c in "?# "):
        raise ArgumentTypeError(f"must be a URL path such as /mcp/, got {value!r}")
    try:
        return normalize_path(value)
    except ValueError as exc:
        raise ArgumentTypeError(str(exc)) from None


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a one-line :class:`CommandError` naming the problem."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise CommandError(f"cannot resolve --host {host!r}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise CommandError(
                f"port {port} on {host} is already in use; stop the other server or pick "
                "another with --port"
            ) from None
        raise CommandError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


class Command(BaseCommand):
    help = "Serve this project's API documentation to AI agents over MCP (stdio or HTTP)."
    requires_system_checks = ["compatibility"]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--transport",
            choices=TRANSPORTS,
            default=None,
            help="stdio (for local agents) or streamable-http; default: the TRANSPORT setting.",
        )
        parser.add_argument("--host", default="127.0.0.1", help="HTTP host (default 127.0.0.1).")
        parser.add_argument("--port", type=_port, default=8000, help="HTTP port (default 8000).")
        parser.add_argument(
            "--path", type=_path, default=None, help="HTTP path; default: MCP_ENDPOINT setting."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from drf_mcp_docs.server import get_mcp_server

        transport = options["transport"] or conf.TRANSPORT
        if transport not in TRANSPORTS:
            raise CommandError(f"unknown transport {transport!r}; use stdio or streamable-http")
        server = get_mcp_server()
        with contextlib.suppress(KeyboardInterrupt):
            if transport == "stdio":
                anyio.run(server.run_stdio_async)
            else:
                self.serve_http(server, options["host"], options["port"], options["path"])

    def serve_http(self, server: Any, host: str, port: int, path: str | None) -> None:
        sock = bind(host, port)
        import uvicorn

        from drf_mcp_docs.urls import mount_mcp

        path = path or conf.MCP_ENDPOINT
        app = mount_mcp(_not_found, mcp=server, path=path)
        config = uvicorn.Config(app, lifespan="on", log_level="warning", access_log=False)
        shown = f"[{host}]" if ":" in host else host
        bound_port = sock.getsockname()[1]
        self.stdout.write(f"MCP server at http://{shown}:{bound_port}{app.path} (Ctrl-C to stop)")
        self.stdout.flush()
        uvicorn.Server(config).run(sockets=[sock])


async def _not_found(scope: Scope, receive: Receive, send: Send) -> None:
    """The inner app of the standalone server: everything but the MCP path is a 404."""
    if scope["type"] == "lifespan":
        message = await receive()
        while message["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
            message = await receive()
        await send({"type": "lifespan.shutdown.complete"})
        return
    if scope["type"] != "http":
        return
    body = b'{"detail":"Not found. The MCP endpoint is served at its configured path."}'
    await send(
        {
            "type": "http.response.start",
            "status": 404,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})
