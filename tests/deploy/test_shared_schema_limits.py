# ruff: noqa: F811  (pytest fixtures imported from the support modules, then requested by name)
"""The shared schema at the limits: big documents, refused values, caches that fail.

Real documents are bigger than Memcached's default 1 MB item limit; the document is stored
as zlib-compressed JSON in chunks under a manifest (drf_mcp_docs.schema.chunks). A cache
that refuses a value or fails altogether must never fail a request: one warning per
process, then per-process generation.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from drf_mcp_docs.schema import adapters
from drf_mcp_docs.schema.cache import SchemaCache
from drf_mcp_docs.schema.chunks import pack, unpack, valid_manifest
from drf_mcp_docs.schema.shared import SharedDocument
from tests.support import realworld
from tests.support.cache_support import cache_backend, configure  # noqa: F401 (fixtures)
from tests.support.cache_worker import CacheWorker
from tests.support.deploy_support import (  # noqa: F401 (fixtures)
    cache_env,
    deploy_site,
    memcached_location,
    redis_url,
    start_memcached,
)
from tests.support.servers import free_port

WARNING = "drf-mcp-docs: the shared schema cache 'schema'"


def test_chunks_round_trip_and_never_mix_two_writes() -> None:
    document = {"openapi": "3.0.3", "info": {"description": os.urandom(6000).hex()}}
    manifest, chunks = pack(document, chunk_bytes=1000)
    assert valid_manifest(manifest) and len(chunks) == manifest["chunks"] > 5
    assert unpack(manifest, chunks) == document
    other_manifest, other = pack({**document, "x": 1}, chunk_bytes=1000)
    assert other_manifest["write"] != manifest["write"]
    assert unpack(manifest, [*chunks[:-1], other[-1]]) is None  # never a mix of two writes
    assert unpack(manifest, [*chunks[:-1], None]) is None  # a chunk evicted
    assert not valid_manifest({**manifest, "format": 0})
    assert not valid_manifest({**manifest, "write": "a b"})  # not a key part


@pytest.mark.realworld
@pytest.mark.servers
@pytest.mark.parametrize("name", ["github", "stripe"])
def test_a_real_document_over_the_item_limit_is_shared_through_memcached(
    settings: Any, memcached_location: str, name: str
) -> None:
    if not realworld.available(name):
        pytest.skip(f"{name} is not cached and npm is not installed")
    document = realworld.load(name)
    raw = json.dumps(document, separators=(",", ":")).encode()
    assert len(raw) > 1024 * 1024  # over Memcached's default item limit as plain JSON
    configure(settings, "memcached", memcached_location)
    writer, reader = SharedDocument("schema"), SharedDocument("schema")
    version = writer.version()
    assert version is not None
    assert writer.load(version, lambda: document, None) == document
    assert writer.generated == 1

    def fail() -> dict[str, Any]:
        raise AssertionError("the reader generated: it did not read the shared document")

    assert reader.load(version, fail, None) == document
    from django.core.cache import caches

    manifest = caches["schema"].get(writer._keys(version)[0])
    assert manifest["chunks"] == (2 if name == "github" else 1), manifest


@pytest.mark.servers
def test_an_evicted_chunk_is_regenerated_not_misread(
    settings: Any, cache_backend: tuple[str, str]
) -> None:
    from django.core.cache import caches

    configure(settings, *cache_backend)
    document = {"openapi": "3.0.3", "info": {"description": os.urandom(6000).hex()}}
    writer, reader = SharedDocument("schema"), SharedDocument("schema")
    writer.chunk_bytes = reader.chunk_bytes = 1000
    version = writer.version()
    assert version is not None
    writer.load(version, lambda: document, None)
    manifest = caches["schema"].get(writer._keys(version)[0])
    base = f"{writer._namespace}{version}:chunk:{manifest['write']}:"
    caches["schema"].delete(base + "3")  # as an LRU eviction would
    newer = {**document, "regenerated": True}
    assert reader.load(version, lambda: newer, None) == newer
    assert reader.generated == 1 and reader.generated_locally == 0


def big_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example's document with 1.2 MB of random hex: over 512 KiB compressed."""
    original = adapters.load_document

    def load_document() -> dict[str, Any]:
        document = original()
        document["info"]["description"] = os.urandom(600_000).hex()
        return document

    monkeypatch.setattr(adapters, "load_document", load_document)


