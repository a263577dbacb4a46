# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""Per-user docs on real servers (drf-spectacular ``SERVE_PUBLIC = False``): for an
anonymous caller, a plain user's token and an admin's token, what MCP lists equals the
paths the project's own schema view (``SpectacularAPIView``) returns for that caller; on
the mount under uvicorn and the URLconf view under gunicorn sync workers, with the official
MCP client in both protocol eras, and with 24 concurrent interleaved callers."""

from __future__ import annotations

import json
import os
import subprocess
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

from tests.support.deploy_support import (  # noqa: F401 (fixtures)
    CACHE_TABLE,
    HERE,
    cache_env,
    create_cache_table,
    deploy,
    deploy_site,
)
from tests.support.mcp_load import ERAS
from tests.support.servers import ROOT, manage, server_env

pytestmark = pytest.mark.servers

SETUP = """
import json
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
out = {}
for name, staff in (("admin", True), ("plain", False)):
    user = get_user_model().objects.create_user(name, password=name + "-pw", is_staff=staff)
    out[name] = Token.objects.create(user=user).key
print(json.dumps(out))
"""


def site_env(db: Path) -> dict[str, str]:
    return {
        "EXAMPLE_DB_PATH": str(db),
        "DJANGO_SETTINGS_MODULE": "tests.support.peruser_settings",
        "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT / "example"), str(ROOT)]),
    }


@pytest.fixture(scope="module")
def callers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]]]:
    """A migrated database with an admin and a plain user; each caller's headers."""
    db = tmp_path_factory.mktemp("peruser") / "peruser.sqlite3"
    env = {**server_env(), **site_env(db)}
    subprocess.run(manage("migrate", "-v0"), env=env, check=True, timeout=120)
    out = subprocess.run(
        manage("shell", "-c", SETUP), env=env, check=True, timeout=120, capture_output=True
    )
    tokens = json.loads(out.stdout.decode().strip().splitlines()[-1])
    create_cache_table(db)  # for the shared-cache deployment
    return db, {
        "anonymous": {},
        "plain": {"Authorization": f"Token {tokens['plain']}"},
        "admin": {"Authorization": f"Token {tokens['admin']}"},
    }


async def schema_view_operations(url: str, headers: dict[str, str]) -> set[str]:
    """``METHOD /path`` of every operation the project's schema view gives this caller."""
    async with httpx.AsyncClient(timeout=60) as http:
        answer = await http.get(url + "/api/schema/?format=json", headers=headers)
    assert answer.status_code == 200, answer.text[:300]
    paths = answer.json()["paths"]
    return {f"{m.upper()} {p}" for p, ops in paths.items() for m in ops if p.startswith("/api/")}


async def mcp_operations(url: str, era: str, headers: dict[str, str]) -> set[str]:
    """``METHOD /path`` of every endpoint MCP lists for this caller (api://endpoints, and
    search_endpoints paged per method, which must agree)."""
    async with AsyncExitStack() as stack:
        http = await stack.enter_async_context(create_mcp_http_client(headers=headers))
        client = await stack.enter_async_context(
            Client(streamable_http_client(url + "/mcp/", http_client=http), mode=ERAS[era])
        )
        listing = json.loads((await client.read_resource("api://endpoints")).contents[0].text)
        listed = {f"{e['method']} {e['path']}" for e in listing}
        searched: set[str] = set()
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            offset: int | None = 0
            while offset is not None:
                result = await client.call_tool(
                    "search_endpoints", {"query": "", "method": method, "offset": offset}
                )
                if result.is_error and "no " in result.content[0].text:
                    break
                assert not result.is_error, result.content[0].text
                page = json.loads(result.content[0].text)
                searched |= {" ".join(line.split(" ")[:2]) for line in page["results"]}
                offset = page.get("nextOffset")
        assert searched == listed
        return listed


def shared_document_keys(env: dict[str, str]) -> str:
    """The keys of the documents in the database cache's table."""
    query = (
        "from django.db import connection; c = connection.cursor(); "
        f"c.execute('select cache_key from {CACHE_TABLE}'); "
        "print(sorted(k for (k,) in c.fetchall() if k.endswith(':doc')))"
    )
    done = subprocess.run(
        manage("shell", "-c", query), env=env, check=True, timeout=60, capture_output=True
    )
    return done.stdout.decode()


@pytest.mark.parametrize("era", sorted(ERAS))
@pytest.mark.parametrize("kind", ["uvicorn", "gunicorn-sync", "gunicorn-sync+shared"])
async def test_each_caller_sees_what_the_schema_view_shows_them(
    deploy: Any, callers: tuple[Path, dict[str, dict[str, str]]], kind: str, era: str
) -> None:
    """``gunicorn-sync+shared``: two workers share each variant through the database cache
    (SCHEMA_CACHE_ALIAS), keyed per variant."""
    db, headers = callers
    server, _, shared = kind.partition("+")
    env = {**site_env(db), **(cache_env("db", CACHE_TABLE) if shared else {})}
    served = deploy(server, 2 if server == "gunicorn-sync" else 1, **env)
    expected = {who: await schema_view_operations(served.url, h) for who, h in headers.items()}
    # The callers differ: anonymous reads, users also write, admins also get the report.
    assert expected["anonymous"] < expected["plain"] < expected["admin"]
    assert "GET /api/admin-report/" in expected["admin"] - expected["plain"]
    assert "POST /api/books/" in expected["plain"] - expected["anonymous"]
    for who, h in headers.items():
        assert await mcp_operations(served.url, era, h) == expected[who], who
    # 24 concurrent callers, interleaved: none ever sees another's variant.
    wrong: list[str] = []

    async def one(i: int) -> None:
        who = ("anonymous", "plain", "admin")[i % 3]
        seen = await mcp_operations(served.url, era, headers[who])
        if seen != expected[who]:
            wrong.append(f"{who}: {sorted(seen ^ expected[who])}")

    with anyio.fail_after(240):
        async with anyio.create_task_group() as tg:
            for i in range(24):
                tg.start_soon(one, i)
    assert wrong == []
    if shared:  # one shared document per variant (anonymous, plain, admin), digests only
        keys = shared_document_keys({**server_env(), **env})
        assert keys.count(":u=") == 3, keys
        assert "Token" not in keys and "admin" not in keys, keys
