"""Drive N MCP sessions with the official client against a URL, in either protocol era.

Each session: connect (``initialize`` for session clients, none for stateless clients),
``tools/list`` and three ``tools/call``. Used by the deployment tests and by
``benchmarks/deployment.py``; importable without pytest.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field

import anyio

if sys.version_info < (3, 11):
    from exceptiongroup import BaseExceptionGroup
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

#: The client's connect modes: a session client (2025 protocol versions, initialize
#: handshake, Mcp-Session-Id) and a stateless client (2026-07-28, no handshake).
ERAS = {"session": "legacy", "stateless": "2026-07-28"}

CALLS: Sequence[tuple[str, dict[str, str]]] = (
    ("search_endpoints", {"query": "books", "method": "GET"}),
    ("get_endpoint_detail", {"path": "/api/books/", "method": "GET"}),
    ("generate_code_snippet", {"path": "/api/books/", "method": "POST", "language": "python"}),
)


@dataclass
class LoadResult:
    """What happened to each session: failures keep the first line of each error."""

    sessions: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> int:
        return self.sessions - len(self.failures)

    def summary(self) -> str:
        kinds: dict[str, int] = {}
        for failure in self.failures:
            kinds[failure] = kinds.get(failure, 0) + 1
        shown = "; ".join(f"{n}x {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
        return f"{self.ok}/{self.sessions} sessions succeeded" + (f" ({shown})" if shown else "")


def _first_line(exc: BaseException) -> str:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200] if text else ''}"


async def one_session(url: str, era: str, headers: dict[str, str] | None = None) -> None:
    """One session: connect, tools/list, three tools/call; raise on any failure."""
    async with AsyncExitStack() as stack:
        http = await stack.enter_async_context(create_mcp_http_client(headers=headers))
        client = await stack.enter_async_context(
            Client(streamable_http_client(url, http_client=http), mode=ERAS[era])
        )
        tools = {tool.name for tool in (await client.list_tools()).tools}
        if "search_endpoints" not in tools:
            raise AssertionError(f"tools/list is missing search_endpoints: {sorted(tools)}")
        for name, arguments in CALLS:
            result = await client.call_tool(name, arguments)
            if result.is_error:
                raise AssertionError(f"{name} failed: {result.content[0]}")


async def run_sessions(
    url: str,
    era: str,
    sessions: int = 50,
    concurrency: int = 10,
    headers: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> LoadResult:
    """Run ``sessions`` sessions, ``concurrency`` at a time; never raises for a failed one."""
    result = LoadResult(sessions=sessions)
    limiter = anyio.Semaphore(concurrency)

    async def run_one() -> None:
        async with limiter:
            try:
                with anyio.fail_after(timeout):
                    await one_session(url, era, headers)
            except BaseException as exc:
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                result.failures.append(_first_line(exc))

    started = time.perf_counter()
    async with anyio.create_task_group() as tg:
        for _ in range(sessions):
            tg.start_soon(run_one)
    result.seconds = time.perf_counter() - started
    return result


if __name__ == "__main__":
    url, era = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    print(anyio.run(run_sessions, url, era, count).summary())
