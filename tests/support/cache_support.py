"""Fixtures of the shared-schema tests: one real shared cache per backend.

``cache_backend`` is parametrized over Redis (a private redis-server), Memcached (a private
memcached) and the database cache (a table in the test database); ``worker_cache_env``
gives the same to worker processes (the database cache in a copy of the example project's
SQLite file, shared by the processes of one test). Test modules import these by name.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support.deploy_support import CACHE_TABLE, cache_env, create_cache_table

#: Backend name (as tests.support.deploy_settings' TEST_SCHEMA_CACHE) -> Django backend.
BACKENDS = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
    "db": "django.core.cache.backends.db.DatabaseCache",
}


def _server(request: pytest.FixtureRequest, name: str) -> str:
    fixture = {"redis": "redis_url", "memcached": "memcached_location"}[name]
    location: str = request.getfixturevalue(fixture)
    return location


@pytest.fixture(params=sorted(BACKENDS))
def cache_backend(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(name, LOCATION) of a real shared cache, in this process (the db: the test DB)."""
    name: str = request.param
    if name == "db":
        request.getfixturevalue("transactional_db")
        return name, CACHE_TABLE
    return name, _server(request, name)


def configure(settings: Any, name: str, location: str, **options: Any) -> Any:
    """Django's settings with ``schema`` as SCHEMA_CACHE_ALIAS on that backend."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "schema": {"BACKEND": BACKENDS[name], "LOCATION": location},
    }
    settings.DRF_MCP_DOCS = {
        "CACHE_SCHEMA": True,
        "SCHEMA_CACHE_ALIAS": "schema",
        "SCHEMA_CACHE_LOCK_TIMEOUT": 5,
        **options,
    }
    if name == "db":
        from django.core.management import call_command

        call_command("createcachetable", verbosity=0)
    return settings


@pytest.fixture(scope="session")
def cache_site(deploy_site: tuple[Path, str]) -> Path:
    """The seeded example database with the database cache's table (made once)."""
    db = deploy_site[0].with_name("cache-site.sqlite3")
    shutil.copy(deploy_site[0], db)
    create_cache_table(db)
    return db


@pytest.fixture(params=sorted(BACKENDS))
def worker_cache_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """Environment of worker processes sharing one real cache (a fresh one per test)."""
    name: str = request.param
    db = tmp_path / "site.sqlite3"
    shutil.copy(request.getfixturevalue("cache_site"), db)
    location = CACHE_TABLE if name == "db" else _server(request, name)
    return {"EXAMPLE_DB_PATH": str(db), **cache_env(name, location)}
