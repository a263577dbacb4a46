"""drf-mcp-docs: a DRF API's documentation for AI coding agents, over MCP."""

from __future__ import annotations

from drf_mcp_docs.version import __version__

__all__ = ["__version__", "invalidate_schema_cache"]


def invalidate_schema_cache() -> None:
    """Drop the cached API schema; the next tool call rebuilds it (thread-safe)."""
    from drf_mcp_docs.schema.cache import schema_cache
    from drf_mcp_docs.schema.variants import schema_caches

    schema_caches.clear()
    schema_cache.invalidate()