@pytest.mark.servers
def test_a_refused_value_warns_once_and_the_process_generates_its_own(
    settings: Any, start_server: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    location = start_memcached(start_server, "-I", "512k")  # a 512 KiB chunk is too large
    configure(settings, "memcached", location)
    big_document(monkeypatch)
    worker = SchemaCache()
    assert len(worker.get().endpoints) > 5  # served, though memcached refused the chunk
    worker.invalidate()
    assert len(worker.get().endpoints) > 5
    assert worker.builds == 2
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(
        WARNING + " (PyMemcacheCache) could not store the schema in values of up to 524288 bytes"
        " (MemcacheServerError: b'object too large for cache')"
    )


@pytest.mark.servers
@pytest.mark.parametrize("name", ["redis", "memcached"])
def test_a_cache_server_that_is_down_warns_once(settings: Any, name: str, caplog: Any) -> None:
    port = free_port()  # nothing listens there
    location = f"redis://127.0.0.1:{port}/0" if name == "redis" else f"127.0.0.1:{port}"
    configure(settings, name, location)
    worker = SchemaCache()
    assert len(worker.get().endpoints) > 5
    worker.invalidate()
    assert len(worker.get().endpoints) > 5 and worker.builds == 2
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and warnings[0].startswith(WARNING), warnings
    assert "Connection" in warnings[0] or "refused" in warnings[0]


@pytest.mark.servers
def test_a_missing_cache_table_warns_once_and_serves(
    deploy_site: tuple[Path, str], tmp_path: Path
) -> None:
    db = tmp_path / "site.sqlite3"
    shutil.copy(deploy_site[0], db)  # no createcachetable
    worker = CacheWorker(EXAMPLE_DB_PATH=str(db), **cache_env("db", "drf_mcp_docs_cache"))
    try:
        assert worker.answer() == {"ready": True}
        first = worker.ask("get")
        assert first["endpoints"] > 5 and first["version"] is None
        assert worker.ask("invalidate") == {"ok": True}
        assert worker.ask("get")["builds"] == 2
        log = worker.log()
    finally:
        worker.stop()
    assert log.count(WARNING) == 1, log
    assert "(DatabaseCache) could not read the schema version" in log
    assert "no such table: drf_mcp_docs_cache" in log


def test_an_alias_missing_from_caches_warns_and_serves(settings: Any, caplog: Any) -> None:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.DRF_MCP_DOCS = {"CACHE_SCHEMA": True, "SCHEMA_CACHE_ALIAS": "gone"}  # E020 too
    assert len(SchemaCache().get().endpoints) > 5
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "'gone' (?) could not read the schema version" in warnings[0]


def test_a_worker_that_takes_the_lock_late_reads_what_the_holder_stored(settings: Any) -> None:
    """A worker reads (nothing yet), the holder stores the document and unlocks, the worker
    takes the lock: it must read the document again, not generate a second one."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "schema": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "late"},
    }
    holder, late = SharedDocument("schema"), SharedDocument("schema")
    version = holder.version()
    assert version is not None
    document = {"openapi": "3.0.3", "paths": {}}
    original = late._read
    reads: list[bool] = []

    def read_before_the_store(version: int) -> Any:
        if not reads:  # the first read happens before the holder stores: nothing there
            reads.append(False)
            assert holder.load(version, lambda: document, None) == document  # store, unlock
            return None
        reads.append(True)
        return original(version)

    late._read = read_before_the_store  # type: ignore[method-assign]
    generated: list[int] = []
    assert late.load(version, lambda: generated.append(1) or {}, None) == document
    assert generated == [] and reads == [False, True]
    assert (holder.generated, late.generated) == (1, 0)
