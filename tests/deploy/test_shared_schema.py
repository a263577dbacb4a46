# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""One schema for all workers: the document shared through a real cache of each backend.

Every test runs on Redis (a redis-server), Memcached (a memcached) and the database cache
(``cache_backend``/``worker_cache_env``, tests.support.cache_support). Workers here are
``SchemaCache`` objects in threads; tests/deploy/test_shared_schema_processes.py runs the
same behaviours in separate processes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from typing import Any

import anyio
import pytest

import drf_mcp_docs
from drf_mcp_docs.schema import adapters
from drf_mcp_docs.schema import cache as cache_module
from drf_mcp_docs.schema.cache import SchemaCache
from drf_mcp_docs.schema.shared import VERSION_KEY
from tests.support.cache_support import cache_backend, cache_site, configure, worker_cache_env  # noqa: F401 (fixtures)
from tests.support.deploy_support import deploy, deploy_site, memcached_location, redis_url  # noqa: F401 (fixtures)
from tests.support.mcp_load import run_sessions
from tests.support.servers import manage, server_env

pytestmark = pytest.mark.servers


@pytest.fixture
def shared(settings: Any, cache_backend: tuple[str, str]) -> Any:
    """Django configured with a real shared cache as SCHEMA_CACHE_ALIAS."""
    return configure(settings, *cache_backend)


@pytest.fixture
def generations(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Each call of the adapter (the expensive generation), slowed to widen races."""
    calls: list[float] = []
    original = adapters.load_document

    def counting() -> dict[str, Any]:
        calls.append(time.monotonic())
        time.sleep(0.3)
        return original()

    monkeypatch.setattr(adapters, "load_document", counting)
    return calls


def test_a_new_worker_builds_nothing_when_the_document_is_shared(
    shared: Any, generations: list[float]
) -> None:
    first, second = SchemaCache(), SchemaCache()
    assert len(first.get().endpoints) > 5
    assert second.get().endpoints == first.get().endpoints
    assert len(generations) == 1


def test_workers_starting_together_generate_once(
    shared: Any, generations: list[float], cache_backend: tuple[str, str]
) -> None:
    if cache_backend[0] == "db":  # threads do not see the test database's cache table
        pytest.skip("the database cache: test_processes_starting_together_generate_once")
    workers = [SchemaCache() for _ in range(8)]
    results: list[Any] = []
    threads = [threading.Thread(target=lambda w=w: results.append(w.get())) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and len(generations) == 1


def test_invalidation_reaches_every_worker(
    shared: Any, generations: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "CHECK_INTERVAL", 0.0)
    here, there = SchemaCache(), SchemaCache()
    here.get(), there.get()
    assert there.builds == 1 and len(generations) == 1
    here.invalidate()  # what drf_mcp_docs.invalidate_schema_cache() does in "here"'s process
    there.get()
    assert there.builds == 2 and len(generations) == 2
    here.get()
    assert here.builds == 2 and len(generations) == 2  # the new document is shared too


def test_the_version_is_checked_at_most_once_a_second(
    shared: Any, generations: list[float]
) -> None:
    from django.core.cache import caches

    here, there = SchemaCache(), SchemaCache()
    here.get(), there.get()
    caches["schema"].incr(VERSION_KEY)
    there.get()
    assert there.builds == 1  # within the interval: the local copy answers, no round trip
    time.sleep(cache_module.CHECK_INTERVAL + 0.05)
    there.get()
    assert there.builds == 2


def test_a_stuck_lock_falls_back_to_a_local_build(
    shared: Any, generations: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    from django.core.cache import caches

    shared.DRF_MCP_DOCS = {**shared.DRF_MCP_DOCS, "SCHEMA_CACHE_LOCK_TIMEOUT": 0.5}
    worker = SchemaCache()
    store = worker.shared()
    assert store is not None
    _, lock = store._keys(store.version())
    caches["schema"].add(lock, "another worker", timeout=30)
    started = time.monotonic()
    assert worker.get().endpoints
    assert 0.5 <= time.monotonic() - started < 5
    assert "lock was held for 0.5s; generating locally" in caplog.text


def test_without_the_setting_each_process_caches_its_own(
    settings: Any, generations: list[float]
) -> None:
    settings.DRF_MCP_DOCS = {"CACHE_SCHEMA": True}
    first, second = SchemaCache(), SchemaCache()
    first.get(), second.get(), first.get()
    assert first.shared() is None and len(generations) == 2


async def test_gunicorn_workers_share_one_generation(
    deploy: Any, worker_cache_env: dict[str, str]
) -> None:
    served = deploy("gunicorn-uvicorn", 2, **worker_cache_env)
    result = await run_sessions(served.url + "/mcp/", "stateless", sessions=20)
    assert result.failures == [], result.summary()
    env = server_env(**worker_cache_env, DJANGO_SETTINGS_MODULE="tests.support.deploy_settings")
    invalidate = "from drf_mcp_docs import invalidate_schema_cache; invalidate_schema_cache()"
    await anyio.run_process(manage("shell", "-c", invalidate), env=env, check=True)
    await anyio.sleep(cache_module.CHECK_INTERVAL + 0.1)
    result = await run_sessions(served.url + "/mcp/", "stateless", sessions=20)
    assert result.failures == [], result.summary()
    # Kill the server and its workers (their process group), then read what they logged.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(served.process.pid, signal.SIGKILL)
    served.process.proc.wait(timeout=10)
    assert served.process.proc.stderr is not None
    log = served.process.proc.stderr.read().decode()
    assert log.count("generated the shared schema (version 1)") == 1, log
    assert log.count("generated the shared schema (version 2)") == 1, log


def test_public_invalidate_bumps_the_shared_version(shared: Any) -> None:
    from django.core.cache import caches

    SchemaCache().get()
    before = caches["schema"].get(VERSION_KEY)
    drf_mcp_docs.invalidate_schema_cache()
    assert caches["schema"].get(VERSION_KEY) == before + 1
