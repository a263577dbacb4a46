"""Django app configuration: registers the system checks."""

from __future__ import annotations

from django.apps import AppConfig


class DrfMcpDocsConfig(AppConfig):
    name = "drf_mcp_docs"
    verbose_name = "DRF MCP docs"

    def ready(self) -> None:
        from drf_mcp_docs import checks, checks_deploy, checks_versions  # noqa: F401
