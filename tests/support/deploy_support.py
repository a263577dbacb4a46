"""Fixtures and helpers of the deployment tests: the seeded site, servers, redis and nginx.

Test modules import the fixtures they use from here (not a conftest.py: other test
packages import names ``from conftest``, which a second conftest module would shadow).

Every process is started on a free 127.0.0.1 port and killed by PID at teardown (through
the shared ``start_server`` fixture). redis-server and nginx are Debian packages that
``.ci/run`` installs; tests that need one skip when it is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.servers import (
    ROOT,
    Served,
    ServerProcess,
    executable,
    free_port,
    manage,
    prepare_database,
    server_env,
)

HERE = Path(__file__).resolve().parent


def stop_group(process: ServerProcess) -> None:
    """Kill the server and every worker it forked: its own process group (its PID)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.stop()


@pytest.fixture(scope="session")
def deploy_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example project's seeded database and the demo user's API token."""
    db = tmp_path_factory.mktemp("deploy") / "example.sqlite3"
    return db, prepare_database(db)


def command(kind: str, port: int, workers: int = 1) -> list[str]:
    """The command line of one deployment of the example project on ``port``."""
    bind = f"127.0.0.1:{port}"
    asgi, wsgi = "example_project.asgi:application", "example_project.wsgi:application"
    gunicorn = [executable("gunicorn"), "-b", bind, "-w", str(workers), "--graceful-timeout", "5"]
    commands = {
        "uvicorn": [
            executable("uvicorn"), asgi, "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(workers), "--log-level", "warning",
        ],
        "gunicorn-uvicorn": [*gunicorn, "-k", "uvicorn_worker.UvicornWorker", asgi],
        "daphne": [executable("daphne"), "-b", "127.0.0.1", "-p", str(port), asgi],
        "hypercorn": [executable("hypercorn"), "--bind", bind, "--workers", str(workers), asgi],
        "granian": [
            executable("granian"), "--interface", "asgi", "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers), asgi,
        ],
        "gunicorn-sync": [*gunicorn, wsgi],
        "runmcpserver": manage("runmcpserver", "--host", "127.0.0.1", "--port", str(port)),
        "runserver": manage("runserver", "--noreload", f"127.0.0.1:{port}"),
    }  # fmt: skip
    return commands[kind]


@pytest.fixture
def deploy(deploy_site: tuple[Path, str], start_server: Any) -> Iterator[Callable[..., Served]]:
    """``deploy(kind, workers=1, **env)``: start one deployment and wait for its port.

    Multi-worker servers fork: at teardown the whole process group of each server (started
    in a new session, so its group id is its PID) is killed, workers included.
    """
    started: list[ServerProcess] = []

    def start(kind: str, workers: int = 1, port: int = 0, **env: str) -> Served:
        port = port or free_port()
        full = {
            "EXAMPLE_DB_PATH": str(deploy_site[0]),
            "DJANGO_SETTINGS_MODULE": "tests.support.deploy_settings",
            "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT / "example"), str(ROOT)]),
            **env,
        }
        process = start_server(command(kind, port, workers), **full)
        started.append(process)
        process.wait_for_port(port, timeout=60)
        return Served(process, port)

    yield start
    for process in started:
        stop_group(process)


def _binary(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if found is None:
        pytest.skip(f"{name} is not installed (apt-get install {name}; .ci/run does)")
    return found


@pytest.fixture
def redis_url(start_server: Any, tmp_path: Path) -> str:
    """A private redis-server on a free 127.0.0.1 port (no persistence); its URL."""
    port = free_port()
    args = [_binary("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", str(tmp_path)]  # fmt: skip
    process = start_server(args)
    process.wait_for_port(port)
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def memcached_location(start_server: Any) -> str:
    """A private memcached on a free 127.0.0.1 port (default 1 MB item limit); host:port."""
    return start_memcached(start_server)


def start_memcached(start_server: Any, *extra: str) -> str:
    """Start memcached (``extra``: more options, e.g. ``-I 64k``) and return its host:port."""
    port = free_port()
    args = [_binary("memcached"), "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", "64",
            "-u", "nobody", *extra]  # fmt: skip
    process = start_server(args)
    process.wait_for_port(port)
    return f"127.0.0.1:{port}"


#: The table of the database cache in the deployment tests (``manage.py createcachetable``).
CACHE_TABLE = "drf_mcp_docs_cache"


def create_cache_table(db: Path) -> None:
    """Create the database cache's table in the example project's SQLite file ``db``."""
    env = server_env(EXAMPLE_DB_PATH=str(db), **cache_env("db", CACHE_TABLE))
    env["DJANGO_SETTINGS_MODULE"] = "tests.support.deploy_settings"
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env["PYTHONPATH"]])
    subprocess.run(manage("createcachetable"), env=env, cwd=str(ROOT), check=True, timeout=120)


def cache_env(backend: str, location: str) -> dict[str, str]:
    """Environment for tests.support.deploy_settings: share the schema through ``backend``."""
    return {"TEST_SCHEMA_CACHE": backend, "TEST_SCHEMA_CACHE_LOCATION": location}


NGINX_MAIN = """\
daemon off;
master_process off;  # one process: killing its PID stops nginx entirely
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
"""
#: The http block of the round-robin balancer: ``servers`` (upstream lines) and ``port``.
ROUND_ROBIN = """\
    upstream app {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_buffering off;
        }}
    }}
"""


def nginx_conf(directory: Path | str, http: str) -> str:
    """A one-process nginx configuration that writes under ``directory``; ``http`` is the
    body of its ``http`` block (upstreams and servers)."""
    return NGINX_MAIN.format(dir=directory) + http + "}\n"


def round_robin_conf(directory: Path | str, ports: list[int], port: int) -> str:
    """nginx on 127.0.0.1:``port``, round-robin over the given 127.0.0.1 ``ports``."""
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in ports)
    return nginx_conf(directory, ROUND_ROBIN.format(servers=servers, port=port))


@pytest.fixture
def nginx(start_server: Any, tmp_path: Path) -> Callable[[list[int]], Served]:
    """``nginx(ports)``: round-robin over the given 127.0.0.1 ports on a free port."""
    binary = _binary("nginx")

    def start(ports: list[int]) -> Served:
        port = free_port()
        conf = tmp_path / "nginx.conf"
        conf.write_text(round_robin_conf(tmp_path, ports, port))
        process: ServerProcess = start_server([binary, "-c", str(conf), "-p", str(tmp_path)])
        process.wait_for_port(port)
        return Served(process, port)

    return start
