"""The OpenAPI document shared by every worker through a Django cache alias.

With ``DRF_MCP_DOCS['SCHEMA_CACHE_ALIAS']`` set (Redis, Memcached or the database cache),
workers share the *document* (the adapter's output: the expensive part, which imports and
introspects every view), not the processed records: the document is plain JSON data,
stable across deploys of different code, while each worker processes it itself.

Keys (all under ``drf_mcp_docs:schema:``):

- ``version``: an integer bumped by ``invalidate_schema_cache()`` in any process; workers
  compare it with the version they hold (at most once per ``CHECK_INTERVAL``).
- ``<package version>:<version>:doc``: the manifest of the document for that version;
  its zlib-compressed JSON is in chunks of at most 512 KiB (``chunks.py``) under
  ``<package version>:<version>:chunk:<write id>:<i>``, so any item size limit of 1 MB
  or more holds it, and a reader never joins chunks of two writes.
- ``<package version>:<version>:lock``: held (``cache.add``, with a timeout) by the one
  worker generating the document; the others poll for the document meanwhile.

A cache that fails or refuses a value (a server down, a missing table, an item size limit
below a chunk) never fails a request: the process logs one warning and generates its own
document, as without the setting.

A cache that hangs (a stopped server, a network partition, a client without a socket
timeout) costs a request at most ``SCHEMA_CACHE_TIMEOUT``: every operation runs in this
process's one helper thread (``deadline.py``; the database cache excepted, see
``_in_database``) and counts as failed when it does not answer
in time; while it still hangs, the next operations fail at once. The process keeps the
schema it has (or generates its own), and logs once per outage: a warning when the cache
first fails, and a line when it answers again.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from drf_mcp_docs.forksafe import after_fork
from drf_mcp_docs.schema.chunks import CHUNK_BYTES, chunk_keys, pack, unpack, valid_manifest
from drf_mcp_docs.schema.deadline import Deadline, TimedOut

logger = logging.getLogger("drf_mcp_docs.schema")

__all__ = ["CHECK_INTERVAL", "SharedDocument"]

#: Seconds between two reads of the shared version by one worker.
CHECK_INTERVAL = 1.0
PREFIX = "drf_mcp_docs:schema:"
VERSION_KEY = PREFIX + "version"


#: The one helper thread per process that runs every shared-cache operation, bounded.
DEADLINE = Deadline("shared-cache")


class Refused(Exception):
    """The cache did not store a value (its set_many answered failed keys)."""


class _BoundedCache:
    """The alias's cache client, each method call run through :data:`DEADLINE`."""

    def __init__(self, owner: SharedDocument) -> None:
        self._owner = owner

    def __getattr__(self, name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            return self._owner._call(name, args, kwargs)

        return call


def _run(alias: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """One call of this thread's client of the alias (Django's clients are per thread)."""
    from django.core.cache import caches

    return getattr(caches[alias], name)(*args, **kwargs)


def _in_database(alias: str) -> bool:
    """Is the alias the database cache? Its queries belong to the caller's connection and
    transaction (a table created or a row written in a transaction is seen by that
    connection only), so they run in the caller's thread, bounded by the database's own
    timeouts (e.g. PostgreSQL's ``statement_timeout``), not by the helper."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    return isinstance(caches[alias], DatabaseCache)


class SharedDocument:
    """Reads, generates once and invalidates the document in one Django cache."""

    #: Bytes per cache value (tests set less to make many chunks of a small document).
    chunk_bytes = CHUNK_BYTES

    def __init__(
        self, alias: str, lock_timeout: float = 60.0, timeout: float = 1.0, key: str = ""
    ) -> None:
        from drf_mcp_docs.version import __version__

        self.alias = alias
        self.lock_timeout = lock_timeout
        #: Seconds one cache operation may take before it counts as failed.
        self.timeout = timeout
        # One document per key (an API version, a caller's variant): ``<key>:`` after the
        # package version; the version key stays shared, so one bump invalidates them all.
        self._namespace = f"{PREFIX}{__version__}:" + (f"{key}:" if key else "")
        #: How many documents this process generated and stored (tests and logs).
        self.generated = 0
        #: How many it generated for itself because the cache failed (tests and logs).
        self.generated_locally = 0
        self._warned = False
        self._down = False  # an operation timed out since the cache last answered
        after_fork(self._after_fork)

    def _after_fork(self) -> None:
        """A forked child warns for itself (its log lines name its own process)."""
        self._warned = self._down = False

    @property
    def cache(self) -> Any:
        """The alias's client, every call bounded by ``timeout`` (see :data:`DEADLINE`)."""
        return _BoundedCache(self)

    def _call(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        try:
            if _in_database(self.alias):
                result = _run(self.alias, name, args, kwargs)
            else:
                result = DEADLINE.call(self.timeout, _run, self.alias, name, args, kwargs)
        except TimedOut:
            self._down = True  # hung: say so once, and again when it answers
            raise
        if self._down:
            self._down = self._warned = False
            logger.info("drf-mcp-docs: the shared schema cache %r answers again", self.alias)
        return result

    def _failed(self, action: str, exc: BaseException) -> None:
        """Warn once per outage that the cache failed; later failures log at debug level."""
        from django.conf import settings

        backend = str(getattr(settings, "CACHES", {}).get(self.alias, {}).get("BACKEND", "?"))
        backend = backend.rsplit(".", 1)[-1]  # the class name (caches[alias] may be what fails)
        if self._warned:
            logger.debug("drf-mcp-docs: shared schema cache: could not %s: %r", action, exc)
            return
        self._warned = True
        if isinstance(exc, TimedOut):
            exc = TimedOut(f"no answer within {self.timeout:g}s (SCHEMA_CACHE_TIMEOUT)")
        logger.warning(
            "drf-mcp-docs: the shared schema cache %r (%s) could not %s (%s: %s); this process "
            "keeps the schema it has, or generates its own when it needs one (warned once; "
            "a hung cache is logged again when it answers)",
            self.alias,
            backend,
            action,
            type(exc).__name__,
            exc,
        )

    def version(self) -> int | None:
        """The shared version (created as 1 when the cache has none); None if it failed."""
        try:
            value = self.cache.get(VERSION_KEY)
            if value is None:
                self.cache.add(VERSION_KEY, 1, timeout=None)
                value = self.cache.get(VERSION_KEY, 1)
            return int(value)
        except Exception as exc:  # any backend's error: a request must not fail on it
            self._failed("read the schema version", exc)
            return None

    def bump(self) -> bool:
        """Invalidate the document for every worker: a new version, a new key."""
        try:
            try:
                self.cache.incr(VERSION_KEY)
            except ValueError:  # no version yet (or evicted): any value but the old one
                self.cache.set(VERSION_KEY, int(time.time() * 1000), timeout=None)
            return True
        except Exception as exc:
            self._failed("bump the schema version (other workers keep theirs)", exc)
            return False

    def _keys(self, version: int) -> tuple[str, str]:
        base = f"{self._namespace}{version}:"
        return base + "doc", base + "lock"

    def _read(self, version: int) -> dict[str, Any] | None:
        doc_key, _ = self._keys(version)
        manifest = self.cache.get(doc_key)
        if not valid_manifest(manifest):
            return None
        keys = chunk_keys(f"{self._namespace}{version}:chunk:", manifest)
        found = self.cache.get_many(keys)
        document = unpack(manifest, [found.get(key) for key in keys])
        if document is None:  # a chunk was evicted: the next lock holder writes it anew
            logger.info("drf-mcp-docs: the shared schema (version %d) is incomplete", version)
            self.cache.delete(doc_key)
        return document

    def _store(self, version: int, document: dict[str, Any], ttl: float | None) -> None:
        doc_key, _ = self._keys(version)
        manifest, chunks = pack(document, self.chunk_bytes)
        keys = chunk_keys(f"{self._namespace}{version}:chunk:", manifest)
        failed = self.cache.set_many(dict(zip(keys, chunks, strict=True)), timeout=ttl)
        if not failed:
            failed = self.cache.set_many({doc_key: manifest}, timeout=ttl)
        if failed:
            self.cache.delete_many(keys)
            sizes = ", ".join(str(len(chunk)) for chunk in chunks)
            raise Refused(f"it refused {len(failed)} value(s) of the document (bytes: {sizes})")

    def _generate(
        self, version: int, generate: Callable[[], dict[str, Any]], ttl: float | None
    ) -> dict[str, Any]:
        document = generate()
        try:
            self._store(version, document, ttl)
        except Exception as exc:  # too large, a missing table, a server gone: warn once
            self.generated_locally += 1
            self._failed(f"store the schema in values of up to {self.chunk_bytes} bytes", exc)
            return document
        self.generated += 1
        logger.info("drf-mcp-docs: generated the shared schema (version %d)", version)
        return document

    def load(
        self, version: int, generate: Callable[[], dict[str, Any]], ttl: float | None
    ) -> dict[str, Any]:
        """The document of ``version``: from the cache, else generated once across workers."""
        _, lock_key = self._keys(version)
        deadline = time.monotonic() + self.lock_timeout
        delay, unheld = 0.02, 0
        while True:
            token = uuid.uuid4().hex
            try:
                document = self._read(version)
                if document is not None:
                    return document
                if self.cache.add(lock_key, token, timeout=self.lock_timeout):
                    break
                # A client that marked its server dead (pymemcache) answers add() False and
                # get() None: nobody holds the lock, and waiting for its holder is in vain.
                unheld = unheld + 1 if self.cache.get(lock_key) is None else 0
                if unheld >= 3:
                    raise Refused("it refused the lock, yet nobody holds it")
            except Exception as exc:  # any backend's error: a request must not fail on it
                self._failed("read the schema", exc)
                return self._local(generate)
            if time.monotonic() >= deadline:
                logger.warning(
                    "drf-mcp-docs: the shared schema lock was held for %gs; generating locally",
                    self.lock_timeout,
                )
                return self._local(generate)
            time.sleep(delay)  # another worker is generating it
            delay = min(delay * 2, 0.5)
        try:
            # The previous holder may have stored it between this worker's read and its lock.
            try:
                document = self._read(version)
            except Exception as exc:
                self._failed("read the schema", exc)
                document = None
            return document if document is not None else self._generate(version, generate, ttl)
        finally:
            self._unlock(lock_key, token)

    def _local(self, generate: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        self.generated_locally += 1
        return generate()

    def _unlock(self, lock_key: str, token: str) -> None:
        try:
            if self.cache.get(lock_key) == token:
                self.cache.delete(lock_key)
        except Exception as exc:  # the lock expires by itself
            self._failed("release the schema lock", exc)
