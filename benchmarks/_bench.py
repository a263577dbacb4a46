"""Shared helpers of the benchmark scripts: the machine, tables, medians, child processes.

Every script imports this module from its own directory (``python benchmarks/X.py`` puts
``benchmarks/`` first on ``sys.path``). Nothing here measures anything by itself. Child
processes are ``tests.support.processes`` (the tests' helper: same start, same kill by PID).
"""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.processes import Child, child_env, children, free_port  # noqa: E402

__all__ = ["Child", "child_env", "children", "free_port"]


def setup_paths() -> None:
    """Import this checkout and the example project, whatever the working directory."""
    for path in (str(EXAMPLE), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_project.settings")


def cpu_model() -> str:
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def machine() -> str:
    """One line naming the CPU, cores, Python and OS the numbers come from."""
    import django

    return (
        f"{cpu_model()}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()} ({platform.python_implementation()}); "
        f"Django {django.get_version()}; {platform.system()} {platform.release()}"
    )


def print_header(title: str, quick: bool) -> None:
    print(f"# {title}{' (--quick)' if quick else ''}")
    print(f"machine: {machine()}")
    print()


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A GitHub-flavoured markdown table, columns padded for the terminal."""
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "n/a"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"
    return str(value)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


@contextlib.contextmanager
def example_database(workdir: Path | None = None) -> Iterator[Path]:
    """A migrated, seeded sqlite database of the example project, in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="drf-mcp-bench-", dir=workdir) as tmp:
        db = Path(tmp) / "example.sqlite3"
        env = child_env(EXAMPLE_DB_PATH=str(db))
        manage = [sys.executable, str(EXAMPLE / "manage.py")]
        for command in (["migrate", "--verbosity", "0"], ["seed", "--quiet"]):
            subprocess.run([*manage, *command], env=env, cwd=str(ROOT), check=True, timeout=120)
        yield db


#: The MCP protocol version the benchmarks' hand-written JSON-RPC requests speak.
PROTOCOL_VERSION = "2025-06-18"


def initialize_request(client: str, request_id: int = 0) -> dict[str, Any]:
    """An MCP ``initialize`` JSON-RPC request from a client named ``client``."""
    return {
        "jsonrpc": "2.0",
        "id": request_id,
        "method": "initialize",
        "params": {
            "protocolVersion": PROTOCOL_VERSION,
            "capabilities": {},
            "clientInfo": {"name": client, "version": "1"},
        },
    }
