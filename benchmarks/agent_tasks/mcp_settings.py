"""Django settings of the MCP server of the agent-task benchmark (mode ``mcp``).

The server serves the disguised document (``AGENT_TASKS_DOCUMENT``, default
``build/api.json``) through :class:`DisguisedDocument`, with this package's tools as the
checkout on ``PYTHONPATH`` defines them. Nothing else of Django is used: no URLs beyond
the MCP endpoint that ``runmcpserver`` serves, and one database, ``AGENT_TASKS_DB`` (the
run's own sqlite file, migrated by ``start.py``), for the schema history that
``get_api_changes`` reads, as a deployed project has it.
"""

from __future__ import annotations

import os

SECRET_KEY = "agent-tasks-benchmark-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "drf_mcp_docs",
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("AGENT_TASKS_DB", ":memory:"),
    }
}
ROOT_URLCONF = "mcp_settings"
urlpatterns: list[object] = []
USE_TZ = True
DRF_MCP_DOCS = {
    "SCHEMA_ADAPTER": "mcp_adapter.DisguisedDocument",
    "SCHEMA_PATH_PREFIX": "/",
}
