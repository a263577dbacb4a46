# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""The MCP conformance suite's server scenarios against the example project.

``@modelcontextprotocol/conformance`` (pinned in ``tests.support.conformance``, installed
with npm into ~/.cache the first time) runs every active server scenario. The generic
ones (``conformance.GENERIC``) must pass on one worker and on two workers behind nginx
round-robin, stateless (the default) and, on one worker, stateful; the scenarios that need
the suite's own reference server or a capability this read-only server does not offer
(``conformance.UNSUPPORTED``, each with its reason) must be exactly the ones that fail.
"""

from __future__ import annotations

from typing import Any

import anyio
import pytest

from tests.support import conformance
from tests.support.deploy_support import deploy, deploy_site, nginx  # noqa: F401 (fixtures)

pytestmark = pytest.mark.servers


@pytest.fixture(scope="module")
def suite() -> None:
    try:
        conformance.runnable()
    except conformance.Unavailable as exc:
        pytest.skip(f"the MCP conformance suite cannot be installed here: {exc}")


DEPLOYMENTS = [
    pytest.param("uvicorn", 1, "1", id="uvicorn-stateless"),
    pytest.param("uvicorn", 1, "0", id="uvicorn-stateful"),
    pytest.param("nginx", 2, "1", id="nginx-2-workers-stateless"),
    pytest.param("gunicorn-sync", 2, "1", id="gunicorn-sync-w2-wsgi-view"),
]


@pytest.mark.parametrize(("kind", "workers", "stateless"), DEPLOYMENTS)
async def test_server_scenarios(
    suite: None, deploy: Any, nginx: Any, kind: str, workers: int, stateless: str
) -> None:
    env = {"TEST_STATELESS": stateless, "EXAMPLE_CACHE_SCHEMA": "1"}
    if kind == "nginx":
        served = nginx([deploy("uvicorn", **env).port for _ in range(workers)])
    else:
        served = deploy(kind, workers, **env)
    results = await anyio.to_thread.run_sync(conformance.run, served.url + "/mcp/")
    report = conformance.table(results)
    missing = set(conformance.GENERIC) - set(results)
    assert not missing, f"scenarios not run: {sorted(missing)}\n{report}"
    failed = {name for name, outcome in results.items() if not outcome.ok}
    assert failed == set(conformance.UNSUPPORTED), report
    # Passed, not merely not failed: each generic scenario ran at least one check that
    # succeeded. Stateless, the multiple-streams scenario can only warn (no session ID).
    vacuous = {name for name in conformance.GENERIC if results[name].passed == 0}
    assert vacuous <= ({"server-sse-multiple-streams"} if stateless == "1" else set()), report
