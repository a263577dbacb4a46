"""Locust load test: Django page views and MCP agent sessions against one mounted server.

Run it with ``python benchmarks/run_locust.py [--quick]``, which starts the server, runs
locust headless and prints the table; or against a server of your own (``mount_mcp``
at ``/mcp/``, the example project's routes)::

    locust -f benchmarks/locustfile.py --headless -u 20 -r 10 -t 20s \\
        --host http://127.0.0.1:8000 --csv /tmp/locust

Two kinds of users, three Django users for each agent:

* ``DjangoVisitor`` GETs the example API's JSON views (``/api/ping/``, lists, a detail);
* ``Agent`` opens one MCP session (``initialize`` then ``notifications/initialized``,
  plain HTTP JSON-RPC with the ``Mcp-Session-Id`` header) and then calls tools and reads
  resources, as a coding agent does. Every MCP answer is parsed: a JSON-RPC error or a
  tool error counts as a failure.
"""

from __future__ import annotations

import itertools
import json
import random
from typing import Any

from _bench import PROTOCOL_VERSION, initialize_request
from locust import FastHttpUser, between, task

MCP_PATH = "/mcp/"
HEADERS = {
    "Content-Type": "application/json",
    "Accept": "application/json, text/event-stream",
}
QUERIES = ("books", "authors", "reviews", "token", "publisher", "stats", "list books")
ENDPOINTS = (
    ("/api/books/", "GET"),
    ("/api/books/{id}/", "GET"),
    ("/api/books/", "POST"),
    ("/api/authors/{id}/", "PATCH"),
    ("/api/reviews/", "GET"),
)
CLIENTS = (("javascript", "fetch"), ("typescript", "axios"), ("python", "requests"))
_ids = itertools.count(1)


def parse(text: str) -> dict[str, Any]:
    """The JSON-RPC message of a JSON or single-event SSE body."""
    if not text.lstrip().startswith("{"):
        data = [line[5:].strip() for line in text.splitlines() if line.startswith("data:")]
        text = next((line for line in data if line), "{}")
    return json.loads(text)


class DjangoVisitor(FastHttpUser):
    """A browser or API client of the Django project itself."""

    weight = 3
    wait_time = between(0.0, 0.05)

    @task(3)
    def ping(self) -> None:
        self.client.get("/api/ping/", name="django GET /api/ping/")

    @task(2)
    def books(self) -> None:
        self.client.get("/api/books/", name="django GET /api/books/")

    @task(1)
    def book(self) -> None:
        self.client.get("/api/books/1/", name="django GET /api/books/{id}/")


class Agent(FastHttpUser):
    """An MCP client: one session, then tool calls and resource reads."""

    weight = 1
    wait_time = between(0.0, 0.05)
    session_id = ""

    def session_headers(self) -> dict[str, str]:
        """The MCP headers, with the session id when the endpoint is stateful."""
        return {**HEADERS, "Mcp-Session-Id": self.session_id} if self.session_id else dict(HEADERS)

    def rpc(self, method: str, params: dict[str, Any], name: str) -> None:
        body = {"jsonrpc": "2.0", "id": next(_ids), "method": method, "params": params}
        headers = {**self.session_headers(), "Mcp-Protocol-Version": PROTOCOL_VERSION}
        with self.client.post(
            MCP_PATH, data=json.dumps(body), headers=headers, name=name, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
                return
            try:
                message = parse(response.text or "")
            except ValueError:
                response.failure(f"not JSON-RPC: {(response.text or '')[:200]}")
                return
            result = message.get("result")
            if result is None:
                response.failure(f"JSON-RPC error: {message.get('error')}")
            elif result.get("isError"):
                response.failure(f"tool error: {result.get('content')}")
            else:
                response.success()

    def on_start(self) -> None:
        body = initialize_request("locust")
        with self.client.post(
            MCP_PATH,
            data=json.dumps(body),
            headers=HEADERS,
            name="mcp initialize",
            catch_response=True,
        ) as response:
            # No session id when the endpoint is stateless (the default).
            self.session_id = response.headers.get("mcp-session-id", "")
            if response.status_code != 200:
                response.failure(f"initialize: HTTP {response.status_code}")
                return
            response.success()
        note = {"jsonrpc": "2.0", "method": "notifications/initialized"}
        headers = self.session_headers()
        self.client.post(
            MCP_PATH, data=json.dumps(note), headers=headers, name="mcp notifications/initialized"
        )

    @task(4)
    def search(self) -> None:
        query = random.choice(QUERIES)
        arguments = {"query": query}
        self.rpc(
            "tools/call",
            {"name": "search_endpoints", "arguments": arguments},
            "mcp tools/call search_endpoints",
        )

    @task(3)
    def detail(self) -> None:
        path, method = random.choice(ENDPOINTS)
        arguments = {"path": path, "method": method}
        self.rpc(
            "tools/call",
            {"name": "get_endpoint_detail", "arguments": arguments},
            "mcp tools/call get_endpoint_detail",
        )

    @task(2)
    def snippet(self) -> None:
        path, method = random.choice(ENDPOINTS)
        language, client = random.choice(CLIENTS)
        arguments = {"path": path, "method": method, "language": language, "client": client}
        self.rpc(
            "tools/call",
            {"name": "generate_code_snippet", "arguments": arguments},
            "mcp tools/call generate_code_snippet",
        )

    @task(1)
    def overview(self) -> None:
        self.rpc("resources/read", {"uri": "api://overview"}, "mcp resources/read api://overview")

    @task(1)
    def endpoint_resource(self) -> None:
        path, method = random.choice(ENDPOINTS)
        self.rpc(
            "resources/read",
            {"uri": f"api://endpoints/{method}{path}"},
            "mcp resources/read api://endpoints/{method}/{path}",
        )
