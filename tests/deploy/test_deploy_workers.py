# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""Any request on any worker: 50 sessions of the official client per deployment, both eras.

Session clients (2025 protocol versions: initialize, Mcp-Session-Id) and stateless
clients (2026-07-28) against more than one worker: uvicorn --workers 2, gunicorn with
uvicorn workers, two processes behind nginx round-robin, gunicorn sync workers serving the
URLconf view (WSGI), and the standalone runmcpserver. Stateless is the default, so no
deployment needs sticky sessions.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.deploy_support import deploy, deploy_site, nginx  # noqa: F401 (fixtures)
from tests.support.mcp_load import ERAS, run_sessions
from tests.support.servers import INITIALIZE, MCP_HEADERS

pytestmark = pytest.mark.servers

SESSIONS = 50

DEPLOYMENTS = [
    pytest.param("uvicorn", 2, SESSIONS, id="uvicorn-workers-2"),
    pytest.param("gunicorn-uvicorn", 2, SESSIONS, id="gunicorn-uvicorn-worker-w2"),
    pytest.param("gunicorn-sync", 2, SESSIONS, id="gunicorn-sync-w2-wsgi-view"),
    pytest.param("granian", 2, SESSIONS, id="granian-workers-2"),
    pytest.param("hypercorn", 2, SESSIONS, id="hypercorn-workers-2"),
    pytest.param("daphne", 1, 20, id="daphne"),
    pytest.param("runmcpserver", 1, 20, id="runmcpserver"),
]


async def assert_all_sessions_succeed(url: str, era: str, sessions: int = SESSIONS) -> None:
    result = await run_sessions(url, era, sessions=sessions, concurrency=10)
    assert result.failures == [], result.summary()


@pytest.mark.parametrize("era", list(ERAS))
@pytest.mark.parametrize(("kind", "workers", "sessions"), DEPLOYMENTS)
async def test_sessions_on_every_server_and_worker_layout(
    deploy: Any, kind: str, workers: int, sessions: int, era: str
) -> None:
    served = deploy(kind, workers)
    await assert_all_sessions_succeed(served.url + "/mcp/", era, sessions)


@pytest.mark.parametrize("era", list(ERAS))
async def test_fifty_sessions_behind_nginx_round_robin(deploy: Any, nginx: Any, era: str) -> None:
    backends = [deploy("uvicorn"), deploy("uvicorn")]
    balancer = nginx([b.port for b in backends])
    await assert_all_sessions_succeed(balancer.url + "/mcp/", era)


async def test_stateless_answers_json_without_a_session(deploy: Any) -> None:
    served = deploy("uvicorn")
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
        reply = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("application/json")
    assert "mcp-session-id" not in reply.headers
    assert reply.json()["result"]["serverInfo"]["name"] == "bookstore-docs"


async def test_stateful_mode_stays_available(deploy: Any) -> None:
    served = deploy("uvicorn", TEST_STATELESS="0")
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
        reply = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
    assert reply.status_code == 200 and reply.headers.get("mcp-session-id")
    assert reply.headers["content-type"].startswith("text/event-stream")
    for era in ERAS:
        result = await run_sessions(served.url + "/mcp/", era, sessions=10)
        assert result.failures == [], result.summary()
