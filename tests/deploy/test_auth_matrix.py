# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""The auth matrix on real servers: credentials x deployments x policies.

Credentials: none, a DRF ``TokenAuthentication`` token, a Django session cookie (a user
logged in with ``Client.login``, the cookie sent as a browser would, with no CSRF token)
and an OAuth bearer token issued by django-oauth-toolkit's token endpoint; each for a
staff user and for a plain user. Deployments: the mount under uvicorn and the URLconf view
under gunicorn sync workers (WSGI). Policies: open (drf-spectacular's default), requiring
authentication (``DRF_MCP_DOCS['PERMISSION_CLASSES']``) and admin-only
(``SPECTACULAR_SETTINGS['SERVE_PERMISSIONS']``).

Every cell is checked with raw httpx (status, ``WWW-Authenticate`` with the RFC 9728
pointer, the JSON-RPC error body); every cell that must succeed is also driven by the
official MCP client in both protocol eras.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.deploy_support import HERE, deploy, deploy_site  # noqa: F401 (fixtures)
from tests.support.mcp_load import ERAS, run_sessions
from tests.support.servers import INITIALIZE, MCP_HEADERS, ROOT, free_port, manage, server_env

pytestmark = pytest.mark.servers

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from oauth2_provider.models import Application
from rest_framework.authtoken.models import Token
out = {}
for name, staff in (("admin", True), ("plain", False)):
    user = get_user_model().objects.create_user(name, password=name + "-pw", is_staff=staff)
    client = Client()
    assert client.login(username=name, password=name + "-pw")
    out[name] = {"token": Token.objects.create(user=user).key,
                 "session": client.cookies["sessionid"].value}
Application.objects.create(name="mcp", client_id="mcp-client", client_secret="mcp-secret",
    client_type="confidential", authorization_grant_type="password")
print(json.dumps(out))
"""

#: The policy's expected status for (user or None, policy).
EXPECTED = {
    "open": {None: 200, "plain": 200, "admin": 200},
    "authenticated": {None: 401, "plain": 200, "admin": 200},
    "admin": {None: 401, "plain": 403, "admin": 200},
}
KINDS = ("token", "session", "bearer")


def matrix_env(db: Path, port: int, policy: str) -> dict[str, str]:
    return {
        "EXAMPLE_DB_PATH": str(db),
        "DJANGO_SETTINGS_MODULE": "tests.support.deploy_settings",
        "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT / "example"), str(ROOT)]),
        "TEST_OAUTH_ISSUER": f"http://127.0.0.1:{port}/o",
        "TEST_SCHEMA_AUTH": "" if policy == "open" else policy,
    }


@pytest.fixture(scope="module")
def matrix_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A migrated database with a staff and a plain user: their API tokens and sessions."""
    db = tmp_path_factory.mktemp("matrix") / "matrix.sqlite3"
    env = {**server_env(), **matrix_env(db, 0, "open")}
    subprocess.run(manage("migrate", "-v0"), env=env, check=True, timeout=120)
    out = subprocess.run(
        manage("shell", "-c", SETUP), env=env, check=True, timeout=120, capture_output=True
    )
    return db, json.loads(out.stdout.decode().strip().splitlines()[-1])


async def bearer_tokens(http: httpx.AsyncClient, issuer: str) -> dict[str, str]:
    """OAuth access tokens from django-oauth-toolkit's token endpoint (password grant)."""
    tokens = {}
    for name in ("admin", "plain"):
        issued = await http.post(
            issuer + "/token/",
            data={"grant_type": "password", "username": name, "password": name + "-pw"},
            auth=("mcp-client", "mcp-secret"),
        )
        assert issued.status_code == 200, issued.text
        tokens[name] = issued.json()["access_token"]
    return tokens


def credentials(users: dict[str, Any], bearer: dict[str, str]) -> dict[str, Any]:
    """Cell name -> (user or None, headers)."""
    cells: dict[str, Any] = {"anonymous": (None, {})}
    for name in ("admin", "plain"):
        cells[f"token/{name}"] = (name, {"Authorization": f"Token {users[name]['token']}"})
        cells[f"session/{name}"] = (name, {"Cookie": f"sessionid={users[name]['session']}"})
        cells[f"bearer/{name}"] = (name, {"Authorization": f"Bearer {bearer[name]}"})
    return cells


def check_cell(response: httpx.Response, expected: int, metadata_url: str) -> list[str]:
    """What is wrong with one cell's answer (empty when it is right)."""
    if response.status_code != expected:
        return [f"status {response.status_code}, expected {expected}: {response.text[:200]}"]
    if expected == 200:
        return [] if response.json().get("result", {}).get("serverInfo") else [response.text]
    wrong = []
    body = response.json()
    if body.get("jsonrpc") != "2.0" or "message" not in body.get("error", {}):
        wrong.append(f"not a JSON-RPC error body: {response.text[:200]}")
    challenge = response.headers.get("www-authenticate")
    if expected == 401 and challenge != f'Bearer resource_metadata="{metadata_url}"':
        wrong.append(f"WWW-Authenticate is {challenge!r}")
    if expected == 403 and challenge is not None:
        wrong.append(f"a 403 with WWW-Authenticate {challenge!r}")
    return wrong


@pytest.mark.parametrize("policy", sorted(EXPECTED))
@pytest.mark.parametrize("kind", ["uvicorn", "gunicorn-sync"])
async def test_auth_matrix(
    deploy: Any, matrix_site: tuple[Path, dict[str, Any]], kind: str, policy: str
) -> None:
    db, users = matrix_site
    port = free_port()
    env = matrix_env(db, port, policy)
    served = deploy(kind, 2 if kind == "gunicorn-sync" else 1, port=port, **env)
    url = served.url + "/mcp/"
    metadata_url = f"{served.url}/.well-known/oauth-protected-resource/mcp/"
    wrong: dict[str, list[str]] = {}
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
        cells = credentials(users, await bearer_tokens(http, env["TEST_OAUTH_ISSUER"]))
        for cell, (user, headers) in cells.items():
            response = await http.post("/mcp/", json=INITIALIZE, headers={**MCP_HEADERS, **headers})
            problems = check_cell(response, EXPECTED[policy][user], metadata_url)
            if problems:
                wrong[cell] = problems
        # A session cookie sent by another site's page (CSRF) is refused by the Origin check.
        cross_site = await http.post(
            "/mcp/",
            json=INITIALIZE,
            headers={**MCP_HEADERS, **cells["session/admin"][1], "Origin": "https://evil.example"},
        )
        if cross_site.status_code != 403:
            wrong["session/admin from another origin"] = [f"status {cross_site.status_code}"]
    for cell, (user, headers) in cells.items():
        if EXPECTED[policy][user] != 200:
            continue
        for era in ERAS:
            result = await run_sessions(url, era, sessions=1, headers=headers)
            if result.failures:
                wrong[f"{cell} ({era} client)"] = result.failures
    assert wrong == {}, json.dumps(wrong, indent=1)
