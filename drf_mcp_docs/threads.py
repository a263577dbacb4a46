"""Blocking work off the event loop, in threads that never keep the process alive.

anyio's worker threads stop only when the event loop's root task ends. Under a server
that sends no lifespan events (Daphne on Twisted's reactor) the MCP side's root is the
lazily started owner task, which the reactor never ends: its idle, non-daemon worker
threads then block interpreter exit forever. Under asyncio, work therefore runs in one
process-wide ``ThreadPoolExecutor``, whose idle threads the interpreter stops at exit;
other event loops (trio) keep anyio's threads, which trio manages itself.

The pool is per process: a forked child (gunicorn ``--preload``) drops the parent's pool,
whose threads did not cross the fork, and starts its own on first use (``forksafe``).

Imports only the standard library and anyio.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from anyio.lowlevel import RunVar

from drf_mcp_docs.forksafe import after_fork

__all__ = ["THREADS", "run_in_thread"]

#: At most this many threads per process run blocking work for the MCP side.
THREADS = 4

T = TypeVar("T")

_executor: ThreadPoolExecutor | None = None
_limiter: RunVar[anyio.CapacityLimiter] = RunVar("drf_mcp_docs_thread_limiter")
_executor_lock = threading.Lock()


@after_fork
def _forget_pool() -> None:
    """In a forked child: the parent's pool has no threads here; start anew."""
    global _executor, _executor_lock
    _executor = None
    _executor_lock = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(THREADS, thread_name_prefix="drf-mcp-docs")
        return _executor


async def run_in_thread(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a worker thread with the caller's context variables.

    Cancelling the caller abandons the work: it stops waiting at once, and the work
    either never starts (still queued) or finishes in its thread with nobody waiting.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # not asyncio: anyio's threads, capped per event loop
        try:
            limiter = _limiter.get()
        except LookupError:
            limiter = anyio.CapacityLimiter(THREADS)
            _limiter.set(limiter)
        return await anyio.to_thread.run_sync(fn, *args, abandon_on_cancel=True, limiter=limiter)
    context = contextvars.copy_context()
    future = _pool().submit(context.run, fn, *args)
    return await asyncio.wrap_future(future)
