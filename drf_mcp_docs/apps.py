"""Django app configuration: registers the system checks and the schema history's recorder."""

from __future__ import annotations

from django.apps import AppConfig


class DrfMcpDocsConfig(AppConfig):
    name = "drf_mcp_docs"
    verbose_name = "DRF MCP docs"
    default_auto_field = "django.db.models.BigAutoField"  # as migrations/0001_initial.py

    def ready(self) -> None:
        from drf_mcp_docs.checks import deploy, history, settings, versions  # noqa: F401
        from drf_mcp_docs.history.store import record_built
        from drf_mcp_docs.schema.hooks import on_built

        on_built(record_built)
