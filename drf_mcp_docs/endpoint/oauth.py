"""OAuth 2.0 Protected Resource Metadata (RFC 9728) for the MCP endpoint.

When ``DRF_MCP_DOCS['OAUTH_AUTHORIZATION_SERVERS']`` lists issuers (e.g. a
django-oauth-toolkit server), the endpoint's 401 carries
``WWW-Authenticate: Bearer resource_metadata="<url>"`` and that URL answers the metadata
document naming those issuers, so MCP clients can discover where to get a token. The URL
is RFC 9728's default location: ``/.well-known/oauth-protected-resource`` followed by the
endpoint's path.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from drf_mcp_docs.asgi.types import ASGIApp, Receive, Scope, Send

__all__ = [
    "ENDPOINT_MARK",
    "WELL_KNOWN",
    "absolute_url",
    "bearer_challenge",
    "endpoint_of",
    "metadata",
    "metadata_path",
    "metadata_view",
    "well_known_app",
]

WELL_KNOWN = "/.well-known/oauth-protected-resource"
#: The attribute that marks the URLconf's MCP view (``views.mcp_endpoint``), so this module
#: recognises it without importing the views (which import ``auth``, which imports this).
ENDPOINT_MARK = "drf_mcp_docs_endpoint"


def metadata_path(endpoint_path: str) -> str:
    """Where the metadata of the resource at ``endpoint_path`` (e.g. ``/mcp/``) is served."""
    return WELL_KNOWN + endpoint_path


def metadata(resource: str) -> dict[str, Any]:
    """The metadata document for the resource URL ``resource``."""
    from drf_mcp_docs.conf import conf

    return {
        "resource": resource,
        "authorization_servers": list(conf.OAUTH_AUTHORIZATION_SERVERS),
        "bearer_methods_supported": ["header"],
        "resource_name": conf.SERVER_NAME,
    }


def bearer_challenge(request: HttpRequest) -> str | None:
    """The ``WWW-Authenticate`` value pointing to the metadata, if OAuth is configured."""
    from drf_mcp_docs.conf import conf

    if not conf.OAUTH_AUTHORIZATION_SERVERS:
        return None
    url = absolute_url(request, metadata_path("/" + request.path.lstrip("/")))
    return f'Bearer resource_metadata="{url}"'


def metadata_view(request: HttpRequest, endpoint: str) -> HttpResponse:
    """The metadata of the MCP endpoint at ``/<endpoint>`` (the URLconf's well-known view).

    RFC 9728 section 3.1: a resource's metadata lives at the well-known prefix followed by
    the resource's own path, so only a path at which this URLconf serves the MCP view is
    answered (``/.well-known/oauth-protected-resource/mcp/`` for ``/mcp/``); anything else
    under the prefix (``…/other/``, ``…//mcp/``) is a 404.
    """
    from django.http import HttpResponse, JsonResponse

    from drf_mcp_docs.conf import conf

    if not conf.OAUTH_AUTHORIZATION_SERVERS:
        return HttpResponse(status=404)
    path = endpoint_of(endpoint)
    if path is None:
        return HttpResponse(status=404)
    return JsonResponse(metadata(absolute_url(request, path)))


def endpoint_of(endpoint: str) -> str | None:
    """The path of the MCP view that ``/<endpoint>`` names in the URLconf, or None.

    ``mcp/`` and ``mcp`` name ``/mcp/``; an empty segment (``/mcp/`` itself, from a
    request for ``…//mcp/``) or a path where the URLconf serves anything else names none.
    """
    from django.urls import Resolver404, resolve

    if not endpoint or endpoint.startswith("/") or "//" in endpoint:
        return None
    candidates = ["/" + endpoint] if endpoint.endswith("/") else ["/" + endpoint + "/"]
    for path in candidates:
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if getattr(match.func, ENDPOINT_MARK, False):  # views.mcp_endpoint
            return path
    return None


def absolute_url(request: HttpRequest, path: str) -> str:
    """``path`` on the host and scheme the request reached (never a ``//host`` reading of
    a path that starts with two slashes)."""
    return f"{request.scheme}://{request.get_host()}/{path.lstrip('/')}"


def well_known_app(app: ASGIApp, endpoint_path: str) -> ASGIApp:
    """``app`` with the metadata of ``endpoint_path`` answered in front of it (the mount)."""
    path = metadata_path(endpoint_path)
    bare = path.rstrip("/")

    async def serve(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in (path, bare):
            await app(scope, receive, send)
            return
        from django.core.exceptions import DisallowedHost
        from django.core.handlers.asgi import ASGIRequest

        request = ASGIRequest(scope, _empty())
        status = 200
        try:
            document: dict[str, Any] = metadata(absolute_url(request, endpoint_path))
        except DisallowedHost as exc:  # a Host Django refuses: its 400, not a traceback
            status, document = 400, {"error": "invalid_request", "error_description": str(exc)}
        body = json.dumps(document).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return serve


def _empty() -> Any:
    import io

    return io.BytesIO()
