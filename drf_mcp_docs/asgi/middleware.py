"""The ASGI app that ``mount_mcp()`` returns: MCP at one path, everything else to the inner app.

This module imports only the standard library and anyio (through ``lifespan``), so the
mount wraps any ASGI app. Routing per scope:

    http, path == /mcp or under /mcp/  ->  MCP side (host/origin checked, lazily started)
    http, anything else                ->  inner app, scope untouched
    lifespan                           ->  lifespan state machine (serves both sides)
    websocket and any other type       ->  inner app, scope untouched
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING

from drf_mcp_docs.asgi.lifespan import Lifespan
from drf_mcp_docs.asgi.mcp_side import MCPSide, MCPUnavailable, State
from drf_mcp_docs.asgi.responses import (
    INTERNAL_ERROR,
    INVALID_REQUEST,
    ResponseGuard,
    send_json_error,
)
from drf_mcp_docs.asgi.types import ASGIApp, PageHandler, Receive, Scope, Send, SessionFactory
from drf_mcp_docs.text import quote

if TYPE_CHECKING:
    from drf_mcp_docs.asgi.hosts import HostPolicy

__all__ = ["MCPMount", "normalize_path"]

logger = logging.getLogger("drf_mcp_docs.asgi")


def normalize_path(path: str) -> str:
    """The mount path with exactly one leading and one trailing slash (``mcp`` -> ``/mcp/``)."""
    stripped = path.strip().strip("/")
    if not stripped:
        raise ValueError(f"the MCP mount path must not be the site root, got {quote(path)}")
    return f"/{stripped}/"


class MCPMount:
    """Serve MCP streamable HTTP at one path and pass every other scope to the wrapped app."""

    # Daphne passes the app through asgiref's guarantee_single_callable(), which reads
    # this flag first ("an ASGI 3 single callable, do not wrap it"). Without it, asgiref
    # would decide from ``app.__call__``, i.e. from the instance attribute set in
    # __init__ below; the flag keeps Daphne's answer independent of that trick.
    _asgi_single_callable = True

    def __init__(
        self,
        app: ASGIApp,
        *,
        path: str,
        session_factory: SessionFactory,
        host_policy: HostPolicy | None = None,
        shutdown_timeout: float = 10.0,
        max_request_body_size: int = 1024 * 1024,
        page: PageHandler | None = None,
    ) -> None:
        self.app = app
        self.page = page
        self.max_request_body_size = max_request_body_size
        self.path = normalize_path(path)
        self.side = MCPSide(session_factory, stop_timeout=shutdown_timeout)
        self.host_policy = host_policy
        self.shutdown_timeout = shutdown_timeout
        self._prefix = self.path  # "/mcp/"
        self._bare = self.path[:-1]  # "/mcp"
        self._bare_len = len(self._bare)
        self._lifespan = Lifespan(app, self.side, shutdown_timeout=shutdown_timeout)
        # ASGI servers recognise an ASGI 3 app by asking whether ``app.__call__`` is a
        # coroutine function (hypercorn on Python 3.10/3.11 accepts only a real async def).
        # This attribute answers them; calling ``app(...)`` uses the class's plain
        # ``__call__``, which hands a non-MCP scope the inner app's own awaitable without
        # a coroutine frame of the mount's (docs/benchmarks.md, "Why __call__ costs...").
        self.__call__ = self._route  # type: ignore[method-assign]

    def __repr__(self) -> str:
        return f"<MCPMount {self.path} -> {self.app!r}>"

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        """Route one ASGI scope: the inner app's own awaitable when the path cannot be ours."""
        try:
            if self._bare not in scope["path"]:
                return self.app(scope, receive, send)
        except KeyError:  # lifespan and other scopes without a path
            pass
        return self._route(scope, receive, send)

    async def _route(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Route one ASGI scope (see the module docstring)."""
        kind = scope["type"]
        if kind == "http":
            path: str = scope["path"]
            # One substring test settles almost every request: a path that does not
            # contain "/mcp" anywhere cannot be under the mount, whatever its root_path.
            if self._bare in path:
                start = 0
                root: str | None = scope.get("root_path")
                # Match the route path as Starlette's get_route_path does, without slicing.
                if root and path.startswith(root):
                    if path.startswith("/", len(root)):
                        start = len(root)
                    elif len(path) == len(root):
                        await self.app(scope, receive, send)
                        return
                rest = len(path) - start
                if path.startswith(self._prefix, start):
                    await self._serve_mcp(scope, receive, send, rest <= self._bare_len + 1)
                    return
                if rest == self._bare_len and path.startswith(self._bare, start):
                    await self._serve_mcp(scope, receive, send, True)
                    return
        elif kind == "lifespan":
            await self._lifespan(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def aclose(self) -> None:
        """Stop the MCP side if it runs (lifespan-less servers and tests; lifespan does it)."""
        await self.side.stop(self.shutdown_timeout)

    async def _serve_mcp(self, scope: Scope, receive: Receive, send: Send, endpoint: bool) -> None:
        """Answer one request under the mount: checks, lazy start, then the SDK."""
        policy = self.host_policy
        if policy is not None:
            rejection = policy.rejection(scope)
            if rejection is not None:
                await send_json_error(send, rejection[0], rejection[1], INVALID_REQUEST)
                return
        if not endpoint:
            message = f"Not found: the MCP endpoint is {self.path}"
            await send_json_error(send, 404, message, INVALID_REQUEST)
            return
        if (
            self.page is not None
            and scope["method"] == "GET"
            and await self.page(scope, receive, send)
        ):
            return  # a browser (Accept: text/html, no MCP session): the page for people
        side = self.side
        tracked = ResponseGuard(send)
        try:
            if side.state is not State.RUNNING:
                await side.ensure_running()
            if scope.get("method") == "GET":  # a stream: ended when the server shuts down
                with side.stream():
                    await side.handle(scope, receive, tracked)
                if side.draining and not tracked.started:  # ended before the SDK answered
                    raise MCPUnavailable(side.unavailable_reason())
            else:
                await side.handle(scope, receive, tracked)
        except MCPUnavailable as exc:
            # Not running (a failed or lazy start, or a shutdown under way): a 503 that
            # says why, unless the SDK had already begun to answer.
            if not tracked.started:
                await send_json_error(send, 503, str(exc), INTERNAL_ERROR)
                return
        except Exception:
            # A bug, here or in the SDK: logged with its traceback; the client gets the
            # JSON-RPC error body every failed MCP request carries, not a plain-text 500.
            logger.exception(
                "drf-mcp-docs: MCP request %s %s failed", scope.get("method"), scope.get("path")
            )
            if not tracked.started:
                message = "Internal error: the MCP endpoint failed; the server log has the cause"
                await send_json_error(send, 500, message, INTERNAL_ERROR)
                return
        if tracked.started and not tracked.finished:
            # An SSE stream cut off at shutdown (or by an error) returns mid-response:
            # end it cleanly.
            with contextlib.suppress(OSError):
                await send({"type": "http.response.body", "body": b"", "more_body": False})
