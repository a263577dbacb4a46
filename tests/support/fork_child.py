"""``python -m tests.support.fork_child MODE``: serve the docs, ``os.fork()``, serve again.

The parent does what a process does before a prefork server or a multiprocessing pool
forks it (MODE: ``tool`` a tool call in the tool thread pool; ``bridge`` an MCP request
through the URLconf view's event loop thread; ``auth`` an authenticated policy check;
``building`` a rebuild holding the schema cache's lock while it forks). The child then
makes the same kind of call and prints one JSON line: what it answered and how long it
took. The parent waits for the child (killing it after ``TIMEOUT`` seconds) and exits
with the child's status (124 when it hung).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import threading
import time
from typing import Any

TIMEOUT = 20.0


def tool_call() -> str:
    from mcp import Client

    from drf_mcp_docs.server import get_mcp_server

    async def call() -> str:
        async with Client(get_mcp_server()) as client:
            found = await client.call_tool(
                "get_endpoint_detail", {"path": "/api/books/", "method": "POST"}
            )
            assert not found.is_error, found.content
            return f"{found.structured_content['method']} {found.structured_content['path']}"

    return asyncio.run(call())


def bridge_call() -> str:
    from django.test import Client as DjangoClient

    answer = DjangoClient().post(
        "/mcp/",
        json.dumps(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "tools/call",
                "params": {
                    "name": "get_endpoint_detail",
                    "arguments": {"path": "/api/books/", "method": "POST"},
                },
            }
        ),
        content_type="application/json",
        HTTP_ACCEPT="application/json, text/event-stream",
        HTTP_HOST="127.0.0.1",
    )
    assert answer.status_code == 200, answer.content
    result = json.loads(answer.content)["result"]["structuredContent"]
    return f"{result['method']} {result['path']}"


def auth_call() -> str:
    from drf_mcp_docs.endpoint.auth import require_policy

    served: list[str] = []

    async def handle(scope: Any, receive: Any, send: Any) -> None:
        served.append("served")

    token = os.environ["TEST_PRELOAD_TOKEN"].encode()
    scope = {
        "type": "http", "method": "POST", "path": "/mcp/", "root_path": "",
        "query_string": b"", "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
        "headers": [(b"host", b"127.0.0.1"), (b"authorization", b"Token " + token)],
        "scheme": "http", "http_version": "1.1", "asgi": {"version": "3.0"},
    }  # fmt: skip

    async def receive() -> Any:
        return {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        served.append(f"denied {message.get('status', '')}")

    asyncio.run(require_policy(handle)(scope, receive, send))
    return served[0]


def main() -> None:
    import django

    django.setup()
    from drf_mcp_docs.schema.cache import schema_cache

    mode = sys.argv[1]
    call = {"bridge": bridge_call, "auth": auth_call}.get(mode, tool_call)
    before = call()
    parent = os.getpid()
    building = threading.Event()
    if mode == "building":
        original = schema_cache.builder

        def slow() -> Any:
            if os.getpid() == parent:
                building.set()
                time.sleep(3)
            return original()

        schema_cache.builder = slow
        schema_cache.invalidate()
        threading.Thread(target=schema_cache.get, daemon=True).start()
        assert building.wait(10)
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            started = time.monotonic()
            answer = call()
            seconds = time.monotonic() - started
            print(json.dumps({"before": before, "answer": answer, "seconds": seconds}), flush=True)
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            sys.exit(os.waitstatus_to_exitcode(status))
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)  # our own child, by its PID
    os.waitpid(pid, 0)
    sys.exit(124)


if __name__ == "__main__":
    main()
