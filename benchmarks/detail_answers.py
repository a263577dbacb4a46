"""Bytes of the default ``get_endpoint_detail`` answer on real documents, before and after.

    python benchmarks/detail_answers.py [--quick] [--docs github,stripe] [--rounds 2]
                                        [--base f6d582c]

For each real document (``tests/support/realworld.py``, all of ``SOURCES`` by default),
the default answer of every operation is rendered as the tool sends it (its text block:
compact JSON) by this checkout and by the code at ``--base`` (extracted with ``git
archive`` into a temporary folder), each in its own child process, in interleaved rounds
(the order of the two swaps each round). Reported per document: operations, median and
p95 bytes, largest answer, and the median milliseconds per answer (the median over
rounds). Bytes do not vary between rounds; milliseconds do. ``--quick``: Vercel's
document, one round. Where ``--base`` is not in this clone (a shallow one), only "after" is
measured. For scale, the "raw" columns give what an agent reading the file with ``jq`` gets
for the same operations:
``.paths[P][M] | {summary, description, parameters, requestBody}`` as compact JSON (its
``$ref``s unresolved, so following them costs it more calls).

A second table gives, before and after, what an agent reads once per task (the tool list
and the server instructions) and the median bytes of a default search answer per document
(queries: the summaries of a spread sample of the document's own operations). A third gives
the follow-ups agents make most: the default ``get_schema_detail`` answer (a spread sample
of components) and the ``get_request_example`` answer (every operation with a body).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench

ROOT = _bench.ROOT


def child(name: str) -> None:
    """(In a child process whose ``sys.path`` starts with one checkout) measure ``name``."""
    import django

    django.setup()
    from drf_mcp_docs.schema.processor import process_schema
    from drf_mcp_docs.server import render
    from tests.support.realworld import load

    api = process_schema(load(name), path_prefix="/")
    sizes: list[int] = []
    seconds: list[float] = []
    for endpoint in api.endpoints:
        started = time.perf_counter()
        text = render.compact_json(render.endpoint_detail(endpoint, api))
        seconds.append(time.perf_counter() - started)
        sizes.append(len(text.encode()))
    listing, instructions = tools_list_bytes()
    result = {
        "sizes": sizes,
        "ms": statistics.median(seconds) * 1000,
        "search": search_sizes(api),
        "schemas": schema_sizes(api),
        "examples": example_sizes(api),
        "tools": listing,
        "instructions": instructions,
    }
    print(json.dumps(result))


def tools_list_bytes() -> tuple[dict[str, int], int]:
    """Bytes of the tool list an agent reads once: ``listing`` (name, description and input
    schema of each tool, as ``agent_tasks/mcp_call.py --list`` prints them) and ``full``
    (the whole ``tools/list`` result as JSON, output schemas too); and the instructions'."""
    import asyncio

    from drf_mcp_docs.server import build_mcp_server

    server = build_mcp_server()
    tools = asyncio.run(server.list_tools())
    listing = sum(
        len(f"{t.name}\n{t.description or ''}\n".encode()) + _json_bytes(t.input_schema)
        for t in tools
    )
    full = _json_bytes([t.model_dump(by_alias=True, exclude_none=True) for t in tools])
    return {"listing": listing, "full": full}, len((server.instructions or "").encode())


