"""What changed, on a real history: GitHub's OpenAPI document at @octokit/openapi 22.0.0
and 23.0.2 (npm, ``tests/support/realworld.py``).

    python benchmarks/history_changes.py [--quick] [--rounds 5]

Measures, as medians over ``--rounds`` (interleaved: each round runs every step once):

1. the digest of each document (canonical JSON with sorted keys + SHA-256), the cost every
   schema build now pays, beside processing the document into records;
2. the diff of the two processed schemas (``history.diff.diff``), A/B against the same
   diff without its shortcuts (every operation compared in full, nothing shared);
3. ``get_api_changes`` through the official MCP client in memory, the baseline recorded in
   a temporary sqlite database: the first call (baseline loaded, decompressed, processed,
   diffed) and a following page (both cached);
4. sizes: the compressed record of each document, the whole report as JSON, markdown and
   text, and the tool's pages (count, largest answer).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

from _bench import median, print_header, setup_paths, table

setup_paths()


def every_operation(old_api: Any, new_api: Any) -> int:
    """The diff without its shortcuts: every operation on both sides compared in full."""
    from drf_mcp_docs.history.diff import endpoint_changes

    before = {(e.method, e.path): e for e in old_api.endpoints}
    count = 0
    for endpoint in new_api.endpoints:
        previous = before.get((endpoint.method, endpoint.path))
        if previous is not None:
            count += len(endpoint_changes(old_api, new_api, previous, endpoint))
    return count


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn(*args)
    return (time.perf_counter() - started) * 1000, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rounds = 1 if args.quick else max(1, args.rounds)

    tmp = tempfile.TemporaryDirectory(prefix="drf-mcp-history-bench-")
    os.environ["EXAMPLE_DB_PATH"] = str(Path(tmp.name) / "history.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    from drf_mcp_docs.history import report, store
    from drf_mcp_docs.history.diff import diff
    from drf_mcp_docs.schema.digest import canonical_json, document_digest
    from drf_mcp_docs.schema.processor import process_schema
    from tests.support.realworld import Unavailable, fetch, load

    print_header("What changed: GitHub's document, 22.0.0 -> 23.0.2", args.quick)
    try:
        new_path = fetch("github")
        fetch("github-22")
    except Unavailable as exc:
        print(f"skipped: {exc}")
        return 0
    old_doc, new_doc = load("github-22"), load("github")
    samples: dict[str, list[float]] = {}
    old_api = new_api = result = None
    for _ in range(rounds):
        for name, doc in (("22.0.0", old_doc), ("23.0.2", new_doc)):
            ms, _digest = timed(document_digest, doc)
            samples.setdefault(f"digest {name}", []).append(ms)
            ms, api = timed(process_schema, doc)
            samples.setdefault(f"process {name}", []).append(ms)
            if name == "22.0.0":
                old_api = api
            else:
                new_api = api
        # A/B, order alternating per round: the diff as shipped, and every operation
        # present on both sides flattened afresh (no skipping, no shared flatteners).
        steps = [("diff", diff), ("diff, every operation afresh", every_operation)]
        for step, fn in steps if len(samples.get("diff", [])) % 2 == 0 else steps[::-1]:
            ms, value = timed(fn, old_api, new_api)
            samples.setdefault(step, []).append(ms)
            if step == "diff":
                result = value
    assert result is not None

    rows = [(step, median(values), len(values)) for step, values in samples.items()]
    print(table(["step", "median ms", "rounds"], rows))
    ratio = median(samples["diff"]) / median(samples["diff, every operation afresh"])
    print(f"\ndiff / every operation afresh: {ratio:.2f}")
    print()

    # get_api_changes end to end, the baseline in the database.
    call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.DRF_MCP_DOCS = {
        "SCHEMA_ADAPTER": "history_changes_adapter.GitHubNow",
        "SCHEMA_PATH_PREFIX": "",
        "TOOL_TIMEOUT": 300,
        "CACHE_SCHEMA": True,
    }
    adapter = Path(tmp.name) / "history_changes_adapter.py"
    adapter.write_text(
        "from drf_mcp_docs.schema.adapters import OpenAPIFileAdapter\n"
        f"class GitHubNow(OpenAPIFileAdapter):\n    path = {str(new_path)!r}\n"
    )
    sys.path.insert(0, tmp.name)
    store.record(old_doc, label="octokit-22")
    calls = asyncio.run(tool_calls(rounds))
    print(table(["get_api_changes (MCP, in memory)", "median ms", "calls"], calls))
    print()

    old_meta, new_meta = {"version": "22.0.0"}, {"version": "23.0.2"}
    everything = report.rows(result)
    pages: list[int] = []
    offset: int | None = 0
    while offset is not None:
        selected, offset = report.page(everything, offset)
        pages.append(len(json.dumps(report.group(selected), separators=(",", ":")).encode()))
    sizes = [
        ("canonical JSON 22.0.0", len(canonical_json(old_doc))),
        ("stored (zlib) 22.0.0", len(zlib.compress(canonical_json(old_doc), 6))),
        ("canonical JSON 23.0.2", len(canonical_json(new_doc))),
        ("stored (zlib) 23.0.2", len(zlib.compress(canonical_json(new_doc), 6))),
        ("report, JSON", len(json.dumps(report.full(result, old_meta, new_meta)).encode())),
        ("report, markdown", len(report.markdown(result, old_meta, new_meta).encode())),
        ("report, text", len(report.text(result, old_meta, new_meta).encode())),
        (f"tool pages: {len(pages)}, largest (changes only)", max(pages)),
    ]
    print(table(["what", "bytes"], sizes))
    print()
    summary = report.summary(result)
    print(
        f"changes: {summary['changes']} ({summary['breaking']} breaking); endpoints "
        f"+{summary['endpointsAdded']} -{summary['endpointsRemoved']} "
        f"~{summary['endpointsChanged']}, {summary['endpointsUnchanged']} unchanged"
    )
    tmp.cleanup()
    return 0


async def tool_calls(rounds: int) -> list[tuple[str, float, int]]:
    from mcp import Client

    from drf_mcp_docs.history.compare import forget
    from drf_mcp_docs.schema.cache import schema_cache
    from drf_mcp_docs.server import get_mcp_server

    first: list[float] = []
    following: list[float] = []
    largest = 0
    async with Client(get_mcp_server()) as client:
        await client.call_tool("search_endpoints", {"query": "repository"})  # schema built
        for _ in range(rounds):
            forget()
            started = time.perf_counter()
            answer = await client.call_tool("get_api_changes", {"since": "octokit-22"})
            first.append((time.perf_counter() - started) * 1000)
            assert not answer.is_error, answer.content[0].text
            largest = max(largest, len(answer.content[0].text.encode()))
            offset = answer.structured_content["nextOffset"]
            started = time.perf_counter()
            answer = await client.call_tool(
                "get_api_changes", {"since": "octokit-22", "offset": offset}
            )
            following.append((time.perf_counter() - started) * 1000)
            largest = max(largest, len(answer.content[0].text.encode()))
    schema_cache.invalidate()
    return [
        ("first page (baseline processed + diff)", median(first), len(first)),
        ("next page (cached)", median(following), len(following)),
        (f"largest answer: {largest} bytes", float("nan"), 0),
    ]


if __name__ == "__main__":
    sys.exit(main())
