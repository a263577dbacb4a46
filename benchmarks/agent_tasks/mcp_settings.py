"""Django settings of the MCP server of the agent-task benchmark (mode ``mcp``).

The server serves the disguised document (``AGENT_TASKS_DOCUMENT``, default
``build/api.json``) through :class:`DisguisedDocument`, with this package's tools as the
checkout on ``PYTHONPATH`` defines them. Nothing else of Django is used: no database, no
URLs beyond the MCP endpoint that ``runmcpserver`` serves.
"""

from __future__ import annotations

SECRET_KEY = "agent-tasks-benchmark-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "drf_mcp_docs",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
ROOT_URLCONF = "mcp_settings"
urlpatterns: list[object] = []
USE_TZ = True
DRF_MCP_DOCS = {
    "SCHEMA_ADAPTER": "mcp_adapter.DisguisedDocument",
    "SCHEMA_PATH_PREFIX": "/",
}
