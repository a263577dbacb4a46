"""The MCP side's lifecycle (an explicit state machine) and the ASGI lifespan protocol.

``MCPSide`` runs one fresh SDK session manager per run, owned by one background task
that enters and exits the manager's ``run()`` context. It is started either by the
server's ``lifespan.startup`` (``Lifespan``) or, when no lifespan arrives (Daphne,
Channels, ``--lifespan off``), by the first MCP request (``ensure_running``).

    idle -> starting -> running -> stopping -> stopped
               |                       |
               +------> failed <-------+        stopped, failed -> starting: the next run

Imports only the standard library and anyio.
"""

from __future__ import annotations

import asyncio
import contextvars
import enum
import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any, TypeAlias

import anyio
import anyio.abc

if TYPE_CHECKING:
    from drf_mcp_docs.asgi.middleware import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "IllegalTransition",
    "Lifespan",
    "MCPSide",
    "MCPUnavailable",
    "SessionFactory",
    "State",
]

logger = logging.getLogger("drf_mcp_docs.asgi")

#: Returns a new ``(handle_request, run_context)`` pair: one SDK session manager per run.
SessionFactory: TypeAlias = "Callable[[], tuple[ASGIApp, AbstractAsyncContextManager[Any]]]"

NO_LIFESPAN_FIX = (
    "forward 'lifespan' scopes to the app returned by mount_mcp(), or run the server "
    "under asyncio (see docs/asgi-integration.md)"
)


class State(enum.Enum):
    """Where the MCP side is in its lifecycle."""

    IDLE = "idle"
    STARTING = "starting"
    RUNNING = "running"
    STOPPING = "stopping"
    STOPPED = "stopped"
    FAILED = "failed"


#: Every legal transition; anything else is a bug and raises ``IllegalTransition``.
TRANSITIONS: dict[State, frozenset[State]] = {
    State.IDLE: frozenset({State.STARTING}),
    State.STARTING: frozenset({State.RUNNING, State.FAILED}),
    State.RUNNING: frozenset({State.STOPPING}),
    State.STOPPING: frozenset({State.STOPPED, State.FAILED}),
    State.STOPPED: frozenset({State.STARTING}),
    State.FAILED: frozenset({State.STARTING}),
}


class IllegalTransition(RuntimeError):
    """A lifecycle transition that the state machine does not allow."""


class MCPUnavailable(Exception):
    """The MCP side cannot serve this request; the message says why and what to do."""


async def _not_running(scope: Scope, receive: Receive, send: Send) -> None:
    raise MCPUnavailable("the MCP endpoint is not running")


