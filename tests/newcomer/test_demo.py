"""The README's demo (``example/run_demo.py``, what ``make demo`` runs) as a newcomer meets it:
a busy port is one line, ``/`` and ``/api/`` answer, the schema is cached, Ctrl-C is clean."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.servers import EXAMPLE, ROOT, ServerProcess, exercise_mcp, free_port

pytestmark = pytest.mark.servers

DEMO = EXAMPLE / "run_demo.py"


def demo_env(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    return {**env, "EXAMPLE_DB_PATH": str(db), "PYTHONUNBUFFERED": "1"}


def test_busy_port_is_one_line_before_anything_else(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, str(DEMO), "--port", str(port)],
            env=demo_env(db),
            cwd=str(ROOT),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"demo: port {port} on 127.0.0.1 is already in use; stop the other server or pick "
        "another with DEMO_PORT (e.g. DEMO_PORT=8001 make demo)\n"
    )
    assert not db.exists()  # nothing ran before the port check: no migration, no seed


def test_demo_serves_root_api_root_and_mcp_then_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    demo = ServerProcess(
        [sys.executable, str(DEMO), "--port", str(port)], demo_env(tmp_path / "demo.sqlite3")
    )
    try:
        demo.wait_for_port(port, timeout=60)
        base = f"http://127.0.0.1:{port}"
        # The port listens from the start; requests wait in the backlog until the app is up.
        headers = {"Accept": "application/json"}
        with httpx.Client(base_url=base, headers=headers, timeout=90) as http:
            home = http.get("/")
            api_root = http.get("/api/")
            books = http.get(api_root.json()["books"])
        assert home.status_code == 200
        assert home.json()["api"] == f"{base}/api/"
        assert home.json()["mcp"] == f"{base}/mcp/"
        assert api_root.status_code == 200
        assert {"authors", "books", "publishers", "reviews"} <= set(api_root.json())
        assert books.status_code == 200 and books.json()["count"] > 0  # seeded
        import anyio

        anyio.run(exercise_mcp, f"{base}/mcp/")
        demo.proc.send_signal(signal.SIGINT)
        raw_out, raw_err = demo.proc.communicate(timeout=30)
    finally:
        demo.stop()
    out, err = raw_out.decode(), raw_err.decode()
    assert demo.proc.returncode == 0, err
    assert "Traceback" not in err
    assert f"MCP endpoint: {base}/mcp/" in out
    assert f"Serving the bookstore API at {base}/api/" in out


def test_demo_caches_the_schema_although_debug_is_on(tmp_path: Path) -> None:
    code = """
import run_demo
run_demo.configure()
import django
django.setup()
from django.conf import settings
from drf_mcp_docs.conf import conf
from drf_mcp_docs.schema.cache import schema_cache
first, second = schema_cache.get(), schema_cache.get()
print(json.dumps({"debug": settings.DEBUG, "cache": conf.CACHE_SCHEMA,
                  "same": first is second, "builds": schema_cache.builds}))
"""
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + code],
        env={**demo_env(tmp_path / "demo.sqlite3"), "PYTHONPATH": f"{EXAMPLE}:{ROOT}"},
        cwd=str(EXAMPLE),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"debug": True, "cache": True, "same": True, "builds": 1}


def test_example_settings_alone_keep_debug_rebuilds(settings: Any) -> None:
    """Only the demo turns caching on; the example project keeps Django's DEBUG default."""
    from drf_mcp_docs.conf import conf

    assert settings.DEBUG is False or "CACHE_SCHEMA" not in settings.DRF_MCP_DOCS
    assert conf.CACHE_SCHEMA is (not settings.DEBUG)
