"""The public entry points: ``mount_mcp`` for ASGI projects, ``urlpatterns`` for the URLconf.

# asgi.py
from django.core.asgi import get_asgi_application
from drf_mcp_docs.urls import mount_mcp

application = mount_mcp(get_asgi_application())

# urls.py (WSGI servers, runserver)
path("mcp/", include("drf_mcp_docs.urls"))
"""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.endpoint.mount import OPTIONS, mount_mcp

__all__ = ["OPTIONS", "mount_mcp", "urlpatterns"]


def _urlpatterns() -> list[Any]:
    """The endpoint as a Django view: ``path("mcp/", include("drf_mcp_docs.urls"))``."""
    from django.urls import path as route

    from drf_mcp_docs.endpoint.views import mcp_endpoint

    return [route("", mcp_endpoint, name="mcp")]


#: For WSGI servers and ``runserver`` (see ``endpoint/views.py``); ASGI projects use ``mount_mcp``.
urlpatterns = _urlpatterns()