def _asyncio_loop() -> asyncio.AbstractEventLoop:
    """The running asyncio loop; RuntimeError under another event loop (e.g. trio)."""
    return asyncio.get_running_loop()


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class MCPSide:
    """The MCP half of the mount: one session manager per run, owned by one task."""

    def __init__(self, factory: SessionFactory) -> None:
        self._factory = factory
        self.state = State.IDLE
        #: The running manager's ``handle_request``; raises ``MCPUnavailable`` otherwise.
        self.handle: ASGIApp = _not_running
        #: How many runs were attempted (each one a fresh session manager).
        self.starts = 0
        self.error: str | None = None
        self._ready = anyio.Event()
        self._stop = anyio.Event()
        self._done = anyio.Event()
        self._owner_scope: anyio.CancelScope | None = None
        self._lazy_task: asyncio.Task[None] | None = None

    def _to(self, new: State) -> None:
        if new not in TRANSITIONS[self.state]:
            raise IllegalTransition(f"MCP side cannot go from {self.state.value} to {new.value}")
        logger.debug("MCP side: %s -> %s", self.state.value, new.value)
        self.state = new

    def _begin(self) -> tuple[ASGIApp, AbstractAsyncContextManager[Any]] | None:
        """Enter STARTING with fresh events and a fresh manager (None if the factory failed)."""
        self._to(State.STARTING)
        self.starts += 1
        self.error = None
        self._ready, self._stop, self._done = anyio.Event(), anyio.Event(), anyio.Event()
        try:
            return self._factory()
        except Exception as exc:
            self._fail(_describe(exc), exc)
            return None

    def _fail(self, cause: str, exc: BaseException | None = None) -> None:
        self.error = f"the MCP side failed to start ({cause})"
        logger.error("drf-mcp-docs: %s", self.error, exc_info=exc)
        self._to(State.FAILED)
        self._ready.set()
        self._done.set()

    async def _own(self, handle: ASGIApp, run: AbstractAsyncContextManager[Any]) -> None:
        """Enter and exit the manager's run() in this one task; live until asked to stop."""
        exit_error: Exception | None = None
        try:
            with anyio.CancelScope() as self._owner_scope:
                async with run:
                    self.handle = handle
                    self._to(State.RUNNING)
                    self._ready.set()
                    try:
                        await self._stop.wait()
                    finally:
                        self.handle = _not_running
                        self._to(State.STOPPING)
        except Exception as exc:
            if self.state is State.STARTING:
                self._fail(_describe(exc), exc)
                return
            exit_error = exc
        finally:
            if self.state is State.STARTING:  # cancelled before the manager was up
                self._fail("cancelled while starting")
            elif self.state is State.STOPPING:
                if exit_error is not None:
                    self.error = f"the MCP side failed to stop ({_describe(exit_error)})"
                    logger.error("drf-mcp-docs: %s", self.error, exc_info=exit_error)
                self._to(State.STOPPED if exit_error is None else State.FAILED)
            self._done.set()

    async def start(self, task_group: anyio.abc.TaskGroup) -> None:
        """Start a run whose owner task lives in ``task_group``; raise if it fails."""
        pair = self._begin()
        if pair is not None:
            task_group.start_soon(self._own, *pair)
            await self._ready.wait()
        if self.state is not State.RUNNING:
            raise MCPUnavailable(self.error)

    async def ensure_running(self) -> None:
        """Start lazily, exactly once for any number of concurrent callers; raise if down."""
        if self.state is State.RUNNING:
            return
        if self.state in (State.IDLE, State.STOPPED, State.FAILED):
            try:
                loop = _asyncio_loop()
            except RuntimeError:
                raise MCPUnavailable(
                    "the MCP endpoint is not running: the server sent no lifespan events to "
                    "the mount and a lazy start needs asyncio; " + NO_LIFESPAN_FIX
                ) from None
            pair = self._begin()
            if pair is not None:
                logger.info("drf-mcp-docs: no lifespan events seen; starting MCP on first request")
                # A bare context: the owner must not inherit this request's context vars.
                coro = self._own(*pair)
                self._lazy_task = contextvars.Context().run(loop.create_task, coro)
        if self.state is State.STARTING:
            await self._ready.wait()
        if self.state is not State.RUNNING:
            raise MCPUnavailable(self.unavailable_reason())

    def unavailable_reason(self) -> str:
        """Why a request cannot be served right now (for a 503 body)."""
        if self.state is State.FAILED and self.error:
            return f"the MCP endpoint is unavailable: {self.error}; the next request retries"
        if self.state in (State.STOPPING, State.STOPPED):
            return "the MCP endpoint is shutting down"
        return f"the MCP endpoint is not ready ({self.state.value}); " + NO_LIFESPAN_FIX

    async def stop(self, timeout: float) -> None:
        """End the run: let the manager close, cancel it after ``timeout``; raise on error."""
        if self.state is State.STARTING:
            await self._ready.wait()
        if self.state is not State.RUNNING:
            return
        self._stop.set()
        with anyio.move_on_after(max(timeout, 0.0)):
            await self._done.wait()
        if not self._done.is_set():
            logger.warning("drf-mcp-docs: MCP side did not stop in %.2gs; cancelling it", timeout)
            if self._owner_scope is not None:
                self._owner_scope.cancel()
            await self._done.wait()
        self._lazy_task = None
        if self.state is State.FAILED:
            raise MCPUnavailable(self.error)


class _Phase(enum.Enum):
    """How the inner app answered one lifespan phase."""

    PENDING = "pending"
    COMPLETE = "complete"
    FAILED = "failed"
    ABSENT = "absent"  # no lifespan support: raised or returned before answering


class _InnerLifespan:
    """Runs the inner app's lifespan over proxied receive/send and records its answers."""

    def __init__(self, app: ASGIApp, scope: Scope) -> None:
        self._app = app
        self._scope = scope
        self._received = 0
        self.startup = self.shutdown = _Phase.PENDING
        self.startup_message = self.shutdown_message = ""
        self.started = anyio.Event()
        self.stopped = anyio.Event()
        self._shutdown_requested = anyio.Event()

    async def receive(self) -> Message:
        self._received += 1
        if self._received == 1:
            return {"type": "lifespan.startup"}
        if self._received == 2:
            await self._shutdown_requested.wait()
            return {"type": "lifespan.shutdown"}
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    async def send(self, message: Message) -> None:
        kind = message["type"]
        text = str(message.get("message", ""))
        if self.startup is _Phase.PENDING and kind.startswith("lifespan.startup."):
            self.startup, self.startup_message = self._outcome(kind), text
            self.started.set()
        elif self._shutdown_requested.is_set() and kind.startswith("lifespan.shutdown."):
            self.shutdown, self.shutdown_message = self._outcome(kind), text
            self.stopped.set()
        else:
            raise RuntimeError(f"unexpected ASGI lifespan message from the inner app: {kind!r}")

    @staticmethod
    def _outcome(kind: str) -> _Phase:
        if kind.endswith(".complete"):
            return _Phase.COMPLETE
        if kind.endswith(".failed"):
            return _Phase.FAILED
        raise RuntimeError(f"unexpected ASGI lifespan message from the inner app: {kind!r}")

    async def run(self) -> None:
        """Call the inner app with the lifespan scope; never raises."""
        try:
            await self._app(self._scope, self.receive, self.send)
        except Exception as exc:
            if self.startup is _Phase.PENDING and self._received == 0:
                self.startup, self.startup_message = _Phase.ABSENT, _describe(exc)
            elif self.startup is _Phase.PENDING:
                logger.error("drf-mcp-docs: the inner app's lifespan startup raised", exc_info=exc)
                self.startup, self.startup_message = _Phase.FAILED, f"raised {_describe(exc)}"
            else:
                logger.error("drf-mcp-docs: the inner app's lifespan raised", exc_info=exc)
                self.shutdown, self.shutdown_message = _Phase.FAILED, f"raised {_describe(exc)}"
        finally:
            if self.startup is _Phase.PENDING:  # returned without answering
                self.startup = _Phase.ABSENT
            if self.shutdown is _Phase.PENDING:  # returned: nothing left to shut down
                self.shutdown = _Phase.COMPLETE
            self.started.set()
            self.stopped.set()

    def request_shutdown(self) -> None:
        """Let the inner app's next receive() return ``lifespan.shutdown``."""
        self._shutdown_requested.set()


