"""Clear messages for malformed tool arguments (missing, unknown or mistyped).

The SDK reports these as a pydantic dump (``drf_mcp_docs.sdk``, SDK-10); this middleware
replaces that text with one sentence naming the argument and the tool's signature. It
only rewrites results of this package's own tools, and only when their arguments are wrong.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable
from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext

from drf_mcp_docs.sdk import tool_error_result
from drf_mcp_docs.server.errors import closest, did_you_mean
from drf_mcp_docs.text import quote

_JSON_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
}


class ToolSignature:
    """The arguments one tool takes: names, which are required, and their JSON types."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.name = fn.__name__
        hints = typing.get_type_hints(fn)
        self.params: dict[str, tuple[Any, ...]] = {}
        self.required: list[str] = []
        for name, param in inspect.signature(fn).parameters.items():
            hint = hints.get(name, Any)
            args = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
            self.params[name] = tuple(a for a in args if a is not type(None))
            if param.default is inspect.Parameter.empty:
                self.required.append(name)

    def usage(self) -> str:
        shown = [n if n in self.required else f"{n}?" for n in self.params]
        return f"{self.name}({', '.join(shown)})"

    def problem(self, arguments: Any) -> str | None:
        """A one-line description of what is wrong with ``arguments``, or None."""
        if arguments is None:
            arguments = {}
        if not isinstance(arguments, dict):
            return f"arguments must be an object; usage: {self.usage()}"
        for name in arguments:
            if name not in self.params:
                hint = did_you_mean(closest(name, self.params, n=1))
                return f"unknown argument {quote(name)}{hint} (usage: {self.usage()})"
        for name in self.required:
            if arguments.get(name) is None:
                return f"missing required argument {quote(name)} (usage: {self.usage()})"
        for name, value in arguments.items():
            allowed = self.params[name]
            if value is None or not allowed or any(_matches(value, t) for t in allowed):
                continue
            expected = " or ".join(_json_name(t) for t in allowed)
            return f"argument {quote(name)} must be {expected}, got {quote(value)}"
        return None


def _json_name(kind: Any) -> str:
    items = typing.get_args(kind)
    if typing.get_origin(kind) is list and items:
        return f"a list of {_json_name(items[0]).split(' ', 1)[1]}s"
    return _JSON_NAMES.get(kind) or str(getattr(kind, "__name__", kind))


def _matches(value: Any, kind: Any) -> bool:
    if typing.get_origin(kind) is list:
        items = typing.get_args(kind)
        return isinstance(value, list) and all(_matches(v, items[0]) for v in value if items)
    if kind is bool or isinstance(value, bool):
        return isinstance(value, bool) and kind is bool
    if kind is float:
        return isinstance(value, int | float)
    return isinstance(value, kind)


class ArgumentCheck:
    """SDK server middleware that words argument errors of the registered tools."""

    def __init__(self) -> None:
        self.signatures: dict[str, ToolSignature] = {}

    def register(self, fn: Callable[..., Any]) -> None:
        self.signatures[fn.__name__] = ToolSignature(fn)

    async def __call__(
        self, ctx: ServerRequestContext[Any, Any], call_next: CallNext
    ) -> HandlerResult:
        problem = None
        if ctx.method == "tools/call" and isinstance(ctx.params, dict):
            signature = self.signatures.get(str(ctx.params.get("name")))
            if signature is not None:
                problem = signature.problem(ctx.params.get("arguments"))
        result = await call_next(ctx)
        if problem is None or not isinstance(result, dict):
            return result
        return tool_error_result(result, problem)
