"""The MCP endpoint's answer to a browser: an ASGI app that serves ``endpoint.page``.

``mount_mcp()`` hands it a ``GET`` that :func:`wants_page` accepts (``Accept: text/html``,
no ``text/event-stream``, no MCP session): a person opened the URL. MCP clients never get
here; their ``GET`` asks for an event stream. The mount has already checked ``Host``
against ``ALLOWED_HOSTS``, so the URL shown (scheme, host, ``root_path``, path) is the one
the browser used and Django would accept.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any

from drf_mcp_docs.asgi.headers import header_text
from drf_mcp_docs.asgi.types import Receive, Scope, Send
from drf_mcp_docs.endpoint.page import SECURITY_HEADERS, Feature, PageContent, render_page

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

__all__ = ["browser_page", "page_url", "wants_page"]

logger = logging.getLogger("drf_mcp_docs.endpoint.browser")


def _header(scope: Scope, name: bytes) -> str:
    return header_text(scope, name) or ""


def wants_page(scope: Scope) -> bool:
    """A browser's GET: HTML accepted, no event stream asked for, no MCP session."""
    if scope.get("method") != "GET" or _header(scope, b"mcp-session-id"):
        return False
    accept = _header(scope, b"accept").lower()
    return "text/html" in accept and "text/event-stream" not in accept


def page_url(scope: Scope) -> str:
    """The URL the browser used: scheme, ``Host`` header, ``root_path`` and path."""
    scheme = scope.get("scheme") or "http"
    host = _header(scope, b"host")
    if not host:
        server = scope.get("server") or ("localhost", None)
        host = server[0] if server[1] in (None, 80, 443) else f"{server[0]}:{server[1]}"
    path: str = scope.get("path") or "/"
    root: str = scope.get("root_path") or ""
    if root and not path.startswith(root):
        path = root + path
    return f"{scheme}://{host}{path}"


def _features(items: Iterable[Any], key: str) -> list[Feature]:
    return [Feature(str(getattr(i, key)), getattr(i, "description", None) or "") for i in items]


async def page_content(
    mcp: MCPServer[Any], url: str, auth_header: str | None = None, auth_help: str = ""
) -> PageContent:
    """What the page shows, from the server's registry and the cached schema.

    ``auth_header`` (e.g. ``"Authorization: Bearer <token>"``) is for an endpoint that
    requires authentication: the page explains it and puts it into every configuration.
    """
    from drf_mcp_docs.schema.cache import schema_cache
    from drf_mcp_docs.version import __version__

    title = version = None
    endpoints = None
    try:
        api = await schema_cache.aget()
    except Exception:  # the page still says how to connect; the log says what broke
        logger.exception("the browser page could not load the API schema")
    else:
        title, version, endpoints = api.title or "This API", api.version, len(api.endpoints)
    templates = await mcp.list_resource_templates()
    return PageContent(
        url=url,
        server_name=mcp.name,
        package_version=__version__,
        title=title,
        version=version,
        endpoints=endpoints,
        tools=_features(await mcp.list_tools(), "name"),
        resources=[
            *_features(await mcp.list_resources(), "uri"),
            *_features(templates, "uri_template"),
        ],
        prompts=_features(await mcp.list_prompts(), "name"),
        auth_header=auth_header,
        auth_help=auth_help,
    )


def browser_page(
    mcp: MCPServer[Any], auth: Callable[[], tuple[str | None, str]]
) -> Callable[[Scope, Receive, Send], Awaitable[bool]]:
    """An ASGI-style handler for the mount: answers a browser's request with the page and
    returns True, or returns False at once (sending nothing) for any other request.

    The mount calls it after its own checks (Host, and authentication where configured),
    so the page is shown to exactly those who may use the endpoint. ``auth`` tells per
    request what header clients must send (see ``auth.auth_hint``)."""

    async def app(scope: Scope, receive: Receive, send: Send) -> bool:
        if not wants_page(scope):
            return False
        header, help_text = auth()
        content = await page_content(mcp, page_url(scope), header, help_text)
        body = render_page(content).encode()
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode("ascii")),
            (b"vary", b"Accept"),
            *SECURITY_HEADERS,
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return True

    return app
