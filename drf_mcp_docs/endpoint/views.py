"""The MCP endpoint as a Django view, for WSGI servers and ``runserver``.

    # urls.py
    path("mcp/", include("drf_mcp_docs.urls")),

Stateless (each POST is answered with one JSON body), so any worker of any WSGI server
serves any request. Django's middleware runs in front; the view is CSRF exempt (MCP
clients send no cookies' token), checks Host/Origin as the mount does (``asgi.hosts``,
Django's own rules), bounds the body (``MAX_REQUEST_BODY_SIZE``) and answers every bad
request with a JSON-RPC error body. The SDK runs in this process's ``bridge.SyncBridge``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from drf_mcp_docs.asgi.responses import INTERNAL_ERROR, INVALID_REQUEST, error_body
from drf_mcp_docs.asgi.stateless import NO_STREAM

__all__ = ["mcp_endpoint"]

logger = logging.getLogger("drf_mcp_docs.endpoint.views")
#: The logger of clients that leave mid-request (``asgi/disconnects.py``, the mount's too).
disconnects = logging.getLogger("drf_mcp_docs.disconnects")


def json_error(status: int, message: str, code: int = INVALID_REQUEST) -> HttpResponse:
    """A JSON-RPC error response without an id, as the mount sends them."""
    return HttpResponse(error_body(code, message), status=status, content_type="application/json")


def asgi_scope(request: HttpRequest, path: str) -> dict[str, Any]:
    """The ASGI ``http`` scope of a Django request (headers as the client sent them)."""
    from drf_mcp_docs.endpoint.bridge import header_pairs

    meta = request.META
    try:
        server = (str(meta.get("SERVER_NAME", "unknown")), int(meta.get("SERVER_PORT") or 0))
    except ValueError:
        server = (str(meta.get("SERVER_NAME", "unknown")), 0)
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": request.method or "GET",
        "scheme": request.scheme or "http",
        "path": path,
        "raw_path": path.encode("latin-1", "replace"),
        "root_path": "",
        "query_string": str(meta.get("QUERY_STRING", "")).encode("latin-1", "replace"),
        "headers": header_pairs(request.headers.items()),
        "server": server,
        "client": (str(meta.get("REMOTE_ADDR", "")), 0),
    }


#: The answer to a chunked body the WSGI server cannot hand over whole.
LENGTH_REQUIRED = (
    "Length Required: this server cannot read a chunked request body (it does not mark "
    "its wsgi.input as terminated); send the body with a Content-Length header"
)
READ_SIZE = 64 * 1024


def _read_body(request: HttpRequest, limit: int) -> bytes | HttpResponse:
    """The body, or a 413 when it is (or claims to be) over ``limit`` bytes."""
    too_large = json_error(413, f"Request body too large: the limit is {limit} bytes")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return json_error(400, "Invalid Content-Length header")
    if declared > limit:
        return too_large
    if not declared and "wsgi.input" in request.META and _chunked(request):
        return _read_chunked(request, limit, too_large)
    if getattr(request, "_read_started", False) and hasattr(request, "_body"):
        body: bytes = request.body  # a middleware read it already
    else:
        body = request.read(limit + 1)
    if len(body) < declared:
        # The WSGI server saw the connection end before the whole body: the client left.
        disconnects.info(
            "drf-mcp-docs: the client closed the connection before sending the whole "
            "request (%s %s)",
            request.method,
            request.path,
        )
        gone = json_error(400, "Bad request: the body is shorter than its Content-Length")
        gone._has_been_logged = True  # type: ignore[attr-defined]  # Django's "Bad Request" line
        return gone
    return too_large if len(body) > limit else body


def _chunked(request: HttpRequest) -> bool:
    """A body sent with ``Transfer-Encoding: chunked`` (so without a Content-Length)."""
    encoding = str(request.META.get("HTTP_TRANSFER_ENCODING", ""))
    return "chunked" in encoding.lower()


def _read_chunked(
    request: HttpRequest, limit: int, too_large: HttpResponse
) -> bytes | HttpResponse:
    """A chunked body under WSGI, read from ``wsgi.input`` to its end (at most ``limit + 1``
    bytes), where the server says that is safe (``wsgi.input_terminated``: gunicorn, and
    mod_wsgi with chunked requests on); elsewhere a 411 that says what to do.

    Django reads the body through a stream limited to CONTENT_LENGTH, which a chunked
    request does not have: it would read nothing, and the SDK would answer "Parse error".
    """
    stream = request.META["wsgi.input"]
    if not request.META.get("wsgi.input_terminated"):
        return json_error(411, LENGTH_REQUIRED)
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(READ_SIZE, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return too_large if size > limit else b"".join(chunks)


@csrf_exempt
def mcp_endpoint(request: HttpRequest) -> HttpResponse:
    """Answer one MCP request (POST; GET and DELETE get the SDK's stateless answers)."""
    from drf_mcp_docs.asgi.hosts import HostPolicy
    from drf_mcp_docs.conf import conf
    from drf_mcp_docs.endpoint.auth import check_django_request
    from drf_mcp_docs.endpoint.bridge import get_bridge

    scope = asgi_scope(request, request.path)
    rejection = HostPolicy.from_django_settings().rejection(scope)
    if rejection is not None:
        return json_error(*rejection)
    denial = check_django_request(request)
    if denial is not None:
        response = json_error(denial.status, denial.message)
        for name, value in denial.headers.items():
            response[name] = value
        return response
    if request.method != "POST":
        # Stateless: no server-initiated stream (GET) and no session to end (DELETE). A
        # held GET would pin a sync worker, so answer it here (the spec's 405).
        response = json_error(405, NO_STREAM)
        response["Allow"] = "POST"
        return response
    body = _read_body(request, conf.MAX_REQUEST_BODY_SIZE)
    if isinstance(body, HttpResponse):
        return body
    try:
        answer = get_bridge().call(scope, body)
    except Exception:
        logger.exception("drf-mcp-docs: the MCP view failed")
        return json_error(500, "Internal error: the MCP endpoint failed", INTERNAL_ERROR)
    response = HttpResponse(bytes(answer.body), status=answer.status)
    for name, value in answer.headers:
        if name.lower() not in ("content-length", "date", "server"):
            response[name] = value
    return response


# The mark by which oauth.metadata_view knows the MCP view's routes (oauth.ENDPOINT_MARK).
mcp_endpoint.drf_mcp_docs_endpoint = True  # type: ignore[attr-defined]
