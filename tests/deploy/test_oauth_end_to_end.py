# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""OAuth end to end: django-oauth-toolkit issues a token, the official client presents it.

The example project runs with django-oauth-toolkit as its authorization server (issuer
``/o``) and ``OAuth2Authentication`` serving the schema; the MCP endpoint requires an
authenticated user. Anonymous: 401 pointing to the RFC 9728 metadata, which names the
issuer. With the bearer token from DOT's token endpoint: every session succeeds, in both
protocol eras, mounted (uvicorn) and as the URLconf view (gunicorn sync workers).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from tests.support.deploy_support import deploy, deploy_site  # noqa: F401 (fixtures)
from tests.support.mcp_load import ERAS, run_sessions
from tests.support.servers import INITIALIZE, MCP_HEADERS, ROOT, free_port, manage, server_env

pytestmark = pytest.mark.servers

HERE = Path(__file__).resolve().parent
CREATE_CLIENT = """
from django.contrib.auth import get_user_model
from oauth2_provider.models import Application
get_user_model().objects.create_user("agent", password="agent-pw")
Application.objects.create(name="mcp", client_id="mcp-client", client_secret="mcp-secret",
    client_type="confidential", authorization_grant_type="password")
"""


async def prepare(db: Path, env: dict[str, str]) -> None:
    full = {**server_env(), **env}
    full["PYTHONPATH"] = os.pathsep.join([str(HERE), str(ROOT / "example"), str(ROOT)])
    await anyio.run_process(manage("migrate", "-v0"), env=full, check=True)
    await anyio.run_process(manage("shell", "-c", CREATE_CLIENT), env=full, check=True)


@pytest.mark.parametrize("kind", ["uvicorn", "gunicorn-sync"])
async def test_dot_token_presented_by_the_official_client(
    deploy: Any, tmp_path: Path, kind: str
) -> None:
    port = free_port()
    issuer = f"http://127.0.0.1:{port}/o"
    env = {
        "EXAMPLE_DB_PATH": str(tmp_path / "oauth.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "tests.support.deploy_settings",
        "TEST_OAUTH_ISSUER": issuer,
        "TEST_SCHEMA_AUTH": "authenticated",
    }
    await prepare(tmp_path / "oauth.sqlite3", env)
    served = deploy(kind, 2 if kind == "gunicorn-sync" else 1, port=port, **env)
    url = served.url + "/mcp/"
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
        anonymous = await http.post("/mcp/", json=INITIALIZE, headers=MCP_HEADERS)
        assert anonymous.status_code == 401, anonymous.text
        assert anonymous.json()["error"]["message"].startswith("Authentication required")
        challenge = anonymous.headers["www-authenticate"]
        metadata_url = f"{served.url}/.well-known/oauth-protected-resource/mcp/"
        assert challenge == f'Bearer resource_metadata="{metadata_url}"'
        metadata = (await http.get(metadata_url)).json()
        assert metadata["authorization_servers"] == [issuer]
        assert metadata["resource"] == url
        issued = await http.post(
            issuer + "/token/",
            data={"grant_type": "password", "username": "agent", "password": "agent-pw"},
            auth=("mcp-client", "mcp-secret"),
        )
        assert issued.status_code == 200, issued.text
        token = issued.json()["access_token"]
        wrong = await http.post(
            "/mcp/", json=INITIALIZE, headers={**MCP_HEADERS, "Authorization": "Bearer nope"}
        )
        assert wrong.status_code == 401
    for era in ERAS:
        result = await run_sessions(
            url, era, sessions=10, headers={"Authorization": f"Bearer {token}"}
        )
        assert result.failures == [], (era, result.summary())
    refused = await run_sessions(url, "stateless", sessions=1)
    assert len(refused.failures) == 1
