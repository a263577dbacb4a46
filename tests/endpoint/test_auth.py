"""The project's own auth policy, in the URLconf view and in the mount: 401, 403, 200."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.core.asgi import get_asgi_application
from django.test import Client
from rest_framework.authtoken.models import Token

from drf_mcp_docs.endpoint.auth import current_policy
from drf_mcp_docs.urls import mount_mcp
from tests.support.servers import INITIALIZE, MCP_HEADERS

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.support.deploy_urls"),
]

ADMIN_ONLY = {"SERVE_PERMISSIONS": ["rest_framework.permissions.IsAdminUser"]}


@pytest.fixture
def users() -> dict[str, str]:
    """API tokens of a staff user and of a plain user."""
    model = get_user_model()
    admin = model.objects.create_user("admin", password="admin-pw", is_staff=True)
    plain = model.objects.create_user("plain", password="plain-pw")
    return {
        "admin": Token.objects.create(user=admin).key,
        "plain": Token.objects.create(user=plain).key,
    }


@pytest.fixture
def admin_only(settings: Any) -> Any:
    settings.SPECTACULAR_SETTINGS = {**settings.SPECTACULAR_SETTINGS, **ADMIN_ONLY}
    return settings


def post_view(headers: dict[str, str] | None = None, client: Client | None = None) -> Any:
    client = client or Client()
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()}
    return client.post(
        "/mcp/",
        data=json.dumps(INITIALIZE),
        content_type="application/json",
        HTTP_ACCEPT=MCP_HEADERS["Accept"],
        **extra,
    )


async def post_mount(headers: dict[str, str] | None = None) -> httpx.Response:
    mount = mount_mcp(get_asgi_application())
    transport = httpx.ASGITransport(app=mount)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            return await http.post(
                "/mcp/", json=INITIALIZE, headers={**MCP_HEADERS, **(headers or {})}
            )
    finally:
        await mount.aclose()


def assert_error(response: Any, status: int, words: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = json.loads(response.content)
    assert body["jsonrpc"] == "2.0" and body["id"] is None
    assert words in body["error"]["message"], body
    return dict(body["error"])


def test_open_by_default_like_the_schema_view(users: dict[str, str]) -> None:
    assert current_policy().open
    assert post_view().status_code == 200


def test_view_follows_spectacular_serve_permissions(admin_only: Any, users: dict[str, str]) -> None:
    assert not current_policy().open
    anonymous = post_view()
    assert_error(anonymous, 401, "Authentication required")
    assert anonymous["WWW-Authenticate"] == "Token"
    assert_error(post_view({"Authorization": f"Token {users['plain']}"}), 403, "permission")
    assert_error(post_view({"Authorization": "Token not-a-token"}), 401, "Invalid token")
    admin = post_view({"Authorization": f"Token {users['admin']}"})
    assert admin.status_code == 200
    assert json.loads(admin.content)["result"]["serverInfo"]["name"] == "bookstore-docs"


def test_view_accepts_a_logged_in_session(admin_only: Any, users: dict[str, str]) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="admin", password="admin-pw")
    assert post_view(client=client).status_code == 200
    plain = Client(enforce_csrf_checks=True)
    assert plain.login(username="plain", password="plain-pw")
    assert_error(post_view(client=plain), 403, "permission")


def test_settings_override_spectacular(admin_only: Any, users: dict[str, str]) -> None:
    admin_only.DRF_MCP_DOCS = {
        "PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        "AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    }
    assert post_view({"Authorization": f"Token {users['plain']}"}).status_code == 200
    assert_error(post_view(), 401, "Authentication required")


async def test_mount_applies_the_same_policy(admin_only: Any, users: dict[str, str]) -> None:
    anonymous = await post_mount()
    assert_error(anonymous, 401, "Authentication required")
    assert anonymous.headers["www-authenticate"] == "Token"
    assert_error(await post_mount({"Authorization": f"Token {users['plain']}"}), 403, "permission")
    admin = await post_mount({"Authorization": f"Token {users['admin']}"})
    assert admin.status_code == 200 and admin.json()["result"]["serverInfo"]


def session_cookie(name: str) -> str:
    """The Cookie header of a browser that logged in as ``name``."""
    client = Client()
    assert client.login(username=name, password=f"{name}-pw")
    return f"sessionid={client.cookies['sessionid'].value}"


async def test_mount_accepts_a_logged_in_session(admin_only: Any, users: dict[str, str]) -> None:
    # The mount runs before Django's middleware: the session cookie must still log in.
    cookies = {name: {"Cookie": await sync_to_async(session_cookie)(name)} for name in users}
    assert (await post_mount(cookies["admin"])).status_code == 200
    page = await get_page_through_mount(cookies["admin"])  # the browser page: same policy
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert_error(await post_mount(cookies["plain"]), 403, "permission")
    assert_error(await post_mount({"Cookie": "sessionid=not-a-session"}), 401, "Authentication")


async def test_a_per_user_schema_is_served_to_each_reader(
    settings: Any, users: dict[str, str]
) -> None:
    """SERVE_PUBLIC = False was refused (E024); each caller now gets their own schema
    (tests/peruser/), under the schema view's own policy (here: open)."""
    settings.SPECTACULAR_SETTINGS = {**settings.SPECTACULAR_SETTINGS, "SERVE_PUBLIC": False}
    admin = {"Authorization": f"Token {users['admin']}"}
    view = sync_to_async(post_view)
    assert (await view(admin)).status_code == 200
    assert (await post_mount()).status_code == 200
    assert (await post_mount(admin)).status_code == 200
    settings.DRF_MCP_DOCS = {"PERMISSION_CLASSES": ["rest_framework.permissions.IsAdminUser"]}
    assert (await post_mount(admin)).status_code == 200
    assert_error(await post_mount({"Authorization": f"Token {users['plain']}"}), 403, "permission")


