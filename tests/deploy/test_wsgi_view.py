# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""The endpoint as Django views (``include("drf_mcp_docs.urls")``): test client and runserver."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from drf_mcp_docs.urls import mount_mcp, urlpatterns
from tests.support.deploy_support import deploy, deploy_site  # noqa: F401 (fixtures)
from tests.support.mcp_load import ERAS, run_sessions
from tests.support.servers import INITIALIZE

pytestmark = pytest.mark.urls("tests.support.deploy_urls")

ACCEPT = "application/json, text/event-stream"
TOOLS_LIST = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}


def post(body: bytes | str, client: Client | None = None, **extra: Any) -> Any:
    extra.setdefault("content_type", "application/json")
    extra.setdefault("HTTP_ACCEPT", ACCEPT)
    return (client or Client()).post("/mcp/", data=body, **extra)


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["jsonrpc"] == "2.0" and body["id"] is None
    return dict(body["error"])


def test_both_entry_points_come_from_drf_mcp_docs_urls() -> None:
    assert callable(mount_mcp) and urlpatterns[0].name == "mcp"


def test_initialize_then_tools_without_a_session() -> None:
    init = post(json.dumps(INITIALIZE))
    assert init.status_code == 200 and "Mcp-Session-Id" not in init
    assert json.loads(init.content)["result"]["serverInfo"]["name"] == "bookstore-docs"
    listing = post(json.dumps(TOOLS_LIST), HTTP_MCP_PROTOCOL_VERSION="2025-06-18")
    tools = {t["name"] for t in json.loads(listing.content)["result"]["tools"]}
    assert "search_endpoints" in tools


def test_csrf_exempt_under_enforced_csrf_checks() -> None:
    assert post(json.dumps(INITIALIZE), Client(enforce_csrf_checks=True)).status_code == 200


@pytest.mark.parametrize(
    ("body", "extra", "status", "code", "words"),
    [
        (b'{"jsonrpc": "2.0", "id": 2, "method": ', {}, 400, -32700, "Parse error"),
        (b'{"hello": "world"}', {}, 400, -32600, "not a JSON-RPC 2.0"),
        (json.dumps(TOOLS_LIST), {"content_type": "text/plain"}, 415, -32600, "Content-Type"),
        (json.dumps(TOOLS_LIST), {"HTTP_ACCEPT": "text/html"}, 406, -32600, "Not Acceptable"),
        (b'{"x":"' + b"a" * 1_100_000 + b'"}', {}, 413, -32600, "1048576 bytes"),
    ],
)
def test_bad_requests_get_json_rpc_errors(
    body: bytes, extra: dict[str, str], status: int, code: int, words: str
) -> None:
    error = error_of(post(body, **extra), status)
    assert error["code"] == code and words in error["message"], error


def test_get_and_delete_are_405_not_a_held_worker() -> None:
    for method in ("get", "delete"):
        response = getattr(Client(), method)("/mcp/", HTTP_ACCEPT="text/event-stream")
        assert "POST" in error_of(response, 405)["message"] and response["Allow"] == "POST"


def test_host_and_origin_as_django_decides(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["docs.example.com"]
    assert post(json.dumps(INITIALIZE), HTTP_HOST="docs.example.com").status_code == 200
    assert post(json.dumps(INITIALIZE), HTTP_HOST="evil.example").status_code == 400
    foreign = post(
        json.dumps(INITIALIZE), HTTP_HOST="docs.example.com", HTTP_ORIGIN="http://evil.example"
    )
    assert "evil.example" in error_of(foreign, 403)["message"]


def test_body_limit_follows_the_setting(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"MAX_REQUEST_BODY_SIZE": 100}
    error = error_of(post(json.dumps({**INITIALIZE, "pad": "x" * 200})), 413)
    assert "100 bytes" in error["message"]


@pytest.mark.servers
async def test_runserver_serves_both_eras(deploy: Any) -> None:
    served = deploy("runserver")
    for era in ERAS:
        result = await run_sessions(served.url + "/mcp/", era, sessions=10)
        assert result.failures == [], (era, result.summary())


async def test_the_stateless_mount_refuses_a_get_stream_too() -> None:
    import httpx
    from django.core.asgi import get_asgi_application

    mount = mount_mcp(get_asgi_application())
    transport = httpx.ASGITransport(app=mount)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        reply = await http.get("/mcp/", headers={"Accept": "text/event-stream"})
    await mount.aclose()
    assert reply.status_code == 405 and reply.headers["allow"] == "POST"
    assert "no server-to-client stream" in reply.json()["error"]["message"]


def test_only_the_stateless_factory_refuses_streams() -> None:
    from drf_mcp_docs.sdk import session_factory
    from drf_mcp_docs.server import get_mcp_server

    def handle(stateless: bool) -> Any:
        factory = session_factory(
            get_mcp_server(), path="/mcp", max_request_body_size=1024, stateless=stateless
        )
        return factory()[0]

    stateful, stateless = handle(False), handle(True)
    # Both are the SDK's handler behind the boundary's guard; only stateless refuses GET.
    assert stateful.__name__ == "guarded"
    assert stateless.__name__ == "stateless"
