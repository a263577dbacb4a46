"""The shared schema cache per backend: what a second worker's first call costs.

    python benchmarks/shared_cache.py [--quick] [--docs example,stripe]

A first worker has put the document in the shared cache (``SCHEMA_CACHE_ALIAS``); the
measured call is a fresh worker's first ``SchemaCache.get()``: read the version, the
manifest and the chunks, decompress, parse, then process the document. Modes: no shared
cache (the worker generates the document itself), Redis (a private redis-server),
Memcached (a private memcached, default 1 MB items) and the database cache (SQLite file).
For Stripe's document "generating" is a ``json.loads`` of the file (a DRF project of that
size would take far longer to generate it). Rounds are interleaved (the order of the modes
rotates each round); medians. Servers run on free 127.0.0.1 ports, killed by PID.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _bench

_bench.setup_paths()

BACKENDS = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
    "db": "django.core.cache.backends.db.DatabaseCache",
}


def start_servers(tmp: Path, started: list[_bench.Child]) -> dict[str, str]:
    """LOCATION per backend; a backend whose server is not installed is left out."""
    locations = {"db": "drf_mcp_docs_bench_cache"}
    commands = {
        "redis": ("redis-server", ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                   "--dir", str(tmp), "--port"]),
        "memcached": ("memcached", ["-l", "127.0.0.1", "-U", "0", "-u", "nobody", "-p"]),
    }  # fmt: skip
    for name, (binary, args) in commands.items():
        found = shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/usr/bin")
        if found is None:
            print(f"({binary} is not installed: no {name} rows)")
            continue
        port = _bench.free_port()
        child = _bench.Child([found, *args, str(port)], _bench.child_env(), log=tmp / name)
        started.append(child)
        child.wait_for_port(port)
        locations[name] = f"redis://127.0.0.1:{port}/0" if name == "redis" else f"127.0.0.1:{port}"
    return locations


def first_call(alias: str | None, extra: dict[str, Any]) -> tuple[float, float]:
    """(ms of a fresh worker's first get(), ms of its shared read alone) under ``alias``."""
    from django.test.utils import override_settings

    from drf_mcp_docs.schema.cache import SchemaCache
    from drf_mcp_docs.schema.shared import SharedDocument

    options: dict[str, Any] = {"CACHE_SCHEMA": True, "SCHEMA_CACHE_ALIAS": alias, **extra}
    with override_settings(DRF_MCP_DOCS=options):
        started = time.perf_counter()
        SchemaCache().get()
        total = time.perf_counter() - started
        if alias is None:
            return total * 1000, float("nan")
        store = SharedDocument(alias)
        started = time.perf_counter()
        version = store.version()
        assert version is not None
        store.load(version, fail, None)
        return total * 1000, (time.perf_counter() - started) * 1000


def fail() -> dict[str, Any]:
    raise AssertionError("the document was not in the shared cache")


def measure(
    label: str, modes: list[str | None], rounds: int, extra: dict[str, Any]
) -> list[list[Any]]:
    from drf_mcp_docs.schema.shared import SharedDocument

    for alias in modes:  # the first worker: puts this document in each shared cache
        if alias is not None:
            SharedDocument(alias).bump()  # a new version: not the previous document's
            first_call(alias, extra)
    totals: dict[str | None, list[float]] = {m: [] for m in modes}
    reads: dict[str | None, list[float]] = {m: [] for m in modes}
    for n in range(rounds):
        for alias in modes[n % len(modes) :] + modes[: n % len(modes)]:
            total, read = first_call(alias, extra)
            totals[alias].append(total)
            reads[alias].append(read)
    base = _bench.median(totals[None])
    return [
        [label, alias or "no shared cache", _bench.median(totals[alias]),
         _bench.median(reads[alias]), _bench.median(totals[alias]) / base]
        for alias in modes
    ]  # fmt: skip


def stripe_document() -> Callable[[], dict[str, Any]]:
    from tests.support.realworld import fetch

    text = fetch("stripe").read_text(encoding="utf-8")
    return lambda: json.loads(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--docs", default="example,stripe")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    with tempfile.TemporaryDirectory(prefix="drf-mcp-bench-") as tmp, _bench.children() as started:
        locations = start_servers(Path(tmp), started)
        os.environ["EXAMPLE_DB_PATH"] = str(Path(tmp) / "cache.sqlite3")
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from drf_mcp_docs.schema import adapters

        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            **{
                name: {"BACKEND": BACKENDS[name], "LOCATION": loc}
                for name, loc in locations.items()
            },
        }
        call_command("createcachetable", verbosity=0)
        _bench.print_header("Shared schema cache: a second worker's first call", args.quick)
        modes: list[str | None] = [None, *[n for n in BACKENDS if n in locations]]
        rows = []
        for doc in args.docs.split(","):
            extra: dict[str, Any] = {}
            if doc == "stripe":
                extra["SCHEMA_PATH_PREFIX"] = "/"
                from tests.support.realworld import Unavailable

                try:
                    adapters.load_document = stripe_document()  # type: ignore[assignment]
                except Unavailable as exc:
                    print(f"(stripe: {exc})")
                    continue
            rows += measure(doc, modes, rounds, extra)
        print(f"## A fresh worker's first schema, median of {rounds} interleaved rounds\n")
        print(_bench.table(
            ["document", "shared cache", "first call ms", "of which cache read ms", "ratio"],
            rows,
        ))  # fmt: skip


if __name__ == "__main__":
    main()
