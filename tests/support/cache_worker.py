"""A worker process for the shared-schema tests: one SchemaCache, driven over stdin.

    python -m tests.support.cache_worker      # with tests.support.deploy_settings' env

Each line read is a command; each answer one JSON line on stdout:

- ``get``: ``schema_cache.get()``; answers ``{"builds", "generated", "generated_locally",
  "endpoints", "version"}`` (``generated``: documents this process generated and stored
  in the shared cache; ``generated_locally``: for itself, the cache having failed).
- ``digest``: a hash of the processed endpoints (method, path, operation id).
- ``invalidate``: ``drf_mcp_docs.invalidate_schema_cache()``; answers ``{"ok": true}``.

``TEST_SLOW_GENERATION`` (seconds) slows the adapter, to widen the race of workers that
start together. Warnings of drf_mcp_docs go to stderr.
"""

from __future__ import annotations

import hashlib
import json
import os
import select
import subprocess
import sys
import time
from typing import Any

from tests.support.processes import Child, child_env


class CacheWorker(Child):
    """The test side: a ``python -m tests.support.cache_worker`` child, stopped by PID."""

    def __init__(self, **env: str) -> None:
        full = child_env(DJANGO_SETTINGS_MODULE="tests.support.deploy_settings", **env)
        args = [sys.executable, "-m", "tests.support.cache_worker"]
        super().__init__(args, full, stdin=subprocess.PIPE)

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command.encode() + b"\n")
        self.proc.stdin.flush()

    def answer(self, timeout: float = 60.0) -> dict[str, Any]:
        """The next JSON line the worker prints (within ``timeout`` seconds)."""
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else b""
        if not line:
            self.stop()
            err = self.proc.stderr.read().decode() if self.proc.stderr else ""
            raise AssertionError(f"the cache worker did not answer within {timeout}s: {err}")
        value: dict[str, Any] = json.loads(line)
        return value

    def ask(self, command: str) -> dict[str, Any]:
        self.send(command)
        return self.answer()

    def log(self) -> str:
        """End the worker (EOF on its stdin) and return what it logged on stderr."""
        try:
            _, err = self.proc.communicate(timeout=30)
        finally:
            self.stop()
        return err.decode()


def main() -> None:
    import django

    django.setup()
    import drf_mcp_docs
    from drf_mcp_docs.schema import adapters, cache

    slow = float(os.environ.get("TEST_SLOW_GENERATION", "0"))
    original = adapters.load_document

    def load_document() -> dict[str, Any]:
        time.sleep(slow)
        return original()

    adapters.load_document = load_document
    cache.CHECK_INTERVAL = 0.0  # every get() compares versions: invalidation is seen at once
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "get":
            api = cache.schema_cache.get()
            shared = cache.schema_cache.shared()
            answer = {
                "builds": cache.schema_cache.builds,
                "generated": shared.generated if shared else 0,
                "generated_locally": shared.generated_locally if shared else 0,
                "endpoints": len(api.endpoints),
                "version": cache.schema_cache._shared_version,
            }
        elif command == "digest":  # what the processed schema holds, to compare processes
            api = cache.schema_cache.get()
            listed = sorted(f"{e.method} {e.path} {e.operation_id}" for e in api.endpoints)
            answer = {"digest": hashlib.sha256("\n".join(listed).encode()).hexdigest()}
        elif command == "invalidate":
            drf_mcp_docs.invalidate_schema_cache()
            answer = {"ok": True}
        else:
            answer = {"error": f"unknown command {command!r}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
