"""ASGI entry point of the bookstore example project: Django, with MCP mounted at /mcp/."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_project.settings")

django_application = get_asgi_application()

from drf_mcp_docs.urls import mount_mcp  # noqa: E402  (after Django is set up)

application = mount_mcp(django_application)
