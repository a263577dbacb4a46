"""Smoke test of an installed drf-mcp-docs, run by .ci/run from a fresh venv holding the wheel.

Run it with that venv's python from a directory outside the checkout:

    /tmp/wheel-venv/bin/python /path/to/.ci/wheel_smoke.py --expect-version 0.2.0.dev0

It proves that what ``pip install`` puts on a machine works on its own: the package is
imported from site-packages (not a checkout), its package data (``py.typed``) is there,
``manage.py check`` passes in a tiny project, ``runmcpserver --version`` names this
package, and ``runmcpserver --transport stdio`` answers an MCP initialize, lists the tools,
answers a tool call, and exits by itself when its stdin closes. Standard library only.
Exit status 0 on success; otherwise one line per failure on stderr and status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

#: Files the wheel must carry besides the Python modules.
PACKAGE_DATA = ("py.typed",)
TIMEOUT = 60.0

SETTINGS = """
SECRET_KEY = "wheel-smoke-test"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "drf_spectacular",
    "drf_mcp_docs",
]
ROOT_URLCONF = "smoke_urls"
DATABASES = {}
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {"TITLE": "Smoke API", "VERSION": "3.2.1"}
USE_TZ = True
"""

URLS = """
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response


class Status(serializers.Serializer):
    status = serializers.CharField()


@extend_schema(responses=Status)
@api_view(["GET"])
def ping(request):
    \"\"\"Is the service up?\"\"\"
    return Response({"status": "ok"})


urlpatterns = [path("api/ping/", ping)]
"""


class SmokeFailure(Exception):
    """One thing the installed package got wrong."""


def check_package_data(package_dir: Path) -> None:
    """Every file of :data:`PACKAGE_DATA` is in the installed package directory."""
    missing = [name for name in PACKAGE_DATA if not (package_dir / name).is_file()]
    if missing:
        raise SmokeFailure(f"package data missing from {package_dir}: {', '.join(missing)}")


def check_installed(checkout: Path | None, expect_version: str | None) -> None:
    """The package comes from site-packages, with its data and the expected version."""
    import drf_mcp_docs

    package_dir = Path(drf_mcp_docs.__file__).resolve().parent
    if checkout is not None and package_dir.is_relative_to(checkout.resolve()):
        raise SmokeFailure(f"drf_mcp_docs was imported from the checkout ({package_dir})")
    if "site-packages" not in package_dir.parts:
        raise SmokeFailure(f"drf_mcp_docs is not an installed package: {package_dir}")
    check_package_data(package_dir)
    if expect_version is not None and drf_mcp_docs.__version__ != expect_version:
        raise SmokeFailure(
            f"drf_mcp_docs.__version__ is {drf_mcp_docs.__version__!r}, expected {expect_version!r}"
        )


def django_env(project: Path) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "smoke_settings", "PYTHONPATH": str(project)}


def run_django(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=project,
        env=django_env(project),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def check_project(project: Path, expect_version: str | None) -> None:
    """System checks pass; ``--version`` is this package's."""
    checked = run_django(project, "check", "--fail-level", "WARNING")
    if checked.returncode != 0:
        raise SmokeFailure(f"manage.py check failed:\n{checked.stdout}{checked.stderr}")
    version = run_django(project, "runmcpserver", "--version")
    if version.returncode != 0 or "drf-mcp-docs" not in version.stdout:
        raise SmokeFailure(f"runmcpserver --version printed {version.stdout!r} {version.stderr!r}")
    if expect_version is not None and expect_version not in version.stdout:
        raise SmokeFailure(f"runmcpserver --version printed {version.stdout.strip()!r}")


class StdioSession:
    """A raw JSON-RPC exchange with ``runmcpserver --transport stdio``, one line each way."""

    def __init__(self, project: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "django", "runmcpserver", "--transport", "stdio"],
            cwd=project,
            env=django_env(project),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"jsonrpc": "2.0", **message}) + "\n")
        self.process.stdin.flush()

    def call(self, id_: int, method: str, params: dict[str, Any] | None = None) -> Any:
        """Send one request and return its ``result`` (notifications are skipped)."""
        self.send({"id": id_, "method": method, **({"params": params} if params else {})})
        assert self.process.stdout is not None
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 1.0)
            if not ready:
                continue
            line = self.process.stdout.readline()
            if not line:
                raise SmokeFailure(f"stdio server closed stdout during {method}: {self.stderr()}")
            answer = json.loads(line)
            if answer.get("id") == id_:
                if "error" in answer:
                    raise SmokeFailure(f"{method} failed: {answer['error']}")
                return answer["result"]
        raise SmokeFailure(f"no answer to {method} within {TIMEOUT:.0f} s")

    def stderr(self) -> str:
        if self.process.poll() is None or self.process.stderr is None:
            return ""
        return self.process.stderr.read()[-2000:]

    def close(self) -> int:
        """Close stdin; the server must exit by itself."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            return self.process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise SmokeFailure(
                "runmcpserver --transport stdio kept running after stdin closed"
            ) from None


def check_stdio(project: Path) -> None:
    """Initialize, list tools, call one; the server exits once stdin is closed."""
    session = StdioSession(project)
    try:
        init = session.call(
            1,
            "initialize",
            {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "wheel-smoke", "version": "1"},
            },
        )
        if "tools" not in init.get("capabilities", {}):
            raise SmokeFailure(f"initialize advertised no tools: {init}")
        session.send({"method": "notifications/initialized"})
        tools = {t["name"] for t in session.call(2, "tools/list")["tools"]}
        if "search_endpoints" not in tools:
            raise SmokeFailure(f"tools/list lacks search_endpoints: {sorted(tools)}")
        found = session.call(
            3, "tools/call", {"name": "search_endpoints", "arguments": {"query": "ping"}}
        )
        hits = found.get("structuredContent", {}).get("results", [])  # "METHOD path summary"
        paths = [hit.split(" ")[1] for hit in hits if isinstance(hit, str) and " " in hit]
        if "/api/ping/" not in paths:
            raise SmokeFailure(f"search_endpoints('ping') found {paths}, expected /api/ping/")
    finally:
        status = session.close()
    if status != 0:
        raise SmokeFailure(f"runmcpserver stdio exited {status}: {session.stderr()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--checkout", type=Path, help="the source checkout the package must not come from"
    )
    parser.add_argument("--expect-version", help="the version the wheel must carry")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wheel-smoke-") as tmp:
        project = Path(tmp)
        (project / "smoke_settings.py").write_text(textwrap.dedent(SETTINGS))
        (project / "smoke_urls.py").write_text(textwrap.dedent(URLS))
        try:
            check_installed(args.checkout, args.expect_version)
            check_project(project, args.expect_version)
            check_stdio(project)
        except SmokeFailure as exc:
            print(f"wheel smoke test FAILED: {exc}", file=sys.stderr)
            return 1
    print("wheel smoke test: installed package, package data, checks, --version, stdio: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
