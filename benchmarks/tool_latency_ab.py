"""Tool latency at 2,000 operations, this checkout against an older commit, in one run.

    python benchmarks/tool_latency_ab.py [--baseline a7af622] [--rounds 5] [--quick]

The baseline commit is checked out into a temporary git worktree. Each round starts one
child process per side, in alternating order (A B, then B A, ...), so drift of this noisy
machine hits both sides alike. Each child builds the same synthetic 2,000-operation DRF
project (``synthetic.py``, from this checkout), then calls ``search_endpoints``,
``get_endpoint_detail`` and ``generate_code_snippet`` through ``MCPServer.call_tool``
(the public path, the same in both versions) with a warm cache, over endpoints spread
across the API, and reports each tool's median. The table gives the median of the
rounds' medians per side and the ratio this/baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench

SIZE = 2_000
QUERIES = ("account", "create asset", "delete basket", "get billing", "update alert", "card")
TOOLS = ("search_endpoints", "get_endpoint_detail", "generate_code_snippet")


def child(checkout: Path, calls: int) -> dict[str, float]:
    """In a child process: the median µs per tool with ``checkout``'s package."""
    sys.path.insert(0, str(checkout))
    sys.path.insert(1, str(_bench.EXAMPLE))
    import synthetic

    synthetic.configure()
    synthetic.make_urlconf(SIZE)
    import drf_mcp_docs
    from drf_mcp_docs.schema.cache import schema_cache
    from drf_mcp_docs.server import get_mcp_server

    assert Path(drf_mcp_docs.__file__).resolve().is_relative_to(checkout.resolve())
    api = schema_cache.get()
    endpoints = api.endpoints
    step = max(1, len(endpoints) // 97)
    sample = [endpoints[(i * step) % len(endpoints)] for i in range(calls)]
    plan = {
        "search_endpoints": [{"query": QUERIES[i % len(QUERIES)]} for i in range(calls)],
        "get_endpoint_detail": [{"path": e.path, "method": e.method} for e in sample],
        "generate_code_snippet": [{"path": e.path, "method": e.method} for e in sample],
    }

    async def run() -> dict[str, float]:
        server = get_mcp_server()
        out: dict[str, float] = {}
        for name, arguments_list in plan.items():
            for arguments in arguments_list[:3]:  # warm-up
                await server.call_tool(name, arguments)
            times = []
            for arguments in arguments_list:
                started = time.perf_counter()
                result = await server.call_tool(name, arguments)
                times.append(time.perf_counter() - started)
                if getattr(result, "is_error", False):
                    raise RuntimeError(f"{name}({arguments}) failed: {result}")
            out[name] = _bench.median(times) * 1e6
        return out

    return asyncio.run(run())


def measure(checkout: Path, calls: int) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE")}
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(checkout), "--calls", str(calls)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    if out.returncode:
        raise SystemExit(f"child for {checkout} failed:\n{out.stderr[-3000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--baseline", default="a7af622", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=300, help="calls per tool per round")
    parser.add_argument("--quick", action="store_true", help="2 rounds of 60 calls")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.calls)))
        return 0
    rounds, calls = (2, 60) if args.quick else (args.rounds, args.calls)
    _bench.print_header(
        f"Tool latency at {SIZE:,} operations: this checkout vs {args.baseline}", args.quick
    )
    with tempfile.TemporaryDirectory() as tmp:
        baseline = Path(tmp) / "baseline"
        subprocess.run(
            [
                "git",
                "-C",
                str(_bench.ROOT),
                "worktree",
                "add",
                "--detach",
                "-q",
                str(baseline),
                args.baseline,
            ],
            check=True,
        )
        try:
            sides = {"baseline": baseline, "this": _bench.ROOT}
            results: dict[str, list[dict[str, float]]] = {"baseline": [], "this": []}
            for index in range(rounds):
                order = list(sides) if index % 2 == 0 else list(reversed(sides))
                for side in order:
                    results[side].append(measure(sides[side], calls))
        finally:
            subprocess.run(
                ["git", "-C", str(_bench.ROOT), "worktree", "remove", "--force", str(baseline)],
                check=False,
            )
    rows = []
    for tool in TOOLS:
        before = _bench.median([r[tool] for r in results["baseline"]])
        after = _bench.median([r[tool] for r in results["this"]])
        rows.append((tool, f"{before:.0f}", f"{after:.0f}", f"{after / before:.2f}"))
    print(f"{rounds} interleaved rounds x {calls} calls per tool; median µs via call_tool")
    print(_bench.table(("tool", f"{args.baseline} µs", "this µs", "this / baseline"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
