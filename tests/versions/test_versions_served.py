# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""Versioned APIs on real servers: the mount under uvicorn and the URLconf view under
gunicorn sync workers, through the official MCP client in both protocol eras. Each
version's Python snippet is run as written against the live API: it must reach the
version it documents (the view echoes ``request.version``)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from contextlib import AsyncExitStack
from typing import Any

import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

from tests.support.deploy_support import deploy, deploy_site  # noqa: F401 (fixtures)
from tests.support.mcp_load import ERAS

pytestmark = pytest.mark.servers

#: (path, method) of each versioning style's endpoint in each version.
CALLS = {
    ("url_path", "v1"): "/api/v1/pets/",
    ("url_path", "v2"): "/api/v2/pets/",
    ("namespace", "v1"): "/api/ns/v1/pets/",
    ("namespace", "v2"): "/api/ns/v2/pets/",
    ("accept_header", "v1"): "/api/shelves/",
    ("accept_header", "v2"): "/api/shelves/",
    ("query_parameter", "v1"): "/api/notes/",
    ("query_parameter", "v2"): "/api/notes/",
}


def run_snippet(code: str) -> Any:
    """Run a Python snippet; the value it prints (a dict's repr)."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("era", sorted(ERAS))
@pytest.mark.parametrize("kind", ["uvicorn", "gunicorn-sync"])
async def test_every_version_served_and_its_snippets_reach_it(
    deploy: Any, kind: str, era: str
) -> None:
    served = deploy(
        kind,
        2 if kind == "gunicorn-sync" else 1,
        DJANGO_SETTINGS_MODULE="tests.support.versioned_settings",
    )
    async with AsyncExitStack() as stack:
        http = await stack.enter_async_context(create_mcp_http_client())
        client = await stack.enter_async_context(
            Client(streamable_http_client(served.url + "/mcp/", http_client=http), mode=ERAS[era])
        )

        async def call(tool: str, **arguments: Any) -> dict[str, Any]:
            result = await client.call_tool(tool, arguments)
            assert not result.is_error, result.content[0].text
            return json.loads(result.content[0].text)

        overview = await call("get_api_overview")
        assert overview["versions"] == ["v1", "v2"]
        refused = await client.call_tool(
            "get_endpoint_detail", {"path": "/api/shelves/", "method": "GET", "version": "v3"}
        )
        assert refused.is_error
        assert refused.content[0].text == "unknown version 'v3'; versions: v1, v2"
        for (style, version), path in CALLS.items():
            for method in ("GET", "POST"):
                snippet = await call(
                    "generate_code_snippet",
                    path=path,
                    method=method,
                    language="python",
                    client="requests",
                    version=version,
                )
                assert snippet["version"] == version
                answer = run_snippet(snippet["code"])
                assert answer["version"] == version, (style, method, snippet["code"])
                assert ("nickname" in answer) == (version == "v2"), (style, method, answer)
