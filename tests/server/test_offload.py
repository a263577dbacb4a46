"""Tool work runs off the event loop, bounded by TOOL_TIMEOUT; small work runs inline.

No timing is asserted: a tool whose work is held on an event must not stop another call
from completing meanwhile, and work past its timeout becomes a tool error naming it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from django.test import override_settings

from drf_mcp_docs.server import offload, render


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """``get_endpoint_detail``'s work blocks (in its thread) until the event is set."""
    monkeypatch.setattr(offload, "INLINE_WORK_BYTES", -1)  # the example's work is small
    release = threading.Event()
    original = render.endpoint_detail

    def slow(*args: Any) -> Any:
        release.wait(10)
        return original(*args)

    monkeypatch.setattr(render, "endpoint_detail", slow)
    yield release
    release.set()


async def test_a_slow_tool_does_not_stop_other_calls(mcp_client: Any, held: Any) -> None:
    from mcp import Client

    from drf_mcp_docs.server import get_mcp_server

    order: list[str] = []
    async with Client(get_mcp_server()) as client:

        async def heavy() -> None:
            result = await client.call_tool(
                "get_endpoint_detail", {"path": "/api/books/", "method": "GET"}
            )
            assert not result.is_error
            order.append("heavy")

        async def light() -> None:
            result = await client.call_tool("list_schemas", {})
            assert not result.is_error
            order.append("light")
            held.set()  # only now may the heavy call finish

        async with anyio.create_task_group() as group:
            group.start_soon(heavy)
            await anyio.sleep(0.05)
            group.start_soon(light)
    assert order == ["light", "heavy"]


async def test_work_past_the_timeout_is_a_tool_error(mcp_client: Any, held: Any) -> None:
    with override_settings(DRF_MCP_DOCS={"TOOL_TIMEOUT": 0.2}):
        result = await mcp_client.call_tool(
            "get_endpoint_detail", {"path": "/api/books/", "method": "GET"}
        )
    assert result.is_error
    text = result.content[0].text
    assert "get_endpoint_detail GET /api/books/ took longer than 0.2 s" in text
    assert "TOOL_TIMEOUT" in text


@pytest.mark.parametrize(("inline_bytes", "inline"), [(1 << 30, True), (-1, False)])
async def test_work_runs_inline_only_when_it_is_small(
    mcp_client: Any, monkeypatch: pytest.MonkeyPatch, inline_bytes: int, inline: bool
) -> None:
    """An endpoint whose schemas fit ``INLINE_WORK_BYTES`` is rendered on the event loop's
    thread (a thread hop would cost more than the work); a larger one in a worker thread."""
    from drf_mcp_docs.schema.cache import schema_cache

    api = await schema_cache.aget()
    endpoint = api.find("GET", "/api/books/")
    assert endpoint is not None and 0 < api.schema_bytes(endpoint) < offload.INLINE_WORK_BYTES
    monkeypatch.setattr(offload, "INLINE_WORK_BYTES", inline_bytes)
    threads: list[threading.Thread] = []
    original = render.endpoint_detail

    def recording(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return original(*args)

    monkeypatch.setattr(render, "endpoint_detail", recording)
    result = await mcp_client.call_tool(
        "get_endpoint_detail", {"path": "/api/books/", "method": "GET"}
    )
    assert not result.is_error
    assert (threads == [threading.current_thread()]) is inline
