"""Which failures become plain tool errors: only the package's own input errors."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from mcp import Client

from drf_mcp_docs.schema.cache import schema_cache
from drf_mcp_docs.server.errors import LookupFailed, ToolInputError


def test_lookup_failed_is_an_input_error() -> None:
    assert issubclass(LookupFailed, ToolInputError)
    assert issubclass(LookupFailed, LookupError)


async def test_input_error_is_a_plain_tool_error(mcp_client: Client) -> None:
    result = await mcp_client.call_tool("get_schema_detail", {"name": "Bok"})
    assert result.is_error
    assert result.content[0].text == "no schema 'Bok'; did you mean Book?"  # type: ignore[union-attr]


async def test_unexpected_error_is_logged_and_named_by_tool(
    mcp_client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken() -> Any:
        raise ValueError("a bug deep in the schema code")

    monkeypatch.setattr(schema_cache, "aget", broken)
    caplog.set_level(logging.ERROR)
    result = await mcp_client.call_tool(
        "get_endpoint_detail", {"path": "/api/books/", "method": "GET"}
    )
    assert result.is_error
    text = result.content[0].text  # type: ignore[union-attr]
    # The agent learns which tool failed on what, not the internals; the log has the traceback.
    assert text.startswith("get_endpoint_detail failed on GET /api/books/: an internal error")
    assert "a bug deep" not in text
    logged = [r for r in caplog.records if r.exc_info is not None]
    assert logged, "the failure must be logged with its traceback"
    error = logged[0].exc_info[1] if logged[0].exc_info else None
    assert "a bug deep in the schema code" in str(error)
