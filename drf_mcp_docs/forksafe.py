"""Process-wide state made anew in a child after ``fork()``.

gunicorn ``--preload``, prefork servers and multiprocessing pools fork a process that may
already have served the docs. Only the forking thread survives a fork: a thread pool's
workers, an event loop thread and any lock another thread held at that moment stay behind
in the parent, while their objects are copied into the child as if still alive. A pool
then queues work nobody runs, and a lock stays locked forever.

Every module that keeps such state registers a function that replaces it with fresh state;
:func:`reset_in_child` runs them all in the child, right after ``os.fork()``. Functions
are held weakly when they are bound methods (an object that is gone needs no reset).

Imports only the standard library.
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections.abc import Callable
from typing import Any

__all__ = ["Registry", "after_fork", "forks", "registry", "reset_in_child"]

logger = logging.getLogger("drf_mcp_docs")


class Registry:
    """Reset functions, run in order in a forked child."""

    def __init__(self) -> None:
        self._resets: list[Callable[[], Callable[[], Any] | None]] = []
        self._lock = threading.Lock()
        #: How many times this registry ran: the forks this process descends from.
        self.forks = 0

    def add(self, fn: Callable[[], Any]) -> Callable[[], Any]:
        """Run ``fn()`` in every child right after ``os.fork()``; returns ``fn``.

        A bound method is held weakly: once its object is collected, nothing runs for it.
        """
        ref: Callable[[], Callable[[], Any] | None]
        if hasattr(fn, "__self__") and hasattr(fn, "__func__"):
            ref = weakref.WeakMethod(fn)
        else:

            def ref() -> Callable[[], Any]:
                return fn

        with self._lock:
            if len(self._resets) >= 64:  # many short-lived objects (tests): drop the dead
                self._resets[:] = [r for r in self._resets if r() is not None]
            self._resets.append(ref)
        return fn

    def run(self) -> None:
        """Run every registered reset (in the child; one failing does not stop the rest)."""
        self._lock = threading.Lock()  # the parent may have held it while forking
        self.forks += 1
        alive = []
        for ref in self._resets:
            fn = ref()
            if fn is None:
                continue
            alive.append(ref)
            try:
                fn()
            except Exception:
                logger.exception("drf-mcp-docs: resetting %r after fork failed", fn)
        self._resets[:] = alive


#: The process's registry, run by ``os.fork()`` in the child.
registry = Registry()


def after_fork(fn: Callable[[], Any]) -> Callable[[], Any]:
    """Decorator: run ``fn()`` in every child right after ``os.fork()`` (bound methods
    are held weakly)."""
    return registry.add(fn)


def forks() -> int:
    """How many forks this process descends from since it imported this module."""
    return registry.forks


def reset_in_child() -> None:
    """What ``os.fork()`` runs in the child: every registered reset."""
    registry.run()


if hasattr(os, "register_at_fork"):  # POSIX; Windows has no fork
    os.register_at_fork(after_in_child=reset_in_child)
