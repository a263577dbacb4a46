"""The schema cache: single-flight builds, TTL, invalidation, the DEBUG default."""

from __future__ import annotations

import threading
import time
from typing import Any

import anyio

import drf_mcp_docs
from drf_mcp_docs.schema.cache import SchemaCache, schema_cache
from drf_mcp_docs.schema.records import ApiSchema


def slow_builder(api: ApiSchema, delay: float = 0.2) -> Any:
    def build() -> ApiSchema:
        time.sleep(delay)
        return api

    return build


def test_racing_threads_build_once(api: ApiSchema, settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"CACHE_SCHEMA": True}
    cache = SchemaCache(slow_builder(api))
    results: list[ApiSchema] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get())) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.builds == 1 and len(results) == 20 and all(r is api for r in results)


def test_racing_async_callers_build_once_off_the_loop(api: ApiSchema, settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"CACHE_SCHEMA": True}
    loop_threads: set[int] = set()
    build_threads: set[int] = set()

    def build() -> ApiSchema:
        build_threads.add(threading.get_ident())
        time.sleep(0.2)
        return api

    cache = SchemaCache(build)

    async def main() -> None:
        loop_threads.add(threading.get_ident())
        async with anyio.create_task_group() as tg:
            for _ in range(30):
                tg.start_soon(cache.aget)

    anyio.run(main)
    assert cache.builds == 1
    assert not build_threads & loop_threads


def test_debug_mode_rebuilds_every_call_but_shares_racing_builds(
    api: ApiSchema, settings: Any
) -> None:
    settings.DEBUG = True
    settings.DRF_MCP_DOCS = {}
    cache = SchemaCache(slow_builder(api, 0.1))
    cache.get()
    cache.get()
    assert cache.builds == 2
    threads = [threading.Thread(target=cache.get) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.builds <= 4  # one build in flight serves everyone queued behind it


def test_ttl_expires(api: ApiSchema, settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"CACHE_SCHEMA": True, "CACHE_TTL": 0.05}
    cache = SchemaCache(lambda: api)
    cache.get()
    cache.get()
    assert cache.builds == 1
    time.sleep(0.08)
    cache.get()
    assert cache.builds == 2


def test_invalidate_schema_cache_public_api(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"CACHE_SCHEMA": True}
    first = schema_cache.get()
    assert schema_cache.get() is first
    drf_mcp_docs.invalidate_schema_cache()
    assert schema_cache.get() is not first
