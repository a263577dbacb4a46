"""Calls that must answer within a deadline, run by one helper thread per process.

A cache client may block far longer than a request can wait: redis-py without a socket
timeout waits as long as a stopped (SIGSTOP) server stays stopped. :class:`Deadline` runs
such calls one at a time in its own daemon thread and gives up waiting after ``timeout``
seconds with :class:`TimedOut`. The call it gave up on goes on in the helper thread;
until it returns, every further call fails at once (no queue, no new thread), so a hung
backend costs each caller at most one bounded wait and the process exactly one thread.
As soon as the hung call returns, calls run again.

Calls run in the helper thread, so anything per thread (Django's cache clients) is the
helper's own. The helper is per process: a forked child starts its own (``forksafe``).

Imports only the standard library.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from drf_mcp_docs.forksafe import after_fork

__all__ = ["Deadline", "TimedOut"]

T = TypeVar("T")


class TimedOut(Exception):
    """The call did not answer in time (or an earlier one still hangs)."""


class _Job:
    __slots__ = ("args", "done", "error", "fn", "result")

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.fn, self.args = fn, args
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class Deadline:
    """Run calls in one helper thread, each bounded in time; at most one in flight."""

    def __init__(self, name: str) -> None:
        self.name = name
        #: Calls given up on (tests, logs).
        self.timeouts = 0
        self._reset()
        after_fork(self._reset)

    def _reset(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._job: _Job | None = None  # waiting for the helper, or running in it
        self._hung: _Job | None = None  # a job given up on that still runs
        self._thread: threading.Thread | None = None

    @property
    def hung(self) -> bool:
        """Is a call given up on still running (the backend has not answered it yet)?"""
        return self._hung is not None

    def call(self, timeout: float, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in the helper thread, or :class:`TimedOut` after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        job = _Job(fn, args)
        with self._cond:
            while self._job is not None:  # another caller's call: wait for its end
                if self._hung is not None:
                    raise TimedOut(f"{self.name}: an earlier call has not returned yet")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimedOut(f"{self.name}: busy for {timeout:g}s")
                self._cond.wait(remaining)
            self._job = job
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._serve, name=f"drf-mcp-docs-{self.name}", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()
        if not job.done.wait(max(0.0, deadline - time.monotonic())):
            with self._cond:
                if not job.done.is_set():
                    self._hung = job
                    self.timeouts += 1
                    raise TimedOut(f"{self.name}: no answer within {timeout:g}s")
        if job.error is not None:
            raise job.error
        result: T = job.result
        return result

    def _serve(self) -> None:
        cond = self._cond
        while True:
            with cond:
                while self._job is None or self._job.done.is_set():
                    if not cond.wait(60.0) and self._job is None:
                        if self._thread is threading.current_thread():
                            self._thread = None  # idle a minute: the next call starts one
                        return
                job = self._job
            try:
                job.result = job.fn(*job.args)
            except BaseException as exc:  # handed to the caller
                job.error = exc
            with cond:
                job.done.set()
                if self._cond is not cond:
                    return  # reset meanwhile (tests): this state is no longer ours
                self._job = None
                if self._hung is job:
                    self._hung = None
                cond.notify_all()
