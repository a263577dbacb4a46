"""Tool work off the event loop: worker threads, bounded in number and in time.

A mounted Django site shares the event loop with the MCP endpoint; a tool that renders a
large schema or a snippet must not hold it. :func:`offload` runs the work in a worker
thread (at most :data:`~drf_mcp_docs.threads.THREADS` per process) and gives up waiting after the
``TOOL_TIMEOUT`` setting with :class:`ToolTimedOut`, a tool error naming the work.

Small work runs inline: a thread hop costs more than rendering an endpoint whose schemas
are a few KB (it made the typical detail answer 5x slower), so callers that know the size
of what the work walks pass it as ``work`` and work under :data:`INLINE_WORK_BYTES` skips
the thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import anyio

from drf_mcp_docs.conf import conf
from drf_mcp_docs.server.errors import ToolInputError
from drf_mcp_docs.threads import run_in_thread

T = TypeVar("T")

#: Work over at most this many bytes of schema runs on the event loop (well under 1 ms).
INLINE_WORK_BYTES = 16_384


class ToolTimedOut(ToolInputError):
    """A tool's work took longer than ``TOOL_TIMEOUT`` (answered as a plain tool error)."""


async def offload(what: str, fn: Callable[..., T], *args: Any, work: int | None = None) -> T:
    """Run ``fn(*args)`` in a worker thread, bounded by ``TOOL_TIMEOUT``.

    ``work``: bytes of schema ``fn`` walks, when known; small work runs inline instead.

    The event loop (and with it a mounted Django site) keeps serving meanwhile. Worker
    threads are capped per process; work that outlives its timeout is abandoned to finish
    in its thread, and the caller gets a :class:`ToolTimedOut` naming ``what``.
    """
    if work is not None and work <= INLINE_WORK_BYTES:
        return fn(*args)
    timeout = conf.TOOL_TIMEOUT
    with anyio.move_on_after(timeout) as scope:
        return await run_in_thread(fn, *args)
    assert scope.cancelled_caught
    raise ToolTimedOut(
        f"{what} took longer than {timeout:g} s (the TOOL_TIMEOUT setting); try a narrower request"
    )
