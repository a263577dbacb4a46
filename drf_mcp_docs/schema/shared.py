"""The OpenAPI document shared by every worker through a Django cache alias.

With ``DRF_MCP_DOCS['SCHEMA_CACHE_ALIAS']`` set (a Redis, Memcached or database cache),
workers share the *document* (the adapter's output: the expensive part, which imports and
introspects every view), not the processed records: the document is plain JSON data,
stable across deploys of different code, while each worker processes it itself.

Keys (all under ``drf_mcp_docs:schema:``):

- ``version``: an integer bumped by ``invalidate_schema_cache()`` in any process; workers
  compare it with the version they hold (at most once per ``CHECK_INTERVAL``).
- ``<package version>:<version>:doc``: the document for that version.
- ``<package version>:<version>:lock``: held (``cache.add``, with a timeout) by the one
  worker generating the document; the others poll for the document meanwhile.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

logger = logging.getLogger("drf_mcp_docs.schema")

__all__ = ["CHECK_INTERVAL", "SharedDocument"]

#: Seconds between two reads of the shared version by one worker.
CHECK_INTERVAL = 1.0
PREFIX = "drf_mcp_docs:schema:"
VERSION_KEY = PREFIX + "version"


class SharedDocument:
    """Reads, generates once and invalidates the document in one Django cache."""

    def __init__(self, alias: str, lock_timeout: float = 60.0) -> None:
        from django.core.cache import caches

        from drf_mcp_docs.version import __version__

        self.alias = alias
        self.cache: Any = caches[alias]
        self.lock_timeout = lock_timeout
        self._namespace = f"{PREFIX}{__version__}:"
        #: How many documents this process generated (tests and logs).
        self.generated = 0

    def version(self) -> int:
        """The shared version (created as 1 when the cache has none)."""
        value = self.cache.get(VERSION_KEY)
        if value is None:
            self.cache.add(VERSION_KEY, 1, timeout=None)
            value = self.cache.get(VERSION_KEY, 1)
        return int(value)

    def bump(self) -> None:
        """Invalidate the document for every worker: a new version, a new key."""
        try:
            self.cache.incr(VERSION_KEY)
        except ValueError:  # no version yet (or evicted): any value but the old one
            self.cache.set(VERSION_KEY, int(time.time() * 1000), timeout=None)

    def _keys(self, version: int) -> tuple[str, str]:
        base = f"{self._namespace}{version}:"
        return base + "doc", base + "lock"

    def load(
        self, version: int, generate: Callable[[], dict[str, Any]], ttl: float | None
    ) -> dict[str, Any]:
        """The document of ``version``: from the cache, else generated once across workers."""
        doc_key, lock_key = self._keys(version)
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.02
        while True:
            document = self.cache.get(doc_key)
            if document is not None:
                return dict(document)
            token = uuid.uuid4().hex
            if self.cache.add(lock_key, token, timeout=self.lock_timeout):
                try:
                    document = generate()
                    self.generated += 1
                    self.cache.set(doc_key, document, timeout=ttl)
                    logger.info("drf-mcp-docs: generated the shared schema (version %d)", version)
                    return document
                finally:
                    if self.cache.get(lock_key) == token:
                        self.cache.delete(lock_key)
            if time.monotonic() >= deadline:
                logger.warning(
                    "drf-mcp-docs: the shared schema lock was held for %gs; generating locally",
                    self.lock_timeout,
                )
                return generate()
            time.sleep(delay)  # another worker is generating it
            delay = min(delay * 2, 0.5)
