"""Example project settings for server tests: the mount's log lines go to stderr."""

import os

from example_project.settings import *  # noqa: F403

DRF_MCP_DOCS = {**DRF_MCP_DOCS}  # noqa: F405
if os.environ.get("TEST_MCP_ENDPOINT"):
    DRF_MCP_DOCS["MCP_ENDPOINT"] = os.environ["TEST_MCP_ENDPOINT"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"drf_mcp_docs": {"handlers": ["stderr"], "level": "INFO"}},
}
