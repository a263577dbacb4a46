# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""Servers exit promptly on SIGTERM after traffic in both eras (stateless mode)."""

from __future__ import annotations

from typing import Any

import anyio
import pytest

from tests.support.deploy_support import deploy, deploy_site  # noqa: F401 (fixtures)
from tests.support.mcp_load import ERAS, run_sessions
from tests.support.servers import terminate

pytestmark = pytest.mark.servers


@pytest.mark.parametrize("kind", ["daphne", "granian", "uvicorn", "hypercorn"])
async def test_sigterm_after_both_eras_exits_in_time(deploy: Any, kind: str) -> None:
    served = deploy(kind)
    for era in ERAS:
        result = await run_sessions(served.url + "/mcp/", era, sessions=3)
        assert result.failures == [], (era, result.summary())
    _, _, err, elapsed = await anyio.to_thread.run_sync(terminate, served.process)
    assert elapsed < 10, (elapsed, err)
    assert "Traceback" not in err, err