async def test_oauth_metadata_and_challenge(admin_only: Any, users: dict[str, str]) -> None:
    issuer = "https://auth.example.com/o"
    admin_only.DRF_MCP_DOCS = {"OAUTH_AUTHORIZATION_SERVERS": [issuer]}
    anonymous = await post_mount()
    assert_error(anonymous, 401, "Authentication required")
    metadata_url = "http://testserver/.well-known/oauth-protected-resource/mcp/"
    assert anonymous.headers["www-authenticate"] == f'Bearer resource_metadata="{metadata_url}"'
    view = post_view()
    assert view["WWW-Authenticate"] == anonymous.headers["www-authenticate"]
    metadata = Client().get("/.well-known/oauth-protected-resource/mcp/").json()
    assert metadata["resource"] == "http://testserver/mcp/"
    assert metadata["authorization_servers"] == [issuer]
    mount = mount_mcp(get_asgi_application())
    transport = httpx.ASGITransport(app=mount)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        served = await http.get("/.well-known/oauth-protected-resource/mcp/")
    await mount.aclose()
    assert served.json() == metadata


async def get_page_through_mount(headers: dict[str, str] | None = None) -> httpx.Response:
    mount = mount_mcp(get_asgi_application())
    transport = httpx.ASGITransport(app=mount)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            return await http.get("/mcp/", headers={"Accept": "text/html", **(headers or {})})
    finally:
        await mount.aclose()


async def test_browser_page_follows_the_endpoints_policy(
    users: dict[str, str], admin_only: Any
) -> None:
    anonymous = await get_page_through_mount()
    assert anonymous.status_code == 401
    assert "text/html" not in anonymous.headers.get("content-type", "")
    plain = await get_page_through_mount({"Authorization": f"Token {users['plain']}"})
    assert plain.status_code == 403
    admin = await get_page_through_mount({"Authorization": f"Token {users['admin']}"})
    assert admin.status_code == 200 and admin.headers["content-type"].startswith("text/html")
    # The page tells a person which header their MCP client must send, in each config.
    assert "Authorization: Token &lt;your token&gt;" in admin.text
    assert "--header" in admin.text


async def test_browser_page_of_an_open_endpoint_has_no_auth_section() -> None:
    page = await get_page_through_mount()
    assert page.status_code == 200
    assert "Authorization:" not in page.text
