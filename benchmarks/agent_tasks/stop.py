"""Stop the servers of one agent run (the process groups ``start.py`` recorded).

python benchmarks/agent_tasks/stop.py RUN_DIR
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(run_dir: Path) -> list[str]:
    run = json.loads((run_dir / "run.json").read_text())
    stopped = []
    for name in ("mcp", "recorder"):
        pid = run.get(name, {}).get("pid")
        if not pid or not _alive(pid):
            continue
        os.killpg(pid, signal.SIGTERM)  # start.py gave each server its own group
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)
        stopped.append(f"{name} (pid {pid})")
    return stopped


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    stopped = stop(Path(argv[0]))
    suite = json.loads((Path(argv[0]) / "run.json").read_text()).get("suite", "verdant")
    print(f"suite {suite}; stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
