"""The example project with a versioned API (``tests.support.versioned_urls``): URL-path,
namespace, Accept-header and query-parameter versioning, v1 and v2, no DEFAULT_VERSION."""

from example_project.settings import *  # noqa: F403

ROOT_URLCONF = "tests.support.versioned_urls"
REST_FRAMEWORK = {**REST_FRAMEWORK, "ALLOWED_VERSIONS": ["v1", "v2"]}  # noqa: F405
SPECTACULAR_SETTINGS = {**SPECTACULAR_SETTINGS, "TITLE": "Pets API"}  # noqa: F405
DRF_MCP_DOCS = {"SERVER_NAME": "pets-docs", "CACHE_SCHEMA": True}
