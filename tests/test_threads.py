"""Blocking work runs in threads that never keep the process alive (Daphne's shutdown).

Each case runs a child interpreter that does what a server without lifespan events does:
an event loop run forever, a never-ending owner task under whose anyio task tree the work
is offloaded, then the loop stopped with that task still pending and the interpreter left.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import anyio

from drf_mcp_docs.threads import THREADS, run_in_thread

CHILD = textwrap.dedent(
    """
    import asyncio, sys, anyio, anyio.to_thread
    from drf_mcp_docs.threads import run_in_thread

    async def offload():
        if sys.argv[1] == "ours":
            return await run_in_thread(sum, [1, 2])
        return await anyio.to_thread.run_sync(sum, [1, 2])

    async def owner(done):
        async with anyio.create_task_group() as tg:  # the lazily started MCP side
            async def call():
                done.set_result(await offload())
            tg.start_soon(call)
            await anyio.sleep_forever()

    loop = asyncio.new_event_loop()
    done = loop.create_future()
    loop.create_task(owner(done))
    done.add_done_callback(lambda f: loop.stop())
    loop.run_forever()  # like Twisted's reactor: stopped, never closed by asyncio.run()
    print(done.result(), flush=True)
    """
)


def _exits(kind: str, timeout: float) -> bool:
    child = subprocess.Popen([sys.executable, "-c", CHILD, kind], stdout=subprocess.PIPE, text=True)
    try:
        out, _ = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return False
    assert out.strip() == "3"
    return child.returncode == 0


def test_the_process_exits_with_the_owner_task_still_pending() -> None:
    assert _exits("ours", timeout=30)


def test_anyio_threads_would_keep_it_alive() -> None:
    """Why the module exists: if anyio ever stops its idle threads at exit, drop it."""
    assert not _exits("anyio", timeout=4)


async def test_context_variables_reach_the_thread() -> None:
    import contextvars

    var: contextvars.ContextVar[str] = contextvars.ContextVar("var")
    var.set("request")
    assert await run_in_thread(var.get) == "request"


async def test_cancelling_the_caller_abandons_the_work() -> None:
    import threading

    release = threading.Event()
    with anyio.move_on_after(0.2) as scope:
        await run_in_thread(release.wait, 30)
    release.set()
    assert scope.cancelled_caught


async def test_at_most_threads_run_at_once() -> None:
    import threading

    running, peak, lock = 0, 0, threading.Lock()
    gate = threading.Event()

    def work() -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        gate.wait(5)
        with lock:
            running -= 1

    async with anyio.create_task_group() as tg:
        for _ in range(THREADS * 3):
            tg.start_soon(run_in_thread, work)
        await anyio.sleep(0.3)
        gate.set()
    assert peak == THREADS
