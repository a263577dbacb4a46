"""The process-wide MCP server with the documentation tools and resources registered."""

from __future__ import annotations

import threading
from typing import Any

from mcp.server.mcpserver import MCPServer

from drf_mcp_docs.forksafe import after_fork

__all__ = ["build_mcp_server", "get_mcp_server"]

_lock = threading.Lock()
_server: MCPServer[Any] | None = None


@after_fork
def _new_lock() -> None:
    """In a forked child: another thread of the parent may have held the lock."""
    global _lock
    _lock = threading.Lock()


def build_mcp_server() -> MCPServer[Any]:
    """A new ``MCPServer`` configured from ``DRF_MCP_DOCS``, tools and resources added."""
    import drf_mcp_docs.sdk as sdk
    from drf_mcp_docs.conf import conf
    from drf_mcp_docs.sdk import errors as sdk_errors
    from drf_mcp_docs.sdk.schemas import compact_input_schemas, tools_taking
    from drf_mcp_docs.server.changes import register_changes
    from drf_mcp_docs.server.instructions import DEFAULT_INSTRUCTIONS
    from drf_mcp_docs.server.listing import VERSION, VersionArgument
    from drf_mcp_docs.server.prompts import register_prompts
    from drf_mcp_docs.server.resources import register_resources
    from drf_mcp_docs.server.tools import register_tools
    from drf_mcp_docs.version import __version__

    server = sdk.new_server(
        name=conf.SERVER_NAME,
        instructions=conf.SERVER_INSTRUCTIONS or DEFAULT_INSTRUCTIONS,
        version=__version__,
    )
    sdk_errors.bound_errors(
        server
    )  # SDK-16/17: outermost, so it sees every other middleware's answer
    register_tools(server)
    register_resources(server)
    register_prompts(server)
    register_changes(server)  # get_api_changes, and the digest on every tool answer
    compact_input_schemas(server)  # SDK-19: the input schemas an agent reads, said once
    # ``version`` listed only for a versioned API (every tool here is this package's own).
    sdk.add_middleware(server, VersionArgument(tools_taking(server, VERSION)))
    return server


def get_mcp_server() -> MCPServer[Any]:
    """The process-wide server; add your own tools to it before mounting."""
    global _server
    if _server is None:
        with _lock:
            if _server is None:
                _server = build_mcp_server()
    return _server
