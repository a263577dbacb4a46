"""A 900 KB value anywhere in a request costs an answer of at most a few KB (issue 10).

Over HTTP to the mount (in process), stateless and stateful: every error answer stays under
``LIMIT`` and, where it names the bad value, shows its first characters.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from django.core.asgi import get_asgi_application

from drf_mcp_docs.urls import mount_mcp
from tests.support.big_values import LIMIT, cases
from tests.support.servers import INITIALIZE, MCP_HEADERS

HEADERS = {**MCP_HEADERS, "Mcp-Protocol-Version": "2025-06-18"}
CASES = list(cases())
START = "a" * 50


def answer_of(response: httpx.Response) -> dict[str, Any]:
    text = response.text
    if response.headers.get("content-type", "").startswith("text/event-stream"):
        text = [line[5:] for line in text.splitlines() if line.startswith("data:")][-1]
    return dict(json.loads(text))


def is_error(response: httpx.Response) -> bool:
    if response.status_code >= 400:
        return True
    answer = answer_of(response)
    return "error" in answer or bool(answer.get("result", {}).get("isError"))


@pytest.fixture(params=["stateless", "stateful"])
async def http(request: pytest.FixtureRequest, settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "STATELESS": request.param == "stateless"}
    mount = mount_mcp(get_asgi_application())
    transport = httpx.ASGITransport(app=mount)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        if request.param == "stateful":
            opened = await client.post("/mcp/", json=INITIALIZE, headers=HEADERS)
            client.headers["Mcp-Session-Id"] = opened.headers["mcp-session-id"]
            done = {"jsonrpc": "2.0", "method": "notifications/initialized"}
            await client.post("/mcp/", json=done, headers=HEADERS)
        yield client
    await mount.aclose()


async def test_every_answer_to_a_900_kb_value_is_small(http: httpx.AsyncClient) -> None:
    sizes: dict[str, int] = {}
    unnamed: list[str] = []
    for name, body, headers, named in CASES:
        response = await http.post(
            "/mcp/", content=json.dumps(body), headers={**HEADERS, **headers}
        )
        if not is_error(response):
            continue  # a header the endpoint ignores (Mcp-Session-Id in stateless mode)
        sizes[name] = len(response.content)
        if named and START not in response.text:
            unnamed.append(name)
    assert len(sizes) >= len(CASES) - 1
    assert {n: s for n, s in sizes.items() if s >= LIMIT} == {}
    assert unnamed == []


async def test_a_long_path_and_method_are_not_echoed(http: httpx.AsyncClient) -> None:
    response = await http.post("/mcp/" + "a" * 60_000, json={}, headers=HEADERS)
    assert response.status_code == 404 and len(response.content) < LIMIT
    response = await http.request("A" * 9_000, "/mcp/", headers=HEADERS)
    assert response.status_code == 405 and len(response.content) < LIMIT
