"""The schema adapter of the benchmark's MCP server: the disguised document, from a file."""

from __future__ import annotations

import os
from pathlib import Path

from drf_mcp_docs.schema.adapters import OpenAPIFileAdapter


class DisguisedDocument(OpenAPIFileAdapter):
    path = os.environ.get(
        "AGENT_TASKS_DOCUMENT", str(Path(__file__).resolve().parent / "build" / "api.json")
    )
