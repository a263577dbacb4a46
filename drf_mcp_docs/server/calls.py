"""The plumbing every tool shares: results, tool errors, and the filters' checks.

A tool returns ``ok(payload)`` (``structuredContent`` plus the same object as compact JSON
text) and raises ``ToolInputError`` for bad input; ``tool_errors`` turns that into a tool
error with exactly its message, and anything else into a logged bug and a short tool error.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from mcp.types import CallToolResult, TextContent

import drf_mcp_docs.server.render as render
from drf_mcp_docs.conf import CODE_LANGUAGES, conf
from drf_mcp_docs.server.errors import (
    LookupFailed,
    ToolInputError,
    check_method,
    closest,
    did_you_mean,
)
from drf_mcp_docs.text import clip, quote

logger = logging.getLogger("drf_mcp_docs.server")


def ok(payload: dict[str, Any]) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=render.compact_json(payload))],
        structured_content=payload,
    )


def error(message: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=message)], is_error=True)


def tool_errors(
    fn: Callable[..., Awaitable[CallToolResult]],
) -> Callable[..., Awaitable[CallToolResult]]:
    """Turn this package's input errors (``ToolInputError``) into tool errors, as they are.

    Anything else is a bug or a broken schema: it is logged with its traceback and the
    agent gets a tool error naming the tool and what it was asked about, never the
    internals (the SDK's own answer would be a bare ``Error executing tool <name>``).
    """

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> CallToolResult:
        try:
            return await fn(*args, **kwargs)
        except ToolInputError as exc:
            return error(str(exc))
        except Exception:
            target_ = target(kwargs)
            logger.exception("tool %s failed%s", fn.__name__, target_)
            return error(
                f"{fn.__name__} failed{target_}: an internal error of the docs server "
                "(logged on the server with its traceback). Other tools and endpoints "
                "still work."
            )

    return wrapper


def target(arguments: dict[str, Any]) -> str:
    """`` on GET /api/books/`` (or `` on schema Book``): what a failed call was about."""
    method, path, name = (arguments.get(k) for k in ("method", "path", "name"))
    if isinstance(path, str) and path:
        verb = f"{clip(method.upper(), 10)} " if isinstance(method, str) and method else ""
        return f" on {verb}{clip(path)}"
    if isinstance(name, str) and name:
        return f" on schema {clip(name)}"
    return ""


def method_filter(method: str | None) -> str | None:
    """The optional method filter of a search, checked like every other method."""
    if method is None or not method.strip():
        return None
    return check_method(method)


def tag_filter(tags: dict[str, int], tag: str | None) -> str | None:
    if tag is None or not tag.strip():
        return None
    wanted = tag.strip().lower()
    if wanted not in (t.lower() for t in tags):
        hint = did_you_mean(closest(tag, tags)) or "; tags: " + ", ".join(sorted(tags))
        raise LookupFailed(f"no tag {quote(tag)}{hint}")
    return wanted


def client_for(language: str | None, client: str | None) -> tuple[str, str]:
    """The (language, client) a call names, with the settings' defaults filled in."""
    from drf_mcp_docs.codegen import SnippetError, check_client

    lang = (language or conf.DEFAULT_CODE_LANGUAGE).strip().lower()
    if client is None or not client.strip():
        default = conf.DEFAULT_HTTP_CLIENT
        clients = CODE_LANGUAGES.get(lang, ())
        chosen = default if default in clients else (clients[0] if clients else default)
    else:
        chosen = client.strip().lower()
    try:
        check_client(lang, chosen)
    except SnippetError as exc:
        raise LookupFailed(str(exc)) from None
    return lang, chosen
