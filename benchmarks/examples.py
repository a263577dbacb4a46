"""How long examples take on real public documents: total and p95 per example.

    python benchmarks/examples.py                 # stripe, github, kubernetes, vercel
    python benchmarks/examples.py stripe --rounds 5

Each round builds the request example and every response example of every operation
(exactly what ``get_request_example`` / ``get_response_example`` compute, without the
MCP transport), timing each one; the table shows the median over rounds of the total and
of the per-example p95 and max, plus the largest example (compact JSON characters).
Processing the document is not timed. Documents come from ``tests/support/realworld.py``.
"""

from __future__ import annotations

import argparse
import statistics
import time

from _bench import ROOT, setup_paths

setup_paths()

from drf_mcp_docs.schema.examples import component_schemas, endpoint_example  # noqa: E402
from drf_mcp_docs.schema.examples.builder import size  # noqa: E402
from drf_mcp_docs.schema.processor import process_schema  # noqa: E402
from drf_mcp_docs.schema.records import ApiSchema  # noqa: E402

DEFAULT = ("stripe", "github", "kubernetes", "vercel")


def one_round(api: ApiSchema) -> tuple[list[float], int]:
    components = component_schemas(api)
    times: list[float] = []
    largest = 0
    for endpoint in api.endpoints:
        for status in (None, *(r.status for r in endpoint.responses)):
            started = time.perf_counter()
            example = endpoint_example(
                endpoint,
                status,
                components=components,
                base_url=api.base_url,
                openapi_version=api.openapi_version,
            )
            times.append(time.perf_counter() - started)
            if example is not None:
                largest = max(largest, size(example.value))
    return times, largest


def main() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from tests.support.realworld import load

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=list(DEFAULT))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("| document | operations | examples | total ms | p95 ms | max ms | largest chars |")
    print("|---|---|---|---|---|---|---|")
    for name in args.names:
        api = process_schema(load(name), path_prefix="/", exclude_paths=[])
        totals, p95s, maxes = [], [], []
        count = largest = 0
        for _ in range(args.rounds):
            times, largest = one_round(api)
            count = len(times)
            ordered = sorted(times)
            totals.append(sum(times) * 1000)
            p95s.append(ordered[int(len(ordered) * 0.95)] * 1000)
            maxes.append(ordered[-1] * 1000)
        print(
            f"| {name} | {len(api.endpoints)} | {count} | {statistics.median(totals):.0f} | "
            f"{statistics.median(p95s):.2f} | {statistics.median(maxes):.1f} | {largest} |"
        )


if __name__ == "__main__":
    main()
