"""``mount_mcp()``: serve MCP inside a project's ASGI app (re-exported by ``drf_mcp_docs.urls``).

Reads the settings once, when the mount is built (``MCP_ENDPOINT``,
``MAX_REQUEST_BODY_SIZE``, ``MAX_SESSIONS``, ``SESSION_IDLE_TIMEOUT``, ``STATELESS`` and
Django's host settings) and assembles the request path: the SDK's session factory
(``drf_mcp_docs.sdk``), wrapped by the auth check (``endpoint.auth``), inside
``asgi.middleware.MCPMount``, with RFC 9728 metadata (``endpoint.oauth``) and the page for
people (``endpoint.browser``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_mcp_docs.asgi.middleware import MCPMount, normalize_path
from drf_mcp_docs.asgi.types import ASGIApp
from drf_mcp_docs.text import quote

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

__all__ = ["OPTIONS", "mount_mcp"]

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
    import drf_mcp_docs.sdk as sdk
    from drf_mcp_docs.asgi.hosts import HostPolicy
    from drf_mcp_docs.conf import conf
    from drf_mcp_docs.endpoint.browser import browser_page
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
    from drf_mcp_docs.endpoint.auth import auth_hint, policy_factory, policy_page
    from drf_mcp_docs.endpoint.oauth import well_known_app

    if conf.OAUTH_AUTHORIZATION_SERVERS:  # RFC 9728 metadata, answered before the inner app
        app = well_known_app(app, endpoint)
    return MCPMount(
        app,
        path=endpoint,
        session_factory=policy_factory(
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
        page=policy_page(browser_page(server, auth=auth_hint)),
    )
