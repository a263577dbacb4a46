"""Which scopes reach the MCP side and which reach the inner app, untouched."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from starlette._utils import get_route_path

from drf_mcp_docs.asgi.middleware import MCPMount, normalize_path
from tests.support.asgi_doubles import FakeSessions, Recorder, call_http, error_message, fake_mount

MCP, INNER, NOT_FOUND = "mcp", "inner", "mcp 404"

ROUTES = [
    # (path, root_path, expected)
    ("/mcp", "", MCP),
    ("/mcp/", "", MCP),
    ("/mcp/x", "", NOT_FOUND),
    ("/mcp/x/y", "", NOT_FOUND),
    ("/mcpfoo", "", INNER),
    ("/mcp-other/", "", INNER),
    ("/mcp-other/x", "", INNER),
    ("/api/", "", INNER),
    ("/", "", INNER),
    ("/MCP/", "", INNER),
    ("/svc/mcp/", "/svc", MCP),
    ("/svc/mcp", "/svc", MCP),
    ("/svc/mcpfoo", "/svc", INNER),
    ("/svc/api/", "/svc", INNER),
    ("/svc", "/svc", INNER),
    ("/mcp/", "/svc", MCP),  # path outside root_path: matched as is (Starlette does too)
    ("/svcx/mcp/", "/svc", INNER),
    ("/mcp/", "/m", MCP),  # "/m" + "cp/": not a path segment, so not stripped
]


async def route(path: str, root_path: str) -> tuple[str, Recorder]:
    inner = Recorder()
    mount, _ = fake_mount(inner)
    status, body = await call_http(mount, path, root_path=root_path)
    await mount.aclose()
    if body == b"inner":
        return INNER, inner
    if status == 404:
        assert error_message(body) == "Not found: the MCP endpoint is /mcp/"
        return NOT_FOUND, inner
    assert (status, body) == (200, b"mcp run 1")
    return MCP, inner


@pytest.mark.parametrize(("path", "root_path", "expected"), ROUTES)
async def test_routing_table(path: str, root_path: str, expected: str) -> None:
    assert (await route(path, root_path))[0] == expected


@pytest.mark.parametrize(("path", "root_path", "expected"), ROUTES)
def test_route_path_is_stripped_as_starlette_does(path: str, root_path: str, expected: str) -> None:
    route_path = get_route_path({"path": path, "root_path": root_path})
    under_mount = route_path == "/mcp" or route_path.startswith("/mcp/")
    assert under_mount == (expected != INNER)


async def test_inner_app_sees_the_very_same_scope() -> None:
    inner = Recorder()
    mount, sessions = fake_mount(inner)
    messages: list[Any] = []

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(message: Any) -> None:
        messages.append(message)

    scopes = [
        {"type": "websocket", "path": "/mcp/", "headers": []},
        {"type": "http", "path": "/svc/api/", "root_path": "/svc", "headers": []},
        {"type": "something-else", "path": "/mcp/"},
    ]
    for scope in scopes:
        await mount(scope, receive, send)
    assert [id(s) for s in inner.scopes] == [id(s) for s in scopes]
    assert sessions.created == 0


@pytest.mark.parametrize(
    ("given", "normalized"),
    [("mcp", "/mcp/"), ("/mcp", "/mcp/"), ("/mcp/", "/mcp/"), ("docs/mcp//", "/docs/mcp/")],
)
async def test_mount_path_is_normalized(given: str, normalized: str) -> None:
    assert normalize_path(given) == normalized
    bare = normalized.rstrip("/")
    inner = Recorder()
    mount = MCPMount(inner, path=given, session_factory=FakeSessions())
    assert mount.path == normalized
    assert (await call_http(mount, bare))[1] == b"mcp run 1"
    assert (await call_http(mount, bare + "foo"))[1] == b"inner"
    await mount.aclose()


@pytest.mark.parametrize("root", ["", "/", "//"])
def test_mount_path_must_not_be_the_root(root: str) -> None:
    with pytest.raises(ValueError, match="must not be the site root"):
        normalize_path(root)


def test_call_is_a_coroutine_function_for_every_servers_asgi3_detection() -> None:
    mount, _ = fake_mount()
    import asyncio

    from hypercorn.utils import is_asgi
    from uvicorn.config import Config

    assert inspect.iscoroutinefunction(mount.__call__)
    assert asyncio.iscoroutinefunction(mount.__call__)
    assert is_asgi(mount)
    config = Config(mount)
    config.load()
    assert config.interface == "asgi3"
    assert MCPMount._asgi_single_callable is True


def test_the_mount_modules_import_only_the_standard_library_and_anyio() -> None:
    code = (
        "import sys\n"
        "import drf_mcp_docs.asgi.middleware, drf_mcp_docs.asgi.lifespan, drf_mcp_docs.asgi.hosts\n"
        "heavy = {'django', 'starlette', 'mcp', 'rest_framework', 'pydantic'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    assert out.strip() == "[]"


async def test_a_stream_cut_off_at_shutdown_is_ended_cleanly() -> None:
    class Run:
        async def __aenter__(self) -> None:
            return None

        async def __aexit__(self, *exc: object) -> None:
            return None

    async def cut_off_stream(scope: Any, receive: Any, send: Any) -> None:
        # What the SDK's SSE response does when the server signals shutdown.
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"event: ping\n\n", "more_body": True})

    mount = MCPMount(Recorder(), path="/mcp/", session_factory=lambda: (cut_off_stream, Run()))
    messages: list[Any] = []

    async def send(message: Any) -> None:
        messages.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    await mount({"type": "http", "path": "/mcp/", "headers": []}, receive, send)
    assert messages[-1] == {"type": "http.response.body", "body": b"", "more_body": False}
    assert len(messages) == 3
    await mount.aclose()


async def test_unexpected_mcp_failure_is_logged_and_answered_as_json_rpc(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    from tests.support.asgi_doubles import RunOnce

    async def handle(scope: Any, receive: Any, send: Any) -> None:
        raise KeyError("bug")

    caplog.set_level(logging.ERROR, logger="drf_mcp_docs.asgi")
    mount = MCPMount(Recorder(), path="/mcp/", session_factory=lambda: (handle, RunOnce()))
    status, body = await call_http(mount, "/mcp/")
    assert status == 500
    assert error_message(body) == (
        "Internal error: the MCP endpoint failed; the server log has the cause"
    )
    assert json.loads(body)["error"]["code"] == -32603
    record = next(r for r in caplog.records if r.exc_info)
    assert "MCP request POST /mcp/ failed" in record.getMessage()
    assert isinstance(record.exc_info[1], KeyError)  # type: ignore[index]
    await mount.aclose()


async def test_failure_after_the_response_started_ends_that_response() -> None:
    from tests.support.asgi_doubles import RunOnce

    async def handle(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"data: 1\n\n", "more_body": True})
        raise KeyError("bug")

    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    mount = MCPMount(Recorder(), path="/mcp/", session_factory=lambda: (handle, RunOnce()))
    scope = {"type": "http", "method": "GET", "path": "/mcp/", "headers": []}
    await mount(scope, receive, send)
    assert [m["type"] for m in messages].count("http.response.start") == 1
    assert messages[-1] == {"type": "http.response.body", "body": b"", "more_body": False}
    await mount.aclose()
