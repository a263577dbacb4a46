"""Helpers of the deployment tests that test modules import (fixtures are in conftest)."""

from __future__ import annotations

import contextlib
import os
import signal

from servers import ServerProcess


def stop_group(process: ServerProcess) -> None:
    """Kill the server and every worker it forked: its own process group (its PID)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.stop()
