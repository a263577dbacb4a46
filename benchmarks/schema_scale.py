"""How the docs server scales with the size of the API, measured in-process.

    python benchmarks/schema_scale.py [--quick]

Synthetic DRF projects generated in code (``synthetic.py``) with 100, 500, 2,000 and
5,000 operations (``--quick``: 100 and 500). For each:

1. the schema build, in its two phases: drf-spectacular's generation (the adapter,
   including its JSON normalisation) and this package's processing into records; time
   (median of repeats, ``gc.collect()`` first) and peak memory (``tracemalloc``, a separate
   run since tracing slows the code it measures);
2. the median latency of ``search_endpoints``, ``get_endpoint_detail`` and
   ``generate_code_snippet`` with a warm cache, called through ``MCPServer.call_tool``
   (the SDK's argument validation, the tool, the output-schema validation: everything a
   ``tools/call`` runs on the server but the JSON-RPC framing), and the tool function
   alone. Queries and endpoints vary from call to call, so no answer is served twice in a
   row.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench
import synthetic

_bench.setup_paths()

SIZES = (100, 500, 2_000, 5_000)
QUICK_SIZES = (100, 500)
BUDGET_SIZE = 2_000
BUDGET_US = 1_000.0

#: Search queries: resource names present at every size, verbs, pairs, and a miss.
QUERIES = (
    "account",
    "address",
    "list",
    "update alert",
    "article",
    "create asset",
    "audit",
    "delete basket",
    "batch",
    "get billing",
    "paginated",
    "booking",
    "brand id",
    "budget",
    "campaign",
    "card",
    "cart",
    "nothing-matches-this",
    "catalog",
    "category",
)
TOOLS = (
    ("search_endpoints", "search_endpoints"),
    ("get_endpoint_detail", "get_endpoint_detail"),
    ("generate_code_snippet", "generate_code_snippet (javascript, fetch)"),
    ("generate_code_snippet:typescript", "generate_code_snippet (typescript, axios)"),
)


def build_phases(repeats: int) -> tuple[float, float, Any, Any]:
    """Median seconds of generation and of processing; the last document and records."""
    from drf_mcp_docs.conf import conf
    from drf_mcp_docs.schema.adapters import load_document
    from drf_mcp_docs.schema.processor import process_schema

    generation, processing = [], []
    document = api = None
    for _ in range(repeats):
        document = api = None
        gc.collect()
        started = time.perf_counter()
        document = load_document()
        generation.append(time.perf_counter() - started)
        gc.collect()
        started = time.perf_counter()
        api = process_schema(
            document, path_prefix=conf.SCHEMA_PATH_PREFIX, exclude_paths=conf.EXCLUDE_PATHS
        )
        processing.append(time.perf_counter() - started)
    return _bench.median(generation), _bench.median(processing), document, api


def build_memory(document: Any) -> tuple[float, float, float]:
    """Peak MB of generation, peak MB of processing, and MB the records keep."""
    from drf_mcp_docs.conf import conf
    from drf_mcp_docs.schema.adapters import load_document
    from drf_mcp_docs.schema.processor import process_schema

    mb = 1024 * 1024
    gc.collect()
    tracemalloc.start()
    try:
        load_document()
        _, generation_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        gc.collect()
        tracemalloc.start()
        api = process_schema(
            document, path_prefix=conf.SCHEMA_PATH_PREFIX, exclude_paths=conf.EXCLUDE_PATHS
        )
        gc.collect()
        kept, processing_peak = tracemalloc.get_traced_memory()
        del api
    finally:
        tracemalloc.stop()
    return generation_peak / mb, processing_peak / mb, kept / mb


def call_plan(api: Any, calls: int) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """The arguments of every call: queries and endpoints spread over the API."""
    endpoints = api.endpoints
    step = max(1, len(endpoints) // 97)
    sample = [endpoints[(i * step) % len(endpoints)] for i in range(calls)]
    return {
        "search_endpoints": [
            ("search_endpoints", {"query": QUERIES[i % len(QUERIES)]}) for i in range(calls)
        ],
        "get_endpoint_detail": [
            ("get_endpoint_detail", {"path": e.path, "method": e.method}) for e in sample
        ],
        "generate_code_snippet": [
            ("generate_code_snippet", {"path": e.path, "method": e.method}) for e in sample
        ],
        "generate_code_snippet:typescript": [
            (
                "generate_code_snippet",
                {"path": e.path, "method": e.method, "language": "typescript", "client": "axios"},
            )
            for e in sample
        ],
    }


async def tool_latency(plan: dict[str, list[tuple[str, dict[str, Any]]]]) -> dict[str, Any]:
    """Median µs per tool, through MCPServer.call_tool and of the tool function alone."""
    from drf_mcp_docs.server import get_mcp_server, tools

    server = get_mcp_server()
    out: dict[str, Any] = {}
    for key, calls in plan.items():
        through_sdk, function_only = [], []
        for _ in range(2):  # warm-up: caches, pydantic adapters, the first component index
            name, arguments = calls[0]
            await server.call_tool(name, arguments)
        for name, arguments in calls:
            started = time.perf_counter()
            result = await server.call_tool(name, arguments)
            through_sdk.append(time.perf_counter() - started)
            if result.is_error:
                raise RuntimeError(f"{name}({arguments}) failed: {result.content}")
            function = getattr(tools, name)
            started = time.perf_counter()
            await function(**arguments)
            function_only.append(time.perf_counter() - started)
        out[key] = (_bench.median(through_sdk) * 1e6, _bench.median(function_only) * 1e6)
    return out


def measure(size: int, repeats: int, calls: int) -> dict[str, Any]:
    from drf_mcp_docs.schema.cache import schema_cache

    synthetic.make_urlconf(size)
    generation, processing, document, api = build_phases(repeats)
    gen_peak, proc_peak, kept = build_memory(document)
    del document
    schema_cache.builder = lambda: api
    schema_cache.invalidate()
    schema_cache.get()
    latency = asyncio.run(tool_latency(call_plan(api, calls)))
    return {
        "operations": len(api.endpoints),
        "components": len(api.components),
        "generation": generation,
        "processing": processing,
        "gen_peak": gen_peak,
        "proc_peak": proc_peak,
        "kept": kept,
        "latency": latency,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="CI-sized run (< 30 s)")
    args = parser.parse_args(argv)
    quick = args.quick
    synthetic.configure()

    from drf_mcp_docs.server import get_mcp_server

    get_mcp_server()
    _bench.print_header("Schema scale, in-process", quick)
    sizes = QUICK_SIZES if quick else SIZES
    repeats, calls = (1, 40) if quick else (3, 300)
    results = [measure(size, repeats, calls) for size in sizes]

    print(f"## 1. schema build (median of {repeats}; peak memory from a traced run)")
    rows = [
        [
            r["operations"],
            r["components"],
            r["generation"] * 1000,
            r["processing"] * 1000,
            r["processing"] * 1e6 / r["operations"],
            r["gen_peak"],
            r["proc_peak"],
            r["kept"],
        ]
        for r in results
    ]
    headers = [
        "operations",
        "components",
        "spectacular ms",
        "processing ms",
        "processing us/op",
        "spectacular peak MB",
        "processing peak MB",
        "records MB",
    ]
    print(_bench.table(headers, rows))
    print()

    print(f"## 2. tool calls, warm cache: median us through MCPServer.call_tool ({calls} calls)")
    headers = ["operations", *(label for _, label in TOOLS)]
    rows = [[r["operations"], *(r["latency"][key][0] for key, _ in TOOLS)] for r in results]
    print(_bench.table(headers, rows))
    print()
    print("## 3. the same calls, tool function only: median us")
    rows = [[r["operations"], *(r["latency"][key][1] for key, _ in TOOLS)] for r in results]
    print(_bench.table(headers, rows))
    print()

    first, last = results[0], results[-1]
    grow = last["operations"] / first["operations"]
    print(
        f"## Growth from {first['operations']:,} to {last['operations']:,} operations (x{grow:g})"
    )
    rows = [
        ["spectacular generation", last["generation"] / first["generation"]],
        ["processing", last["processing"] / first["processing"]],
        *([label, last["latency"][key][0] / first["latency"][key][0]] for key, label in TOOLS),
    ]
    print(_bench.table(["measure", "growth factor"], rows))
    print()

    budget = next((r for r in results if r["operations"] == BUDGET_SIZE), None)
    if budget is not None:
        print(f"## Budget: every tool call <= {BUDGET_US:,.0f} us median at {BUDGET_SIZE:,}")
        rows = [
            [
                label,
                budget["latency"][key][0],
                "ok" if budget["latency"][key][0] <= BUDGET_US else "MISSED",
            ]
            for key, label in TOOLS
        ]
        print(_bench.table(["tool", "us", "verdict"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
