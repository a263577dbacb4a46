"""Host and Origin checks for the MCP endpoint, following the project's own Django policy.

One allow-list, not two: a Host Django would accept is accepted (``ALLOWED_HOSTS``,
``USE_X_FORWARDED_HOST``/``PORT``, the DEBUG localhost rule), one it would reject gets a
400; a browser ``Origin`` that is neither the request's own origin nor in
``CSRF_TRUSTED_ORIGINS`` gets a 403 (DNS-rebinding protection). The header and scheme
rules mirror ``django.http.request.HttpRequest`` and ``CsrfViewMiddleware`` as they read an
ASGI scope. Django is imported when a policy is built, never when this module is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from drf_mcp_docs.asgi.types import Scope
from drf_mcp_docs.text import quote

__all__ = ["DEBUG_ALLOWED_HOSTS", "HostPolicy"]

#: What Django allows when ``DEBUG`` is on and ``ALLOWED_HOSTS`` is empty.
DEBUG_ALLOWED_HOSTS = (".localhost", "127.0.0.1", "[::1]")


def _meta(scope: Scope) -> dict[str, str]:
    """The request headers keyed as Django's ASGIRequest.META keys them."""
    meta: dict[str, str] = {}
    for raw_name, raw_value in scope.get("headers", ()):
        name = raw_name.decode("latin-1")
        if "_" in name:  # Django drops these (underscore/hyphen spoofing)
            continue
        key = "HTTP_" + name.upper().replace("-", "_")
        value = raw_value.decode("latin-1")
        meta[key] = f"{meta[key]},{value}" if key in meta else value
    return meta


class HostPolicy:
    """Decides whether the MCP endpoint serves a request, given Django-style settings."""

    def __init__(
        self,
        *,
        allowed_hosts: Iterable[str],
        debug: bool = False,
        use_x_forwarded_host: bool = False,
        use_x_forwarded_port: bool = False,
        secure_proxy_ssl_header: tuple[str, str] | None = None,
        csrf_trusted_origins: Iterable[str] = (),
    ) -> None:
        from django.http.request import split_domain_port, validate_host
        from django.utils.http import is_same_domain

        self._split_domain_port = split_domain_port
        self._validate_host = validate_host
        self._is_same_domain = is_same_domain
        hosts = list(allowed_hosts)
        self.allowed_hosts: tuple[str, ...] = tuple(
            hosts if hosts or not debug else DEBUG_ALLOWED_HOSTS
        )
        self.use_x_forwarded_host = use_x_forwarded_host
        self.use_x_forwarded_port = use_x_forwarded_port
        self.secure_proxy_ssl_header = secure_proxy_ssl_header
        origins = list(csrf_trusted_origins)
        self.trusted_origins = frozenset(o for o in origins if "*" not in o)
        self._trusted_subdomains: dict[str, list[str]] = {}
        for parsed in (urlsplit(o) for o in origins if "*" in o):
            self._trusted_subdomains.setdefault(parsed.scheme, []).append(parsed.netloc.lstrip("*"))

    @classmethod
    def from_django_settings(cls, settings: Any = None) -> HostPolicy:
        """The policy of the running project (``django.conf.settings`` unless given)."""
        if settings is None:
            from django.conf import settings
        return cls(
            allowed_hosts=settings.ALLOWED_HOSTS,
            debug=settings.DEBUG,
            use_x_forwarded_host=settings.USE_X_FORWARDED_HOST,
            use_x_forwarded_port=settings.USE_X_FORWARDED_PORT,
            secure_proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER,
            csrf_trusted_origins=settings.CSRF_TRUSTED_ORIGINS,
        )

    def scheme(self, scope: Scope, meta: dict[str, str] | None = None) -> str:
        """``http`` or ``https`` as Django's ``request.scheme`` sees it."""
        if self.secure_proxy_ssl_header:
            header, secure_value = self.secure_proxy_ssl_header
            value = (meta if meta is not None else _meta(scope)).get(header)
            if value is not None:
                return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
        return str(scope.get("scheme") or "http")

    def raw_host(self, scope: Scope, meta: dict[str, str] | None = None) -> str:
        """The host as Django's ``_get_raw_host`` reads it (unvalidated)."""
        if meta is None:
            meta = _meta(scope)
        if self.use_x_forwarded_host and "HTTP_X_FORWARDED_HOST" in meta:
            return meta["HTTP_X_FORWARDED_HOST"]
        if "HTTP_HOST" in meta:
            return meta["HTTP_HOST"]
        server = scope.get("server")
        name, port = (server[0], str(server[1])) if server else ("unknown", "0")
        if self.use_x_forwarded_port and "HTTP_X_FORWARDED_PORT" in meta:
            port = meta["HTTP_X_FORWARDED_PORT"]
        default_port = "443" if self.scheme(scope, meta) == "https" else "80"
        return name if port == default_port else f"{name}:{port}"

    def host_allowed(self, scope: Scope, meta: dict[str, str] | None = None) -> bool:
        """Would Django's ``request.get_host()`` accept this request's host?"""
        domain, _port = self._split_domain_port(self.raw_host(scope, meta))
        return bool(domain) and self._validate_host(domain, self.allowed_hosts)

    def origin_allowed(self, scope: Scope, meta: dict[str, str] | None = None) -> bool:
        """No Origin, the request's own origin, or one in ``CSRF_TRUSTED_ORIGINS``."""
        if meta is None:
            meta = _meta(scope)
        origin = meta.get("HTTP_ORIGIN")
        if origin is None or origin in self.trusted_origins:
            return True
        if self.host_allowed(scope, meta):
            own = f"{self.scheme(scope, meta)}://{self.raw_host(scope, meta)}"
            if origin == own:
                return True
        try:
            parsed = urlsplit(origin)
        except ValueError:
            return False
        patterns = self._trusted_subdomains.get(parsed.scheme, ())
        return any(self._is_same_domain(parsed.netloc, pattern) for pattern in patterns)

    def rejection(self, scope: Scope) -> tuple[int, str] | None:
        """``(status, message)`` if the request must be refused, else None."""
        meta = _meta(scope)
        if not self.host_allowed(scope, meta):
            host = self.raw_host(scope, meta)
            domain, _port = self._split_domain_port(host)
            if not domain:
                return 400, f"Invalid Host header {quote(host)}: not a valid domain name"
            return 400, (
                f"Invalid Host header {quote(host)}: add {quote(domain)} to ALLOWED_HOSTS "
                "to serve the MCP endpoint on it"
            )
        if not self.origin_allowed(scope, meta):
            origin = meta["HTTP_ORIGIN"]
            return 403, (
                f"Origin {quote(origin)} is not allowed: add it to CSRF_TRUSTED_ORIGINS "
                "to let browsers on it use the MCP endpoint"
            )
        return None
