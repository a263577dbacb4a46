# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""Chunked request bodies (``Transfer-Encoding: chunked``, no Content-Length) on the URLconf
view under WSGI, sent over a raw socket as streaming HTTP clients send them.

gunicorn's sync workers hand the whole chunked body over (``wsgi.input_terminated``), but
Django reads through a stream limited to the missing Content-Length: the view read an empty
body and answered "Parse error" while the mount answered the same request 200. It now reads
``wsgi.input`` to its end, bounded by ``MAX_REQUEST_BODY_SIZE``. A server that cannot hand
a chunked body over (runserver's wsgiref) gets a clear 411.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
import pytest

from tests.support.deploy_support import deploy, deploy_site  # noqa: F401 (fixtures)
from tests.support.rawhttp import chunked_request_bytes, read_answer
from tests.support.servers import INITIALIZE, terminate

pytestmark = pytest.mark.servers

LIMIT = 64 * 1024
SEARCH = {
    "jsonrpc": "2.0",
    "id": 2,
    "method": "tools/call",
    "params": {"name": "search_endpoints", "arguments": {"query": "create a book"}},
}


def post_chunked(port: int, message: Any, chunk: int = 7) -> tuple[int, dict[str, Any]]:
    status, body = read_answer(
        port, chunked_request_bytes(port, json.dumps(message).encode(), chunk)
    )
    return status, json.loads(body)


@pytest.mark.parametrize("kind", ["gunicorn-sync", "gunicorn-uvicorn"])
async def test_a_chunked_body_is_read_whole(deploy: Any, kind: str) -> None:
    """gunicorn sync (the URLconf view) answers as gunicorn + uvicorn (the mount) does."""
    served = deploy(kind, TEST_MAX_REQUEST_BODY_SIZE=str(LIMIT))
    status, init = await anyio.to_thread.run_sync(post_chunked, served.port, INITIALIZE)
    assert status == 200, init
    assert init["result"]["serverInfo"]["name"] == "bookstore-docs"
    status, found = await anyio.to_thread.run_sync(post_chunked, served.port, SEARCH, 1000)
    assert status == 200, found
    result = found["result"]
    assert not result["isError"]
    assert "/api/books/" in json.dumps(result["structuredContent"])
    # Over the limit: a 413 that says so, whether the body came in one chunk or many.
    big = {**SEARCH, "params": {**SEARCH["params"], "arguments": {"query": "x" * LIMIT}}}
    for chunk in (LIMIT * 2, 4096):
        status, refused = await anyio.to_thread.run_sync(post_chunked, served.port, big, chunk)
        assert status == 413, refused
        assert refused["error"]["code"] == -32600
        assert f"the limit is {LIMIT} bytes" in refused["error"]["message"]
    _, _, err, _ = await anyio.to_thread.run_sync(terminate, served.process)
    assert "Traceback" not in err, err


async def test_runserver_refuses_a_chunked_body_with_411(deploy: Any) -> None:
    """wsgiref cannot hand a chunked body over: a 411 that says what to send instead."""
    served = deploy("runserver")
    status, answer = await anyio.to_thread.run_sync(post_chunked, served.port, INITIALIZE)
    assert status == 411, answer
    assert answer["error"]["code"] == -32600
    assert "send the body with a Content-Length header" in answer["error"]["message"]
    _, _, err, _ = await anyio.to_thread.run_sync(terminate, served.process)
    assert "Length Required: /mcp/" in err and "Traceback" not in err, err
