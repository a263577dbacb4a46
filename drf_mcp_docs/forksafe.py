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

__all__ = ["after_fork", "forks", "reset_in_child"]

logger = logging.getLogger("drf_mcp_docs")

_resets: list[Callable[[], Callable[[], Any] | None]] = []
_registry_lock = threading.Lock()
#: How many forks this process descends from since it imported this module (tests, logs).
_forks = 0


def after_fork(fn: Callable[[], Any]) -> Callable[[], Any]:
    """Run ``fn()`` in every child right after ``os.fork()``; returns ``fn`` (a decorator).

    A bound method is held weakly: once its object is collected, nothing runs for it.
    """
    ref: Callable[[], Callable[[], Any] | None]
    if hasattr(fn, "__self__") and hasattr(fn, "__func__"):
        ref = weakref.WeakMethod(fn)
    else:

        def ref() -> Callable[[], Any]:
            return fn

    with _registry_lock:
        _resets.append(ref)
    return fn


def forks() -> int:
    """How many times this process was forked from a parent that imported this module."""
    return _forks


def reset_in_child() -> None:
    """Run every registered reset (``os.fork`` does it; tests may call it)."""
    global _registry_lock, _forks
    _registry_lock = threading.Lock()  # the parent may have held it while forking
    _forks += 1
    alive = []
    for ref in _resets:
        fn = ref()
        if fn is None:
            continue
        alive.append(ref)
        try:
            fn()
        except Exception:  # one failed reset must not leave the others undone
            logger.exception("drf-mcp-docs: resetting %r after fork failed", fn)
    _resets[:] = alive


if hasattr(os, "register_at_fork"):  # POSIX; Windows has no fork
    os.register_at_fork(after_in_child=reset_in_child)
