"""ASGI entry point of the bookstore example project."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_project.settings")

application = get_asgi_application()
# mount_mcp is added by the ASGI integration
