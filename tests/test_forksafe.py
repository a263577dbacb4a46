# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""Fork safety: a child forked from a process that served the docs answers at once.

Each case runs ``tests.support.fork_child`` in its own interpreter: the parent serves (a
tool call, the URLconf view's bridge, an authenticated policy check, or a rebuild in
flight), forks with ``os.fork()``, and the child's first call must answer right. Before
the fork-safety work the child's first tool call waited TOOL_TIMEOUT (10 s) and failed,
and a child forked mid-build hung for good.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from drf_mcp_docs import forksafe
from tests.support.deploy_support import deploy_site  # noqa: F401 (fixture)
from tests.support.servers import ROOT, server_env

EXPECTED = "POST /api/books/"


def run_child(mode: str, **env: str) -> dict[str, Any]:
    """Run the fork scenario ``mode`` with the deployment tests' settings (their URLconf
    serves the endpoint as Django views); the child's JSON line."""
    full = server_env(
        EXAMPLE_CACHE_SCHEMA="1", DJANGO_SETTINGS_MODULE="tests.support.deploy_settings", **env
    )
    full["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "tests" / "support"), str(ROOT / "example"), str(ROOT)]
    )
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.fork_child", mode],
        env=full, cwd=str(ROOT), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, (done.returncode, done.stdout, done.stderr[-3000:])
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


@pytest.mark.parametrize("mode", ["tool", "bridge"])
def test_a_forked_child_answers_its_first_tool_call_within_two_seconds(mode: str) -> None:
    answer = run_child(mode)
    assert answer["before"] == answer["answer"] == EXPECTED
    assert answer["seconds"] < 2.0, answer


def test_a_child_forked_while_a_build_holds_the_lock_builds_its_own() -> None:
    answer = run_child("building")
    assert answer["answer"] == EXPECTED
    assert answer["seconds"] < 8.0, answer  # it builds the schema itself: only hangs fail


@pytest.mark.servers
def test_a_child_forked_after_an_authenticated_check_checks_again(
    deploy_site: tuple[Path, str],
) -> None:
    db, token = deploy_site
    answer = run_child(
        "auth",
        EXAMPLE_DB_PATH=str(db),
        TEST_SCHEMA_AUTH="authenticated",
        TEST_PRELOAD_TOKEN=token,
    )
    assert answer["before"] == answer["answer"] == "served"
    assert answer["seconds"] < 2.0, answer


def test_resets_run_in_order_and_forget_collected_objects() -> None:
    ran: list[str] = []
    registry = forksafe.Registry()

    class Holder:
        def reset(self) -> None:
            ran.append("method")

    holder = Holder()
    registry.add(holder.reset)
    registry.add(lambda: ran.append("function"))
    registry.run()
    assert ran == ["method", "function"] and registry.forks == 1
    del holder
    gc.collect()
    ran.clear()
    registry.run()
    assert ran == ["function"]


def test_a_failing_reset_does_not_stop_the_others(caplog: Any) -> None:
    ran: list[str] = []
    registry = forksafe.Registry()

    def broken() -> None:
        raise RuntimeError("boom")

    registry.add(broken)
    registry.add(lambda: ran.append("after"))
    registry.run()
    assert ran == ["after"]
    assert "resetting" in caplog.text and "boom" in caplog.text


def test_the_process_registry_runs_in_a_forked_child() -> None:
    """os.fork() runs the registry in the child (and only there)."""
    before = forksafe.forks()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its count, leave at once
        os.write(write, str(forksafe.forks()).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        child = int(pipe.read())
    os.waitpid(pid, 0)
    assert child == before + 1 and forksafe.forks() == before


def test_dead_entries_do_not_pile_up() -> None:
    registry = forksafe.Registry()

    class Holder:
        def reset(self) -> None:
            pass

    for _ in range(1000):
        registry.add(Holder().reset)
    assert len(registry._resets) <= 65


def test_every_process_wide_lock_is_new_in_a_child() -> None:
    """Held locks stay held in a forked child, so each lock of a process-wide object is
    replaced there (os.register_at_fork), never reused: compared by identity in a child."""
    from drf_mcp_docs import threads
    from drf_mcp_docs.endpoint import bridge
    from drf_mcp_docs.history import compare, store
    from drf_mcp_docs.schema.cache import schema_cache
    from drf_mcp_docs.schema.variants import schema_caches

    def locks() -> list[int]:
        held = [schema_cache._lock, schema_caches._lock, compare._lock, store._lock]
        return [id(lock) for lock in (*held, bridge._lock, threads._executor_lock)]

    before = locks()
    pid = os.fork()
    if pid == 0:  # the child: report by exit status only
        os._exit(0 if all(a != b for a, b in zip(before, locks(), strict=True)) else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
