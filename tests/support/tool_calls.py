"""Tool calls of the fault tests, each on a new connection, with their answers checked.

Stateless MCP needs no handshake: one ``tools/call`` POST is a whole client. ``TOOLS``
holds one tool answered inline (search) and two whose work runs in the tool thread pool.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

#: Seconds one call may take before it counts as hung (TOOL_TIMEOUT is 10 s): a bound
#: that catches hangs, not a benchmark.
HUNG = 8.0


def call_tool(
    url: str, name: str, arguments: dict[str, str], token: str | None = None
) -> tuple[dict[str, Any], float]:
    """One tools/call on a new connection (stateless: no handshake); (result, seconds)."""
    headers = {"Accept": "application/json, text/event-stream"}
    if token is not None:
        headers["Authorization"] = f"Token {token}"
    body = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": name, "arguments": arguments},
    }
    started = time.monotonic()
    with httpx.Client(timeout=HUNG + 5) as client:
        answer = client.post(url, json=body, headers=headers)
    elapsed = time.monotonic() - started
    assert answer.status_code == 200, (answer.status_code, answer.text[:300])
    result: dict[str, Any] = answer.json()["result"]
    return result, elapsed


#: (tool, arguments, a check of its structured answer): one answered inline, two in the
#: tool thread pool (the part that did not cross the fork).
TOOLS: list[tuple[str, dict[str, str], Any]] = [
    (
        "search_endpoints",
        {"query": "books", "method": "GET"},
        lambda r: r["total"] >= 3 and r["results"][0].startswith("GET /api/books/"),
    ),
    (
        "get_endpoint_detail",
        {"path": "/api/books/", "method": "POST"},
        lambda r: r["method"] == "POST" and r["path"] == "/api/books/",
    ),
    (
        "generate_code_snippet",
        {"path": "/api/books/", "method": "GET", "language": "python"},
        lambda r: "/api/books/" in r["code"],
    ),
]
