"""Real servers for the deployment benchmarks: uvicorn workers and nginx, by PID.

Each uvicorn serves the example project (``example_project.asgi:application``: Django with
``mount_mcp``) on a free 127.0.0.1 port, DEBUG off, its ``DRF_MCP_DOCS`` merged from
``bench_settings``; nginx round-robins over some of them with the tests' configuration
(``tests.support.deploy_support.round_robin_conf``: one process, HTTP/1.1 to the upstreams).
Everything is a ``Child`` appended to the caller's list, stopped by PID on the way out.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import _bench

HERE = Path(__file__).resolve().parent


def nginx_binary() -> str | None:
    """The nginx executable (Debian installs it in /usr/sbin), or None when missing."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/bin")


def uvicorn(db: Path, logs: Path, started: list[_bench.Child], **settings: Any) -> int:
    """Start one single-process uvicorn; its port (wait for it with ``wait``)."""
    port: int = _bench.free_port()
    env = _bench.child_env(
        EXAMPLE_DB_PATH=str(db),
        DJANGO_DEBUG="0",
        DJANGO_SETTINGS_MODULE="bench_settings",
        BENCH_DRF_MCP_DOCS=json.dumps(settings),
    )
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env["PYTHONPATH"]])
    args = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", str(port),
            "--no-access-log", "--log-level", "warning",
            "example_project.asgi:application"]  # fmt: skip
    started.append(_bench.Child(args, env, log=logs / f"uvicorn-{port}.log"))
    return port


def nginx(upstreams: list[int], logs: Path, started: list[_bench.Child]) -> int:
    """Start nginx round-robin over the 127.0.0.1 ``upstreams``; its port."""
    from tests.support.deploy_support import round_robin_conf  # the tests' balancer

    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx is not installed (apt-get install nginx)")
    port: int = _bench.free_port()
    directory = logs / f"nginx-{port}"
    directory.mkdir()
    conf = directory / "nginx.conf"
    conf.write_text(round_robin_conf(directory, upstreams, port))
    args = [binary, "-c", str(conf), "-p", str(directory)]
    started.append(_bench.Child(args, dict(os.environ), log=directory / "stdout.log"))
    return port


def wait(started: list[_bench.Child], ports: list[int]) -> None:
    """Wait until each child listens on its port (same order)."""
    for child, port in zip(started, ports, strict=True):
        child.wait_for_port(port, timeout=90)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min)"
