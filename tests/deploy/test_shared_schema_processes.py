# ruff: noqa: F811  (pytest fixtures imported from the support modules, then requested by name)
"""The shared schema across real processes, on each backend (Redis, Memcached, database).

Each worker is a ``python -m tests.support.cache_worker`` process with the example project
(tests.support.deploy_settings) and one ``SchemaCache``; it answers how many documents it
generated and stored (``generated``) and generated for itself (``generated_locally``). The
database cache is a table in one SQLite file that the processes of a test share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.support.cache_support import cache_site, worker_cache_env  # noqa: F401 (fixtures)
from tests.support.cache_worker import CacheWorker
from tests.support.deploy_support import deploy_site, memcached_location, redis_url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.servers


@pytest.fixture
def workers(worker_cache_env: dict[str, str]) -> Iterator[Callable[..., list[CacheWorker]]]:
    """``workers(n, **env)``: n ready worker processes on the test's shared cache."""
    started: list[CacheWorker] = []

    def start(n: int, **env: str) -> list[CacheWorker]:
        batch = [CacheWorker(**worker_cache_env, **env) for _ in range(n)]
        started.extend(batch)
        for worker in batch:
            assert worker.answer() == {"ready": True}
        return batch

    yield start
    for worker in started:
        worker.stop()


def test_a_second_process_builds_nothing(workers: Callable[..., list[CacheWorker]]) -> None:
    (first,) = workers(1)
    made = first.ask("get")
    assert made["generated"] == 1 and made["endpoints"] > 5
    (second,) = workers(1)
    read = second.ask("get")
    assert read["builds"] == 1 and read["endpoints"] == made["endpoints"]
    assert read["generated"] == 0 and read["generated_locally"] == 0
    assert read["version"] == made["version"]
    assert second.ask("digest") == first.ask("digest")  # the same endpoints, read back whole
    assert "generated the shared schema" not in second.log()


def test_processes_starting_together_generate_once(
    workers: Callable[..., list[CacheWorker]],
) -> None:
    batch = workers(4, TEST_SLOW_GENERATION="0.5")
    for worker in batch:  # all at once: each is ready and waits for its line
        worker.send("get")
    answers = [worker.answer() for worker in batch]
    assert sum(a["generated"] for a in answers) == 1, answers
    assert sum(a["generated_locally"] for a in answers) == 0, answers
    assert len({a["endpoints"] for a in answers}) == 1
    logs = [worker.log() for worker in batch]
    assert sum(log.count("generated the shared schema (version") for log in logs) == 1, logs


def test_invalidation_reaches_every_process(workers: Callable[..., list[CacheWorker]]) -> None:
    here, there, admin = workers(3)
    before = [here.ask("get"), there.ask("get")]
    assert sum(a["generated"] for a in before) == 1
    assert admin.ask("invalidate") == {"ok": True}  # e.g. manage.py shell in a deploy hook
    after = [here.ask("get"), there.ask("get")]
    assert [a["builds"] for a in after] == [2, 2]  # both rebuilt ...
    assert sum(a["generated"] for a in after) == 2  # ... from one new generation
    assert {a["version"] for a in after} == {before[0]["version"] + 1}
