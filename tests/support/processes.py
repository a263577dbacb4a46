"""Child processes for the tests and the benchmarks: started on 127.0.0.1, killed by PID.

One helper, one set of semantics for both: a child runs in its own session, ``stop()``
sends SIGTERM to that PID (never to a group or a name), waits ``grace`` seconds, then
sends SIGKILL; ``stop()`` is idempotent. Imports only the standard library, so the
benchmark scripts can use it without pytest.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "example"

#: Seconds ``stop()`` waits after SIGTERM before it sends SIGKILL.
GRACE = 5.0


class StartFailed(AssertionError):
    """A child exited, or did not listen, before it was ready (the message says which)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a child process running the example project from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(EXAMPLE), str(ROOT), env.get("PYTHONPATH", "")) if p
    )
    env["DJANGO_SETTINGS_MODULE"] = "example_project.settings"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


class Child:
    """A process started by a test or a benchmark; ``stop`` ends it, and only it, by PID.

    ``stdout``/``stderr`` default to pipes (read them with ``proc.communicate``); ``log``
    sends both to a file instead, for long-running children nobody reads until the end.
    """

    def __init__(
        self,
        args: list[str],
        env: dict[str, str],
        *,
        log: Path | None = None,
        stdout: int | IO[Any] | None = subprocess.PIPE,
        stderr: int | IO[Any] | None = subprocess.PIPE,
        **popen: Any,
    ) -> None:
        self.args = args
        self._log: IO[bytes] | None = None
        if log is not None:
            self._log = open(log, "wb")  # noqa: SIM115  (closed by stop())
            stdout, stderr = self._log, subprocess.STDOUT
            popen.setdefault("stdin", subprocess.DEVNULL)
        self.proc = subprocess.Popen(
            args,
            env=env,
            cwd=str(ROOT),
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
            **popen,
        )
        self.pid = self.proc.pid

    def wait_for_port(self, port: int, timeout: float = 60.0) -> None:
        """Wait until the child accepts connections on 127.0.0.1:``port``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = b""
                if self.proc.stderr is not None:
                    _, err = self.proc.communicate()
                raise StartFailed(
                    f"{self.args[:4]} exited ({self.proc.returncode}): "
                    f"{(err or b'').decode(errors='replace')}"
                )
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                return
            time.sleep(0.05)
        raise StartFailed(f"{self.args[:4]} did not listen on port {port} within {timeout:g}s")

    def signal(self, signum: int) -> None:
        """Send ``signum`` to this child's PID (nothing else), if it still runs."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def stop(self, grace: float = GRACE) -> None:
        """SIGTERM, wait ``grace`` seconds, then SIGKILL; returns once the child is reaped."""
        if self.proc.poll() is None:
            self.signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.proc.wait(timeout=10)
        # Workers a server forked (gunicorn, uvicorn --workers, granian) share its process
        # group, which start_new_session made the child's own: none may outlive it.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        for stream in (self.proc.stdout, self.proc.stderr, self._log):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


@contextlib.contextmanager
def children() -> Any:
    """A list to append started ``Child`` objects to; each is stopped on the way out."""
    started: list[Child] = []
    try:
        yield started
    finally:
        for child in reversed(started):
            child.stop()
