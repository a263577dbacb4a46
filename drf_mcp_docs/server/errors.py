"""Messages for bad input: name the bad value, suggest the closest valid ones."""

from __future__ import annotations

from drf_mcp_docs.schema.records import HTTP_METHODS, ApiSchema, Endpoint
from drf_mcp_docs.suggestions import closest, did_you_mean
from drf_mcp_docs.text import clip, quote

__all__ = [
    "LookupFailed",
    "ToolInputError",
    "check_method",
    "closest",
    "did_you_mean",
    "find_endpoint",
]


class ToolInputError(ValueError):
    """Bad input to a tool or resource, this package's own check: the message is the answer.

    Only this type (and its subclasses) becomes a plain tool error; anything else a tool
    raises is a bug, which the SDK logs with its traceback and reports by tool name.
    """


class LookupFailed(ToolInputError, LookupError):
    """A tool or resource argument names nothing in the API; the message says what to use."""


def check_method(method: str) -> str:
    """``method`` as an upper-case HTTP method, or :class:`LookupFailed` with a suggestion."""
    verb = method.strip().upper()
    if verb not in HTTP_METHODS:
        hint = did_you_mean(closest(verb, HTTP_METHODS, n=1))
        raise LookupFailed(f"{quote(method)} is not an HTTP method{hint}")
    return verb


def find_endpoint(api: ApiSchema, path: str, method: str) -> Endpoint:
    """The endpoint for ``method path``, or :class:`LookupFailed` with suggestions."""
    if not isinstance(path, str) or not path.strip():
        raise LookupFailed("path must be a non-empty string such as '/api/books/'")
    if not isinstance(method, str) or not method.strip():
        raise LookupFailed("method must be an HTTP method such as 'GET'")
    verb = check_method(method)
    resolved = api.resolve_path(path.strip())
    if resolved is None:
        # Suggest only paths that have this method: a path without it would fail next.
        hint = did_you_mean(closest(path, [p for p in api.paths if verb in api.methods_for(p)]))
        raise LookupFailed(f"no endpoint {verb} {clip(path)}{hint}")
    endpoint = api.find(verb, resolved)
    if endpoint is None:
        methods = ", ".join(api.methods_for(resolved))
        raise LookupFailed(f"{resolved} has no {verb} operation; its methods: {methods}")
    return endpoint
