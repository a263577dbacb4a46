"""Tool work off the event loop: worker threads, bounded in number and in time.

A mounted Django site shares the event loop with the MCP endpoint; a tool that renders a
large schema or a snippet must not hold it. :func:`offload` runs the work in a worker
thread (at most :data:`~drf_mcp_docs.threads.THREADS` per process) and gives up waiting after the
``TOOL_TIMEOUT`` setting with :class:`ToolTimedOut`, a tool error naming the work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import anyio

from drf_mcp_docs.conf import conf
from drf_mcp_docs.server.errors import ToolInputError
from drf_mcp_docs.threads import run_in_thread

T = TypeVar("T")


class ToolTimedOut(ToolInputError):
    """A tool's work took longer than ``TOOL_TIMEOUT`` (answered as a plain tool error)."""


async def offload(what: str, fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(*args)`` in a worker thread, bounded by ``TOOL_TIMEOUT``.

    The event loop (and with it a mounted Django site) keeps serving meanwhile. Worker
    threads are capped per process; work that outlives its timeout is abandoned to finish
    in its thread, and the caller gets a :class:`ToolTimedOut` naming ``what``.
    """
    timeout = conf.TOOL_TIMEOUT
    with anyio.move_on_after(timeout) as scope:
        return await run_in_thread(fn, *args)
    assert scope.cancelled_caught
    raise ToolTimedOut(
        f"{what} took longer than {timeout:g} s (the TOOL_TIMEOUT setting); try a narrower request"
    )
