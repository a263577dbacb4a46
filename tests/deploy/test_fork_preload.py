# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""Workers forked from a master that already served the docs answer at once (issue 19).

gunicorn ``--preload`` imports the application in the master, which here warms the docs at
import (``tests.support.preload_app``: a tool call, the URLconf view's bridge, an
authenticated request, a rebuild still in flight), then forks two workers. Before the
fork-safety work the workers' first calls waited the whole TOOL_TIMEOUT (10 s) or hung for
good. Every call here is a new connection and must answer right; the time bound (8 s)
only catches such hangs, it is not a benchmark.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import httpx
import pytest

from tests.support.deploy_support import HERE, deploy_site, stop_group  # noqa: F401 (fixtures)
from tests.support.servers import ROOT, ServerProcess, executable, free_port, server_env
from tests.support.tool_calls import HUNG, TOOLS, call_tool

pytestmark = pytest.mark.servers

CALLS = 8


def start_preloaded(
    tmp_path: Path, db: Path, kind: str, warm: str, **env: str
) -> tuple[ServerProcess, str, Path]:
    """gunicorn --preload -w 2 serving tests.support.preload_app; (process, url, log)."""
    port = free_port()
    worker = ["-k", "uvicorn_worker.UvicornWorker"] if kind == "asgi" else []
    args = [
        executable("gunicorn"), "--preload", "-w", "2", "-b", f"127.0.0.1:{port}",
        "--graceful-timeout", "5", "--timeout", "60", *worker,
        "tests.support.preload_app:application",
    ]  # fmt: skip
    full = server_env(
        EXAMPLE_DB_PATH=str(db),
        DJANGO_SETTINGS_MODULE="tests.support.deploy_settings",
        TEST_PRELOAD_KIND=kind,
        TEST_WARM=warm,
        **env,
    )
    full["PYTHONPATH"] = os.pathsep.join([str(HERE), str(ROOT / "example"), str(ROOT)])
    log = tmp_path / "gunicorn.log"
    process = ServerProcess(args, full, log=log)
    process.wait_for_port(port, timeout=90)
    return process, f"http://127.0.0.1:{port}/mcp/", log


def assert_calls_answer(url: str, log: Path, token: str | None = None) -> list[float]:
    """CALLS rounds of every tool in TOOLS, each call on a new connection: each answers
    right, and none takes HUNG seconds; returns the times."""
    times = []
    for _ in range(CALLS):
        for name, arguments, check in TOOLS:
            result, elapsed = call_tool(url, name, arguments, token)
            assert elapsed < HUNG, (name, elapsed, times, log.read_text()[-3000:])
            assert not result.get("isError"), result
            assert check(result["structuredContent"]), (name, result)
            times.append(elapsed)
    return times


SCENARIOS = [
    pytest.param("asgi", "tool", "1", id="uvicorn-worker-cached"),
    pytest.param("asgi", "tool", "0", id="uvicorn-worker-uncached"),
    pytest.param("wsgi", "tool,bridge", "1", id="sync-view-cached"),
    pytest.param("wsgi", "tool,bridge", "0", id="sync-view-uncached"),
]


@pytest.mark.parametrize(("kind", "warm", "cached"), SCENARIOS)
def test_preloaded_workers_answer_every_call(
    deploy_site: tuple[Path, str], tmp_path: Path, kind: str, warm: str, cached: str
) -> None:
    process, url, log = start_preloaded(
        tmp_path, deploy_site[0], kind, warm, EXAMPLE_CACHE_SCHEMA=cached
    )
    try:
        times = assert_calls_answer(url, log)
    finally:
        stop_group(process)
    text = log.read_text()
    assert "PRELOADED" in text and text.count("Booting worker") >= 2, text[-2000:]
    print(f"{kind} warm={warm} cached={cached}: max {max(times):.2f}s over {len(times)} calls")


@pytest.mark.parametrize("kind", ["asgi", "wsgi"])
def test_preloaded_workers_check_the_policy(
    deploy_site: tuple[Path, str], tmp_path: Path, kind: str
) -> None:
    """An authenticated request in the master (the policy check's thread) does not hang
    the workers' checks, authenticated or anonymous."""
    db, token = deploy_site
    process, url, log = start_preloaded(
        tmp_path, db, kind, "tool,auth", TEST_SCHEMA_AUTH="authenticated",
        TEST_PRELOAD_TOKEN=token, EXAMPLE_CACHE_SCHEMA="1",
    )  # fmt: skip
    try:
        times = assert_calls_answer(url, log, token)
        for _ in range(4):
            started = time.monotonic()
            with httpx.Client(timeout=HUNG + 5) as client:
                denied = client.post(
                    url,
                    json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                    headers={"Accept": "application/json, text/event-stream"},
                )
            assert time.monotonic() - started < HUNG
            assert denied.status_code == 401, denied.text[:300]
            assert "Authentication" in json.dumps(denied.json())
    finally:
        stop_group(process)
    print(f"{kind} authenticated: max {max(times):.2f}s over {len(times)} calls")


@pytest.mark.parametrize("kind", ["asgi", "wsgi"])
@pytest.mark.parametrize("cached", ["1", "0"])
def test_workers_forked_while_a_build_is_in_flight(
    deploy_site: tuple[Path, str], tmp_path: Path, kind: str, cached: str
) -> None:
    """The master forks while a thread holds the schema cache's lock, mid-build."""
    process, url, log = start_preloaded(
        tmp_path, deploy_site[0], kind, "tool,building", EXAMPLE_CACHE_SCHEMA=cached
    )
    try:
        times = assert_calls_answer(url, log)
    finally:
        stop_group(process)
    assert "FORKED WHILE BUILDING" in log.read_text()
    print(f"{kind} forked mid-build cached={cached}: max {max(times):.2f}s")
