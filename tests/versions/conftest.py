"""The versioned test project (tests.support.versioned_settings), in this process."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from drf_mcp_docs.schema.variants import schema_caches
from tests.support import versioned_settings


@pytest.fixture
def versioned(settings: Any) -> Iterator[Any]:
    """Switch the example project's settings to the versioned project's."""
    settings.ROOT_URLCONF = versioned_settings.ROOT_URLCONF
    settings.REST_FRAMEWORK = versioned_settings.REST_FRAMEWORK
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "CACHE_SCHEMA": True}
    schema_caches.clear()
    yield settings
    schema_caches.clear()
