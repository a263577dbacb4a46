"""``mount_mcp()``: the documented entry point that serves MCP inside a project's ASGI app.

    # asgi.py
    from django.core.asgi import get_asgi_application
    from drf_mcp_docs.urls import mount_mcp

    application = mount_mcp(get_asgi_application())

Builds the MCP side (a fresh SDK session manager per run, the SDK's own Host checks off
because ``asgi.hosts`` applies Django's) and wires it into ``asgi.middleware.MCPMount``.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any

from drf_mcp_docs.asgi.middleware import ASGIApp, MCPMount, normalize_path

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

    from drf_mcp_docs.asgi.lifespan import SessionFactory

__all__ = ["OPTIONS", "mount_mcp", "session_factory", "urlpatterns"]

#: The keyword options ``mount_mcp()`` accepts beyond ``mcp`` and ``path``.
OPTIONS = ("shutdown_timeout", "max_request_body_size")


def session_factory(
    mcp: MCPServer[Any],
    *,
    path: str,
    max_request_body_size: int,
    max_sessions: int | None = None,
    session_idle_timeout: float | None = None,
    stateless: bool = False,
) -> SessionFactory:
    """A factory of ``(handle_request, run_context)`` pairs, one new session manager each."""
    from mcp.server.transport_security import TransportSecuritySettings

    # Host/Origin are checked by the mount against Django's settings before the SDK runs.
    security = TransportSecuritySettings(enable_dns_rebinding_protection=False)

    def new_session() -> tuple[ASGIApp, AbstractAsyncContextManager[Any]]:
        # streamable_http_app() is the SDK's public way to build a manager; it leaves the
        # new one in mcp.session_manager, which we take before anything else can replace it.
        mcp.streamable_http_app(
            streamable_http_path=path,
            transport_security=security,
            max_request_body_size=max_request_body_size,
            max_sessions=max_sessions,
            session_idle_timeout=session_idle_timeout,
            # STATELESS: no server-side sessions, one JSON answer per POST (any worker).
            stateless_http=stateless,
            json_response=stateless,
        )
        manager = mcp.session_manager
        if stateless:
            from drf_mcp_docs.stateless import refuse_streams

            return refuse_streams(manager.handle_request), manager.run()
        return manager.handle_request, manager.run()

    return new_session


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
    from drf_mcp_docs.asgi.hosts import HostPolicy
    from drf_mcp_docs.conf import conf
    from drf_mcp_docs.server import get_mcp_server

    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise TypeError(
            f"mount_mcp() got unknown option(s) {', '.join(map(repr, unknown))}; "
            f"valid options: {', '.join(OPTIONS)}"
        )
    if not callable(app):
        raise TypeError(f"mount_mcp() needs an ASGI application, got {app!r}")
    shutdown_timeout = options.get("shutdown_timeout", 10.0)
    if isinstance(shutdown_timeout, bool) or not isinstance(shutdown_timeout, (int, float)):
        raise TypeError(f"shutdown_timeout must be a number of seconds, got {shutdown_timeout!r}")
    if not shutdown_timeout > 0:
        raise ValueError(f"shutdown_timeout must be positive, got {shutdown_timeout!r}")
    body_limit = options.get("max_request_body_size", conf.MAX_REQUEST_BODY_SIZE)
    if isinstance(body_limit, bool) or not isinstance(body_limit, int) or body_limit <= 0:
        raise ValueError(f"max_request_body_size must be a positive int, got {body_limit!r}")

    server = get_mcp_server() if mcp is None else mcp
    if not callable(getattr(server, "streamable_http_app", None)):
        raise TypeError(f"mcp must be an mcp.server.mcpserver.MCPServer, got {server!r}")
    settings = getattr(server, "settings", None)
    if getattr(settings, "auth", None) is not None:
        # The SDK wires auth into its own Starlette routes, which the mount bypasses.
        raise ValueError(
            "mount_mcp() cannot serve an MCPServer configured with auth=...: its token "
            "checks live in the SDK's Starlette app, which the mount does not use"
        )
    endpoint = normalize_path(conf.MCP_ENDPOINT if path is None else path)
    from drf_mcp_docs.auth import guard_factory
    from drf_mcp_docs.oauth import well_known_app

    if conf.OAUTH_AUTHORIZATION_SERVERS:  # RFC 9728 metadata, answered before the inner app
        app = well_known_app(app, endpoint)
    return MCPMount(
        app,
        path=endpoint,
        session_factory=guard_factory(
            session_factory(
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
    )


def _urlpatterns() -> list[Any]:
    """The endpoint as a Django view: ``path("mcp/", include("drf_mcp_docs.urls"))``."""
    from django.urls import path as route

    from drf_mcp_docs.views import mcp_endpoint

    return [route("", mcp_endpoint, name="mcp")]


#: For WSGI servers and ``runserver`` (see ``views.py``); ASGI projects use ``mount_mcp``.
urlpatterns = _urlpatterns()
