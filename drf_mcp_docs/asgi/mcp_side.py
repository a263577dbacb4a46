"""The MCP side's lifecycle: one SDK session manager per run, as an explicit state machine.

Read top to bottom: the states and their legal transitions, then ``MCPSide``, whose public
methods come first (``handle``, ``start``, ``ensure_running``, ``stop``) and whose one
owner task (``_own``) makes every transition after ``starting``.

    idle -> starting -> running -> stopping -> stopped
               |                       |
               +------> failed <-------+        stopped, failed -> starting: the next run

A run is started by one of two callers, never both:

* the ASGI lifespan (``asgi/lifespan.py``) calls ``start(task_group)``: the owner task
  lives in the lifespan's task group;
* without lifespan events (Daphne, Channels, ``--lifespan off``) the first MCP request calls
  ``ensure_running()``: the owner task is a bare asyncio task that lives until ``stop()``
  (under Daphne, Twisted's "before shutdown" event calls it) or until its event loop shuts
  down (which cancels it; ``_own`` then settles the state).

Open streams (``GET`` requests, served inside ``stream()``) end when the server begins to
shut down (``close_streams``): on SIGTERM/SIGINT (``asgi/exits.py``), at
``lifespan.shutdown`` and in ``stop()``. A server that waits for open responses before
its lifespan shutdown (granian) would otherwise wait for a client that never leaves.

Imports only the standard library and anyio.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import enum
import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager
from typing import Any

import anyio
import anyio.abc

from drf_mcp_docs.asgi.exits import watch_reactor, watch_signals
from drf_mcp_docs.asgi.types import ASGIApp, Receive, Scope, Send, SessionFactory

__all__ = [
    "NO_LIFESPAN_FIX",
    "TRANSITIONS",
    "IllegalTransition",
    "MCPSide",
    "MCPUnavailable",
    "State",
    "describe_error",
]

logger = logging.getLogger("drf_mcp_docs.asgi")

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


class MCPSide:
    """The MCP half of the mount: one session manager per run, owned by one task."""

    def __init__(self, factory: SessionFactory, stop_timeout: float = 10.0) -> None:
        # The SDK's session manager can run only once, so every run asks the factory for
        # a fresh (handle_request, run_context) pair: a second lifespan cycle in the same
        # process (tests, an in-process reload) or a lazy restart gets a new manager.
        self._factory = factory
        self.state = State.IDLE
        #: The running manager's ``handle_request``; raises ``MCPUnavailable`` otherwise.
        self.handle: ASGIApp = _not_running
        #: How many runs were attempted (each one a fresh session manager).
        self.starts = 0
        self.error: str | None = None
        self._ready = anyio.Event()  # set when the run is RUNNING or FAILED
        self._stop = anyio.Event()  # set by stop(): the owner task leaves run()
        self._done = anyio.Event()  # set when the owner task has settled the state
        self._owner_scope: anyio.CancelScope | None = None
        # asyncio keeps only a weak reference to a task: without this strong one, the lazy
        # owner task could be garbage-collected while it still holds the manager open.
        self._lazy_task: asyncio.Task[None] | None = None
        #: How long a stop the server's exit path asks for (Daphne) may take.
        self.stop_timeout = stop_timeout
        #: True once the server began to shut down: no new stream is opened.
        self.draining = False
        self._streams: set[anyio.CancelScope] = set()
        self._lazy = False  # this run was started by a request, not by the lifespan

    # -- public: what the middleware and the lifespan call --------------------------------

    async def start(self, task_group: anyio.abc.TaskGroup) -> None:
        """Start a run whose owner task lives in ``task_group``; raise if it fails."""
        pair = self._begin()
        self._lazy = False
        if pair is not None:
            task_group.start_soon(self._own, *pair)
            await self._ready.wait()
        if self._now() is not State.RUNNING:
            raise MCPUnavailable(self.error)

    async def ensure_running(self) -> None:
        """Start lazily, exactly once for any number of concurrent callers; raise if down."""
        if self.state is State.RUNNING:
            return
        if self.state in (State.IDLE, State.STOPPED, State.FAILED):
            self._start_lazily()  # the first caller moves the state to STARTING (or FAILED)
        if self._now() is State.STARTING:  # every caller, the first included, waits here
            await self._ready.wait()
        if self._now() is not State.RUNNING:
            raise MCPUnavailable(self.unavailable_reason())

    def unavailable_reason(self) -> str:
        """Why a request cannot be served right now (for a 503 body)."""
        if self.state is State.FAILED and self.error:
            return f"the MCP endpoint is unavailable: {self.error}; the next request retries"
        if self.draining or self.state in (State.STOPPING, State.STOPPED):
            return "the MCP endpoint is shutting down"
        return f"the MCP endpoint is not ready ({self.state.value}); " + NO_LIFESPAN_FIX

    @contextlib.contextmanager
    def stream(self) -> Iterator[None]:
        """Serve one open stream (a GET) in here: ``close_streams`` ends it."""
        if self.draining:
            raise MCPUnavailable(self.unavailable_reason())
        with anyio.CancelScope() as scope:
            self._streams.add(scope)
            try:
                yield
            finally:
                self._streams.discard(scope)

    def close_streams(self) -> None:
        """The server is shutting down: end every open stream and refuse new ones."""
        if self.draining:
            return
        self.draining = True
        if self._streams:
            logger.info(
                "drf-mcp-docs: the server is shutting down; ending %d open MCP stream(s)",
                len(self._streams),
            )
        for scope in list(self._streams):
            scope.cancel()

    async def stop(self, timeout: float) -> None:
        """End the run: let the manager close, cancel it after ``timeout``; raise on error."""
        if self.state is State.STARTING:
            await self._ready.wait()
        if self.state is not State.RUNNING:
            return
        self.close_streams()
        self._stop.set()
        with anyio.move_on_after(max(timeout, 0.0)):
            await self._done.wait()
        if not self._done.is_set():
            logger.warning("drf-mcp-docs: MCP side did not stop in %.2gs; cancelling it", timeout)
            if self._owner_scope is not None:
                self._owner_scope.cancel()
            await self._done.wait()
        self._lazy_task = None
        if self._now() is State.FAILED:
            raise MCPUnavailable(self.error)

    # -- one run: begin, own, settle -------------------------------------------------------

    def _now(self) -> State:
        """The state now (a call: other tasks move it while this one awaits)."""
        return self.state

    def _start_lazily(self) -> None:
        """Begin a run owned by a new asyncio task (no lifespan task group to own it)."""
        try:
            loop = _asyncio_loop()
        except RuntimeError:
            raise MCPUnavailable(
                "the MCP endpoint is not running: the server sent no lifespan events to "
                "the mount and a lazy start needs asyncio; " + NO_LIFESPAN_FIX
            ) from None
        pair = self._begin()
        self._lazy = True
        if pair is None:
            return
        logger.info("drf-mcp-docs: no lifespan events seen; starting MCP on first request")
        # A bare context: the owner must not inherit the first request's context vars.
        coro = self._own(*pair)
        self._lazy_task = contextvars.Context().run(loop.create_task, coro)

    def _begin(self) -> tuple[ASGIApp, AbstractAsyncContextManager[Any]] | None:
        """Enter STARTING with fresh events and a fresh manager (None if the factory failed)."""
        self._to(State.STARTING)
        self.starts += 1
        self.error = None
        self.draining = False
        self._ready, self._stop, self._done = anyio.Event(), anyio.Event(), anyio.Event()
        try:
            return self._factory()
        except Exception as exc:
            self._fail(describe_error(exc), exc)
            return None

    async def _own(self, handle: ASGIApp, run: AbstractAsyncContextManager[Any]) -> None:
        """The owner task: enter the manager's run(), serve until stop(), exit run().

        The SDK requires entering and exiting run() in the same task (it holds an anyio
        task group), hence one owner task per run. This task alone moves the state on:
        STARTING -> RUNNING once run() is entered, RUNNING -> STOPPING when asked to stop,
        and ``_settle`` decides the end state whatever way the task ends.
        """
        error: Exception | None = None
        undo: list[Callable[[], None]] = []
        try:
            with anyio.CancelScope() as self._owner_scope:  # stop() cancels it on timeout
                async with run:
                    self.handle = handle
                    self._to(State.RUNNING)
                    undo = self._watch_exit()
                    self._ready.set()
                    try:
                        await self._stop.wait()
                    finally:  # asked to stop, or cancelled from outside
                        self.handle = _not_running
                        self._to(State.STOPPING)
                        self.close_streams()
        except Exception as exc:
            error = exc
        finally:
            for step in undo:
                step()
            # Reached on every exit, including a cancellation from outside (the lifespan's
            # task group, or asyncio.run() cancelling the lazy task at loop shutdown).
            self._settle(error)

    def _watch_exit(self) -> list[Callable[[], None]]:
        """Hook the server's exit path (asyncio only): its stop signals, and Twisted's
        shutdown for a lazy run (Daphne sends no lifespan.shutdown to stop it)."""
        try:
            loop = _asyncio_loop()
        except RuntimeError:
            return []  # another event loop: its server's lifespan shutdown ends the run
        undo = [watch_signals(loop, self.close_streams)]
        if self._lazy:
            undo.append(watch_reactor(loop, self._stop_for_reactor))
        return [step for step in undo if step is not None]

    async def _stop_for_reactor(self) -> None:
        """Twisted's reactor is shutting down: end this run before the loop stops."""
        try:
            await self.stop(self.stop_timeout)
        except MCPUnavailable as exc:
            logger.warning("drf-mcp-docs: %s", exc)

    def _settle(self, error: Exception | None) -> None:
        """The end of a run: STARTING -> FAILED, or STOPPING -> STOPPED / FAILED."""
        if self.state is State.STARTING:  # run() never came up: it raised, or cancelled
            cause = describe_error(error) if error is not None else "cancelled while starting"
            self._fail(cause, error)
        elif self.state is State.STOPPING:
            if error is None:
                self._to(State.STOPPED)
            else:
                self.error = f"the MCP side failed to stop ({describe_error(error)})"
                logger.error("drf-mcp-docs: %s", self.error, exc_info=error)
                self._to(State.FAILED)
        self._done.set()

    def _fail(self, cause: str, exc: BaseException | None = None) -> None:
        self.error = f"the MCP side failed to start ({cause})"
        logger.error("drf-mcp-docs: %s", self.error, exc_info=exc)
        self._to(State.FAILED)
        self._ready.set()
        self._done.set()

    def _to(self, new: State) -> None:
        if new not in TRANSITIONS[self.state]:
            raise IllegalTransition(f"MCP side cannot go from {self.state.value} to {new.value}")
        logger.debug("MCP side: %s -> %s", self.state.value, new.value)
        self.state = new


async def _not_running(scope: Scope, receive: Receive, send: Send) -> None:
    raise MCPUnavailable("the MCP endpoint is not running")


def _asyncio_loop() -> asyncio.AbstractEventLoop:
    """The running asyncio loop; RuntimeError under another event loop (e.g. trio)."""
    return asyncio.get_running_loop()


def describe_error(exc: BaseException) -> str:
    """``Type: message`` (or the type alone) for logs and error replies."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
