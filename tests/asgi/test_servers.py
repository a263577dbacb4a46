"""The mount on real ASGI servers, driven by the official MCP client and plain HTTP."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from tests.support.servers import INITIALIZE, MCP_HEADERS, exercise_mcp, lazy_starts, terminate

pytestmark = pytest.mark.servers


async def exercise_django(base: str, token: str, mcp_path: str = "/mcp/") -> None:
    """Django routes pass through the mount untouched; near misses reach Django."""
    async with httpx.AsyncClient(base_url=base, timeout=20) as http:
        books = await http.get("/api/books/", params={"search": "a", "ordering": "-price"})
        assert books.status_code == 200 and "results" in books.json()
        created = await http.post(
            "/api/authors/",
            json={"name": "Ursula K. Le Guin", "bio": "Earthsea."},
            headers={"Authorization": f"Token {token}"},
        )
        assert created.status_code == 201, created.text
        assert created.json()["name"] == "Ursula K. Le Guin"
        anonymous = await http.post("/api/authors/", json={"name": "Nobody"})
        assert anonymous.status_code == 401
        bare = mcp_path.rstrip("/")
        for near in (bare + "foo", bare + "-other/x"):
            miss = await http.get(near)
            assert miss.status_code == 404 and "text/html" in miss.headers["content-type"], near
        direct = await http.post(bare, json=INITIALIZE, headers=MCP_HEADERS)
        assert direct.status_code == 200  # stateless by default: a JSON answer, no session
        assert direct.json()["result"]["serverInfo"]["name"] == "bookstore-docs"


SERVERS = [
    pytest.param("uvicorn", ("--lifespan", "on"), False, id="uvicorn-lifespan-on"),
    pytest.param("uvicorn", ("--lifespan", "auto"), False, id="uvicorn-lifespan-auto"),
    pytest.param("uvicorn", ("--lifespan", "off"), True, id="uvicorn-lifespan-off"),
    pytest.param("daphne", (), True, id="daphne"),
    pytest.param("hypercorn", (), False, id="hypercorn"),
    pytest.param("granian", (), False, id="granian"),
]


@pytest.mark.parametrize(("server", "flags", "lazy"), SERVERS)
async def test_mounted_example_project(
    serve: Any, site: Any, server: str, flags: tuple[str, ...], lazy: bool
) -> None:
    served = serve(server, "example_project.asgi:application", *flags)
    await exercise_mcp(served.url + "/mcp/")
    await exercise_django(served.url, site.token)
    status, _, err, elapsed = terminate(served.process)
    assert status in (0, -15), err  # a clean exit, or the SIGTERM re-raised after one
    assert elapsed < 10
    assert lazy_starts(err) == (1 if lazy else 0), err
    assert "Traceback" not in err, err
    assert "Task group is not initialized" not in err


async def test_fifty_concurrent_first_requests_on_daphne(serve: Any) -> None:
    served = serve("daphne", "example_project.asgi:application", TEST_STATELESS="0")
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
        replies = await asyncio.gather(
            *(http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS) for _ in range(50))
        )
    assert [r.status_code for r in replies] == [200] * 50
    assert len({r.headers["mcp-session-id"] for r in replies}) == 50
    _, _, err, _ = terminate(served.process)
    assert lazy_starts(err) == 1, err


async def test_custom_path_by_setting(serve: Any, site: Any) -> None:
    served = serve("uvicorn", "example_project.asgi:application", TEST_MCP_ENDPOINT="/agent-docs/")
    await exercise_mcp(served.url + "/agent-docs/")
    await exercise_django(served.url, site.token, mcp_path="/agent-docs/")
    async with httpx.AsyncClient(base_url=served.url) as http:
        assert (await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)).status_code == 404


async def test_root_path_behind_a_proxy(serve: Any) -> None:
    # The proxy strips /svc; uvicorn puts it back as root_path (and in front of path).
    served = serve("uvicorn", "example_project.asgi:application", "--root-path", "/svc")
    await exercise_mcp(served.url + "/mcp/")
    async with httpx.AsyncClient(base_url=served.url) as http:
        ping = await http.get("/api/ping/")
        assert ping.status_code == 200 and ping.json() == {"status": "ok"}
        assert (await http.get("/mcpfoo")).status_code == 404


async def test_bad_requests_get_json_rpc_errors_and_the_session_goes_on(serve: Any) -> None:
    served = serve("uvicorn", "example_project.asgi:application", TEST_STATELESS="0")
    async with httpx.AsyncClient(base_url=served.url, timeout=20) as http:
        init = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
        session = {
            **MCP_HEADERS,
            "mcp-session-id": init.headers["mcp-session-id"],
            "mcp-protocol-version": "2025-06-18",
        }
        notified = await http.post(
            "/mcp/", json={"jsonrpc": "2.0", "method": "notifications/initialized"}, headers=session
        )
        assert notified.status_code == 202
        tools_list = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}).encode()
        cases = [
            (b'{"jsonrpc": "2.0", "id": 2, "method": ', session, 400, -32700, "Parse error"),
            (tools_list, {**session, "Content-Type": "text/plain"}, 415, -32600, "Content-Type"),
            (b'{"hello": "world"}', session, 400, -32600, "not a JSON-RPC 2.0"),
            (tools_list, {**session, "mcp-session-id": "nope"}, 404, -32600, "Session not found"),
            (b'{"x":"' + b"a" * 1_100_000 + b'"}', session, 413, -32600, "1048576 bytes"),
            (tools_list, {**session, "Accept": "text/html"}, 406, -32600, "Not Acceptable"),
        ]
        for body, headers, status, code, words in cases:
            reply = await http.post("/mcp/", content=body, headers=headers)
            assert reply.status_code == status, (words, reply.text)
            error = reply.json()["error"]
            assert error["code"] == code and words in error["message"], error
        listing = await http.post("/mcp/", content=tools_list, headers=session)
        assert listing.status_code == 200 and "search_endpoints" in listing.text
    status, _, err, _ = terminate(served.process)
    assert "Traceback" not in err and " 500 " not in err


async def test_host_and_origin_follow_django(serve: Any) -> None:
    served = serve(
        "uvicorn",
        "example_project.asgi:application",
        DJANGO_ALLOWED_HOSTS="docs.example.com,127.0.0.1",
    )
    async with httpx.AsyncClient(base_url=served.url, timeout=20) as http:
        ok = await http.post(
            "/mcp/", json=INITIALIZE, headers={**MCP_HEADERS, "Host": "docs.example.com"}
        )
        assert ok.status_code == 200
        bad_host = await http.post(
            "/mcp/", json=INITIALIZE, headers={**MCP_HEADERS, "Host": "evil.example"}
        )
        assert bad_host.status_code == 400
        assert "evil.example" in bad_host.json()["error"]["message"]
        # Django would reject that host too: one policy, not two.
        assert (await http.get("/api/ping/", headers={"Host": "evil.example"})).status_code == 400
        foreign = await http.post(
            "/mcp/",
            json=INITIALIZE,
            headers={**MCP_HEADERS, "Host": "docs.example.com", "Origin": "http://evil.example"},
        )
        assert foreign.status_code == 403
        same = await http.post(
            "/mcp/",
            json=INITIALIZE,
            headers={
                **MCP_HEADERS,
                "Host": "docs.example.com",
                "Origin": "http://docs.example.com",
            },
        )
        assert same.status_code == 200


async def test_inner_app_with_its_own_lifespan_and_state(serve: Any, tmp_path: Any) -> None:
    mark = tmp_path / "shutdown.txt"
    served = serve("uvicorn", "tests.support.asgi_apps:starlette_inner", SHUTDOWN_MARK=str(mark))
    await exercise_mcp(served.url + "/mcp/")
    async with httpx.AsyncClient(base_url=served.url) as http:
        hello = await http.get("/hello/")
    assert hello.json() == {"greeting": "hello from the inner lifespan"}
    _, _, err, _ = terminate(served.process)
    assert mark.read_text() == "inner shutdown ran"
    assert "Traceback" not in err and lazy_starts(err) == 0
