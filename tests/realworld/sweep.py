"""Every tool and resource of the MCP server, called on every operation of a real document.

Shared by the real-world tests (``tests/realworld/``) and ``benchmarks/realworld.py``.
The calls go through the SDK's official client connected in memory to the process-wide
server, whose schema cache is pointed at the processed document, so each one runs what
``tools/call`` / ``resources/read`` runs in production but the HTTP framing.
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from mcp import Client

from drf_mcp_docs.conf import CODE_LANGUAGES, user_settings
from drf_mcp_docs.schema.cache import schema_cache
from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.server.batches import MAX_ITEMS

#: No answer (a tool's text block, a resource's text) may be longer than this.
MAX_ANSWER_BYTES = 24 * 1024


@dataclass
class Failure:
    """One call that crashed, errored on valid input, or answered too much."""

    kind: str  # "error" (isError / exception) or "size"
    call: str
    detail: str
    tool: str = ""  # the tool or resource called


@dataclass
class Sweep:
    """Sizes and latencies per tool/resource, and every failure."""

    sizes: dict[str, list[int]] = field(default_factory=dict)
    seconds: dict[str, list[float]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    visited_endpoints: list[Any] = field(default_factory=list)
    visited_components: list[str] = field(default_factory=list)

    def record(self, name: str, call: str, size: int, elapsed: float, error: str | None) -> None:
        self.sizes.setdefault(name, []).append(size)
        self.seconds.setdefault(name, []).append(elapsed)
        if error is not None:
            self.failures.append(Failure("error", call, error[:300], name))
        elif size > MAX_ANSWER_BYTES:
            self.failures.append(Failure("size", call, f"{size:,} bytes", name))

    @property
    def calls(self) -> int:
        return sum(len(v) for v in self.sizes.values())

    def rows(self) -> list[tuple[str, int, float, float, float, int, int]]:
        """Per name: calls, p50 ms, p95 ms, max ms, p95 bytes, max bytes."""
        out = []
        for name in sorted(self.sizes):
            ms = [s * 1000 for s in self.seconds[name]]
            sizes = self.sizes[name]
            out.append(
                (
                    name,
                    len(ms),
                    statistics.median(ms),
                    percentile(ms, 95),
                    max(ms),
                    int(percentile(sizes, 95)),
                    max(sizes),
                )
            )
        return out


def percentile(values: list[float] | list[int], pct: float) -> float:
    """The nearest-rank percentile (``pct`` in 0-100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return float(ordered[rank])


@contextlib.contextmanager
def serving(api: ApiSchema, **settings: Any) -> Iterator[None]:
    """Make the process-wide schema cache answer ``api`` (built once, never rebuilt)."""
    from django.test import override_settings

    builder = schema_cache.builder
    schema_cache.builder = lambda: api
    schema_cache.invalidate()
    try:
        configured = {**user_settings(), "CACHE_SCHEMA": True, **settings}
        with override_settings(DRF_MCP_DOCS=configured):
            schema_cache.get()
            yield
    finally:
        schema_cache.builder = builder
        schema_cache.invalidate()


def _text(result: Any) -> str:
    return "".join(getattr(block, "text", "") or "" for block in result.content)


def sample(items: list[Any], limit: int | None) -> list[Any]:
    """``items`` or, past ``limit``, an evenly spread deterministic sample of ``limit``."""
    if limit is None or len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


async def sweep(
    api: ApiSchema,
    *,
    operations: int | None = None,
    snippet_operations: int | None = 40,
    schemas: int | None = None,
    clients: tuple[tuple[str, str], ...] | None = None,
    tool_timeout: float | None = None,
) -> Sweep:
    """Call every tool and resource; ``operations``/``schemas`` bound how many are visited."""
    from drf_mcp_docs.server import get_mcp_server

    result = Sweep()
    endpoints = sample(list(api.endpoints), operations)
    components = sample(list(api.components), schemas)
    result.visited_endpoints, result.visited_components = endpoints, components
    clients = clients or tuple(
        (language, client) for language, names in CODE_LANGUAGES.items() for client in names
    )
    settings = {} if tool_timeout is None else {"TOOL_TIMEOUT": tool_timeout}
    with serving(api, **settings):
        async with Client(get_mcp_server()) as client:
            # Warm up: the client imports jsonschema on its first tools/call.
            await client.call_tool("search_endpoints", {"query": "get"})

            async def tool(tool_name: str, label: str, /, **arguments: Any) -> None:
                started = time.perf_counter()
                try:
                    answer = await client.call_tool(tool_name, arguments)
                except Exception as exc:  # a crash of the transport or the server
                    elapsed = time.perf_counter() - started
                    result.record(tool_name, label, 0, elapsed, f"{type(exc).__name__}: {exc}")
                    return
                elapsed = time.perf_counter() - started
                text = _text(answer)
                error = text if answer.is_error else None
                result.record(tool_name, label, len(text.encode()), elapsed, error)

            async def resource(name: str, uri: str) -> None:
                started = time.perf_counter()
                try:
                    answer = await client.read_resource(uri)
                except Exception as exc:
                    elapsed = time.perf_counter() - started
                    result.record(name, uri, 0, elapsed, f"{type(exc).__name__}: {exc}")
                    return
                elapsed = time.perf_counter() - started
                text = "".join(getattr(c, "text", "") or "" for c in answer.contents)
                result.record(name, uri, len(text.encode()), elapsed, None)

            for uri in ("api://overview", "api://endpoints", "api://schemas", "api://auth"):
                await resource(uri, uri)
            await tool("list_schemas", "list_schemas")
            for endpoint in endpoints:
                key = endpoint.key
                args = {"path": endpoint.path, "method": endpoint.method}
                await tool("get_endpoint_detail", key, **args)
                await tool("get_request_example", key, **args)
                await tool("get_response_example", key, **args)
                for response in endpoint.responses[:6]:
                    await tool(
                        "get_response_example",
                        f"{key} {response.status}",
                        status_code=response.status,
                        **args,
                    )
                await resource(
                    "api://endpoints/{method}/{+path}",
                    f"api://endpoints/{endpoint.method}/{quote(endpoint.path.lstrip('/'), safe='/{}')}",
                )
                words = " ".join((endpoint.summary or endpoint.operation_id).split()[:4])
                if any(ch.isalnum() for ch in words):
                    await tool("search_endpoints", f"search {words!r}", query=words)
            # Several at once (server/batches.py): every operation in batches of the most a
            # call takes, each batch's searches too; with snippets for the sampled ones.
            for start in range(0, len(endpoints), MAX_ITEMS):
                group = endpoints[start : start + MAX_ITEMS]
                label = f"{len(group)} from {group[0].key}"
                await tool(
                    "get_endpoint_detail", f"batch {label}", endpoints=[e.key for e in group]
                )
                queries = [" ".join((e.summary or e.operation_id).split()[:4]) for e in group]
                queries = [q for q in queries if any(ch.isalnum() for ch in q)]
                if queries:
                    await tool("search_endpoints", f"batch search {label}", query=queries)
            coded = sample(endpoints, snippet_operations)
            for start in range(0, len(coded), MAX_ITEMS):
                group = coded[start : start + MAX_ITEMS]
                await tool(
                    "get_endpoint_detail",
                    f"batch with code {len(group)} from {group[0].key}",
                    endpoints=[e.key for e in group],
                    language="python",
                )
            for endpoint in sample(endpoints, snippet_operations):
                for language, name in clients:
                    await tool(
                        "generate_code_snippet",
                        f"{endpoint.key} {language}/{name}",
                        path=endpoint.path,
                        method=endpoint.method,
                        language=language,
                        client=name,
                    )
            for name in components:
                await tool("get_schema_detail", f"schema {name}", name=name)
                await resource("api://schemas/{name}", f"api://schemas/{quote(name, safe='')}")
    return result
