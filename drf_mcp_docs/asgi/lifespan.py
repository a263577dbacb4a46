"""The ASGI lifespan protocol, served for both sides of the mount.

One lifespan scope from the server drives two things: the MCP side (``asgi/mcp_side.py``)
and the inner app's own lifespan, which gets the same scope (and so the same ``state``
dict) over proxied receive/send channels. Read top to bottom:

1. ``Lifespan.__call__``: wait for ``lifespan.startup``; start both sides; reply
   ``startup.complete`` only when both are up (else ``startup.failed`` and undo);
   wait for ``lifespan.shutdown``; end the MCP side's open streams; stop the inner app,
   then the MCP side, within one deadline; reply ``shutdown.complete`` or
   ``shutdown.failed``.
2. ``_InnerLifespan``: the inner app's side of the conversation, and how each of its
   possible answers is read (complete, failed, or "no lifespan support": Django's
   ``ASGIHandler`` and Channels' ``ProtocolTypeRouter`` raise on a lifespan scope).

Imports only the standard library and anyio.
"""

from __future__ import annotations

import enum
import logging

import anyio
import anyio.abc

from drf_mcp_docs.asgi.mcp_side import IllegalTransition, MCPSide, MCPUnavailable, describe_error
from drf_mcp_docs.asgi.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["Lifespan"]

logger = logging.getLogger("drf_mcp_docs.asgi")


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
        # This task group owns both sides for the whole run: the inner app's lifespan call
        # and the MCP side's owner task (``MCPSide.start`` puts it here).
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
        """Start both sides; reply to the server; True if both are up."""
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

    async def _shutdown(self, inner: _InnerLifespan) -> Message:
        """Stop the inner app, then the MCP side, in one deadline; the reply for the server."""
        deadline = anyio.current_time() + self._shutdown_timeout
        failures: list[str] = []
        self._side.close_streams()  # no open stream may hold the server's exit
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


class _Phase(enum.Enum):
    """How the inner app answered one lifespan phase."""

    PENDING = "pending"
    COMPLETE = "complete"
    FAILED = "failed"
    ABSENT = "absent"  # no lifespan support: raised or returned before answering


class _InnerLifespan:
    """The inner app's lifespan call over proxied receive/send, and its recorded answers.

    The inner app sees a server that sends ``lifespan.startup`` at once and
    ``lifespan.shutdown`` when ``request_shutdown()`` is called. ``started`` and
    ``stopped`` are set when it answered the phase, or when it can no longer answer.
    """

    def __init__(self, app: ASGIApp, scope: Scope) -> None:
        self._app = app
        self._scope = scope
        self._received = 0
        self.startup = self.shutdown = _Phase.PENDING
        self.startup_message = self.shutdown_message = ""
        self.started = anyio.Event()
        self.stopped = anyio.Event()
        self._shutdown_requested = anyio.Event()

    async def run(self) -> None:
        """Call the inner app with the lifespan scope; never raises."""
        try:
            await self._app(self._scope, self.receive, self.send)
        except Exception as exc:
            self._raised(exc)
        finally:  # returned, raised or cancelled: no answer can come any more
            if self.startup is _Phase.PENDING:  # returned without answering
                self.startup = _Phase.ABSENT
            if self.shutdown is _Phase.PENDING:  # returned: nothing left to shut down
                self.shutdown = _Phase.COMPLETE
            self.started.set()
            self.stopped.set()

    def _raised(self, exc: Exception) -> None:
        """Read an exception by when it came: before the app read anything, it has no
        lifespan support (Django, Channels); during startup or later, that phase failed."""
        if self.startup is _Phase.PENDING and self._received == 0:
            self.startup, self.startup_message = _Phase.ABSENT, describe_error(exc)
        elif self.startup is _Phase.PENDING:
            logger.error("drf-mcp-docs: the inner app's lifespan startup raised", exc_info=exc)
            self.startup, self.startup_message = _Phase.FAILED, f"raised {describe_error(exc)}"
        else:
            logger.error("drf-mcp-docs: the inner app's lifespan raised", exc_info=exc)
            self.shutdown, self.shutdown_message = _Phase.FAILED, f"raised {describe_error(exc)}"

    def request_shutdown(self) -> None:
        """Let the inner app's next receive() return ``lifespan.shutdown``."""
        self._shutdown_requested.set()

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
