"""Stale beats nothing: a rebuild that fails keeps serving the last good schema (issue 19).

The rebuild fails on ``CACHE_TTL`` expiry or after an invalidation; the last good schema
goes on answering, the failure is logged with its traceback, the overview tells the agent,
and the next rebuild waits for a back-off instead of running on every call.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest

import drf_mcp_docs
from drf_mcp_docs.schema.cache import SchemaCache, schema_cache
from drf_mcp_docs.schema.records import ApiSchema


class Flaky:
    """A builder that answers ``api`` until ``failing`` is set, counting its calls."""

    def __init__(self, api: ApiSchema) -> None:
        self.api = api
        self.failing = False
        self.calls = 0

    def __call__(self) -> ApiSchema:
        self.calls += 1
        if self.failing:
            raise RuntimeError("the schema view broke\nsecond line")
        return self.api


@pytest.fixture
def flaky(api: ApiSchema, settings: Any) -> tuple[SchemaCache, Flaky]:
    settings.DRF_MCP_DOCS = {"CACHE_SCHEMA": True, "CACHE_TTL": 0.2}
    builder = Flaky(api)
    cache = SchemaCache(builder)
    cache.staleness.first_retry = 0.3
    return cache, builder


def errors(caplog: Any) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_failed_rebuild_after_the_ttl_serves_the_last_good_schema(
    flaky: tuple[SchemaCache, Flaky], caplog: Any
) -> None:
    cache, builder = flaky
    good = cache.get()
    builder.failing = True
    time.sleep(0.25)  # past CACHE_TTL
    assert cache.get() is good and cache.builds == 1 and builder.calls == 2
    [record] = errors(caplog)
    assert record.exc_info is not None and "the schema view broke" in caplog.text
    assert "Traceback" in caplog.text and "serving the last good schema" in record.getMessage()
    assert cache.stale_since(good) is cache.staleness
    described = cache.staleness.describe()
    assert described["reason"] == "RuntimeError: the schema view broke"
    assert described["since"].endswith("Z") and described["builtAt"] <= described["since"]


def test_retries_back_off_instead_of_running_on_every_call(
    flaky: tuple[SchemaCache, Flaky], caplog: Any
) -> None:
    cache, builder = flaky
    good = cache.get()
    builder.failing = True
    time.sleep(0.25)
    for _ in range(50):  # within the back-off: no rebuild at all
        assert cache.get() is good
    assert builder.calls == 2
    time.sleep(0.35)  # past the first retry (0.3 s): one more try, then 0.6 s of quiet
    for _ in range(20):
        assert cache.get() is good
    assert builder.calls == 3 and cache.staleness.failures == 2
    assert "next try in 0.6s" in errors(caplog)[-1].getMessage()
    builder.failing = False
    time.sleep(0.65)
    assert cache.get() is good and builder.calls == 4 and cache.builds == 2
    assert cache.stale_since(good) is None and not cache.staleness.describe()
    assert "no longer stale" in caplog.text


def test_a_failed_rebuild_after_invalidation_serves_the_last_good_schema(
    flaky: tuple[SchemaCache, Flaky],
) -> None:
    cache, builder = flaky
    good = cache.get()
    builder.failing = True
    cache.invalidate()
    assert cache.get() is good and builder.calls == 2
    assert cache.get() is good and builder.calls == 2  # backing off
    cache.invalidate()  # an invalidation tries again at once, back-off or not
    assert cache.get() is good and builder.calls == 3
    time.sleep(0.65)  # past the back-off (0.6 s after two failures): the rebuild is still due
    builder.failing = False
    fresh = cache.get()
    assert builder.calls == 4 and cache.builds == 2 and cache.stale_since(fresh) is None


def test_with_nothing_good_to_serve_the_failure_reaches_the_caller(
    flaky: tuple[SchemaCache, Flaky],
) -> None:
    cache, builder = flaky
    builder.failing = True
    for _ in range(2):  # and every call tries again: there is nothing to fall back on
        with pytest.raises(RuntimeError, match="the schema view broke"):
            cache.get()
    assert builder.calls == 2


def test_without_caching_a_failure_is_not_hidden(
    flaky: tuple[SchemaCache, Flaky], settings: Any
) -> None:
    cache, builder = flaky
    settings.DRF_MCP_DOCS = {"CACHE_SCHEMA": False}
    cache.get()
    builder.failing = True
    with pytest.raises(RuntimeError):
        cache.get()


class BreakableAdapter:
    """A schema adapter (SCHEMA_ADAPTER) that starts failing when told to."""

    broken = False

    def get_schema(self) -> dict[str, Any]:
        if BreakableAdapter.broken:
            raise ValueError("SerializerMethodField 'price' has no type hint")
        from drf_mcp_docs.schema.adapters import SpectacularAdapter

        document: dict[str, Any] = SpectacularAdapter().get_schema()
        return document


@pytest.fixture
def breakable(settings: Any) -> Any:
    settings.DRF_MCP_DOCS = {
        "CACHE_SCHEMA": True,
        "SCHEMA_ADAPTER": f"{__name__}.BreakableAdapter",
    }
    BreakableAdapter.broken = False
    yield BreakableAdapter
    BreakableAdapter.broken = False


async def test_the_overview_tells_the_agent_the_schema_is_stale(
    mcp_client: Any, breakable: Any
) -> None:
    overview = json.loads((await mcp_client.read_resource("api://overview")).contents[0].text)
    assert "stale" not in overview and overview["title"] == "Bookstore API"
    breakable.broken = True
    drf_mcp_docs.invalidate_schema_cache()
    found = await mcp_client.call_tool("search_endpoints", {"query": "books"})
    assert not found.is_error and found.structured_content["total"] >= 3
    overview = json.loads((await mcp_client.read_resource("api://overview")).contents[0].text)
    assert next(iter(overview)) == "stale" and overview["title"] == "Bookstore API"
    stale = overview["stale"]
    assert stale["reason"] == "ValueError: SerializerMethodField 'price' has no type hint"
    assert "last good" in stale["note"] and stale["since"].endswith("Z")
    breakable.broken = False
    drf_mcp_docs.invalidate_schema_cache()
    overview = json.loads((await mcp_client.read_resource("api://overview")).contents[0].text)
    assert "stale" not in overview and schema_cache.staleness.failures == 0


async def test_a_first_build_that_fails_is_a_tool_error_then_recovers(
    mcp_client: Any, breakable: Any, caplog: Any
) -> None:
    breakable.broken = True
    failed = await mcp_client.call_tool("search_endpoints", {"query": "books"})
    assert failed.is_error and "Traceback" not in failed.content[0].text
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged.exc_info is not None and logged.name.startswith("drf_mcp_docs"), logged.name
    breakable.broken = False  # fixed: the next call builds, no invalidation needed
    found = await mcp_client.call_tool("search_endpoints", {"query": "books"})
    assert not found.is_error and found.structured_content["total"] >= 3
