"""RFC 9728 metadata only at the endpoint's own well-known path, naming the request's host.

Section 3.1: the metadata of the resource ``https://host/mcp/`` is at
``https://host/.well-known/oauth-protected-resource/mcp/``. Anything else under that
prefix is a 404 (it named any path before, and ``…//mcp/`` named the resource
``http://mcp/``, losing the host), on the URLconf view and on the mount alike.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from django.core.asgi import get_asgi_application
from django.test import Client

from drf_mcp_docs.urls import mount_mcp

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.support.deploy_urls")]

ISSUER = "https://auth.example.com/o"
WELL_KNOWN = "/.well-known/oauth-protected-resource"
#: Paths under the prefix that are not the endpoint's own: a 404 from both transports.
ELSEWHERE = [
    WELL_KNOWN + "/",
    WELL_KNOWN + "//mcp/",
    WELL_KNOWN + "///mcp/",
    WELL_KNOWN + "/other/",
    WELL_KNOWN + "/api/books/",  # a real route, but not the MCP endpoint
    WELL_KNOWN + "/mcp/extra/",
    WELL_KNOWN + "/mcpfoo/",
]


@pytest.fixture
def oauth(settings: Any) -> Any:
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "OAUTH_AUTHORIZATION_SERVERS": [ISSUER]}
    settings.ALLOWED_HOSTS = ["testserver", "docs.example.com"]
    return settings


def test_the_view_answers_only_the_endpoints_own_path(oauth: Any) -> None:
    client = Client()
    for path in (WELL_KNOWN + "/mcp/", WELL_KNOWN + "/mcp"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.json()["resource"] == "http://testserver/mcp/"
        assert answer.json()["authorization_servers"] == [ISSUER]
    for path in ELSEWHERE:
        assert client.get(path).status_code == 404, path


def test_the_view_names_the_resource_on_the_requests_host(oauth: Any) -> None:
    answer = Client().get(WELL_KNOWN + "/mcp/", HTTP_HOST="docs.example.com", secure=True)
    assert answer.json()["resource"] == "https://docs.example.com/mcp/"
    assert Client().get(WELL_KNOWN + "/mcp/", HTTP_HOST="evil.example").status_code == 400


async def test_the_mount_answers_only_the_endpoints_own_path(oauth: Any) -> None:
    mount = mount_mcp(get_asgi_application())
    transport = httpx.ASGITransport(app=mount)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        own = await http.get(WELL_KNOWN + "/mcp/")
        bare = await http.get(WELL_KNOWN + "/mcp")
        elsewhere = {path: (await http.get(path)).status_code for path in ELSEWHERE}
        other_host = await http.get(WELL_KNOWN + "/mcp/", headers={"Host": "docs.example.com"})
        refused = await http.get(WELL_KNOWN + "/mcp/", headers={"Host": "evil.example"})
    await mount.aclose()
    assert own.status_code == bare.status_code == 200
    assert own.json() == bare.json()
    assert own.json()["resource"] == "http://testserver/mcp/"
    assert elsewhere == dict.fromkeys(ELSEWHERE, 404)
    assert other_host.json()["resource"] == "http://docs.example.com/mcp/"
    assert refused.status_code == 400 and "evil.example" in refused.text


def test_the_challenge_points_to_the_endpoints_own_path(oauth: Any) -> None:
    oauth.SPECTACULAR_SETTINGS = {
        **oauth.SPECTACULAR_SETTINGS,
        "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    }
    answer = Client().post("/mcp/", data="{}", content_type="application/json")
    assert answer.status_code == 401
    url = "http://testserver" + WELL_KNOWN + "/mcp/"
    assert answer["WWW-Authenticate"] == f'Bearer resource_metadata="{url}"'
    assert Client().get(url).status_code == 200
