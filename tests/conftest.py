"""Shared fixtures: the example project's schema, an in-memory MCP client, and helpers
that start real server processes on free 127.0.0.1 ports and always kill them by PID."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

if sys.version_info < (3, 11):
    from exceptiongroup import BaseExceptionGroup

from drf_mcp_docs.schema.cache import build_api_schema, schema_cache
from drf_mcp_docs.schema.records import ApiSchema

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example"


@pytest.fixture(scope="session")
def api() -> ApiSchema:
    """The example project's processed drf-spectacular schema (built once per session)."""
    return build_api_schema()


@pytest.fixture(autouse=True)
def _fresh_schema_cache() -> Iterator[None]:
    schema_cache.invalidate()
    yield
    schema_cache.invalidate()


class InMemoryClient:
    """Each call opens the official MCP client in memory against ``server`` and closes it.

    (A fixture cannot hold one open client: pytest-asyncio tears fixtures down in another
    task than the one that set them up, and the client's task group forbids that.)
    """

    def __init__(self, server: Any) -> None:
        self.server = server

    def __getattr__(self, name: str) -> Any:
        async def call(*args: Any, **kwargs: Any) -> Any:
            try:
                async with Client(self.server) as client:
                    return await getattr(client, name)(*args, **kwargs)
            except BaseExceptionGroup as group:  # the in-memory transport wraps errors
                while isinstance(group, BaseExceptionGroup) and len(group.exceptions) == 1:
                    group = group.exceptions[0]
                raise group from None

        return call


@pytest.fixture
def mcp_client() -> InMemoryClient:
    """The official MCP client connected in memory to the process-wide server."""
    from drf_mcp_docs.server import get_mcp_server

    return InMemoryClient(get_mcp_server())


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


@pytest.fixture
def start_server() -> Iterator[Any]:
    """Start processes with ``start_server(args, **env)``; all are killed at teardown."""
    started: list[ServerProcess] = []

    def start(args: list[str], **env: str) -> ServerProcess:
        process = ServerProcess(args, server_env(**env))
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def manage(*args: str) -> list[str]:
    return [sys.executable, str(EXAMPLE / "manage.py"), *args]
