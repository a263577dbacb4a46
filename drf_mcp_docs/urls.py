"""``mount_mcp()``: the documented entry point that serves MCP inside a project's ASGI app.

    # asgi.py
    from django.core.asgi import get_asgi_application
    from drf_mcp_docs.urls import mount_mcp

    application = mount_mcp(get_asgi_application())

Reads the settings once, when the mount is built (``MCP_ENDPOINT``,
``MAX_REQUEST_BODY_SIZE``, ``MAX_SESSIONS``, ``SESSION_IDLE_TIMEOUT`` and Django's host
settings), builds the MCP side through the SDK boundary (``drf_mcp_docs.sdk``: a fresh
session manager per run) and wires it into ``asgi.middleware.MCPMount``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_mcp_docs.asgi.middleware import MCPMount, normalize_path
from drf_mcp_docs.asgi.types import ASGIApp
from drf_mcp_docs.text import quote

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

__all__ = ["OPTIONS", "mount_mcp", "urlpatterns"]

#: The keyword options ``mount_mcp()`` accepts beyond ``mcp`` and ``path``.
OPTIONS = ("shutdown_timeout", "max_request_body_size")


def mount_mcp(
    app: ASGIApp,
    mcp: MCPServer[Any] | None = None,
    path: str | None = None,
    **options: Any,
) -> MCPMount:
    """Serve MCP at ``path`` (default setting ``MCP_ENDPOINT``) and everything else via ``app``.

    Options: ``shutdown_timeout`` (seconds the lifespan shutdown may take, default 10) and
    ``max_request_body_size`` (bytes, default setting ``MAX_REQUEST_BODY_SIZE``).
    """
    from drf_mcp_docs import sdk
    from drf_mcp_docs.asgi.hosts import HostPolicy
    from drf_mcp_docs.browser import browser_page
    from drf_mcp_docs.conf import conf
    from drf_mcp_docs.server import get_mcp_server

    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise TypeError(
            f"mount_mcp() got unknown option(s) {', '.join(map(repr, unknown))}; "
            f"valid options: {', '.join(OPTIONS)}"
        )
    if not callable(app):
        raise TypeError(f"mount_mcp() needs an ASGI application, got {quote(app)}")
    shutdown_timeout = options.get("shutdown_timeout", 10.0)
    if isinstance(shutdown_timeout, bool) or not isinstance(shutdown_timeout, (int, float)):
        raise TypeError(
            f"shutdown_timeout must be a number of seconds, got {quote(shutdown_timeout)}"
        )
    if not shutdown_timeout > 0:
        raise ValueError(f"shutdown_timeout must be positive, got {quote(shutdown_timeout)}")
    body_limit = options.get("max_request_body_size", conf.MAX_REQUEST_BODY_SIZE)
    if isinstance(body_limit, bool) or not isinstance(body_limit, int) or body_limit <= 0:
        raise ValueError(f"max_request_body_size must be a positive int, got {quote(body_limit)}")

    server = sdk.check_mountable(get_mcp_server() if mcp is None else mcp)
    endpoint = normalize_path(conf.MCP_ENDPOINT if path is None else path)
    from drf_mcp_docs.auth import auth_hint, guard_factory, guard_page
    from drf_mcp_docs.oauth import well_known_app

    if conf.OAUTH_AUTHORIZATION_SERVERS:  # RFC 9728 metadata, answered before the inner app
        app = well_known_app(app, endpoint)
    return MCPMount(
        app,
        path=endpoint,
        session_factory=guard_factory(
            sdk.session_factory(
                server,
                path=endpoint.rstrip("/"),
                max_request_body_size=body_limit,
                max_sessions=conf.MAX_SESSIONS,
                session_idle_timeout=conf.SESSION_IDLE_TIMEOUT,
                stateless=conf.STATELESS,
            )
        ),
        host_policy=HostPolicy.from_django_settings(),
        shutdown_timeout=float(shutdown_timeout),
        max_request_body_size=body_limit,
        page=guard_page(browser_page(server, auth=auth_hint)),
    )


def _urlpatterns() -> list[Any]:
    """The endpoint as a Django view: ``path("mcp/", include("drf_mcp_docs.urls"))``."""
    from django.urls import path as route

    from drf_mcp_docs.views import mcp_endpoint

    return [route("", mcp_endpoint, name="mcp")]


#: For WSGI servers and ``runserver`` (see ``views.py``); ASGI projects use ``mount_mcp``.
urlpatterns = _urlpatterns()
