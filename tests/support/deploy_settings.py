"""The example project configured for the deployment tests, driven by environment variables.

``TEST_SERVER_LOG`` also writes the package's log lines to that file. ``TEST_STATELESS=0`` turns
stateful mode on (``TEST_SESSION_IDLE_TIMEOUT`` and ``TEST_MAX_SESSIONS`` set its limits);
``TEST_MAX_REQUEST_BODY_SIZE`` bounds request bodies; ``TEST_SCHEMA_CACHE`` (``redis``,
``memcached`` or ``db``) with ``TEST_SCHEMA_CACHE_LOCATION`` shares the schema through that cache alias
(``TEST_REDIS_URL`` alone: Redis); ``TEST_SCHEMA_AUTH=admin`` restricts the schema view (and so MCP) to
admins; ``TEST_OAUTH_ISSUER`` lists an OAuth issuer and accepts django-oauth-toolkit tokens
(and API tokens and session cookies).
"""

import os

from example_project.settings import *  # noqa: F403

ROOT_URLCONF = "tests.support.deploy_urls"
DRF_MCP_DOCS = {**DRF_MCP_DOCS}  # noqa: F405
SPECTACULAR_SETTINGS = {**SPECTACULAR_SETTINGS}  # noqa: F405

if os.environ.get("TEST_STATELESS") == "0":
    DRF_MCP_DOCS["STATELESS"] = False
if os.environ.get("TEST_SESSION_IDLE_TIMEOUT"):
    DRF_MCP_DOCS["SESSION_IDLE_TIMEOUT"] = float(os.environ["TEST_SESSION_IDLE_TIMEOUT"])
if os.environ.get("TEST_MAX_SESSIONS"):
    DRF_MCP_DOCS["MAX_SESSIONS"] = int(os.environ["TEST_MAX_SESSIONS"])
if os.environ.get("TEST_MAX_REQUEST_BODY_SIZE"):
    DRF_MCP_DOCS["MAX_REQUEST_BODY_SIZE"] = int(os.environ["TEST_MAX_REQUEST_BODY_SIZE"])
_BACKENDS = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
    "db": "django.core.cache.backends.db.DatabaseCache",
}
if os.environ.get("TEST_REDIS_URL") and not os.environ.get("TEST_SCHEMA_CACHE"):
    os.environ["TEST_SCHEMA_CACHE"] = "redis"
    os.environ["TEST_SCHEMA_CACHE_LOCATION"] = os.environ["TEST_REDIS_URL"]
if os.environ.get("TEST_SCHEMA_CACHE"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "schema": {
            "BACKEND": _BACKENDS[os.environ["TEST_SCHEMA_CACHE"]],
            "LOCATION": os.environ["TEST_SCHEMA_CACHE_LOCATION"],
        },
    }
    DRF_MCP_DOCS["SCHEMA_CACHE_ALIAS"] = "schema"
    DRF_MCP_DOCS["CACHE_SCHEMA"] = True  # the example runs with DEBUG on
if os.environ.get("TEST_SCHEMA_AUTH") == "admin":
    SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"] = ["rest_framework.permissions.IsAdminUser"]
if os.environ.get("TEST_SCHEMA_AUTH") == "authenticated":
    DRF_MCP_DOCS["PERMISSION_CLASSES"] = ["rest_framework.permissions.IsAuthenticated"]
if os.environ.get("TEST_OAUTH_ISSUER"):
    INSTALLED_APPS = [*INSTALLED_APPS, "oauth2_provider"]  # noqa: F405
    DRF_MCP_DOCS["OAUTH_AUTHORIZATION_SERVERS"] = [os.environ["TEST_OAUTH_ISSUER"]]
    SPECTACULAR_SETTINGS["SERVE_AUTHENTICATION"] = [
        "oauth2_provider.contrib.rest_framework.OAuth2Authentication",
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"drf_mcp_docs": {"handlers": ["stderr"], "level": "INFO"}},
}
if os.environ.get("TEST_LOG_LEVEL"):  # the package's log lines on stderr (disconnect tests)
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"stderr": {"class": "logging.StreamHandler"}},
        "loggers": {
            "drf_mcp_docs": {"handlers": ["stderr"], "level": os.environ["TEST_LOG_LEVEL"]}
        },
    }
if os.environ.get("TEST_SERVER_LOG"):  # the package's log lines in a file a test reads meanwhile
    LOGGING["handlers"]["file"] = {
        "class": "logging.FileHandler",
        "filename": os.environ["TEST_SERVER_LOG"],
    }
    LOGGING["loggers"]["drf_mcp_docs"]["handlers"] = ["stderr", "file"]
