"""The origin the agent reached, for snippets and the overview's base URL.

A server middleware records, for the duration of each MCP request that came over HTTP,
the scheme and host of that request with the ASGI ``root_path`` (or the WSGI
``SCRIPT_NAME``) in a context variable; :func:`api_base_url` combines it with the
``BASE_URL`` setting and the schema's ``servers`` (precedence in
:mod:`drf_mcp_docs.codegen.baseurl`). Over stdio there is no request and no origin.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext

from drf_mcp_docs.codegen.baseurl import resolve_base_url
from drf_mcp_docs.conf import conf
from drf_mcp_docs.schema.records import ApiSchema

_origin: ContextVar[str | None] = ContextVar("drf_mcp_docs_request_origin", default=None)


def request_origin(request: Any) -> str | None:
    """``scheme://host[:port]/root_path`` of an HTTP request (Starlette or Django), or None."""
    if request is None:
        return None
    base = getattr(request, "base_url", None)
    if base is not None:  # Starlette: scheme, Host header (or server), root_path
        return str(base).rstrip("/") or None
    scheme, get_host = getattr(request, "scheme", None), getattr(request, "get_host", None)
    if isinstance(scheme, str) and callable(get_host):  # Django's HttpRequest
        with contextlib.suppress(Exception):  # DisallowedHost: Django refused this host
            script = str(getattr(request, "META", {}).get("SCRIPT_NAME", ""))
            return f"{scheme}://{get_host()}{script}".rstrip("/")
    return None


def api_base_url(api: ApiSchema) -> tuple[str, str]:
    """The base URL snippets call and a note when it is a guess (see ``codegen.baseurl``)."""
    return resolve_base_url(api.base_url, setting=conf.BASE_URL, request_origin=_origin.get())


class RequestOrigin:
    """SDK server middleware: makes the HTTP request's origin known while it is served."""

    async def __call__(
        self, ctx: ServerRequestContext[Any, Any], call_next: CallNext
    ) -> HandlerResult:
        token = _origin.set(request_origin(getattr(ctx, "request", None)))
        try:
            return await call_next(ctx)
        finally:
            _origin.reset(token)
