"""Learn when the server begins to shut down, whatever the server.

The MCP side must end its open streams (a session's standalone ``GET`` stream stays open
as long as the client keeps it) when the server begins to shut down, not when the server
is done waiting for them: granian waits for every open response before it sends
``lifespan.shutdown`` and tells the app nothing (no ``http.disconnect``), and Daphne sends
no lifespan events at all. Two hooks cover every server:

* ``watch_signals``: SIGTERM and SIGINT, the signals every server stops on. The server's
  own handler stays in charge: ours is chained in front of it (``signal.signal`` with the
  previous Python-level handler called after ours), so the server's loop still sees the
  signal as before. Only in the main thread (where Python runs signal handlers) and only
  over a handler the server installed (a default action kills the process anyway).
* ``watch_reactor``: Twisted's "before shutdown" system event, when Twisted's reactor
  (Daphne's) runs on this asyncio loop. Twisted is never imported here: the reactor is
  taken from ``sys.modules`` where the server put it.

Each returns an undo function (or None when the hook does not apply). Imports only the
standard library.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from types import FrameType
from typing import Any

__all__ = ["SIGNALS", "watch_reactor", "watch_signals"]

logger = logging.getLogger("drf_mcp_docs.asgi")

#: The signals servers stop on (SIGHUP means "reload" to several of them: not watched).
SIGNALS = (signal.SIGTERM, signal.SIGINT)

Undo = Callable[[], None]


def watch_signals(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> Undo | None:
    """Run ``callback`` on ``loop`` when SIGTERM or SIGINT arrives; then the server's handler.

    ``callback`` runs once, as a loop callback (never inside the signal handler itself).
    """
    if threading.current_thread() is not threading.main_thread():
        return None  # Python runs signal handlers in the main thread only
    fired = False

    def schedule() -> None:
        nonlocal fired
        if fired:
            return
        fired = True
        with contextlib.suppress(RuntimeError):  # the loop is already closed
            loop.call_soon_threadsafe(callback)

    installed: dict[int, tuple[Callable[[int, FrameType | None], Any], Any]] = {}
    for sig in SIGNALS:
        previous = signal.getsignal(sig)
        if not callable(previous):
            continue  # SIG_DFL / SIG_IGN / not set from Python: nothing of the server's to chain

        def chained(
            signum: int, frame: FrameType | None, _previous: Any = previous
        ) -> Any:  # runs as a signal handler; tested on real servers
            with contextlib.suppress(Exception):  # never let ours stop the server's handler
                schedule()
            return _previous(signum, frame)

        try:
            signal.signal(sig, chained)
        except (ValueError, OSError):  # not the main interpreter, or an unsupported signal
            continue
        installed[sig] = (chained, previous)

    def undo() -> None:
        for sig, (ours, previous) in installed.items():
            # Restore only if nobody replaced ours since (the server may have restored its own).
            if signal.getsignal(sig) is ours:
                with contextlib.suppress(ValueError, OSError):
                    signal.signal(sig, previous)
        installed.clear()

    return undo if installed else None


def watch_reactor(
    loop: asyncio.AbstractEventLoop, callback: Callable[[], Awaitable[None]]
) -> Undo | None:
    """Await ``callback()`` before Twisted's reactor (running on ``loop``) shuts down.

    The reactor waits for it (a Deferred) before it stops the loop, so the work it does
    (ending the MCP side's owner task) completes instead of being dropped with the loop.
    """
    reactor: Any = sys.modules.get("twisted.internet.reactor")
    defer: Any = sys.modules.get("twisted.internet.defer")
    if reactor is None or defer is None or not hasattr(reactor, "addSystemEventTrigger"):
        return None
    if getattr(reactor, "_asyncioEventloop", None) is not loop:
        return None  # not Twisted's asyncio reactor on this loop (e.g. its default reactor)
    fired = False

    def before_shutdown() -> Any:
        nonlocal fired
        fired = True
        try:
            future = asyncio.ensure_future(callback(), loop=loop)
        except Exception:  # pragma: no cover - a closed loop
            logger.debug("drf-mcp-docs: could not stop MCP before the reactor", exc_info=True)
            return None
        return defer.Deferred.fromFuture(future)

    trigger = reactor.addSystemEventTrigger("before", "shutdown", before_shutdown)

    def undo() -> None:
        if not fired:  # once fired, Twisted drops it itself
            with contextlib.suppress(Exception):
                reactor.removeSystemEventTrigger(trigger)

    return undo
