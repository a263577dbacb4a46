"""Reading type notation whose fields said alike share one key (``"farm, plot": {...}``)."""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.server.notation import grouped_names


def ungrouped(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` with each grouped key (``notation.grouped``) back to one key per field."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        for name in grouped_names(key):
            out[name] = value
    return out
