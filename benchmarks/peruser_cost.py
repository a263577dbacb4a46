"""What per-user docs (drf-spectacular ``SERVE_PUBLIC = False``) cost, measured in-process.

    python benchmarks/peruser_cost.py [--quick]

On the example project and on a synthetic 1,000-operation project (``synthetic.py``):

1. a new user's first call: generating that caller's schema (drf-spectacular with the
   caller's request, ``public=False``) and processing it into records, through the
   per-variant cache (``schema.variants``), against the public schema's build, in
   interleaved rounds (public, user, public, user, ...), medians;
2. the memory each cached variant holds: ``tracemalloc``'s traced size after holding N
   variants, minus before, divided by N (``gc.collect()`` first).

Users are unsaved ``User`` objects (no database): a plain user and a staff user, so each
variant is a real ``SERVE_PUBLIC = False`` schema of that user.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench


def request_for(user: Any) -> Any:
    """A DRF request of ``user`` (as the caller's authenticated request would be)."""
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    request = APIView().initialize_request(APIRequestFactory().get("/mcp/"))
    request.user = user
    return request


def users(count: int) -> list[Any]:
    from django.contrib.auth import get_user_model

    model = get_user_model()
    return [model(pk=10_000 + i, username=f"u{i}", is_staff=i % 2 == 1) for i in range(count)]


def public_build() -> float:
    from drf_mcp_docs.schema.cache import build_api_schema

    started = time.perf_counter()
    build_api_schema()
    return time.perf_counter() - started


def first_call(user: Any) -> float:
    """Seconds for a new user's schema through the per-variant cache (a cold key)."""
    from functools import partial

    from drf_mcp_docs.schema.variants import schema_caches
    from drf_mcp_docs.server.caller import caller_document

    loader = partial(caller_document, None, request_for(user))
    started = time.perf_counter()
    schema_caches.get(None, f"u:{user.pk}:{time.perf_counter_ns()}", loader).get()
    return time.perf_counter() - started


def variant_bytes(count: int) -> float:
    """Traced bytes held per cached variant (``count`` variants held)."""
    from functools import partial

    from drf_mcp_docs.schema.variants import schema_caches
    from drf_mcp_docs.server.caller import caller_document

    schema_caches.clear()
    held = users(count)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for user in held:
        loader = partial(caller_document, None, request_for(user))
        schema_caches.get(None, f"u:{user.pk}", loader).get()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert schema_caches.variants() == count
    schema_caches.clear()
    return (after - before) / count


def measure(label: str, rounds: int) -> list[Any]:
    public: list[float] = []
    per_user: list[float] = []
    for user in users(rounds):
        public.append(public_build())
        per_user.append(first_call(user))
    pub, mine = _bench.median(public), _bench.median(per_user)
    memory = variant_bytes(4)
    from drf_mcp_docs.schema.cache import build_api_schema

    operations = len(build_api_schema().endpoints)
    return [
        label,
        operations,
        f"{pub * 1000:.0f}",
        f"{mine * 1000:.0f}",
        f"{mine / pub:.2f}",
        f"{memory / 1e6:.1f}",
    ]


def example(rounds: int) -> list[Any]:
    _bench.setup_paths()
    import django
    from django.conf import settings

    django.setup()
    settings.SPECTACULAR_SETTINGS = {**settings.SPECTACULAR_SETTINGS, "SERVE_PUBLIC": False}
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "CACHE_SCHEMA": True, "SCHEMA_VARIANTS": 64}
    return measure("example project", rounds)


def synthetic_project(operations: int, rounds: int) -> list[Any]:
    import synthetic

    _bench.setup_paths()
    synthetic.configure()
    synthetic.make_urlconf(operations)
    from django.conf import settings

    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "SCHEMA_VARIANTS": 64}
    return measure(f"synthetic {operations:,}", rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--project", choices=["example", "synthetic"], default=None)
    parser.add_argument("--operations", type=int, default=1_000)
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    headers = [
        "project",
        "operations",
        "public build ms",
        "new user's first call ms",
        "ratio",
        "MB per cached variant",
    ]
    if args.project is None:  # each project in its own process (Django is set up once)
        _bench.print_header(
            "Per-user docs: a new user's first call, memory per variant", args.quick
        )
        for project in ("example", "synthetic"):
            command = [sys.executable, __file__, "--project", project]
            command += ["--operations", str(args.operations)] + (["--quick"] if args.quick else [])
            subprocess.run(command, check=True, timeout=900)
        return
    row = (
        example(rounds) if args.project == "example" else synthetic_project(args.operations, rounds)
    )
    print(_bench.table(headers, [row]))


if __name__ == "__main__":
    main()
