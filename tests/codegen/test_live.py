"""Every snippet of every endpoint of the example project, run against a live example server.

The server is the example project under uvicorn, mounted as documented; the snippets are
asked for over MCP (HTTP), so their base URL is the one the agent reached. Each snippet
runs as written (Python requests/httpx, node for fetch/axios/ky, bash for curl) against a
freshly restored database, and the server's access log must show the documented success
status for every request it made. Real axios and ky are installed with npm when it can
reach the registry (cached); else minimal stand-ins over Node's fetch are used.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client

from drf_mcp_docs.codegen import LANGUAGES
from drf_mcp_docs.schema.records import ApiSchema, Endpoint
from tests.codegen.live_clients import AXIOS, KY
from tests.support.servers import (
    ServerProcess,
    asgi_command,
    free_port,
    prepare_database,
    server_env,
)

NODE_CACHE = Path(
    os.environ.get("DRF_MCP_DOCS_NODE_CLIENTS", Path.home() / ".cache/drf-mcp-docs/node-clients")
)
PACKAGES = ("axios@1", "ky@1")
ACCESS = re.compile(r'"([A-Z]+) (\S+) HTTP/[\d.]+" (\d{3})')
#: Endpoints whose example request cannot succeed as written, and why (the status expected).
NEEDS_REAL_VALUES = {
    ("POST", "/api/auth/token/"): ("400", "needs a real username and password"),
}


@dataclass
class Live:
    url: str
    token: str
    db: Path
    pristine: Path
    log: Path
    folder: Path
    snippets: dict[tuple[str, str, str, str], str]
    offset: int = 0

    def reset(self) -> None:
        shutil.copyfile(self.pristine, self.db)
        self.offset = self.log.stat().st_size

    def requests(self) -> list[tuple[str, str, str]]:
        with self.log.open("rb") as handle:
            handle.seek(self.offset)
            text = handle.read().decode(errors="replace")
        return [m.groups() for m in ACCESS.finditer(text) if "/mcp" not in m.group(2)]


def node_modules(folder: Path) -> Path:
    """A node_modules folder with axios and ky: real ones from npm (cached), else stand-ins."""
    real = NODE_CACHE / "node_modules"
    if not (real / "axios").is_dir() and shutil.which("npm"):
        NODE_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(NODE_CACHE), *PACKAGES],
            capture_output=True,
            timeout=180,
        )
    if (real / "axios").is_dir() and (real / "ky").is_dir():
        return real
    fake = folder / "node_modules"
    for name, source in (("axios", AXIOS), ("ky", KY)):
        package = fake / name
        package.mkdir(parents=True, exist_ok=True)
        (package / "package.json").write_text(json.dumps({"name": name, "main": "index.mjs"}))
        (package / "index.mjs").write_text(source)
    return fake


async def _fetch_snippets(url: str, api: ApiSchema) -> dict[tuple[str, str, str, str], str]:
    out = {}
    async with Client(url + "/mcp/") as client:
        for endpoint in api.endpoints:
            for language, clients in LANGUAGES.items():
                if language == "typescript":
                    continue  # same code as javascript plus types: type-checked with tsc
                for name in clients:
                    arguments = {"path": endpoint.path, "method": endpoint.method}
                    arguments |= {"language": language, "client": name}
                    result = await client.call_tool("generate_code_snippet", arguments)
                    assert not result.is_error, result.content
                    out[(endpoint.method, endpoint.path, language, name)] = (
                        result.structured_content["code"]
                    )
    return out


@pytest.fixture(scope="module")
def example_api() -> ApiSchema:
    """The example project's schema (the ``api`` fixture here is the hand-built sample)."""
    from drf_mcp_docs.schema.cache import build_api_schema

    return build_api_schema()


@pytest.fixture(scope="module")
def live(example_api: ApiSchema, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("live")
    db, pristine = folder / "example.sqlite3", folder / "pristine.sqlite3"
    token = prepare_database(db)
    shutil.copyfile(db, pristine)
    port = free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        process = ServerProcess(
            asgi_command("uvicorn", "example_project.asgi:application", port),
            server_env(EXAMPLE_DB_PATH=str(db)),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        process.wait_for_port(port)
        url = f"http://127.0.0.1:{port}"
        snippets = anyio.run(_fetch_snippets, url, example_api)
        (folder / "node_modules").symlink_to(node_modules(folder / "fallback"))
        yield Live(url, token, db, pristine, log, folder, snippets)
    finally:
        process.stop()


def _run(live: Live, endpoint: Endpoint, language: str, client: str) -> subprocess.CompletedProcess:
    code = live.snippets[(endpoint.method, endpoint.path, language, client)]
    env = {"PATH": os.environ["PATH"], "API_TOKEN": live.token, "HOME": str(live.folder)}
    for field in re.findall(r'open\("([^"]+)", "rb"\)|=@([\w.-]+)', code):
        (live.folder / "".join(field)).write_bytes(b"\x89PNG\r\n\x1a\n")
    if language == "python":
        command = [sys.executable, "-c", code]
    elif language == "curl":
        command = ["bash", "-c", code]
    else:
        script = live.folder / "snippet.mjs"
        script.write_text(code)
        command = ["node", str(script)]
    return subprocess.run(
        command, capture_output=True, text=True, cwd=live.folder, env=env, timeout=60
    )


def _cases(api: ApiSchema) -> list[Any]:
    return [
        pytest.param((e.method, e.path, language, client), id=f"{e.method}{e.path}-{client}")
        for e in api.endpoints
        for language, clients in LANGUAGES.items()
        if language != "typescript"
        for client in clients
    ]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "case" in metafunc.fixturenames:
        from drf_mcp_docs.schema.cache import build_api_schema

        metafunc.parametrize("case", _cases(build_api_schema()))


def test_snippet_gets_the_documented_status(live: Live, example_api: ApiSchema, case: Any) -> None:
    method, path, language, client = case
    if language != "python" and language != "curl" and shutil.which("node") is None:
        pytest.skip("node is not installed")
    endpoint = example_api.find(method, path)
    assert endpoint is not None
    success = endpoint.success_response()
    expected = success.status if success else "200"
    expected, _ = NEEDS_REAL_VALUES.get((method, path), (expected, ""))
    live.reset()
    result = _run(live, endpoint, language, client)
    seen = live.requests()
    code = live.snippets[(method, path, language, client)]
    assert live.url in code  # the base URL is the one the agent reached
    assert seen, f"no request reached the server\n{result.stderr}\n{code}"
    template = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + r"(\?|$)")
    for seen_method, seen_path, status in seen:
        assert (seen_method, status) == (method, expected), (seen, result.stderr, code)
        assert template.match(seen_path), (seen_path, path)
    if expected.startswith("2"):
        assert result.returncode == 0, result.stderr + "\n" + code