def search_sizes(api: Any) -> list[int]:
    """Bytes of the default search answer (``{total, results, nextOffset}``, default limit)
    for queries taken from the document itself: the summaries of a spread sample of its
    operations, as requests in words."""
    from drf_mcp_docs.schema.words import words
    from drf_mcp_docs.server import render, tools

    limit = tools.SEARCH_LIMIT
    endpoints = [e for e in api.endpoints if render.endpoint_brief(e).get("summary")]
    step = max(1, len(endpoints) // SEARCH_QUERIES)
    sizes = []
    for endpoint in endpoints[::step][:SEARCH_QUERIES]:
        summary = render.endpoint_brief(endpoint)["summary"]
        query = " ".join(summary.split()[: tools.MAX_QUERY_WORDS])[: tools.MAX_QUERY_LENGTH]
        if not words(query):
            continue
        total, chosen = api.search_index.search(query, None, None, limit)
        hit = getattr(render, "search_hit", render.endpoint_brief)  # a checkout before it
        answer: dict[str, Any] = {"total": total, "results": [hit(e) for e in chosen[:limit]]}
        if limit < total:
            answer["nextOffset"] = limit
        sizes.append(len(render.compact_json(answer).encode()))
    return sizes


#: Search queries per document (summaries of a spread sample of its operations).
SEARCH_QUERIES = 60
#: Components whose default get_schema_detail answer is measured (a spread sample).
SCHEMA_SAMPLE = 300


def schema_sizes(api: Any) -> list[int]:
    """Bytes of the default ``get_schema_detail`` answer of a spread sample of components."""
    from drf_mcp_docs.server import render

    components = list(api.components.values())
    step = max(1, len(components) // SCHEMA_SAMPLE)
    return [
        len(render.compact_json(render.schema_detail(c, api)).encode())
        for c in components[::step][:SCHEMA_SAMPLE]
    ]


def example_sizes(api: Any) -> list[int]:
    """Bytes of the ``get_request_example`` answer of every operation with a request body."""
    from drf_mcp_docs.server import render
    from drf_mcp_docs.server.examples import request_example

    return [
        len(render.compact_json(request_example(api, e)).encode())
        for e in api.endpoints
        if e.request_body is not None
    ]


def _json_bytes(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())


def extract(ref: str, into: Path) -> Path:
    """The package as it is at ``ref``, extracted under ``into``."""
    archive = into / "base.tar"
    with archive.open("wb") as handle:
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", ref, "drf_mcp_docs"], stdout=handle, check=True
        )
    with tarfile.open(archive) as tar:
        tar.extractall(into / "base", filter="data")
    return into / "base"


def run(checkout: Path, name: str) -> dict[str, Any]:
    bench = str(Path(__file__).resolve().parent)
    code = "; ".join(
        [
            "import os, sys",
            f"sys.path[:0] = {[str(checkout), str(ROOT), str(_bench.EXAMPLE), bench]!r}",
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'example_project.settings')",
            "import detail_answers",
            f"detail_answers.child({name!r})",
        ]
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=900, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{name} in {checkout}: {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def raw_sizes(name: str) -> list[int]:
    """Bytes of ``{summary, description, parameters, requestBody}`` per operation, as jq
    prints them compactly (``jq -c``)."""
    from tests.support.realworld import load

    sizes = []
    for item in load(name).get("paths", {}).values():
        for method, operation in item.items():
            if method.upper() not in _METHODS or not isinstance(operation, dict):
                continue
            picked = {k: operation.get(k) for k in ("summary", "description", "parameters")}
            picked["requestBody"] = operation.get("requestBody")
            text = json.dumps(picked, separators=(",", ":"), ensure_ascii=False)
            sizes.append(len(text.encode()))
    return sizes


_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"}


def percentile(values: list[int], pct: float) -> int:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def main() -> int:
    from tests.support.realworld import SOURCES, available

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default=",".join(SOURCES))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--base", default="f6d582c")
    parser.add_argument("--quick", action="store_true")
    options = parser.parse_args()
    if options.quick:
        options.docs, options.rounds = "vercel", 1
    names = [n for n in options.docs.split(",") if n and available(n)]
    _bench.print_header(
        f"Default get_endpoint_detail answer, {options.base} vs this checkout", options.quick
    )
    print(
        "| document | operations | raw jq median | raw jq p95 | before median | before p95 "
        "| before max | after median | after p95 | after max | p95 after/before "
        "| ms/answer before | ms/answer after |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        try:
            base: Path | None = extract(options.base, Path(folder))
        except (subprocess.CalledProcessError, OSError):
            base = None
            print(f"({options.base} is not in this clone: 'before' is not measured)")
        once: dict[str, dict[str, Any]] = {}
        searches: dict[str, dict[str, list[int]]] = {}
        follow_ups: dict[str, dict[str, dict[str, Any]]] = {}
        for name in names:
            results: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
            for round_ in range(options.rounds):
                order = [("before", base), ("after", ROOT)]
                for label, checkout in order if round_ % 2 == 0 else order[::-1]:
                    if checkout is not None:
                        results[label].append(run(checkout, name))
            row = [name, str(len(results["after"][0]["sizes"]))]
            raw = raw_sizes(name)
            row += [f"{int(statistics.median(raw)):,}", f"{percentile(raw, 95):,}"]
            p95s = []
            for label in ("before", "after"):
                if not results[label]:
                    row += ["-", "-", "-"]
                    continue
                sizes: list[int] = results[label][0]["sizes"]
                p95s.append(percentile(sizes, 95))
                row += [
                    f"{int(statistics.median(sizes)):,}",
                    f"{percentile(sizes, 95):,}",
                    f"{max(sizes):,}",
                ]
            row.append(f"{p95s[1] / p95s[0]:.2f}" if len(p95s) == 2 else "-")
            for label in ("before", "after"):
                ms = [r["ms"] for r in results[label]]
                row.append(f"{statistics.median(ms):.2f}" if ms else "-")
            print("| " + " | ".join(row) + " |", flush=True)
            for label in ("before", "after"):
                if results[label]:
                    searches.setdefault(label, {})[name] = results[label][0]["search"]
                    follow_ups.setdefault(name, {})[label] = results[label][0]
                    once[label] = results[label][0]
    print_once(once, searches)
    print_follow_ups(follow_ups)
    return 0


def print_follow_ups(follow_ups: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Per document: the default get_schema_detail answer (a sample of components) and the
    request example (every operation with a body), median and p95 bytes, before and after."""
    print()
    print(
        "| document | schema detail: components | before median | before p95 | after median "
        "| after p95 | request example: operations | before median | before p95 "
        "| after median | after p95 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, by_label in follow_ups.items():
        row = [name]
        for key in ("schemas", "examples"):
            after = by_label.get("after", {}).get(key) or []
            row.append(str(len(after)))
            for label in ("before", "after"):
                sizes = by_label.get(label, {}).get(key)
                row += (
                    [f"{int(statistics.median(sizes)):,}", f"{percentile(sizes, 95):,}"]
                    if sizes
                    else ["-", "-"]
                )
        print("| " + " | ".join(row) + " |", flush=True)


def print_once(once: dict[str, dict[str, Any]], searches: dict[str, dict[str, list[int]]]) -> None:
    """The tool list (read once per task) and the default search answer, before and after."""
    print()
    print("| what an agent reads | before | after | after/before |")
    print("|---|---:|---:|---:|")
    rows = [
        ("tools/list: names, descriptions, input schemas", lambda r: r["tools"]["listing"]),
        ("tools/list: the whole result (output schemas too)", lambda r: r["tools"]["full"]),
        ("server instructions", lambda r: r["instructions"]),
    ]
    for label, pick in rows:
        values = [pick(once[k]) if k in once else None for k in ("before", "after")]
        print(_row(label, values))
    for name in searches.get("after", {}):
        values = []
        for key in ("before", "after"):
            sizes = searches.get(key, {}).get(name)
            values.append(int(statistics.median(sizes)) if sizes else None)
        print(_row(f"default search answer, median ({name})", values))


def _row(label: str, values: list[int | None]) -> str:
    before, after = values
    ratio = f"{after / before:.2f}" if before and after else "-"
    cells = [f"{v:,}" if v is not None else "-" for v in values]
    return f"| {label} | {cells[0]} | {cells[1]} | {ratio} |"


if __name__ == "__main__":
    sys.exit(main())
