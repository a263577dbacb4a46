"""Example project settings for server tests: the mount's log lines go to stderr."""

import os

from example_project.settings import *  # noqa: F403

DRF_MCP_DOCS = {**DRF_MCP_DOCS}  # noqa: F405
if os.environ.get("TEST_MCP_ENDPOINT"):
    DRF_MCP_DOCS["MCP_ENDPOINT"] = os.environ["TEST_MCP_ENDPOINT"]
if os.environ.get("TEST_STATELESS") == "0":  # the tests of stateful sessions
    DRF_MCP_DOCS["STATELESS"] = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "drf_mcp_docs": {"handlers": ["stderr"], "level": os.environ.get("TEST_LOG_LEVEL", "INFO")}
    },
}
