"""An application module that warms the docs at import, as a ``--preload`` deployment does.

gunicorn ``--preload`` imports the application once in the master, then forks the
workers: whatever the import started (a thread pool, an event loop thread, a lock held
by a build in flight) is copied into every worker without its threads.

``application`` is the example project's mounted ASGI app (``TEST_PRELOAD_KIND=asgi``, the
default) or its WSGI app, whose URLconf serves the endpoint as Django views (``wsgi``).
``TEST_WARM`` lists what the master does at import, comma-separated:

- ``tool``: one tool call through the official MCP client, in memory (the schema is built,
  the tool thread pool started);
- ``bridge``: one MCP request through the URLconf view's bridge (its event loop thread);
- ``auth``: one authenticated check through the mount's policy guard (a token of the demo
  user in ``TEST_PRELOAD_TOKEN``);
- ``building``: a rebuild still in flight when the import returns (slow in the master
  only), so the workers are forked while it holds the schema cache's lock. The master
  prints ``FORKED WHILE BUILDING`` to stderr when a fork happens while it builds.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.support.deploy_settings")

if os.environ.get("TEST_PRELOAD_KIND", "asgi") == "wsgi":
    from example_project.wsgi import application
else:
    from example_project.asgi import application

from drf_mcp_docs.schema.cache import schema_cache

__all__ = ["application"]

MASTER = os.getpid()
WARM = {w for w in os.environ.get("TEST_WARM", "").split(",") if w}


def _tool() -> None:
    from mcp import Client

    from drf_mcp_docs.server import get_mcp_server

    async def call() -> None:
        async with Client(get_mcp_server()) as client:
            found = await client.call_tool("search_endpoints", {"query": "books"})
            assert not found.is_error and found.structured_content["total"] >= 3

    asyncio.run(call())


def _bridge() -> None:
    import json

    from django.test import Client as DjangoClient

    answer = DjangoClient().post(
        "/mcp/",
        json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}),
        content_type="application/json",
        HTTP_ACCEPT="application/json, text/event-stream",
        HTTP_HOST="127.0.0.1",
    )
    assert answer.status_code == 200, answer.content


def _auth() -> None:
    from drf_mcp_docs.endpoint.auth import require_policy

    served: list[bool] = []

    async def handle(scope: Any, receive: Any, send: Any) -> None:
        served.append(True)

    token = os.environ["TEST_PRELOAD_TOKEN"].encode()
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/mcp/",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1"), (b"authorization", b"Token " + token)],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "scheme": "http",
        "http_version": "1.1",
        "asgi": {"version": "3.0"},
    }

    async def nothing() -> Any:
        return {"type": "http.disconnect"}

    async def ignore(message: Any) -> None:
        pass

    asyncio.run(require_policy(handle)(scope, nothing, ignore))
    assert served == [True], "the master's authenticated request was refused"


_building = threading.Event()


def _building_in_flight() -> None:
    original = schema_cache.builder

    def slow() -> Any:
        if os.getpid() == MASTER:
            _building.set()
            time.sleep(4)  # the workers are forked meanwhile
            _building.clear()
        return original()

    schema_cache.builder = slow
    schema_cache.invalidate()
    threading.Thread(target=schema_cache.get, daemon=True).start()
    _building.wait(10)

    def note() -> None:
        if os.getpid() == MASTER and _building.is_set():
            print("FORKED WHILE BUILDING", file=sys.stderr, flush=True)

    os.register_at_fork(before=note)


if "tool" in WARM:
    _tool()
if "bridge" in WARM:
    _bridge()
if "auth" in WARM:
    _auth()
if "building" in WARM:
    _building_in_flight()
print(f"PRELOADED {sorted(WARM)} in {MASTER}", file=sys.stderr, flush=True)
