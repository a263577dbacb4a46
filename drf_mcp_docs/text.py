"""Quoting a caller's value in a message: at most ~100 characters of it, whatever its size.

The one helper every error message uses to name a bad value (tool errors, JSON-RPC and
HTTP errors, system checks, command-line flags), so a 900 KB argument costs a message
about a hundred characters, not 900 KB. A leaf: imports only the standard library (the
mount in ``asgi/`` uses it too).
"""

from __future__ import annotations

__all__ = ["QUOTE_LIMIT", "clip", "quote"]

#: Characters of a caller's value a message shows.
QUOTE_LIMIT = 100


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` itself if it has at most ``limit`` characters, else its first ``limit``
    characters, an ellipsis and the original length: ``aaaa… (900,000 characters)``."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``repr(value)`` for a message, cut like :func:`clip` past ``limit`` characters.

    A long string shows its first ``limit`` characters in quotes: ``'aaaa…' (900,000
    characters)``. Any other value is cut on its ``repr`` (computed on a bounded part of a
    long string or bytes value, never on the whole of it).
    """
    if isinstance(value, str | bytes) and len(value) > limit:
        head = repr(value[:limit])
        unit = "characters" if isinstance(value, str) else "bytes"
        return f"{head[:-1]}…{head[-1]} ({len(value):,} {unit})"
    shown = repr(value)
    if len(shown) <= limit + 2:  # a string of exactly ``limit`` characters plus its quotes
        return shown
    return f"{shown[:limit]}… ({len(shown):,} characters)"
