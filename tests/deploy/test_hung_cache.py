# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""A hung shared cache costs a request at most SCHEMA_CACHE_TIMEOUT (issue 19).

A real redis-server (or memcached) is stopped with SIGSTOP under a running endpoint: it
accepts connections and answers nothing, as a frozen or partitioned server does. Neither
Django's Redis client nor pymemcache has a socket timeout by default, so before the deadline
every request waited on the once-a-second version check for as long as the server stayed
stopped. Now each tool call answers right within 3 s (the schema in memory answers; a
worker with none generates its own), the log says so once, and when the server resumes
(SIGCONT) the endpoint reads the shared cache again.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support.deploy_support import (  # noqa: F401 (fixtures)
    _binary,
    cache_env,
    deploy,
    deploy_site,
)
from tests.support.servers import ServerProcess, free_port
from tests.support.tool_calls import TOOLS, call_tool

pytestmark = pytest.mark.servers

#: The bound every tool call must meet while the cache hangs (the default deadline is 1 s).
BOUND = 3.0
#: The bound of a call that must also generate the schema (a worker with none).
COLD_BOUND = 8.0


def start_cache(start_server: Any, tmp_path: Path, backend: str) -> tuple[ServerProcess, str]:
    """A private redis-server or memcached on a free port: (process, LOCATION)."""
    port = free_port()
    if backend == "redis":
        args = [_binary("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", str(tmp_path)]  # fmt: skip
        location = f"redis://127.0.0.1:{port}/0"
    else:
        args = [_binary("memcached"), "-l", "127.0.0.1", "-p", str(port), "-U", "0",
                "-m", "64", "-u", "nobody"]  # fmt: skip
        location = f"127.0.0.1:{port}"
    process: ServerProcess = start_server(args)
    process.wait_for_port(port)
    return process, location


def calls_answer(url: str, bound: float, rounds: int = 3) -> list[float]:
    """``rounds`` of every tool, each on a new connection: right, and within ``bound``."""
    times = []
    for _ in range(rounds):
        for name, arguments, check in TOOLS:
            result, elapsed = call_tool(url, name, arguments)
            assert not result.get("isError"), (name, result)
            assert check(result["structuredContent"]), (name, result)
            assert elapsed < bound, (name, elapsed, times)
            times.append(elapsed)
    return times


def bump_version(backend: str, location: str) -> None:
    """What invalidate_schema_cache() in another process does: a new shared version."""
    key = "drf_mcp_docs:schema:version"
    if backend == "redis":
        import redis

        # Django's RedisCache stores small ints as ints; prefix ':1:' is its key version.
        redis.Redis.from_url(location).incr(f":1:{key}")
    else:
        from pymemcache.client.base import Client

        host, port = location.rsplit(":", 1)
        Client((host, int(port))).incr(f":1:{key}", 1)


def wait_for(log: Path, text: str, timeout: float, url: str | None = None) -> str:
    """The log once it holds ``text``; meanwhile tool calls to ``url``, if given (a worker
    reads the shared version on a request, at most once a second)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = log.read_text(errors="replace")
        if text in content:
            return content
        if url is not None:
            calls_answer(url, BOUND, rounds=1)
        time.sleep(0.3)
    raise AssertionError(f"{text!r} not logged within {timeout:g}s:\n{content[-3000:]}")


SERVERS = [
    pytest.param("redis", "uvicorn", id="redis-uvicorn-mount"),
    pytest.param("memcached", "uvicorn", id="memcached-uvicorn-mount"),
    pytest.param("redis", "gunicorn-sync", id="redis-gunicorn-sync-view"),
]


@pytest.mark.parametrize(("backend", "kind"), SERVERS)
def test_a_stopped_cache_costs_each_call_at_most_the_deadline(
    deploy: Any, start_server: Any, tmp_path: Path, backend: str, kind: str
) -> None:
    cache, location = start_cache(start_server, tmp_path, backend)
    log = tmp_path / "server.log"
    served = deploy(kind, 1, **cache_env(backend, location), TEST_SERVER_LOG=str(log))
    url = f"{served.url}/mcp/"
    try:
        calls_answer(url, COLD_BOUND, rounds=1)  # the shared document is generated and read
        cache.signal(signal.SIGSTOP)
        stopped = time.monotonic()
        times: list[float] = []
        while time.monotonic() - stopped < 6:  # several version checks' worth of calls
            times += calls_answer(url, BOUND, rounds=1)
            time.sleep(0.3)
    finally:
        cache.signal(signal.SIGCONT)
    text = wait_for(log, "could not read the schema version", 1)
    assert text.count("drf-mcp-docs: the shared schema cache 'schema'") == 1, text[-3000:]
    assert "no answer within 1s (SCHEMA_CACHE_TIMEOUT)" in text
    # Resumed: the cache answers again, and a new version in it is read and rebuilt.
    wait_for(log, "the shared schema cache 'schema' answers again", 10, url)
    bump_version(backend, location)
    wait_for(log, "generated the shared schema (version 2)", 10, url)
    print(f"{backend} {kind}: {len(times)} calls while stopped, max {max(times):.2f}s")


def test_a_worker_with_no_schema_generates_its_own_while_the_cache_hangs(
    deploy: Any, start_server: Any, tmp_path: Path
) -> None:
    cache, location = start_cache(start_server, tmp_path, "redis")
    log = tmp_path / "server.log"
    served = deploy("uvicorn", 1, **cache_env("redis", location), TEST_SERVER_LOG=str(log))
    cache.signal(signal.SIGSTOP)
    try:
        times = calls_answer(f"{served.url}/mcp/", COLD_BOUND, rounds=2)
    finally:
        cache.signal(signal.SIGCONT)
    text = log.read_text()
    assert text.count("drf-mcp-docs: the shared schema cache 'schema'") == 1, text[-3000:]
    print(f"cold worker, redis stopped: max {max(times):.2f}s")
