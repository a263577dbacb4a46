"""Shared helpers of the benchmark scripts: the machine, tables, medians, child processes.

Every script imports this module from its own directory (``python benchmarks/X.py`` puts
``benchmarks/`` first on ``sys.path``). Nothing here measures anything by itself.
"""

from __future__ import annotations

import contextlib
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example"


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_env(**extra: str) -> dict[str, str]:
    """Environment of a child process running the example project from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(EXAMPLE), str(ROOT), env.get("PYTHONPATH", "")) if p
    )
    env["DJANGO_SETTINGS_MODULE"] = "example_project.settings"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


class Child:
    """A process this script started; ``stop`` kills it, and only it, by PID."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path | None = None) -> None:
        self.args = args
        self._log = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(
            args,
            env=env,
            cwd=str(ROOT),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.pid = self.proc.pid

    def wait_for_port(self, port: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.args[:4]} exited with {self.proc.returncode}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                return
            time.sleep(0.05)
        raise RuntimeError(f"{self.args[:4]} did not listen on {port} within {timeout:.0f}s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self._log is not subprocess.DEVNULL:
            self._log.close()


@contextlib.contextmanager
def children() -> Iterator[list[Child]]:
    """Collects the processes started in the block and kills each by PID on the way out."""
    started: list[Child] = []
    try:
        yield started
    finally:
        for child in reversed(started):
            child.stop()


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
