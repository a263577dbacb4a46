"""The example project for the deployment benchmarks: ``DRF_MCP_DOCS`` from the environment.

``BENCH_DRF_MCP_DOCS`` is a JSON object merged into the example's ``DRF_MCP_DOCS``, e.g.
``{"STATELESS": false, "MAX_SESSIONS": 5000}`` for the stateful server of
``benchmarks/deployment.py``.
"""

import json
import os

from example_project.settings import *  # noqa: F403

DRF_MCP_DOCS = {**DRF_MCP_DOCS, **json.loads(os.environ.get("BENCH_DRF_MCP_DOCS", "{}"))}  # noqa: F405
