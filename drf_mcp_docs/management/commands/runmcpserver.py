"""``manage.py runmcpserver``: serve the API docs over MCP without mounting them.

``--transport stdio`` is for local agents that start the server themselves;
``--transport streamable-http`` serves HTTP for WSGI projects (or a separate process).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import stat
import sys
import threading
from argparse import ArgumentTypeError
from typing import Any

import anyio
from django.core.management.base import BaseCommand, CommandError, CommandParser

from drf_mcp_docs.asgi.types import Receive, Scope, Send
from drf_mcp_docs.conf import TRANSPORTS, conf
from drf_mcp_docs.text import clip, quote


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise ArgumentTypeError(f"must be a number from 1 to 65535, got {quote(value)}") from None
    if not 0 < port < 65536:
        raise ArgumentTypeError(f"must be a number from 1 to 65535, got {clip(value)}")
    return port


def _path(value: str) -> str:
    from drf_mcp_docs.asgi.middleware import normalize_path

    if not value.strip() or any(c in value.strip() for c in "?# "):
        raise ArgumentTypeError(f"must be a URL path such as /mcp/, got {quote(value)}")
    try:
        return normalize_path(value)
    except ValueError as exc:
        raise ArgumentTypeError(str(exc)) from None


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a one-line :class:`CommandError` naming the problem."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise CommandError(f"cannot resolve --host {quote(host)}: {exc.strerror}") from None
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


def stdin_is_pipe() -> bool:
    """Whether stdin is a pipe or socket pair, as when an MCP client started this command
    (Node.js clients such as the MCP Inspector use socket pairs)."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
        return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)
    except (AttributeError, OSError, ValueError):
        return False


#: Printed when HTTP is served by default to a process that looks like an MCP client.
SPAWNED_HINT = (
    "runmcpserver: serving streamable HTTP (the TRANSPORT setting) but standard input is a "
    "pipe, as when an MCP client starts this command; a stdio client needs --transport stdio "
    "(with the MCP Inspector, put it after `--`). This server stops when that pipe closes."
)


class Command(BaseCommand):
    help = "Serve this project's API documentation to AI agents over MCP (stdio or HTTP)."
    requires_system_checks = ["compatibility"]

    def get_version(self) -> str:
        """``--version``: this package's version (Django's own comes after it)."""
        import django

        from drf_mcp_docs.version import __version__

        return f"drf-mcp-docs {__version__} (Django {django.get_version()})"

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
            raise CommandError(
                f"unknown transport {quote(transport)}; use stdio or streamable-http"
            )
        server = get_mcp_server()
        # An MCP client that starts this command talks over a pipe; with no --transport it
        # would get HTTP it never reads (e.g. the Inspector taking --transport as its own).
        spawned = options["transport"] is None and transport != "stdio" and stdin_is_pipe()
        if spawned:
            self.stderr.write(SPAWNED_HINT)
        with contextlib.suppress(KeyboardInterrupt):
            if transport == "stdio":
                _exit_on_sigint()
                anyio.run(server.run_stdio_async)
            else:
                self.serve_http(server, options["host"], options["port"], options["path"], spawned)

    def serve_http(
        self, server: Any, host: str, port: int, path: str | None, spawned: bool = False
    ) -> None:
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
        http = uvicorn.Server(config)
        if spawned:
            threading.Thread(target=_exit_on_eof, args=(http,), daemon=True).start()
        http.run(sockets=[sock])


def _exit_on_sigint() -> None:
    """Ctrl-C ends a stdio server at once (status 0). Its stdin reader is a thread blocked in
    read(), which no cancellation reaches: a graceful stop would wait for the next input
    line. The server is read-only, so there is nothing to finish."""

    def stop(signum: int, frame: Any) -> None:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(0)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, stop)


def _exit_on_eof(http: Any) -> None:
    """Stop the HTTP server once the pipe on stdin closes (the client that started it left)."""
    with contextlib.suppress(OSError, ValueError):
        fd = sys.stdin.fileno()
        while os.read(fd, 65536):
            pass
    http.should_exit = True


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
