"""The example project serving per-user schemas (drf-spectacular ``SERVE_PUBLIC = False``):
anonymous callers see the read-only endpoints, users the writes too, admins one more."""

from example_project.settings import *  # noqa: F403

ROOT_URLCONF = "tests.support.peruser_urls"
SPECTACULAR_SETTINGS = {**SPECTACULAR_SETTINGS, "SERVE_PUBLIC": False}  # noqa: F405
DRF_MCP_DOCS = {"SERVER_NAME": "bookstore-docs", "CACHE_SCHEMA": True}
