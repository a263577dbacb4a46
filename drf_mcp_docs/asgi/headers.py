"""Reading a request's headers from an ASGI scope: the one helper every layer uses."""

from __future__ import annotations

from drf_mcp_docs.asgi.types import Scope


def header(scope: Scope, name: bytes) -> bytes | None:
    """The first value of header ``name`` (lower-case bytes), or None when it is absent.

    ASGI servers send header names lower-cased, but a hand-built scope may not, so the
    comparison lower-cases each name.
    """
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value)
    return None


def header_text(scope: Scope, name: bytes) -> str | None:
    """:func:`header` decoded as latin-1, as HTTP header values are."""
    value = header(scope, name)
    return None if value is None else value.decode("latin-1")
