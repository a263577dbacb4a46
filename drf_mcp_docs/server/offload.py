"""Tool work off the event loop: worker threads, bounded in number and in time.

A mounted Django site shares the event loop with the MCP endpoint; a tool that renders a
large schema or a snippet must not hold it. :func:`offload` runs the work in a worker
thread (at most :data:`TOOL_THREADS` per event loop) and gives up waiting after the
``TOOL_TIMEOUT`` setting with :class:`ToolTimedOut`, a tool error naming the work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from anyio.lowlevel import RunVar

from drf_mcp_docs.conf import conf
from drf_mcp_docs.server.errors import ToolInputError

#: Tool work runs in worker threads, at most this many at once per event loop.
TOOL_THREADS = 4

T = TypeVar("T")
_limiter: RunVar[anyio.CapacityLimiter] = RunVar("drf_mcp_docs_tool_limiter")


class ToolTimedOut(ToolInputError):
    """A tool's work took longer than ``TOOL_TIMEOUT`` (answered as a plain tool error)."""


async def offload(what: str, fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(*args)`` in a worker thread, bounded by ``TOOL_TIMEOUT``.

    The event loop (and with it a mounted Django site) keeps serving meanwhile. Worker
    threads are capped per loop; work that outlives its timeout is abandoned to finish
    in its thread, and the caller gets a :class:`ToolTimedOut` naming ``what``.
    """
    try:
        limiter = _limiter.get()
    except LookupError:
        limiter = anyio.CapacityLimiter(TOOL_THREADS)
        _limiter.set(limiter)
    timeout = conf.TOOL_TIMEOUT
    with anyio.move_on_after(timeout) as scope:
        return await anyio.to_thread.run_sync(fn, *args, abandon_on_cancel=True, limiter=limiter)
    assert scope.cancelled_caught
    raise ToolTimedOut(
        f"{what} took longer than {timeout:g} s (the TOOL_TIMEOUT setting); try a narrower request"
    )
