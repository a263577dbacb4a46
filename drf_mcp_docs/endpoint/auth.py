"""Who may read the docs: the project's own DRF authentication and permission policy.

By default the MCP endpoint applies the policy of the project's schema view
(drf-spectacular's ``SERVE_AUTHENTICATION`` / ``SERVE_PERMISSIONS``; without
drf-spectacular, DRF's default authentication and ``AllowAny``), so MCP never shows a
schema the project refuses to show. ``DRF_MCP_DOCS['AUTHENTICATION_CLASSES']`` /
``['PERMISSION_CLASSES']`` (DRF dotted paths) override it.

drf-spectacular's ``SERVE_PUBLIC = False`` (a schema generated per user) is honoured per
caller by ``server/caller.py``: this policy decides who may read, the caller's schema what.

``check_django_request`` decides for a Django request (the URLconf view);
``policy_factory`` wraps the mount's SDK handler so that every MCP request is checked off
the event loop first (an ``ASGIRequest`` built from the scope's headers, with the session
and user Django's middleware would attach, in one of our worker threads). A denial is a
JSON-RPC error body with the status DRF would use (401 with ``WWW-Authenticate``, 403 when
authenticated but not permitted).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from drf_mcp_docs.asgi.responses import INVALID_REQUEST, send_json_error

if TYPE_CHECKING:
    from django.http import HttpRequest

    from drf_mcp_docs.asgi.types import ASGIApp, PageHandler, Receive, Scope, Send, SessionFactory

__all__ = [
    "Denial",
    "Policy",
    "check_django_request",
    "current_policy",
    "drf_caller",
    "policy_factory",
]

ALLOW_ANY = "rest_framework.permissions.AllowAny"


@dataclass(frozen=True)
class Denial:
    """Why a request is refused: HTTP status, message, extra headers."""

    status: int
    message: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Policy:
    """The authentication and permission classes that guard the endpoint."""

    authentication: tuple[type, ...]
    permissions: tuple[type, ...]
    #: Why nobody may read (a configuration MCP cannot honour), or None.
    refusal: str | None = None

    @functools.cached_property
    def open(self) -> bool:
        """Anyone may read (only AllowAny, or nothing): no check, no thread hop."""
        from rest_framework.permissions import AllowAny

        return self.refusal is None and all(p is AllowAny for p in self.permissions)


@functools.lru_cache(maxsize=32)
def _policy(
    authentication: tuple[Any, ...], permissions: tuple[Any, ...], refusal: str | None = None
) -> Policy:
    from django.utils.module_loading import import_string

    def load(paths: tuple[Any, ...]) -> tuple[type, ...]:
        return tuple(import_string(p) if isinstance(p, str) else p for p in paths)

    return Policy(load(authentication), load(permissions), refusal)


def current_policy() -> Policy:
    """The effective policy: DRF_MCP_DOCS overrides, else drf-spectacular's SERVE_*.

    Read from the live settings on every call (``override_settings`` is seen); the classes
    are imported once per distinct list (a cached lookup, ~µs, on the request path).
    """
    from django.conf import settings
    from rest_framework.settings import api_settings

    from drf_mcp_docs.conf import conf

    authentication: Any = conf.AUTHENTICATION_CLASSES
    permissions: Any = conf.PERMISSION_CLASSES
    if "drf_spectacular" in settings.INSTALLED_APPS:
        # Read as drf-spectacular's views do (its defaults: SERVE_AUTHENTICATION None = DRF's
        # default classes, SERVE_PERMISSIONS AllowAny), from the live settings.
        serve = getattr(settings, "SPECTACULAR_SETTINGS", None) or {}
        if authentication is None:
            authentication = serve.get("SERVE_AUTHENTICATION")
        if permissions is None:
            permissions = serve.get("SERVE_PERMISSIONS")
    if authentication is None:
        authentication = api_settings.DEFAULT_AUTHENTICATION_CLASSES
    if permissions is None:
        permissions = [ALLOW_ANY]
    # SERVE_PUBLIC = False is honoured per caller (server/caller.py): nothing to refuse.
    return _policy(tuple(authentication), tuple(permissions), None)


def _authenticate_header(view: Any, request: Any) -> str | None:
    from drf_mcp_docs.endpoint.oauth import bearer_challenge

    challenge = bearer_challenge(request._request)
    return challenge or view.get_authenticate_header(request)


def check_django_request(request: HttpRequest, policy: Policy | None = None) -> Denial | None:
    """None if the policy lets this request read the docs, else the denial to send."""
    from django.utils.datastructures import MultiValueDict
    from rest_framework import exceptions
    from rest_framework.views import APIView

    policy = current_policy() if policy is None else policy
    if policy.open:
        return None
    if policy.refusal is not None:
        return Denial(403, policy.refusal)
    view = APIView()
    view.authentication_classes = list(policy.authentication)
    view.permission_classes = list(policy.permissions)
    view.throttle_classes = []
    view.args, view.kwargs = (), {}
    # MCP requests are all POSTs that only read. Cross-site browser requests are refused by
    # the Origin check (asgi.hosts, CSRF_TRUSTED_ORIGINS) before this runs, so DRF's
    # SessionAuthentication must not ask a cookie-carrying MCP client for a CSRF token.
    request.csrf_processing_done = True  # type: ignore[attr-defined]
    drf_request = view.initialize_request(request)
    # Credentials come from headers only: the body is the MCP message, never parsed here
    # (an authenticator reading request.POST, as django-oauth-toolkit's does, gets nothing).
    headers_only: Any = drf_request
    headers_only._data, headers_only._full_data = {}, {}
    headers_only._files = MultiValueDict()
    view.request = drf_request
    try:
        view.perform_authentication(drf_request)
        view.check_permissions(drf_request)
    except (exceptions.NotAuthenticated, exceptions.AuthenticationFailed) as exc:
        header = _authenticate_header(view, drf_request)
        if header:  # as DRF does: 401 only when a scheme can be named
            return Denial(
                401, _message(exc, "Authentication required"), {"WWW-Authenticate": header}
            )
        return Denial(403, _message(exc, "Authentication required"))
    except exceptions.PermissionDenied as exc:
        return Denial(403, _message(exc, "Forbidden"))
    return None


def _message(exc: Exception, prefix: str) -> str:
    detail = str(getattr(exc, "detail", "") or exc)
    return f"{prefix}: {detail}" if detail else prefix


async def _check_in_thread(scope: Scope) -> Denial | None:
    """``_check_scope`` in one of this process's worker threads (``threads.run_in_thread``).

    Not asgiref's ``sync_to_async(thread_sensitive=True)``: outside Django's own handler
    that runs in asgiref's process-wide single-thread executor, whose thread does not cross
    a ``fork()`` (gunicorn ``--preload``), so every check in the workers would hang. Each
    check opens and closes its own database connection, so any thread serves.
    """
    from drf_mcp_docs.threads import run_in_thread

    return await run_in_thread(_check_scope, scope)


def _check_scope(scope: Scope) -> Denial | None:
    """``check_django_request`` for an ASGI scope (headers only; runs in a sync thread)."""
    from django.core.handlers.asgi import ASGIRequest
    from django.db import close_old_connections

    close_old_connections()
    try:
        request = ASGIRequest(scope, io.BytesIO())
        _attach_session_user(request)
        return check_django_request(request)
    finally:
        close_old_connections()


def _attach_session_user(request: HttpRequest) -> None:
    """What Django's SessionMiddleware and AuthenticationMiddleware give the URLconf view:
    the session of the request's cookie and its user (lazy: loaded only if DRF's
    SessionAuthentication asks). The mount runs in front of Django's middleware, so without
    this a logged-in session would be anonymous to the policy."""
    from django.apps import apps

    if not all(apps.is_installed(f"django.contrib.{app}") for app in ("sessions", "auth")):
        return
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import get_user
    from django.utils.functional import SimpleLazyObject

    store = import_module(settings.SESSION_ENGINE).SessionStore
    attached: Any = request
    attached.session = store(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    attached.user = SimpleLazyObject(lambda: get_user(request))


async def send_denial(send: Send, denial: Denial) -> None:
    """Answer with the denial's status, headers and a JSON-RPC error body."""
    headers = [
        (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in denial.headers.items()
    ]
    await send_json_error(send, denial.status, denial.message, INVALID_REQUEST, headers)


def require_policy(handle: ASGIApp) -> ASGIApp:
    """``handle`` behind the policy; an open policy costs one attribute test per request."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if current_policy().open:
            await handle(scope, receive, send)
            return
        denial = await _check_in_thread(scope)
        if denial is not None:
            await send_denial(send, denial)
            return
        await handle(scope, receive, send)

    return guarded


#: The header a client sends for each DRF authentication class (by class name).
_HEADERS = {
    "TokenAuthentication": "Authorization: Token <your token>",
    "BasicAuthentication": "Authorization: Basic <base64 of username:password>",
    "OAuth2Authentication": "Authorization: Bearer <access token>",
    "JWTAuthentication": "Authorization: Bearer <access token>",
}


def auth_hint() -> tuple[str | None, str]:
    """What the browser page tells a person about authentication: the header their MCP
    client must send (None when the endpoint is open) and a line of help."""
    policy = current_policy()
    if policy.open:
        return None, ""
    for cls in policy.authentication:
        for klass in cls.__mro__:
            header = _HEADERS.get(klass.__name__)
            if header is not None:
                return header, (
                    "The endpoint follows the API's own policy for its schema: use the "
                    "credential you use for the API."
                )
    names = ", ".join(cls.__name__ for cls in policy.authentication) or "none"
    return "Authorization: <your credential>", (
        f"The endpoint follows the API's own policy for its schema (authentication: {names})."
    )


def policy_page(page: PageHandler) -> PageHandler:
    """The browser page behind the same policy as the endpoint: a person who may not use
    the endpoint gets its 401/403, not the page."""
    from drf_mcp_docs.endpoint.browser import wants_page

    async def guarded(scope: Scope, receive: Receive, send: Send) -> bool:
        if current_policy().open or not wants_page(scope):
            return await page(scope, receive, send)
        denial = await _check_in_thread(scope)
        if denial is not None:
            await send_denial(send, denial)
            return True
        return await page(scope, receive, send)

    return guarded


def policy_factory(factory: SessionFactory) -> SessionFactory:
    """A session factory whose handlers check the policy before the SDK runs."""

    def new_session() -> Any:
        handle, run = factory()
        return require_policy(handle), run

    return new_session


def drf_caller(raw: Any) -> Any:
    """``raw`` (Starlette or Django request) as a DRF request, authenticated as the schema
    view authenticates (a failed credential is anonymous: require_policy refused it already
    when the policy needs one)."""
    from django.http import HttpRequest
    from rest_framework import exceptions
    from rest_framework.views import APIView

    if isinstance(raw, HttpRequest):
        django_request = raw
    elif isinstance(getattr(raw, "scope", None), dict):
        from django.core.handlers.asgi import ASGIRequest

        django_request = ASGIRequest(raw.scope, io.BytesIO())
        _attach_session_user(django_request)
    else:
        return None
    django_request.csrf_processing_done = True  # type: ignore[attr-defined]
    view = APIView()
    view.authentication_classes = list(current_policy().authentication)
    view.args, view.kwargs = (), {}
    request: Any = view.initialize_request(django_request)
    request._data, request._full_data = {}, {}  # headers only: the body is the MCP message
    try:
        request.user  # noqa: B018  (authenticates)
    except exceptions.APIException:
        from django.contrib.auth.models import AnonymousUser

        request._not_authenticated()
        request.user = AnonymousUser()
    return request


def _register_caller() -> None:
    """Tell the server how to identify the caller of an MCP request (per-user schemas)."""
    from drf_mcp_docs.server.caller import set_identifier

    set_identifier(drf_caller)


_register_caller()
