"""``runmcpserver`` as an MCP client starts it: ``--version``, stdio ending with its stdin,
and the HTTP default under a pipe (the MCP Inspector taking ``--transport`` as its own)."""

from __future__ import annotations

import socket
import subprocess
import time

import pytest

import drf_mcp_docs
from tests.support.servers import ROOT, ServerProcess, free_port, manage, server_env

pytestmark = pytest.mark.servers


def test_version_is_this_packages() -> None:
    done = subprocess.run(
        manage("runmcpserver", "--version"),
        env=server_env(),
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"drf-mcp-docs {drf_mcp_docs.__version__} (Django ")


def test_stdio_exits_when_stdin_closes() -> None:
    process = subprocess.Popen(
        manage("runmcpserver", "--transport", "stdio"),
        env=server_env(),
        cwd=str(ROOT),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        time.sleep(2)  # let it start and block on stdin
        assert process.stdin is not None
        process.stdin.close()
        assert process.wait(timeout=30) == 0
        assert b"Traceback" not in process.stderr.read()  # type: ignore[union-attr]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_http_by_default_under_a_pipe_says_so_and_ends_with_the_pipe() -> None:
    """What the MCP Inspector did: ``inspector python manage.py runmcpserver --transport
    stdio`` (no ``--``) ran ``runmcpserver`` alone, which served HTTP and outlived it."""
    port = free_port()
    process = subprocess.Popen(
        manage("runmcpserver", "--port", str(port)),
        env=server_env(),
        cwd=str(ROOT),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("runmcpserver did not listen")
        assert process.stdin is not None
        process.stdin.close()  # the client that started it went away
        assert process.wait(timeout=30) == 0
        err = process.stderr.read()  # type: ignore[union-attr]
        assert "a stdio client needs --transport stdio" in err
        assert "with the MCP Inspector, put it after `--`" in err
        assert "Traceback" not in err
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_explicit_http_does_not_watch_stdin() -> None:
    port = free_port()
    server = ServerProcess(
        manage("runmcpserver", "--transport", "streamable-http", "--port", str(port)),
        server_env(),
        stdin=subprocess.PIPE,
    )
    try:
        server.wait_for_port(port)
        assert server.proc.stdin is not None
        server.proc.stdin.close()
        server.proc.stdin = None
        time.sleep(1.5)
        assert server.proc.poll() is None  # still serving: HTTP was asked for explicitly
        status, _, err = server.interrupt()
        assert status == 0 and "a stdio client needs" not in err
    finally:
        server.stop()
