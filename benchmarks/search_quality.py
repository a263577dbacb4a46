"""Search quality on real public APIs: this package's ranking against a plain BM25 baseline.

    python benchmarks/search_quality.py [--quick] [--api NAME ...] [--misses]

For every API of ``search_requests.py`` (both sets: ``REQUESTS`` and issue 16's
``TASK_REQUESTS``; natural requests written before the search was
tuned, each with the operations that answer it), both rankers answer every request and
the table shows recall@1, recall@5 and MRR (over the first 20 results, the tool's page),
for the tuning part of the set and for the held-out part (every fourth request, never
looked at while tuning). The baseline is ``rank_bm25.BM25Okapi`` over the same fields
(method, path, operationId, summary, description, tags, parameter names) concatenated,
lowercased and split on whitespace. The documents come from the npm packages that ship
them (``tests/support/realworld.py``). The last table is the latency of one search call
(median over every request, in-process) on each API.

``--quick`` runs two APIs; ``--misses`` lists the requests whose answer is not in the top 5;
``--github-smoke`` adds 12 requests on GitHub's API, written after tuning and reported only
(GitHub is the team's held-out API: never tune on it).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench
from search_requests import GITHUB_SMOKE, REQUESTS, TASK_REQUESTS, Request, split

_bench.setup_paths()

PAGE = 20
QUICK_APIS = ("stripe", "spotify")
#: Both request sets by API: the first (stripe, digitalocean, jira, spotify, and the git-hosting
#: bitbucket and gitlab added later) and the task set written for issue 16 (box, zoom).
ALL_REQUESTS = {**REQUESTS, **TASK_REQUESTS}
Ranker = Callable[[str], list[str]]


def load_api(name: str) -> Any:
    from drf_mcp_docs.schema.processor import process_schema
    from tests.support.realworld import load

    return process_schema(load(name), path_prefix="/", exclude_paths=[])


def package_ranker(api: Any) -> Ranker:
    """This package's search, as the search_endpoints tool runs it (no filters)."""
    index = api.search_index

    def rank(query: str) -> list[str]:
        _, found = index.search(query, limit=PAGE)
        return [endpoint.key for endpoint in found]

    return rank


def bm25_ranker(api: Any) -> Ranker:
    """rank_bm25's BM25Okapi over the same fields, whitespace tokens, lowercased."""
    from rank_bm25 import BM25Okapi

    keys, corpus = [], []
    for e in api.endpoints:
        text = " ".join(
            [
                e.method,
                e.path,
                e.operation_id,
                e.summary,
                e.description,
                *e.tags,
                *(p.name for p in e.parameters),
            ]
        )
        keys.append(e.key)
        corpus.append(text.lower().split())
    bm25 = BM25Okapi(corpus)

    def rank(query: str) -> list[str]:
        scores = bm25.get_scores(query.lower().split())
        order = sorted(range(len(keys)), key=lambda i: -scores[i])
        return [keys[i] for i in order[:PAGE] if scores[i] > 0]

    return rank


def answers(prefix: str, request: Request) -> set[str]:
    return {f"{a.split(' ', 1)[0]} {prefix}{a.split(' ', 1)[1]}" for a in request[1]}


def scores(rank: Ranker, prefix: str, requests: Sequence[Request]) -> dict[str, Any]:
    """recall@1, recall@5 and MRR of ``rank`` over ``requests``; the misses at 5."""
    at1 = at5 = 0
    reciprocal = 0.0
    misses = []
    for request in requests:
        wanted = answers(prefix, request)
        found = rank(request[0])
        position = next((i for i, key in enumerate(found) if key in wanted), None)
        if position is not None:
            at1 += position == 0
            at5 += position < 5
            reciprocal += 1 / (position + 1)
        if position is None or position >= 5:
            misses.append((request[0], found[:3], sorted(wanted)))
    n = len(requests) or 1
    return {"r1": at1 / n, "r5": at5 / n, "mrr": reciprocal / n, "misses": misses}


