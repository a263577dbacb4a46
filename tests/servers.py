"""Helpers that start real server processes on free 127.0.0.1 ports and kill them by PID.

Fixtures built on them live in ``conftest.py``; test modules import these names directly.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from mcp import Client, StdioServerParameters

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**extra: str) -> dict[str, str]:
    """Environment for a child process running the example project from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(EXAMPLE), str(ROOT), env.get("PYTHONPATH", "")])
    env["DJANGO_SETTINGS_MODULE"] = "example_project.settings"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


class ServerProcess:
    """A child process started by a test; ``stop`` kills it (and only it) by PID."""

    def __init__(self, args: list[str], env: dict[str, str], **popen: Any) -> None:
        self.args = args
        self.proc = subprocess.Popen(
            args,
            env=env,
            cwd=str(ROOT),
            stdout=popen.pop("stdout", subprocess.PIPE),
            stderr=popen.pop("stderr", subprocess.PIPE),
            start_new_session=True,
            **popen,
        )
        self.pid = self.proc.pid

    def wait_for_port(self, port: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                _, err = self.proc.communicate()
                raise AssertionError(f"server exited ({self.proc.returncode}): {err.decode()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                return
            time.sleep(0.05)
        raise AssertionError(f"server on port {port} did not start in {timeout}s")

    def interrupt(self, timeout: float = 15.0) -> tuple[int, str, str]:
        """Send Ctrl-C (SIGINT) and return (exit status, stdout, stderr)."""
        os.kill(self.pid, signal.SIGINT)
        try:
            out, err = self.proc.communicate(timeout=timeout)
        finally:
            self.stop()
        return self.proc.returncode, out.decode(), err.decode()

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


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
    os.kill(process.pid, signal.SIGTERM)
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
    """How often the mount started lazily (asgi_test_settings logs it as a bare line)."""
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
