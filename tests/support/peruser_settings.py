"""The example project serving per-user schemas (drf-spectacular ``SERVE_PUBLIC = False``):
anonymous callers see the read-only endpoints, users the writes too, admins one more."""

from example_project.settings import *  # noqa: F403

ROOT_URLCONF = "tests.support.peruser_urls"
SPECTACULAR_SETTINGS = {**SPECTACULAR_SETTINGS, "SERVE_PUBLIC": False}  # noqa: F405
DRF_MCP_DOCS = {"SERVER_NAME": "bookstore-docs", "CACHE_SCHEMA": True}

import os  # noqa: E402

if os.environ.get("TEST_SCHEMA_CACHE") == "db":  # share each variant through the database
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "schema": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": os.environ["TEST_SCHEMA_CACHE_LOCATION"],
        },
    }
    DRF_MCP_DOCS["SCHEMA_CACHE_ALIAS"] = "schema"
