"""The docs server on real public OpenAPI documents: processing, tool latency, answer size.

    python benchmarks/realworld.py [--quick] [--docs stripe,github,vercel]

For each document (``tests/support/realworld.py``; GitHub 3.0 with 1,223 operations,
Stripe 3.0 with 775 components, Vercel 3.1; ``--quick``: Vercel only, sampled):

1. processing into records (``process_schema``), in a fresh child process per document:
   median seconds over repeats and the resident memory it adds (RSS after minus before,
   the document itself already loaded);
2. every tool and resource called through the official MCP client in memory (the sweep
   of ``tests/realworld/sweep.py``) on every operation and component (snippets on an
   evenly spread sample of operations, every language and client): p50/p95/max latency
   and p95/max answer size per tool, and the count of answers over 24 KB and of errors;
3. the event loop's longest stall while the heaviest tool calls run: a ticker task
   sleeping 1 ms records its largest gap, which is what a mounted Django site waits.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench

_bench.setup_paths()
if str(_bench.ROOT) not in sys.path:
    sys.path.insert(0, str(_bench.ROOT))

DOCS = ("stripe", "github", "vercel")
QUICK_DOCS = ("vercel",)


def _rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as handle:
        import os

        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def processing_child(name: str, repeats: int) -> None:
    """(In a child process) print seconds and added RSS of processing ``name``."""
    from drf_mcp_docs.schema.processor import process_schema
    from tests.support.realworld import load

    document = load(name)
    gc.collect()
    before = _rss()
    seconds = []
    kept: Any = None
    for _ in range(repeats):
        kept = None
        gc.collect()
        started = time.perf_counter()
        kept = process_schema(document, path_prefix="/")
        seconds.append(time.perf_counter() - started)
        if _ == 0:
            added = _rss() - before
    print(
        json.dumps(
            {
                "seconds": statistics.median(seconds),
                "added_mb": added / 2**20,
                "endpoints": len(kept.endpoints),
                "components": len(kept.components),
            }
        )
    )


def processing(name: str, repeats: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--processing-child", name, "--repeats", str(repeats)],
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


async def loop_stall(api: Any, calls: list[tuple[str, dict[str, Any]]]) -> tuple[float, float]:
    """The longest gap (ms) a 1 ms ticker sees while ``calls`` run, and while idle as long.

    The idle figure is the machine's own noise (other processes, the collector).
    """
    from mcp import Client

    from drf_mcp_docs.server import get_mcp_server
    from tests.realworld.sweep import serving

    async def ticker(stop: asyncio.Event) -> float:
        worst, last = 0.0, time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            worst, last = max(worst, (now - last) * 1000), now
        return worst

    with serving(api):
        async with Client(get_mcp_server()) as client:
            await client.call_tool("search_endpoints", {"query": "get"})  # warm the client
            stop = asyncio.Event()
            task = asyncio.create_task(ticker(stop))
            started = time.perf_counter()
            for _ in range(3):
                for name, arguments in calls:
                    await client.call_tool(name, arguments)
            busy = time.perf_counter() - started
            stop.set()
            during = await task
    stop = asyncio.Event()
    task = asyncio.create_task(ticker(stop))
    await asyncio.sleep(busy)
    stop.set()
    return during, await task


def heaviest(api: Any, sweep: Any) -> list[tuple[str, dict[str, Any]]]:
    """The 5 slowest get_endpoint_detail / get_schema_detail calls of the sweep, again."""
    calls: list[tuple[float, str, dict[str, Any]]] = []
    details = sweep.seconds.get("get_endpoint_detail", [])
    for endpoint, seconds in zip(sweep.visited_endpoints, details, strict=False):
        calls.append(
            (seconds, "get_endpoint_detail", {"path": endpoint.path, "method": endpoint.method})
        )
    for name, seconds in zip(
        sweep.visited_components, sweep.seconds.get("get_schema_detail", []), strict=False
    ):
        calls.append((seconds, "get_schema_detail", {"name": name}))
    calls.sort(key=lambda c: -c[0])
    return [(n, a) for _, n, a in calls[:5]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--docs", default="")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--operations", type=int, default=0, help="sample size (0: all)")
    parser.add_argument("--schemas", type=int, default=0, help="sample size (0: all)")
    parser.add_argument("--snippets", type=int, default=40, help="operations given snippets")
    parser.add_argument("--processing-child", default="")
    args = parser.parse_args()
    if args.processing_child:
        processing_child(args.processing_child, args.repeats)
        return 0

    import logging

    import django

    django.setup()
    logging.getLogger("mcp").setLevel(logging.CRITICAL)  # errors are counted, not printed
    from drf_mcp_docs.schema.processor import process_schema
    from tests.realworld.sweep import MAX_ANSWER_BYTES, sweep
    from tests.support.realworld import load

    docs = [d for d in args.docs.split(",") if d] or list(QUICK_DOCS if args.quick else DOCS)
    repeats = 1 if args.quick else args.repeats
    operations = args.operations or (40 if args.quick else None)
    schemas = args.schemas or (40 if args.quick else None)
    snippets = 5 if args.quick else args.snippets
    _bench.print_header("Real-world OpenAPI documents", args.quick)

    rows, tool_rows, stalls = [], [], []
    for name in docs:
        built = processing(name, repeats)
        rows.append(
            (
                name,
                built["endpoints"],
                built["components"],
                f"{built['seconds']:.2f}",
                f"{built['added_mb']:.0f}",
            )
        )
        api = process_schema(load(name), path_prefix="/")
        result = asyncio.run(
            sweep(api, operations=operations, snippet_operations=snippets, schemas=schemas)
        )
        over = sum(1 for f in result.failures if f.kind == "size")
        errors = [f for f in result.failures if f.kind == "error"]
        for row in result.rows():
            tool, calls, p50, p95, worst, size95, size_max = row
            tool_rows.append(
                (
                    name,
                    tool,
                    calls,
                    f"{p50:.1f}",
                    f"{p95:.1f}",
                    f"{worst:.0f}",
                    f"{size95:,}",
                    f"{size_max:,}",
                )
            )
        stall, idle = asyncio.run(loop_stall(api, heaviest(api, result)))
        stalls.append((name, result.calls, over, len(errors), f"{stall:.0f}", f"{idle:.0f}"))
        for failure in errors[:5]:
            print(f"  error {name}: {failure.call}: {failure.detail[:200]}", file=sys.stderr)

    print("## Processing (process_schema)\n")
    print(_bench.table(("document", "operations", "components", "seconds", "MB added"), rows))
    print("\n## Tools and resources (official client, in memory)\n")
    print(
        _bench.table(
            (
                "document",
                "tool / resource",
                "calls",
                "p50 ms",
                "p95 ms",
                "max ms",
                "p95 bytes",
                "max bytes",
            ),
            tool_rows,
        )
    )
    print(f"\n## Sweep totals (answers over {MAX_ANSWER_BYTES:,} bytes; errors; loop stall)\n")
    print("loop stall: the longest gap of a 1 ms ticker while the 5 slowest detail calls of")
    print("the sweep run 3 times, and while idle for as long (the machine's own noise)\n")
    print(
        _bench.table(
            ("document", "calls", "over 24 KB", "errors", "loop stall ms", "idle gap ms"), stalls
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
