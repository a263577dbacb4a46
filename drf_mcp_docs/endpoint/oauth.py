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

__all__ = ["WELL_KNOWN", "bearer_challenge", "metadata", "metadata_path", "well_known_app"]

WELL_KNOWN = "/.well-known/oauth-protected-resource"


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
    url = request.build_absolute_uri(metadata_path(request.path))
    return f'Bearer resource_metadata="{url}"'


def metadata_view(request: HttpRequest, endpoint: str) -> HttpResponse:
    """The metadata for the endpoint at ``/<endpoint>`` (the URLconf's well-known view)."""
    from django.http import HttpResponse, JsonResponse

    from drf_mcp_docs.conf import conf

    if not conf.OAUTH_AUTHORIZATION_SERVERS:
        return HttpResponse(status=404)
    resource = request.build_absolute_uri("/" + endpoint)
    return JsonResponse(metadata(resource))


def well_known_app(app: ASGIApp, endpoint_path: str) -> ASGIApp:
    """``app`` with the metadata of ``endpoint_path`` answered in front of it (the mount)."""
    path = metadata_path(endpoint_path)
    bare = path.rstrip("/")

    async def serve(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in (path, bare):
            await app(scope, receive, send)
            return
        from django.core.handlers.asgi import ASGIRequest

        request = ASGIRequest(scope, _empty())
        resource = request.build_absolute_uri(endpoint_path)
        body = json.dumps(metadata(resource)).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return serve


def _empty() -> Any:
    import io

    return io.BytesIO()
