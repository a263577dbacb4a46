"""Snippet generation latency and size on real public OpenAPI documents.

    python benchmarks/snippets.py [--apis stripe,github] [--sample 60] [--timeout 30]

For each document (fetched by ``tests/support/realworld.py``): processed once, then every
language/client combination is generated for a deterministic sample of operations (every
k-th one), in-process, timed with ``perf_counter``. Reports median, p95 and max latency
and the largest snippet. A call that runs past ``--timeout`` seconds is interrupted
(SIGALRM) and counted at the timeout, so a slow baseline cannot hang the run.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def measure(name: str, sample: int, timeout: int) -> dict[str, Any]:
    from drf_mcp_docs.codegen import LANGUAGES, generate_snippet
    from drf_mcp_docs.schema.processor import process_schema
    from tests.support.realworld import load

    api = process_schema(load(name), path_prefix="/", exclude_paths=[])
    step = max(1, len(api.endpoints) // sample)
    endpoints = api.endpoints[::step][:sample]
    times: list[float] = []
    sizes: list[int] = []
    timeouts = 0
    signal.signal(signal.SIGALRM, _alarm)
    for endpoint in endpoints:
        for language, clients in LANGUAGES.items():
            for client in clients:
                start = time.perf_counter()
                signal.alarm(timeout)
                try:
                    code = generate_snippet(api, endpoint, language, client)
                    sizes.append(len(code.encode()))
                except _Timeout:
                    timeouts += 1
                finally:
                    signal.alarm(0)
                times.append(time.perf_counter() - start)
    times.sort()
    return {
        "api": name,
        "calls": len(times),
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
        "max_ms": times[-1] * 1000,
        "max_kb": max(sizes, default=0) / 1024,
        "timeouts": timeouts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--apis", default="stripe,github")
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--timeout", type=int, default=30)
    args = parser.parse_args()
    print("| api | calls | median ms | p95 ms | max ms | largest KB | timeouts |")
    print("|---|---|---|---|---|---|---|")
    for name in args.apis.split(","):
        r = measure(name, args.sample, args.timeout)
        print(
            f"| {r['api']} | {r['calls']} | {r['median_ms']:.2f} | {r['p95_ms']:.2f} "
            f"| {r['max_ms']:.1f} | {r['max_kb']:.1f} | {r['timeouts']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
