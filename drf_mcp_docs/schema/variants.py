"""One schema cache per key: ``(version, variant)``.

``version`` is an API version (``versions.py``) or None for an unversioned API;
``variant`` names whose view of the API it is (a per-user schema, ``SERVE_PUBLIC =
False``) or None for the public schema. The key ``(None, None)`` is the process-wide
``schema_cache`` itself, so an unversioned, public API works exactly as before.

Each cache keeps what ``SchemaCache`` gives every key: a single-flight build, the TTL,
and, with ``SCHEMA_CACHE_ALIAS``, the document shared by every worker under its own key.
Public versions are few (the versions the project serves); per-user variants are bounded:
at most ``SCHEMA_VARIANTS`` per process, least recently used dropped first, each kept at
most ``SCHEMA_VARIANT_TTL`` seconds.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from drf_mcp_docs.forksafe import after_fork
from drf_mcp_docs.schema.cache import SchemaCache, build_api_schema, schema_cache
from drf_mcp_docs.schema.records import ApiSchema

__all__ = ["SchemaCaches", "schema_caches", "shared_key"]

Key = tuple[str | None, str | None]
Loader = Callable[[], dict[str, Any]]


def shared_key(version: str | None, variant: str | None) -> str:
    """The key's part of the shared cache's keys: readable for a version, a digest (never
    the raw caller key) for a variant."""
    parts = [f"v={quote(version, safe='')[:64]}"] if version is not None else []
    if variant is not None:
        digest = hashlib.sha256(variant.encode("utf-8")).hexdigest()[:32]
        parts.append(f"u={digest}")
    return ":".join(parts)


class SchemaCaches:
    """The caches of every key in this process (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._public: dict[str | None, SchemaCache] = {}
        self._variants: OrderedDict[Key, tuple[SchemaCache, float]] = OrderedDict()
        after_fork(self._after_fork)

    def _after_fork(self) -> None:
        """In a forked child: a lookup in flight in the parent left the lock locked."""
        self._lock = threading.Lock()

    def get(self, version: str | None, variant: str | None, loader: Loader) -> SchemaCache:
        """The cache of ``(version, variant)``; ``loader`` loads its document when new."""
        if version is None and variant is None:
            return schema_cache
        if variant is None:
            with self._lock:
                cache = self._public.get(version)
                if cache is None:
                    key = shared_key(version, None)
                    cache = self._public[version] = _new(loader, key, version, record=True)
                return cache
        return self._variant((version, variant), loader)

    def _variant(self, key: Key, loader: Loader) -> SchemaCache:
        from drf_mcp_docs.conf import conf

        now = time.monotonic()
        with self._lock:
            held = self._variants.get(key)
            if held is not None and now - held[1] < conf.SCHEMA_VARIANT_TTL:
                self._variants.move_to_end(key)
                return held[0]
            cache = _new(loader, shared_key(*key), key[0], record=False)
            self._variants[key] = (cache, now)
            self._variants.move_to_end(key)
            while len(self._variants) > max(1, conf.SCHEMA_VARIANTS):
                self._variants.popitem(last=False)
            return cache

    def variants(self) -> int:
        """How many per-caller schemas this process holds."""
        with self._lock:
            return len(self._variants)

    def clear(self) -> None:
        """Forget every key's schema here (``invalidate_schema_cache`` also bumps the shared
        version, which every worker's caches of every key compare with)."""
        from drf_mcp_docs.schema import versions

        with self._lock:
            self._public.clear()
            self._variants.clear()
        versions.clear()


def _new(loader: Loader, key: str, version: str | None, *, record: bool) -> SchemaCache:
    """A cache for one key; a caller's own variant (``record=False``) stays out of the
    schema history, which every caller's ``get_api_changes`` reads."""

    def build() -> ApiSchema:
        return build_api_schema(loader(), version_key=version, record=record)

    return SchemaCache(build, loader=loader, key=key, version=version, record=record)


schema_caches = SchemaCaches()
