"""Shared fixtures: the example project's schema, an in-memory MCP client, and real server
processes (``start_server``, and ``serve`` for an ASGI server on the example project's
seeded database ``site``) that are always killed by PID at teardown."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

if sys.version_info < (3, 11):
    from exceptiongroup import BaseExceptionGroup

from drf_mcp_docs.schema.cache import build_api_schema, schema_cache
from drf_mcp_docs.schema.records import ApiSchema
from tests.support.servers import (
    ROOT,
    Served,
    ServerProcess,
    asgi_command,
    free_port,
    prepare_database,
    server_env,
)


@pytest.fixture(scope="session")
def api() -> ApiSchema:
    """The example project's processed drf-spectacular schema (built once per session)."""
    return build_api_schema()


@pytest.fixture(autouse=True)
def _fresh_schema_cache() -> Iterator[None]:
    schema_cache.forget()  # not only invalidate(): no stale schema of another test answers
    yield
    schema_cache.forget()


class InMemoryClient:
    """Each call opens the official MCP client in memory against ``server`` and closes it.

    (A fixture cannot hold one open client: pytest-asyncio tears fixtures down in another
    task than the one that set them up, and the client's task group forbids that.)
    """

    def __init__(self, server: Any) -> None:
        self.server = server

    def __getattr__(self, name: str) -> Any:
        async def call(*args: Any, **kwargs: Any) -> Any:
            try:
                async with Client(self.server) as client:
                    return await getattr(client, name)(*args, **kwargs)
            except BaseExceptionGroup as group:  # the in-memory transport wraps errors
                while isinstance(group, BaseExceptionGroup) and len(group.exceptions) == 1:
                    group = group.exceptions[0]
                raise group from None

        return call


@pytest.fixture
def mcp_client() -> InMemoryClient:
    """The official MCP client connected in memory to the process-wide server."""
    from drf_mcp_docs.server import get_mcp_server

    return InMemoryClient(get_mcp_server())


@pytest.fixture
def start_server() -> Iterator[Any]:
    """Start processes with ``start_server(args, **env)``; all are killed at teardown."""
    started: list[ServerProcess] = []

    def start(args: list[str], **env: str) -> ServerProcess:
        full = server_env(**{k: v for k, v in env.items() if k != "PYTHONPATH"})
        if "PYTHONPATH" in env:
            full["PYTHONPATH"] = env["PYTHONPATH"]
        process = ServerProcess(args, full)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


@dataclass(frozen=True)
class Site:
    """The example project's seeded database, shared by every server of the session."""

    db: Path
    token: str


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    db = tmp_path_factory.mktemp("site") / "example.sqlite3"
    return Site(db=db, token=prepare_database(db))


@pytest.fixture
def serve(site: Site, start_server: Any) -> Callable[..., Served]:
    """``serve(server, "module:app", *flags, pythonpath=[...], **env)``: start and wait."""

    def start(
        server: str, target: str, *extra: str, pythonpath: tuple[str, ...] = (), **env: str
    ) -> Served:
        port = free_port()
        paths = [*pythonpath, str(ROOT / "example"), str(ROOT)]
        env = {
            "EXAMPLE_DB_PATH": str(site.db),
            "DJANGO_SETTINGS_MODULE": "tests.support.asgi_test_settings",
            **env,
            "PYTHONPATH": os.pathsep.join(paths),
        }
        process = start_server(asgi_command(server, target, port, *extra), **env)
        process.wait_for_port(port)
        return Served(process=process, port=port)

    return start
