"""``manage.py runmcpserver`` as a real process: stdio and HTTP with the official client,
Ctrl-C, and the one-line errors for bad flags and a port in use."""

from __future__ import annotations

import json
import select
import socket
import subprocess
import sys
from typing import Any

import pytest
from mcp import StdioServerParameters

from tests.support.servers import (
    EXAMPLE,
    ROOT,
    ServerProcess,
    exercise_mcp,
    free_port,
    manage,
    server_env,
)

pytestmark = pytest.mark.servers


async def test_stdio_with_the_official_client() -> None:
    params = StdioServerParameters(
        command=sys.executable,
        args=[str(EXAMPLE / "manage.py"), "runmcpserver", "--transport", "stdio"],
        env=server_env(),
        cwd=str(ROOT),
    )
    await exercise_mcp(params)


async def test_streamable_http_with_the_official_client(start_server: Any) -> None:
    port = free_port()
    server = start_server(
        manage(
            "runmcpserver", "--transport", "streamable-http", "--port", str(port), "--path", "docs"
        )
    )
    server.wait_for_port(port)
    await exercise_mcp(f"http://127.0.0.1:{port}/docs/")
    status, out, err = server.interrupt()
    assert status == 0, err
    assert f"MCP server at http://127.0.0.1:{port}/docs/" in out
    assert "Traceback" not in err


def test_ctrl_c_on_stdio_exits_cleanly() -> None:
    server = ServerProcess(
        manage("runmcpserver", "--transport", "stdio"), server_env(), stdin=subprocess.PIPE
    )
    # Ready when it answers a ping (a fixed sleep lost the race on a loaded machine: the
    # SIGINT then arrived during Django's start-up imports).
    assert server.proc.stdin is not None and server.proc.stdout is not None
    server.proc.stdin.write(b'{"jsonrpc":"2.0","id":1,"method":"ping"}\n')
    server.proc.stdin.flush()
    ready, _, _ = select.select([server.proc.stdout], [], [], 120)
    assert ready, "runmcpserver --transport stdio did not answer a ping in 120 s"
    assert json.loads(server.proc.stdout.readline())["id"] == 1
    pipe, server.proc.stdin = server.proc.stdin, None  # open: SIGINT must stop it, not EOF
    status, _, err = server.interrupt()
    pipe.close()
    assert status == 0, err
    assert "Traceback" not in err


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        manage("runmcpserver", *args),
        env=server_env(),
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--transport", "sse"], "argument --transport: invalid choice: 'sse'"),
        (["--port", "http"], "argument --port: must be a number from 1 to 65535, got 'http'"),
        (["--port", "70000"], "argument --port: must be a number from 1 to 65535, got 70000"),
        (["--path", "/a b/"], "argument --path: must be a URL path such as /mcp/, got '/a b/'"),
        (["--colour"], "unrecognized arguments: --colour"),
        (["--path", "/"], "argument --path: the MCP mount path must not be the site root, got '/'"),
    ],
)
def test_bad_flags_are_one_line_errors(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    # argparse prints the usage, then the error on one line.
    assert message in result.stderr.strip().splitlines()[-1]


def test_port_in_use_is_a_one_line_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run("--transport", "streamable-http", "--port", str(port))
    assert result.returncode == 1
    # The last line; system check warnings may come before it (W040 without `migrate`).
    assert result.stderr.strip().splitlines()[-1] == (
        f"CommandError: port {port} on 127.0.0.1 is already in use; stop the other server "
        "or pick another with --port"
    )
    assert "Traceback" not in result.stderr


def test_unresolvable_host() -> None:
    result = run("--transport", "streamable-http", "--host", "no-such-host.invalid")
    assert result.returncode == 1
    assert "cannot resolve --host 'no-such-host.invalid'" in result.stderr
