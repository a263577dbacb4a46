"""The process-wide schema cache: single-flight builds, TTL, invalidation.

Many concurrent callers on a cold or expired cache trigger exactly one build; the rest
wait for it. The build runs in a worker thread when called from async code, because
Django's schema generation is synchronous.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import anyio.to_thread

from drf_mcp_docs.conf import conf
from drf_mcp_docs.schema.records import ApiSchema

logger = logging.getLogger("drf_mcp_docs.schema")


def build_api_schema() -> ApiSchema:
    """Load the document through the configured adapter and process it."""
    from drf_mcp_docs.schema.adapters import load_document
    from drf_mcp_docs.schema.processor import process_schema

    started = time.perf_counter()
    api = process_schema(
        load_document(),
        path_prefix=conf.SCHEMA_PATH_PREFIX,
        exclude_paths=conf.EXCLUDE_PATHS,
    )
    logger.debug(
        "built API schema: %d endpoints, %d schemas in %.1f ms",
        len(api.endpoints),
        len(api.components),
        (time.perf_counter() - started) * 1000,
    )
    return api


class SchemaCache:
    """Holds the built :class:`ApiSchema`; ``get`` builds it when missing or stale."""

    def __init__(self, builder: Callable[[], ApiSchema] = build_api_schema) -> None:
        self.builder = builder
        self.builds = 0
        self._lock = threading.Lock()
        self._value: ApiSchema | None = None
        self._built_at = 0.0
        self._generation = 0

    def _fresh(self) -> ApiSchema | None:
        value = self._value
        if value is None or not conf.CACHE_SCHEMA:
            return None
        ttl = conf.CACHE_TTL
        if ttl is not None and time.monotonic() - self._built_at >= ttl:
            return None
        return value

    def get(self) -> ApiSchema:
        """The cached schema, building it (once, whoever else is waiting) if needed."""
        value = self._fresh()
        if value is not None:
            return value
        generation = self._generation
        with self._lock:
            if self._generation != generation and self._value is not None:
                return self._value  # built by another caller while this one waited
            value = self._fresh()
            if value is not None:
                return value
            value = self.builder()
            self.builds += 1
            self._value = value
            self._built_at = time.monotonic()
            self._generation += 1
            return value

    async def aget(self) -> ApiSchema:
        """``get`` for async callers: a warm cache answers inline, a build runs in a thread."""
        value = self._fresh()
        if value is not None:
            return value
        return await anyio.to_thread.run_sync(self.get)

    def invalidate(self) -> None:
        """Forget the schema; the next ``get`` rebuilds it."""
        with self._lock:
            self._value = None
            self._generation += 1


schema_cache = SchemaCache()
