"""Host and Origin checks of the MCP endpoint follow Django's own policy, decision for decision."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.test import override_settings

from drf_mcp_docs.asgi.hosts import HostPolicy
from drf_mcp_docs.asgi.middleware import MCPMount
from tests.support.asgi_doubles import FakeSessions, call_http, error_message

CONFIGS: list[dict[str, Any]] = [
    {"ALLOWED_HOSTS": ["api.example.com"], "DEBUG": False},
    {"ALLOWED_HOSTS": [".example.com", "[::1]"], "DEBUG": False},
    {"ALLOWED_HOSTS": ["*"], "DEBUG": False},
    {"ALLOWED_HOSTS": [], "DEBUG": True},
    {"ALLOWED_HOSTS": [], "DEBUG": False},
    {"ALLOWED_HOSTS": ["proxy.internal"], "USE_X_FORWARDED_HOST": True},
    {"ALLOWED_HOSTS": ["example.com"], "USE_X_FORWARDED_PORT": True},
    {
        "ALLOWED_HOSTS": ["api.example.com"],
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "CSRF_TRUSTED_ORIGINS": ["https://app.example.org", "https://*.example.net"],
    },
]

HEADER_SETS: list[list[tuple[bytes, bytes]]] = [
    [(b"host", b"api.example.com")],
    [(b"host", b"API.Example.COM:8000")],
    [(b"host", b"api.example.com.")],
    [(b"host", b"evil.com")],
    [(b"host", b"sub.example.com")],
    [(b"host", b"example.com")],
    [(b"host", b"localhost:8000")],
    [(b"host", b"app.localhost")],
    [(b"host", b"127.0.0.1:8000")],
    [(b"host", b"[::1]:8000")],
    [(b"host", b"bad host")],
    [(b"host", b"")],
    [],
    [(b"host", b"proxy.internal"), (b"x-forwarded-host", b"api.example.com")],
    [(b"host", b"api.example.com"), (b"x-forwarded-host", b"proxy.internal")],
    [(b"host", b"proxy.internal"), (b"x-forwarded-host", b"proxy.internal, evil.com")],
    [(b"host", b"evil.com"), (b"x_forwarded_host", b"proxy.internal")],
    [(b"x-forwarded-port", b"8443")],
    [(b"host", b"api.example.com"), (b"origin", b"http://api.example.com")],
    [(b"host", b"api.example.com"), (b"origin", b"https://api.example.com")],
    [
        (b"host", b"api.example.com"),
        (b"x-forwarded-proto", b"https"),
        (b"origin", b"https://api.example.com"),
    ],
    [(b"host", b"api.example.com"), (b"origin", b"https://app.example.org")],
    [(b"host", b"api.example.com"), (b"origin", b"https://deep.sub.example.net")],
    [(b"host", b"api.example.com"), (b"origin", b"http://deep.sub.example.net")],
    [(b"host", b"api.example.com"), (b"origin", b"https://example.net.evil.com")],
    [(b"host", b"api.example.com"), (b"origin", b"null")],
    [(b"host", b"api.example.com"), (b"origin", b"http://[bad")],
]


def scope_for(headers: list[tuple[bytes, bytes]], **extra: Any) -> dict[str, Any]:
    return {
        "type": "http",
        "method": "POST",
        "path": "/mcp/",
        "scheme": "http",
        "server": ("example.com", 80),
        "headers": headers,
        "query_string": b"",
        **extra,
    }


def django_decision(scope: dict[str, Any]) -> tuple[bool, bool]:
    """(host accepted, origin accepted) as Django itself decides them."""
    request = ASGIRequest(scope, io.BytesIO())
    try:
        request.get_host()
    except DisallowedHost:
        return False, False
    if "HTTP_ORIGIN" not in request.META:
        return True, True
    return True, CsrfViewMiddleware(lambda r: None)._origin_verified(request)


@pytest.mark.parametrize(
    "config", CONFIGS, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items())
)
def test_every_decision_matches_django(config: dict[str, Any]) -> None:
    with override_settings(**config):
        policy = HostPolicy.from_django_settings()
        for headers in HEADER_SETS:
            for extra in ({}, {"scheme": "https", "server": ("example.com", 443)}):
                scope = scope_for(headers, **extra)
                host_ok, origin_ok = django_decision(scope)
                ours = policy.host_allowed(scope), host_ok and policy.origin_allowed(scope)
                assert ours == (host_ok, origin_ok), (headers, extra)


def test_debug_with_empty_allowed_hosts_uses_djangos_localhost_rule() -> None:
    policy = HostPolicy(allowed_hosts=[], debug=True)
    assert policy.allowed_hosts == (".localhost", "127.0.0.1", "[::1]")
    assert HostPolicy(allowed_hosts=[], debug=False).allowed_hosts == ()


def test_django_is_imported_when_a_policy_is_built_not_before() -> None:
    policy = HostPolicy(allowed_hosts=["a.example"])
    assert policy.host_allowed(scope_for([(b"host", b"a.example:8000")]))
    assert not policy.host_allowed(scope_for([(b"host", b"b.example")]))


def mount_with(settings: Any) -> MCPMount:
    return MCPMount(
        lambda *a: None,  # type: ignore[arg-type, return-value]
        path="/mcp/",
        session_factory=FakeSessions(),
        host_policy=HostPolicy.from_django_settings(settings),
    )


async def test_allowed_host_is_served(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["api.example.com"]
    mount = mount_with(settings)
    assert await call_http(mount, "/mcp/", headers=[(b"host", b"api.example.com")]) == (
        200,
        b"mcp run 1",
    )
    await mount.aclose()


async def test_disallowed_host_gets_400_naming_host_and_fix(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["api.example.com"]
    mount = mount_with(settings)
    status, body = await call_http(mount, "/mcp/", headers=[(b"host", b"evil.com:8000")])
    assert status == 400
    assert error_message(body) == (
        "Invalid Host header 'evil.com:8000': add 'evil.com' to ALLOWED_HOSTS "
        "to serve the MCP endpoint on it"
    )
    status, body = await call_http(mount, "/mcp/", headers=[(b"host", b"bad host")])
    assert status == 400 and "not a valid domain name" in error_message(body)
    assert mount.side.starts == 0  # rejected before anything starts


async def test_x_forwarded_host_is_honoured_only_with_the_setting(settings: Any) -> None:
    headers = [(b"host", b"10.0.0.5:8000"), (b"x-forwarded-host", b"api.example.com")]
    settings.ALLOWED_HOSTS = ["api.example.com"]
    settings.USE_X_FORWARDED_HOST = False
    mount = mount_with(settings)
    assert (await call_http(mount, "/mcp/", headers=headers))[0] == 400
    settings.USE_X_FORWARDED_HOST = True
    mount = mount_with(settings)
    assert (await call_http(mount, "/mcp/", headers=headers))[0] == 200
    await mount.aclose()


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        (None, 200),
        (b"https://api.example.com", 200),  # same origin (scheme from the scope)
        (b"https://app.example.org", 200),  # CSRF_TRUSTED_ORIGINS
        (b"https://x.example.net", 200),  # CSRF_TRUSTED_ORIGINS wildcard
        (b"http://api.example.com", 403),  # same host, other scheme
        (b"https://evil.example", 403),
        (b"null", 403),
    ],
)
async def test_origin_policy(settings: Any, origin: bytes | None, status: int) -> None:
    settings.ALLOWED_HOSTS = ["api.example.com"]
    settings.CSRF_TRUSTED_ORIGINS = ["https://app.example.org", "https://*.example.net"]
    mount = mount_with(settings)
    headers = [(b"host", b"api.example.com")] + ([(b"origin", origin)] if origin else [])
    got, body = await call_http(mount, "/mcp/", headers=headers, scheme="https")
    assert got == status
    if status == 403:
        assert error_message(body) == (
            f"Origin {origin.decode()!r} is not allowed: add it to CSRF_TRUSTED_ORIGINS "  # type: ignore[union-attr]
            "to let browsers on it use the MCP endpoint"
        )
    await mount.aclose()
