"""Per-user docs: the caller of an MCP request, and the schema variant they may see.

With drf-spectacular's ``SERVE_PUBLIC = False`` the project's schema view generates each
user's schema for their request (``get_schema(request=..., public=False)``): only the
endpoints whose permissions admit them. MCP does the same: a server middleware keeps the
HTTP request of each MCP request (the mount's Starlette request, or the URLconf view's
Django request) in a context variable; :func:`caller_variant` authenticates it with the
schema view's authentication classes (in a thread: it may query the database) and names
its variant:

- by default the user (``u:<pk>``, or ``anonymous``): a variant is never shared between
  two users;
- with ``SCHEMA_VARIANT_KEY`` (a dotted path to a function ``request -> str``), the key
  the project chooses, e.g. the sorted names of the user's groups, so that users who see
  the same endpoints share one schema. The function must return the same key only for
  callers whose schemas are the same: that is the project's contract.

Variants are cached by ``schema.variants`` (per process: at most ``SCHEMA_VARIANTS``,
least recently used first out, ``SCHEMA_VARIANT_TTL`` seconds each; across workers: the
shared cache under a digest of the key). Over stdio there is no request: the anonymous
variant.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext

__all__ = ["RequestCaller", "caller_document", "caller_variant", "per_user", "set_identifier"]

_request: ContextVar[Any] = ContextVar("drf_mcp_docs_caller_request", default=None)
#: The endpoint layer's function HTTP request -> authenticated DRF request (``auth.py``
#: registers it: who the caller is, is the endpoint's knowledge, not the server's).
_identifier: Callable[[Any], Any] | None = None


def set_identifier(identify: Callable[[Any], Any]) -> None:
    """Register how an HTTP request becomes the caller's DRF request (``auth.drf_caller``)."""
    global _identifier
    _identifier = identify


class RequestCaller:
    """SDK server middleware: keeps the HTTP request being served for :func:`caller_variant`."""

    async def __call__(
        self, ctx: ServerRequestContext[Any, Any], call_next: CallNext
    ) -> HandlerResult:
        token = _request.set(getattr(ctx, "request", None))
        try:
            return await call_next(ctx)
        finally:
            _request.reset(token)


def per_user() -> bool:
    """Does the project's schema view show each user their own schema (SERVE_PUBLIC False)?"""
    from django.conf import settings

    if "drf_spectacular" not in settings.INSTALLED_APPS:
        return False
    serve = getattr(settings, "SPECTACULAR_SETTINGS", None) or {}
    return serve.get("SERVE_PUBLIC", True) is False


def current_request() -> Any:
    """The HTTP request of the MCP request being served (None over stdio)."""
    return _request.get()


def caller_variant(raw: Any) -> tuple[str, Any]:
    """(variant key, DRF request) of the caller of ``raw`` (sync: run it in a thread)."""
    from django.db import close_old_connections

    close_old_connections()
    try:
        identify = _identifier
        # No identifier (no endpoint module loaded: stdio, or a bare server) or no HTTP
        # request: the anonymous variant, the least any caller may see.
        request = identify(raw) if identify is not None and raw is not None else None
        if request is None:
            return "anonymous", None
        from drf_mcp_docs.conf import conf

        if conf.SCHEMA_VARIANT_KEY:
            from django.utils.module_loading import import_string

            return "k:" + str(import_string(conf.SCHEMA_VARIANT_KEY)(request)), request
        user = request.user
        if user is None or not user.is_authenticated:
            return "anonymous", request
        return f"u:{user.pk}", request
    finally:
        close_old_connections()


def caller_document(version: str | None, request: Any) -> dict[str, Any]:
    """The schema the project's schema view gives this caller (of ``version``)."""
    from drf_spectacular.settings import spectacular_settings

    from drf_mcp_docs.schema.adapters import _to_json
    from drf_mcp_docs.schema.versions import versioned_document

    if version is not None:
        return versioned_document(version, request=request, public=False)
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    return _to_json(generator.get_schema(request=request, public=False))