def check_answers(api: Any, prefix: str, requests: Sequence[Request]) -> None:
    """Every labelled answer must be an operation of the API (a typo would score 0)."""
    known = {e.key for e in api.endpoints}
    for request in requests:
        unknown = answers(prefix, request) - known
        if unknown:
            raise SystemExit(f"{request[0]!r}: {sorted(unknown)} not in the API")


def evaluate(name: str) -> dict[str, Any]:
    """Both rankers on one API: scores per part ('tune', 'held-out') and the latency."""
    prefix, requests = ALL_REQUESTS[name]
    api = load_api(name)
    check_answers(api, prefix, requests)
    tune, held_out = split(requests)
    ours, baseline = package_ranker(api), bm25_ranker(api)
    out: dict[str, Any] = {"operations": len(api.endpoints), "parts": {}}
    for part, subset in (("tune", tune), ("held-out", held_out)):
        out["parts"][part] = {
            "n": len(subset),
            "ours": scores(ours, prefix, subset),
            "bm25": scores(baseline, prefix, subset),
        }
    timings = []
    gc.collect()
    for query, _ in requests * 3:
        started = time.perf_counter()
        ours(query)
        timings.append(time.perf_counter() - started)
    out["latency_us"] = statistics.median(timings) * 1e6
    out["latency_p95_us"] = sorted(timings)[int(len(timings) * 0.95)] * 1e6
    out["latency_max_us"] = max(timings) * 1e6
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK_APIS)}")
    parser.add_argument("--api", action="append", choices=sorted(ALL_REQUESTS), help="repeatable")
    parser.add_argument("--misses", action="store_true", help="list requests missed at 5")
    parser.add_argument(
        "--github-smoke",
        action="store_true",
        help="also report a 12-request smoke check on GitHub's API (never tuned on)",
    )
    parser.add_argument(
        "--part", choices=("tune", "held-out", "both"), default="both", help="for --misses"
    )
    args = parser.parse_args(argv)
    names = args.api or (QUICK_APIS if args.quick else tuple(ALL_REQUESTS))
    _bench.print_header("Search quality on real public APIs", args.quick)
    results = {name: evaluate(name) for name in names}

    headers = ["api", "part", "requests", "ranker", "recall@1", "recall@5", "MRR"]
    rows = []
    for name, result in results.items():
        for part, data in result["parts"].items():
            for ranker, label in (("ours", "drf-mcp-docs"), ("bm25", "BM25 baseline")):
                s = data[ranker]
                rows.append([name, part, data["n"], label, s["r1"], s["r5"], s["mrr"]])
    print("## recall and MRR (first 20 results)")
    print(_bench.table(headers, rows))
    print()
    print("## one search call, in-process (every request 3 times)")
    rows = [
        [name, r["operations"], r["latency_us"], r["latency_p95_us"], r["latency_max_us"]]
        for name, r in results.items()
    ]
    print(_bench.table(["api", "operations", "median us", "p95 us", "max us"], rows))
    if args.github_smoke:
        prefix, requests = GITHUB_SMOKE
        api = load_api("github")
        check_answers(api, prefix, requests)
        rows = []
        for label, ranker in (("drf-mcp-docs", package_ranker), ("BM25 baseline", bm25_ranker)):
            s = scores(ranker(api), prefix, requests)
            rows.append(["github (smoke)", len(requests), label, s["r1"], s["r5"], s["mrr"]])
            if args.misses and ranker is package_ranker:
                for query, found, wanted in s["misses"]:
                    print(f"MISS github/smoke: {query!r} wanted {wanted} got {found}")
        print()
        print("## GitHub smoke check (reported only: never tuned on)")
        print(_bench.table(["api", "requests", "ranker", "recall@1", "recall@5", "MRR"], rows))
    if args.misses:
        for name, result in results.items():
            for part, data in result["parts"].items():
                if args.part not in ("both", part):
                    continue
                for query, found, wanted in data["ours"]["misses"]:
                    print(f"MISS {name}/{part}: {query!r} wanted {wanted} got {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
