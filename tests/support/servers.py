"""Helpers that start real server processes on free 127.0.0.1 ports and kill them by PID.

Process control itself is ``tests.support.processes`` (shared with the benchmarks);
fixtures built on these helpers live in ``tests/conftest.py``.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from mcp import Client, StdioServerParameters

from tests.support.processes import EXAMPLE, ROOT, Child, child_env, free_port

__all__ = [
    "EXAMPLE",
    "INITIALIZE",
    "LAZY_START",
    "MCP_HEADERS",
    "ROOT",
    "Served",
    "ServerProcess",
    "asgi_command",
    "executable",
    "exercise_mcp",
    "free_port",
    "lazy_starts",
    "manage",
    "prepare_database",
    "server_env",
    "terminate",
]

#: Environment for a child process running the example project from this checkout.
server_env = child_env


class ServerProcess(Child):
    """A server started by a test; ``stop`` kills it (and only it) by PID."""

    def interrupt(self, timeout: float = 15.0) -> tuple[int, str, str]:
        """Send Ctrl-C (SIGINT) and return (exit status, stdout, stderr)."""
        self.signal(signal.SIGINT)
        try:
            out, err = self.proc.communicate(timeout=timeout)
        finally:
            self.stop()
        return self.proc.returncode, out.decode(), err.decode()


@dataclass(frozen=True)
class Served:
    """A running server: its process, port and base URL."""

    process: ServerProcess
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def manage(*args: str) -> list[str]:
    return [sys.executable, str(EXAMPLE / "manage.py"), *args]


def executable(name: str) -> str:
    """A console script installed beside this Python (uvicorn, daphne, ...)."""
    return str(Path(sys.executable).parent / name)


def asgi_command(server: str, target: str, port: int, *extra: str) -> list[str]:
    """The command line that serves ``target`` (``module:attr``) with ``server``."""
    host = "127.0.0.1"
    commands = {
        "uvicorn": [executable("uvicorn"), target, "--host", host, "--port", str(port)],
        "daphne": [executable("daphne"), "-b", host, "-p", str(port), target],
        "hypercorn": [executable("hypercorn"), "--bind", f"{host}:{port}", target],
        "granian": [
            executable("granian"),
            "--interface",
            "asgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            "1",
            target,
        ],
    }
    return [*commands[server], *extra]


def prepare_database(path: Path) -> str:
    """Migrate and seed the example project into ``path``; return the demo user's token."""
    env = server_env(EXAMPLE_DB_PATH=str(path))
    subprocess.run(manage("migrate", "-v0"), env=env, cwd=str(ROOT), check=True, timeout=120)
    out = subprocess.run(
        manage("seed"), env=env, cwd=str(ROOT), check=True, timeout=120, capture_output=True
    ).stdout.decode()
    return out.split("API token for 'demo': ", 1)[1].split()[0]


def terminate(process: ServerProcess, timeout: float = 15.0) -> tuple[int, str, str, float]:
    """SIGTERM the server; return (exit status, stdout, stderr, seconds it took to exit)."""
    started = time.monotonic()
    process.signal(signal.SIGTERM)
    try:
        out, err = process.proc.communicate(timeout=timeout)
    finally:
        process.stop()
    elapsed = time.monotonic() - started
    return process.proc.returncode, out.decode(), err.decode(), elapsed


MCP_HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "tests", "version": "1"},
    },
}
LAZY_START = "drf-mcp-docs: no lifespan events seen; starting MCP on first request"


def lazy_starts(log: str) -> int:
    """How often the mount started lazily (tests.support.asgi_test_settings logs it as a bare line)."""
    return sum(line == LAZY_START for line in log.splitlines())


async def exercise_mcp(server: str | StdioServerParameters) -> None:
    """initialize (on connect), tools/list, a good and a bad tools/call, a resources/read."""
    async with Client(server) as client:
        tools = {t.name for t in (await client.list_tools()).tools}
        assert {"search_endpoints", "get_endpoint_detail", "generate_code_snippet"} <= tools
        found = await client.call_tool("search_endpoints", {"query": "books", "method": "GET"})
        assert not found.is_error and found.structured_content["total"] >= 3
        bad = await client.call_tool("get_endpoint_detail", {"path": "/api/bok/", "method": "GET"})
        assert bad.is_error and "did you mean /api/books/" in bad.content[0].text
        overview = await client.read_resource("api://overview")
        assert json.loads(overview.contents[0].text)["title"] == "Bookstore API"
