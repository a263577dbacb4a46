"""Every benchmark script runs in ``--quick`` mode and prints its table, so none rots.

No timing is asserted (speed is measured in benchmarks/, see docs/benchmarks.md): each
script must exit 0 and print the machine line and the rows of its tables.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"

pytestmark = pytest.mark.servers  # starts real processes on 127.0.0.1, ~1-2 minutes in all


def run(script: str, *args: str, timeout: float = 120) -> str:
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)  # each script sets up its own Django project
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--quick", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=str(ROOT),
        env=env,
    )
    assert result.returncode == 0, (
        f"{script} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )
    assert "machine: " in result.stdout and " cores; Python " in result.stdout, result.stdout
    return result.stdout


def rows(output: str, first_cell: str) -> list[list[str]]:
    """The table rows whose first cell is ``first_cell``."""
    found = []
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] == first_cell:
            found.append(cells)
    return found


def test_routing() -> None:
    out = run("routing.py")
    variants = {row[1] for row in rows(out, "http")}
    # (issue 8 removed the stale "plain def (reference)" variant: it was what ships)
    assert {"bare", "mount_mcp", "Starlette Mount", "forwarding object (floor)"} == variants, out
    assert {row[1] for row in rows(out, "websocket")} == variants, out
    assert {row[1] for row in rows(out, "GET /api/ping/")} == {
        "bare",
        "mount_mcp",
        "Starlette Mount",
    }, out
    assert rows(out, "one-off lazy start cost"), out
    assert rows(out, "mount_mcp, Django ratio"), out


def test_end_to_end_with_the_httpx_loader() -> None:
    out = run("end_to_end.py", "--loader", "httpx")
    assert {row[1] for row in rows(out, "GET /api/ping/")} == {"bare", "mounted"}, out
    mcp = rows(out, "MCP search_endpoints")
    assert {row[1] for row in mcp} == {"mounted", "standalone"}, out
    assert all(row[-1] == "0" and int(row[-2]) > 0 for row in mcp), out


def test_peruser_cost() -> None:
    out = run("peruser_cost.py", "--operations", "200")
    for project in ("example project", "synthetic 200"):
        [row] = rows(out, project)
        assert float(row[3]) > 0 and float(row[5]) > 0, out  # first call ms, MB per variant


def test_schema_scale() -> None:
    out = run("schema_scale.py")
    for size in ("100", "500"):
        assert len(rows(out, size)) == 3, out  # build, through the SDK, function only
    assert rows(out, "processing"), out


def test_locust() -> None:
    out = run("run_locust.py")
    total = rows(out, "all requests")
    assert total and int(total[0][1]) > 0 and total[0][2] == "0", out
    for name in ("django GET /api/ping/", "mcp initialize", "mcp tools/call search_endpoints"):
        assert rows(out, name), out


def test_realworld() -> None:
    from tests.support.realworld import available

    if not available("vercel"):
        pytest.skip("the Vercel document is not cached and npm is not installed")
    out = run("realworld.py")
    assert rows(out, "vercel") and len(rows(out, "vercel")) >= 14, out  # processing, tools, totals
    (totals,) = [row for row in rows(out, "vercel") if len(row) == 6]
    assert totals[2] == "0" and totals[3] == "0", out  # no answer over 24 KB, no error


def test_detail_answers() -> None:
    from tests.support.realworld import available

    if not available("vercel"):
        pytest.skip("vercel's document is not cached and npm is not installed")
    out = run("detail_answers.py")
    row, follow_ups = rows(out, "vercel")  # the default answer; schema detail and example
    assert int(row[1]) > 100, out  # operations
    # after median and p95 are numbers; before too when the base commit is in this clone
    assert row[7].replace(",", "").isdigit() and row[8].replace(",", "").isdigit(), out
    assert row[4] == "-" or row[4].replace(",", "").isdigit(), out
    assert int(follow_ups[1]) > 0 and int(follow_ups[6]) > 0, out  # components, operations
    assert follow_ups[4].replace(",", "").isdigit() and follow_ups[9].replace(",", "").isdigit()


def test_search_quality() -> None:
    from tests.support.realworld import available

    if not all(available(name) for name in ("stripe", "spotify")):
        pytest.skip("the Stripe/Spotify documents are not cached and npm is not installed")
    out = run("search_quality.py")
    ours = [row for row in rows(out, "stripe") if "drf-mcp-docs" in row]
    baseline = [row for row in rows(out, "stripe") if "BM25 baseline" in row]
    assert ours and baseline, out  # both models, side by side, in the same run
    assert rows(out, "spotify"), out


def test_shared_cache() -> None:
    out = run("shared_cache.py", "--docs", "example")  # Stripe's document: the full run
    modes = {row[1] for row in rows(out, "example")}
    assert "no shared cache" in modes and "db" in modes, out
    if shutil.which("redis-server") and shutil.which("memcached", path="/usr/bin:/usr/sbin"):
        assert {"redis", "memcached"} <= modes, out


def test_deployment() -> None:
    out = run("deployment.py", timeout=300)
    assert {row[0] for row in rows(out, "mount (ASGI)")} == {"mount (ASGI)"}, out
    assert rows(out, "URLconf view (WSGI path)"), out
    assert rows(out, "generate (no SCHEMA_CACHE_ALIAS)"), out
    assert rows(out, "process the shared document"), out
    assert "load average" in out, out
    if "nginx is not installed" not in out:
        for upstream in ("1 worker", "2 workers"):
            found = rows(out, upstream)
            assert [row[1] for row in found] == ["8", "32"], out  # one row per concurrency
            assert all(int(row[2].replace(",", "")) > 0 and row[3] == "0" for row in found), out
    for mode in ("stateful", "stateless"):
        (row,) = rows(out, mode)
        assert row[1] == "2 x 40" and int(row[2]) == 240 and row[3] == "0", out  # 3 requests each
        rss = [float(cell.replace(",", "")) for cell in row[7:10]]  # before, after each batch
        assert all(mib > 0 for mib in rss), out


def test_history_changes() -> None:
    from tests.support.realworld import available

    if not (available("github") and available("github-22")):
        pytest.skip("GitHub's documents are not cached and npm is not installed")
    out = run("history_changes.py", timeout=300)
    assert rows(out, "diff") and rows(out, "first page (baseline processed + diff)")
    assert "changes: 1554 (" in out
