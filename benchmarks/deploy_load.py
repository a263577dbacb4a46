"""The client side of the deployment benchmarks: raw JSON-RPC POSTs with httpx, measured.

No servers here (``deploy_servers.py`` starts them) and no tables (``deploy_scaling.py``
prints them). Two loads:

* ``tool_mix``: ``requests`` stateless ``tools/call`` POSTs, ``concurrency`` at a time, in a
  fixed cycle of the tools an agent uses (``MIX``), bounded in count and in time;
* ``mcp_clients``: ``clients`` MCP clients, each ``initialize``, ``notifications/initialized``
  and one ``tools/call`` (with its ``Mcp-Session-Id`` when the server is stateful); the
  sessions are left open, as clients that go quiet leave them.

Every answer is checked (HTTP 200 or 202, a JSON-RPC result, no tool error): a wrong
answer is counted as an error, never timed as a success.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx

PROTOCOL_VERSION = "2025-06-18"
HEADERS = {
    "Accept": "application/json, text/event-stream",
    "Content-Type": "application/json",
    "Mcp-Protocol-Version": PROTOCOL_VERSION,
}

#: The tool mix, one entry per request in this cycle: searches most, then details,
#: examples and snippets, and the two listings (the server has no ``list_endpoints`` tool:
#: ``search_endpoints`` with an empty query and a method lists every endpoint of it).
MIX: Sequence[tuple[str, dict[str, str]]] = (
    ("search_endpoints", {"query": "books"}),
    ("get_endpoint_detail", {"path": "/api/books/", "method": "GET"}),
    ("search_endpoints", {"query": "add a review to a book"}),
    ("get_request_example", {"path": "/api/books/", "method": "POST"}),
    ("search_endpoints", {"query": "", "method": "GET"}),  # list the GET endpoints
    ("get_endpoint_detail", {"path": "/api/books/{id}/", "method": "GET"}),
    ("generate_code_snippet", {"path": "/api/books/", "method": "POST", "language": "python"}),
    ("search_endpoints", {"query": "authors", "method": "PATCH"}),
    ("list_schemas", {}),
    ("generate_code_snippet", {"path": "/api/reviews/", "method": "GET"}),
)


@dataclass
class LoadStats:
    """One load run: per-request latencies (s), errors, wall time and the client's CPU."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    client_cpu: float = 0.0  # CPU seconds of the load generator during the run
    #: Set by a load generator that reports counts and percentiles, not each latency (wrk).
    count: int | None = None
    quantiles: dict[int, float] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return len(self.latencies) if self.count is None else self.count

    def percentile(self, q: int) -> float:
        """The q-th percentile latency in seconds (nearest rank); NaN for no requests."""
        if q in self.quantiles:
            return self.quantiles[q]
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))]

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else float("nan")

    def first_errors(self) -> str:
        kinds: dict[str, int] = {}
        for error in self.errors:
            kinds[error] = kinds.get(error, 0) + 1
        return "; ".join(f"{n}x {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))


def call_body(request_id: int, name: str, arguments: dict[str, str]) -> bytes:
    payload = {
        "jsonrpc": "2.0",
        "id": request_id,
        "method": "tools/call",
        "params": {"name": name, "arguments": arguments},
    }
    return json.dumps(payload).encode()


def message(reply: httpx.Response) -> dict[str, Any]:
    """The JSON-RPC message of a JSON body or a single-event SSE body."""
    text = reply.text
    if not text.lstrip().startswith("{"):
        data = [line[5:].strip() for line in text.splitlines() if line.startswith("data:")]
        text = next((line for line in data if line), "{}")
    parsed: dict[str, Any] = json.loads(text)
    return parsed


def check(reply: httpx.Response, what: str) -> None:
    """Raise ``AssertionError`` unless ``reply`` is a successful JSON-RPC answer."""
    if reply.status_code != 200:
        raise AssertionError(f"{what}: HTTP {reply.status_code} {reply.text[:120]!r}")
    answer = message(reply)
    result = answer.get("result")
    if result is None:
        raise AssertionError(f"{what}: JSON-RPC error {str(answer.get('error'))[:120]}")
    if result.get("isError"):
        raise AssertionError(f"{what}: tool error {str(result.get('content'))[:120]}")


def _client(url: str, concurrency: int, timeout: float) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout)