class Lifespan:
    """Serves one ASGI lifespan scope for both sides: the MCP side and the inner app."""

    def __init__(self, app: ASGIApp, side: MCPSide, *, shutdown_timeout: float) -> None:
        self._app = app
        self._side = side
        self._shutdown_timeout = shutdown_timeout
        self._logged_absent = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run startup, wait for the server's shutdown, run shutdown."""
        message = await receive()
        if message["type"] != "lifespan.startup":
            return
        reply: Message | None = None
        async with anyio.create_task_group() as tg:
            inner = _InnerLifespan(self._app, scope)
            tg.start_soon(inner.run)
            if await self._startup(tg, inner, send):
                await receive()  # lifespan.shutdown
                reply = await self._shutdown(inner)
            tg.cancel_scope.cancel()  # an inner lifespan that outlived its timeout
        if reply is not None:
            # Last, with every task already ended: some servers (hypercorn) cancel the
            # lifespan task as soon as they read the shutdown reply.
            await send(reply)

    async def _startup(self, tg: anyio.abc.TaskGroup, inner: _InnerLifespan, send: Send) -> bool:
        failures: list[str] = []
        mcp_started = False
        try:
            await self._side.start(tg)
            mcp_started = True
        except (MCPUnavailable, IllegalTransition) as exc:
            failures.append(str(exc))
        await inner.started.wait()
        if inner.startup is _Phase.ABSENT and not self._logged_absent:
            self._logged_absent = True
            logger.debug(
                "drf-mcp-docs: the inner app has no lifespan support (%s); serving it without one",
                inner.startup_message or "it returned without answering",
            )
        elif inner.startup is _Phase.FAILED:
            failures.append(f"the inner app's startup failed: {inner.startup_message}")
        if not failures:
            await send({"type": "lifespan.startup.complete"})
            return True
        # Undo whichever side did come up before reporting the failure.
        if inner.startup is _Phase.COMPLETE:
            await self._stop_inner(inner, anyio.current_time() + self._shutdown_timeout)
        if mcp_started:
            try:
                await self._side.stop(self._shutdown_timeout)
            except MCPUnavailable as exc:
                failures.append(str(exc))
        await send({"type": "lifespan.startup.failed", "message": "; ".join(failures)})
        return False

    async def _stop_inner(self, inner: _InnerLifespan, deadline: float) -> str | None:
        """Forward shutdown to the inner app and wait until ``deadline``; the failure, if any."""
        inner.request_shutdown()
        with anyio.move_on_at(deadline):
            await inner.stopped.wait()
        if not inner.stopped.is_set():
            return (
                f"the inner app did not finish its lifespan shutdown within "
                f"{self._shutdown_timeout:g}s"
            )
        if inner.shutdown is _Phase.FAILED:
            return f"the inner app's shutdown failed: {inner.shutdown_message}"
        return None

    async def _shutdown(self, inner: _InnerLifespan) -> Message:
        """Stop the inner app, then the MCP side; the reply for the server."""
        deadline = anyio.current_time() + self._shutdown_timeout
        failures: list[str] = []
        inner_failure = await self._stop_inner(inner, deadline)
        if inner_failure is not None:
            failures.append(inner_failure)
        try:
            await self._side.stop(deadline - anyio.current_time())
        except MCPUnavailable as exc:
            failures.append(str(exc))
        if failures:
            message = "; ".join(failures)
            logger.error("drf-mcp-docs: lifespan shutdown failed: %s", message)
            return {"type": "lifespan.shutdown.failed", "message": message}
        return {"type": "lifespan.shutdown.complete"}
