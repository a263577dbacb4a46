"""SDK-16 and SDK-17 (see ``drf_mcp_docs/sdk/__init__.py``): the SDK's own error answers, bounded.

The SDK echoes a caller's unknown tool, resource or prompt name in full and answers bad
prompt input as a crash; ``bound_errors`` is the outermost server middleware that words
those answers with the value quoted (at most 100 characters) and as ``INVALID_PARAMS``.
A handler that crashes (a prompt with a bug) is logged with its traceback and answered
``INTERNAL_ERROR``: the SDK's dispatcher would answer it with code 0, which is no JSON-RPC
error code, and the exception's own text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.shared.exceptions import MCPError
from mcp.types import INTERNAL_ERROR, INVALID_PARAMS
from pydantic import ValidationError

from drf_mcp_docs.sdk import tool_error_result
from drf_mcp_docs.suggestions import closest, did_you_mean
from drf_mcp_docs.text import clip, quote

__all__ = ["bound_errors"]

logger = logging.getLogger("drf_mcp_docs.server")

#: Characters of any error text (tool error, JSON-RPC message or data) the SDK may send.
MAX_ERROR_TEXT = 2000
UNKNOWN_TOOL = "Unknown tool: "
UNKNOWN_RESOURCE = "Unknown resource: "
UNKNOWN_PROMPT = "Unknown prompt: "


def bound_errors(server: MCPServer[Any]) -> None:
    """Install SDK-16/SDK-17's rewording as the server's outermost middleware."""

    async def bounded(ctx: Any, call_next: Callable[[Any], Any]) -> Any:
        params = ctx.params if isinstance(ctx.params, dict) else {}
        try:
            result = await call_next(ctx)
        except MCPError as exc:
            raise _bounded_error(exc, params) from None
        except Exception as exc:
            if (
                ctx.method == "prompts/get"
                and isinstance(exc, ValueError)
                and _bad_prompt_input(exc)
            ):
                known = [p.name for p in await server.list_prompts()]
                raise _prompt_error(exc, params, known) from None  # SDK-17
            if isinstance(exc, ValidationError):
                raise  # the SDK's own INVALID_PARAMS for a malformed request
            raise _internal_error(str(ctx.method), params, exc) from None
        if ctx.method == "tools/call" and isinstance(result, dict) and result.get("isError"):
            known = [t.name for t in await server.list_tools()]
            return _bounded_tool_error(result, params, known)
        return result

    server.middleware.insert(0, bounded)


def _bounded_error(exc: MCPError, params: dict[str, Any]) -> MCPError:
    """``exc`` with its message and data bounded (the same object when already small)."""
    message, data = exc.message, exc.data
    if message.startswith(UNKNOWN_RESOURCE) and isinstance(params.get("uri"), str):
        message = UNKNOWN_RESOURCE + clip(params["uri"])
        data = {"uri": clip(params["uri"])}
    elif isinstance(data, str):
        data = clip(data)
    elif data is not None and len(repr(data)) > MAX_ERROR_TEXT:
        data = None
    message = clip(message, MAX_ERROR_TEXT)
    if message == exc.message and data is exc.data:
        return exc
    return MCPError(exc.code, message, data)


MISSING_ARGUMENTS = "Missing required arguments"


def _bad_prompt_input(exc: ValueError) -> bool:
    """SDK-17: the caller's mistake (unknown prompt, missing or invalid arguments), not a
    prompt that crashed."""
    text = str(exc)
    return (
        text.startswith((UNKNOWN_PROMPT, MISSING_ARGUMENTS)) or _validation_problem(exc) is not None
    )


def _internal_error(method: str, params: dict[str, Any], exc: Exception) -> MCPError:
    """A handler that crashed: logged with its traceback, answered INTERNAL_ERROR (not the
    SDK's code 0) with a message that names what failed, not the exception's text."""
    name = params.get("name", params.get("uri"))
    what = f"{method} {quote(name)}" if isinstance(name, str) else method
    logger.error("drf-mcp-docs: %s failed", what, exc_info=exc)
    return MCPError(INTERNAL_ERROR, f"Internal error: {what} failed; the server log has the cause")


def _prompt_error(exc: ValueError, params: dict[str, Any], known: list[str]) -> MCPError:
    """SDK-17: an unknown prompt or arguments the prompt does not take, as INVALID_PARAMS."""
    name = params.get("name")
    text = str(exc)
    if text.startswith(UNKNOWN_PROMPT) and isinstance(name, str):
        return MCPError(
            INVALID_PARAMS, UNKNOWN_PROMPT + clip(name) + did_you_mean(closest(name, known))
        )
    problem = _validation_problem(exc)
    if isinstance(exc, ValidationError):  # pydantic's own text: long, with a URL in it
        text = f"Invalid arguments for prompt {quote(name)}" if isinstance(name, str) else ""
        text = text or "Invalid prompts/get parameters"
    return MCPError(INVALID_PARAMS, clip(f"{text}: {problem}" if problem else text, MAX_ERROR_TEXT))


def _validation_problem(exc: BaseException) -> str | None:
    """The first problem of a pydantic ``ValidationError`` in ``exc``'s causes, worded with
    the argument quoted (``unexpected keyword argument 'x'``), or None."""
    cause: BaseException | None = exc
    for _ in range(5):
        if cause is None:
            return None
        if isinstance(cause, ValidationError):
            errors = cause.errors(include_url=False, include_input=False)
            if not errors:
                return None
            where = errors[0]["loc"][-1] if errors[0]["loc"] else None
            named = f" {quote(where)}" if where is not None else ""
            return f"{str(errors[0]['msg']).lower()}{named}"
        cause = cause.__cause__
    return None


def _bounded_tool_error(
    result: dict[str, Any], params: dict[str, Any], known: list[str]
) -> dict[str, Any]:
    """A tool error result whose texts are bounded; "Unknown tool" names the tool quoted."""
    content = result.get("content")
    if not isinstance(content, list):
        return result
    texts = [c.get("text") for c in content if isinstance(c, dict)]
    name = params.get("name")
    if texts and isinstance(texts[0], str) and texts[0].startswith(UNKNOWN_TOOL):
        hint = did_you_mean(closest(str(name), known)) if isinstance(name, str) else ""
        return tool_error_result(result, UNKNOWN_TOOL + clip(str(name)) + hint)
    if all(not isinstance(t, str) or len(t) <= MAX_ERROR_TEXT for t in texts):
        return result
    return tool_error_result(
        result, clip(" ".join(t for t in texts if isinstance(t, str)), MAX_ERROR_TEXT)
    )
