"""The process-wide schema cache: single-flight builds, TTL, invalidation.

Many concurrent callers on a cold or expired cache trigger exactly one build; the rest
wait for it. The build runs in a worker thread when called from async code, because
Django's schema generation is synchronous.

With ``SCHEMA_CACHE_ALIAS`` the document comes from the cache shared by all workers
(``shared.py``); this process checks the shared version at most once a second, always
in a thread (never a cache round trip on the event loop), and rebuilds when it moved.

Stale beats nothing: when a rebuild fails (``CACHE_TTL`` expiry, an invalidation) and a
schema was built before, that last good schema goes on answering; the failure is logged
with its traceback and the next rebuild is tried after a back-off (``stale.py``), not on
every call. The overview tells the agent the schema is stale.

The lock and the single-flight state are per process: a child forked while a build was in
flight (gunicorn ``--preload``) starts with a free lock (``forksafe``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from drf_mcp_docs.conf import conf
from drf_mcp_docs.forksafe import after_fork
from drf_mcp_docs.schema import hooks
from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.schema.shared import CHECK_INTERVAL, SharedDocument
from drf_mcp_docs.schema.stale import Staleness
from drf_mcp_docs.threads import run_in_thread

logger = logging.getLogger("drf_mcp_docs.schema")


def build_api_schema(
    document: dict[str, Any] | None = None, *, version_key: str | None = None, record: bool = True
) -> ApiSchema:
    """Process ``document`` (default: load it through the configured adapter).

    ``version_key``: the API version it documents (the history keeps one per version);
    ``record=False`` for a caller's own variant, which the shared history must never hold.
    """
    from drf_mcp_docs.schema.adapters import load_document
    from drf_mcp_docs.schema.processor import process_schema

    started = time.perf_counter()
    api = process_schema(
        (document := load_document() if document is None else document),
        path_prefix=conf.SCHEMA_PATH_PREFIX,
        exclude_paths=conf.EXCLUDE_PATHS,
    )
    if record:
        hooks.built(document, api, version_key)  # the history records it (history/store.py)
    logger.debug(
        "built API schema: %d endpoints, %d schemas in %.1f ms",
        len(api.endpoints),
        len(api.components),
        (time.perf_counter() - started) * 1000,
    )
    return api


class SchemaCache:
    """Holds the built :class:`ApiSchema`; ``get`` builds it when missing or stale."""

    def __init__(
        self,
        builder: Callable[[], ApiSchema] = build_api_schema,
        loader: Callable[[], dict[str, Any]] | None = None,
        key: str = "",
        version: str | None = None,
        record: bool = True,
    ) -> None:
        self.builder = builder
        #: The API version this cache documents, and whether its builds enter the history.
        self.version, self.record = version, record
        #: The document's loader (default: the adapter's) and its key in the shared cache:
        #: one cache per (version, variant) key (``variants.py``).
        self.loader, self.key = loader, key
        self.builds = 0
        self._lock = threading.Lock()
        self._value: ApiSchema | None = None
        self._built_at = 0.0
        self._generation = 0
        self._shared: SharedDocument | None = None
        self._shared_version: int | None = None  # the shared version self._value was built from
        self._checked_at = 0.0
        self._invalid = False  # invalidated: self._value answers only if the rebuild fails
        #: Set while the last good schema answers because rebuilding it failed.
        self.staleness = Staleness()
        after_fork(self._after_fork)

    def _after_fork(self) -> None:
        """In a forked child: a build in flight in the parent left its lock locked."""
        self._lock = threading.Lock()

    def shared(self) -> SharedDocument | None:
        """The shared document store of ``SCHEMA_CACHE_ALIAS``, or None (per process)."""
        alias = conf.SCHEMA_CACHE_ALIAS
        if alias is None:
            return None
        shared = self._shared
        if shared is None or shared.alias != alias:
            shared = self._shared = SharedDocument(
                alias, conf.SCHEMA_CACHE_LOCK_TIMEOUT, key=self.key
            )
        shared.timeout = conf.SCHEMA_CACHE_TIMEOUT
        return shared

    def _fresh(self) -> ApiSchema | None:
        value = self._value
        if value is None or not conf.CACHE_SCHEMA:
            return None
        now = time.monotonic()
        if self.staleness.waiting(now):
            return value  # the last good one, until the next retry is due
        if self._invalid:
            return None
        ttl = conf.CACHE_TTL
        if ttl is not None and now - self._built_at >= ttl:
            return None
        if self._shared_version is not None and now - self._checked_at >= CHECK_INTERVAL:
            return None  # time to compare with the shared version (in get())
        return value

    def _build(self) -> tuple[ApiSchema, int | None]:
        shared = self.shared() if conf.CACHE_SCHEMA else None
        if shared is None:
            return self.builder(), None
        from drf_mcp_docs.schema.adapters import load_document

        version = shared.version()
        if version is None:  # the shared cache failed (warned): per process, as without it
            return self.builder(), None
        document = shared.load(version, self.loader or load_document, conf.CACHE_TTL)
        return build_api_schema(document, version_key=self.version, record=self.record), version

    def _still_current(self) -> ApiSchema | None:
        """A value whose shared version is due for a check: keep it if nothing moved."""
        value, shared = self._value, self.shared()
        if value is None or shared is None or self._shared_version is None or self._invalid:
            return None
        ttl = conf.CACHE_TTL
        if not conf.CACHE_SCHEMA or (ttl is not None and time.monotonic() - self._built_at >= ttl):
            return None
        current = shared.version()  # None: the cache failed (warned); nothing known moved
        if current is not None and current != self._shared_version:
            return None
        self._checked_at = time.monotonic()
        return value

    def get(self) -> ApiSchema:
        """The cached schema, building it (once, whoever else is waiting) if needed."""
        value = self._fresh()
        if value is not None:
            return value
        generation = self._generation
        with self._lock:
            if self._generation != generation and self._value is not None and not self._invalid:
                return self._value  # built by another caller while this one waited
            value = self._fresh() or self._still_current()
            if value is not None:
                return value
            try:
                value, version = self._build()
            except Exception as exc:
                if self._value is None or not conf.CACHE_SCHEMA:
                    raise  # nothing good to serve: the caller's tool error says why
                self.staleness.failed(exc, self._built_at)
                self._generation += 1  # callers waiting meanwhile take the stale one
                # (self._invalid stays: once the back-off is over, the rebuild is due again)
                return self._value
            self.builds += 1
            self._value = value
            self._shared_version = version
            self._built_at = self._checked_at = time.monotonic()
            self._invalid = False
            self._generation += 1
            self.staleness.recovered()
            return value

    async def aget(self) -> ApiSchema:
        """``get`` for async callers: a warm cache answers inline, a build runs in a thread."""
        value = self._fresh()
        if value is not None:
            return value
        return await run_in_thread(self.get)

    def stale_since(self, api: ApiSchema) -> Staleness | None:
        """The staleness of ``api`` if it is the last good schema answering after a failed
        rebuild, else None (the overview tells the agent)."""
        return self.staleness if self.staleness.stale and api is self._value else None

    def forget(self) -> None:
        """Invalidate, and drop the schema held here too: nothing stale answers (tests,
        or a configuration changed in-process)."""
        self.invalidate()
        with self._lock:
            self._value = None
            self.staleness.clear()

    def invalidate(self) -> None:
        """Rebuild on the next call here and, with a shared cache, in every worker.

        The schema held until then answers only if that rebuild fails (stale beats nothing).
        """
        with self._lock:
            self._invalid = True
            self._shared_version = None
            self.staleness.retry_now()
            self._generation += 1
        shared = self.shared()
        if shared is not None:
            shared.bump()


schema_cache = SchemaCache()
