"""The tool list as an agent reads it: the ``version`` argument only when there are versions.

Eight tools take ``version``; on an API that serves one version it is ~110 bytes of
every ``tools/list`` that no call can use. :class:`VersionArgument` (SDK server
middleware) drops it from the listed input schemas when the API is not versioned. The
tools still accept it: arguments are validated by the SDK's pydantic model, not by the
listed schema, and a version given to an unversioned API is the tool error "unknown
version 'v9': this API is not versioned" (``versioned.documents``).

Why per ``tools/list`` and not once when the server is built: whether an API is
versioned is discovered from the URLconf and the versioning settings
(``schema/versions.py``), and the server is often built while that URLconf is still
being imported (``mount_mcp`` in ``urls.py`` or ``asgi.py``). Deciding per listing uses
the discovery every tool call uses (cached per distinct settings: a dict lookup after
the first), so the list always matches what the calls accept, settings changes included.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext

import drf_mcp_docs.server.versioned as versioned

__all__ = ["VERSION", "VersionArgument"]

logger = logging.getLogger("drf_mcp_docs.server")

#: The argument that names an API version.
VERSION = "version"


class VersionArgument:
    """SDK server middleware: ``tools/list`` shows ``version`` on ``tools`` (this package's
    tools that take it) only when the API serves several versions."""

    def __init__(self, tools: Iterable[str]) -> None:
        self.tools = frozenset(tools)

    async def __call__(
        self, ctx: ServerRequestContext[Any, Any], call_next: CallNext
    ) -> HandlerResult:
        result = await call_next(ctx)
        if ctx.method != "tools/list" or not isinstance(result, dict):
            return result
        if await _versioned():
            return result
        listed = result.get("tools")
        if not isinstance(listed, list):
            return result
        return {**result, "tools": [self._without_version(tool) for tool in listed]}

    def _without_version(self, tool: Any) -> Any:
        if not isinstance(tool, dict) or tool.get("name") not in self.tools:
            return tool
        schema = tool.get("inputSchema")
        if not isinstance(schema, dict):
            return tool
        properties = schema.get("properties")
        if not isinstance(properties, dict) or VERSION not in properties:
            return tool
        kept = {name: value for name, value in properties.items() if name != VERSION}
        return {**tool, "inputSchema": {**schema, "properties": kept}}


async def _versioned() -> bool:
    """Does the API serve several versions? True when that cannot be told (the list then
    shows ``version`` as it always did; the calls report what is wrong)."""
    try:
        return bool((await versioned.versions()).versions)
    except Exception:
        logger.warning("could not tell whether the API is versioned", exc_info=True)
        return True
