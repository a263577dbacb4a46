"""Fixtures for the real-server tests: a seeded database and ``serve()``."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.servers import (
    ROOT,
    Served,
    asgi_command,
    free_port,
    prepare_database,
)


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