async def tool_mix(
    url: str, requests: int, concurrency: int, budget: float = 120.0, timeout: float = 30.0
) -> LoadStats:
    """``requests`` POSTs of ``MIX`` (in order, cycled), ``concurrency`` in flight.

    Stops early after ``budget`` seconds; what completed by then is what is counted.
    """
    stats = LoadStats()
    order = itertools.count()
    async with _client(url, concurrency, timeout) as http:

        async def worker() -> None:
            while (i := next(order)) < requests:
                name, arguments = MIX[i % len(MIX)]
                started = time.perf_counter()
                try:
                    reply = await http.post("", content=call_body(i + 1, name, arguments),
                                            headers=HEADERS)  # fmt: skip
                    check(reply, name)
                except (AssertionError, httpx.HTTPError, ValueError) as exc:
                    stats.errors.append(_first_line(exc))
                    continue
                stats.latencies.append(time.perf_counter() - started)

        await _run(worker, concurrency, budget, stats)
    return stats


async def mcp_clients(
    url: str, clients: int, concurrency: int, budget: float = 300.0, timeout: float = 30.0
) -> LoadStats:
    """``clients`` MCP clients: initialize, initialized, one tools/call; latency per request.

    A client that gets an ``Mcp-Session-Id`` (stateful server) sends it on its next
    requests and never ends its session.
    """
    stats = LoadStats()
    order = itertools.count()
    async with _client(url, concurrency, timeout) as http:

        async def timed(body: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
            started = time.perf_counter()
            reply = await http.post("", content=json.dumps(body).encode(), headers=headers)
            stats.latencies.append(time.perf_counter() - started)
            return reply

        async def one_client(i: int) -> None:
            reply = await timed(initialize_request(f"bench-{i}"), HEADERS)
            check(reply, "initialize")
            session = reply.headers.get("mcp-session-id")
            headers = {**HEADERS, "Mcp-Session-Id": session} if session else HEADERS
            note = {"jsonrpc": "2.0", "method": "notifications/initialized"}
            reply = await timed(note, headers)
            if reply.status_code != 202:
                raise AssertionError(f"initialized: HTTP {reply.status_code}")
            name, arguments = MIX[i % len(MIX)]
            body = json.loads(call_body(1, name, arguments))
            check(await timed(body, headers), name)

        async def worker() -> None:
            while (i := next(order)) < clients:
                try:
                    await one_client(i)
                except (AssertionError, httpx.HTTPError, ValueError) as exc:
                    stats.errors.append(_first_line(exc))

        await _run(worker, concurrency, budget, stats)
    return stats


async def _run(
    worker: Callable[[], Coroutine[Any, Any, None]],
    concurrency: int,
    budget: float,
    stats: LoadStats,
) -> None:
    """``concurrency`` copies of ``worker`` for at most ``budget`` s; time and CPU in ``stats``."""
    cpu, started = time.process_time(), time.perf_counter()
    with anyio.move_on_after(budget):
        async with anyio.create_task_group() as group:
            for _ in range(concurrency):
                group.start_soon(worker)
    stats.seconds = time.perf_counter() - started
    stats.client_cpu = time.process_time() - cpu


def initialize_request(client: str) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": 0,
        "method": "initialize",
        "params": {
            "protocolVersion": PROTOCOL_VERSION,
            "capabilities": {},
            "clientInfo": {"name": client, "version": "1"},
        },
    }


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:160] if lines else ''}"


# -- what the server processes cost, read from /proc --------------------------------------

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` in MiB (``VmRSS`` of /proc/PID/status)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise LookupError(f"no VmRSS for process {pid}")


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU seconds the processes ``pids`` have used so far."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / _TICKS
