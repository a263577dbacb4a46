"""Every code block of docs/asgi-integration.md, run for real.

Blocks are marked ``<!-- test: NAME -->``; Python blocks become modules served by real
servers, shell blocks are run as written (port and project module substituted), and the
client configurations are used to connect the official MCP client.
"""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from mcp import Client

from tests.support.servers import (
    EXAMPLE,
    ROOT,
    executable,
    exercise_mcp,
    free_port,
    lazy_starts,
    terminate,
)
from tests.support.wsclient import echo

pytestmark = pytest.mark.servers

DOC = ROOT / "docs" / "asgi-integration.md"
BLOCK = re.compile(r"<!-- test: ([\w-]+) -->\n```(\w+)\n(.*?)```", re.S)
BLOCKS: dict[str, tuple[str, str]] = {
    name: (language, code) for name, language, code in BLOCK.findall(DOC.read_text())
}
TESTED = {
    "basic",
    "serve-uvicorn",
    "serve-daphne",
    "serve-hypercorn",
    "serve-granian",
    "custom-path",
    "custom-server",
    "custom-wrapper",
    "channels",
    "runmcpserver",
    "client-claude",
    "client-cursor",
    "client-vscode",
}


def test_every_code_block_is_marked_and_tested() -> None:
    fences = DOC.read_text().count("```") // 2
    diagram = 1  # the routing diagram is prose, not code
    assert len(BLOCKS) == fences - diagram
    assert set(BLOCKS) == TESTED


@pytest.fixture
def modules(tmp_path: Path) -> Path:
    """The doc's Python blocks as importable modules ``doc_<name>``."""
    for name, (language, code) in BLOCKS.items():
        if language == "python":
            (tmp_path / f"doc_{name.replace('-', '_')}.py").write_text(code)
    return tmp_path


def command(name: str, module: str, port: int) -> list[str]:
    code = BLOCKS[name][1].strip()
    code = code.replace("myproject.asgi:application", f"{module}:application")
    code = re.sub(r"\b800[01]\b", str(port), code)
    args = shlex.split(code)
    if args[0] == "python":
        return [sys.executable, str(EXAMPLE / "manage.py"), *args[2:]]
    return [executable(args[0]), *args[1:]]


@pytest.mark.parametrize("server", ["uvicorn", "daphne", "hypercorn", "granian"])
async def test_serve_commands(server: str, modules: Path, site: Any, start_server: Any) -> None:
    port = free_port()
    env = {"EXAMPLE_DB_PATH": str(site.db), "PYTHONPATH": f"{modules}:{EXAMPLE}:{ROOT}"}
    process = start_server(command(f"serve-{server}", "doc_basic", port), **env)
    process.wait_for_port(port)
    await exercise_mcp(f"http://127.0.0.1:{port}/mcp/")
    async with httpx.AsyncClient() as http:
        ping = await http.get(f"http://127.0.0.1:{port}/api/ping/")
    assert ping.json() == {"status": "ok"}
    terminate(process)


async def test_custom_path(serve: Any, modules: Path) -> None:
    served = serve("uvicorn", "doc_custom_path:application", pythonpath=(str(modules),))
    await exercise_mcp(served.url + "/agent-docs/")
    async with httpx.AsyncClient(base_url=served.url) as http:
        assert (await http.get("/mcp/")).status_code == 404  # Django's, not MCP's
        assert (await http.get("/agent-docsx")).status_code == 404


async def test_custom_server_tool(serve: Any, modules: Path) -> None:
    served = serve("uvicorn", "doc_custom_server:application", pythonpath=(str(modules),))
    async with Client(served.url + "/mcp/") as client:
        names = {t.name for t in (await client.list_tools()).tools}
        assert {"api_status", "search_endpoints"} <= names
        status = await client.call_tool("api_status", {})
    assert "api.example.com" in status.content[0].text


async def test_custom_wrapper_forwards_lifespan(serve: Any, modules: Path) -> None:
    served = serve("uvicorn", "doc_custom_wrapper:application", pythonpath=(str(modules),))
    await exercise_mcp(served.url + "/mcp/")
    assert echo(served.port, "/ws/anything/", "ping over websocket") == "ping over websocket"
    _, _, err, _ = terminate(served.process)
    assert lazy_starts(err) == 0  # the lifespan reached the mount: no lazy start needed
    assert "Traceback" not in err


@pytest.mark.parametrize("server", ["daphne", "uvicorn"])
async def test_channels_protocol_type_router(server: str, serve: Any, modules: Path) -> None:
    served = serve(server, "doc_channels:application", pythonpath=(str(modules),))
    await exercise_mcp(served.url + "/mcp/")
    assert echo(served.port, "/ws/echo/", "hello channels") == "hello channels"
    _, _, err, _ = terminate(served.process)
    assert lazy_starts(err) == 1  # ProtocolTypeRouter drops lifespan: the lazy start served
    assert "Task group is not initialized" not in err


async def test_runmcpserver_command(site: Any, start_server: Any) -> None:
    port = free_port()
    process = start_server(command("runmcpserver", "", port), EXAMPLE_DB_PATH=str(site.db))
    process.wait_for_port(port)
    await exercise_mcp(f"http://127.0.0.1:{port}/mcp/")
    status, _, err = process.interrupt()
    assert status == 0 and "Traceback" not in err


def client_urls() -> dict[str, str]:
    claude = shlex.split(BLOCKS["client-claude"][1])
    cursor = json.loads(BLOCKS["client-cursor"][1])["mcpServers"]["my-api"]
    vscode = json.loads(BLOCKS["client-vscode"][1])["servers"]["my-api"]
    assert claude[:4] == ["claude", "mcp", "add", "--transport"] and claude[4] == "http"
    assert vscode["type"] == "http"
    return {"claude": claude[-1], "cursor": cursor["url"], "vscode": vscode["url"]}


async def test_client_configurations_reach_the_mount(serve: Any, modules: Path) -> None:
    served = serve("uvicorn", "doc_basic:application", pythonpath=(str(modules),))
    for client, url in client_urls().items():
        assert url == "http://127.0.0.1:8000/mcp/", client
        await exercise_mcp(url.replace(":8000", f":{served.port}"))
