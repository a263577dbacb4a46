"""What the mount costs on the requests it does not serve, measured in-process.

    python benchmarks/routing.py [--quick]

Interleaved A/B rounds in one run (the order of the variants is shuffled every round), the
median of the per-round differences to calling the inner app directly:

1. a no-op inner ASGI app, bare / in ``mount_mcp`` / behind Starlette's ``Mount``: the
   router's own cost in ns per request, for an ``http`` and a ``websocket`` scope;
2. why ``__call__`` is not ``async def``: an inner app that suspends four times, driven
   with ``coroutine.send`` as an asyncio Task drives it;
3. the example Django project serving ``GET /api/ping/``: time per request and the ratio;
4. the first MCP request without lifespan (Daphne): the one-off lazy start, in ms.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench

_bench.setup_paths()

from drf_mcp_docs.asgi.types import ASGIApp as App  # noqa: E402
from drf_mcp_docs.asgi.types import Scope  # noqa: E402

#: Budgets of docs/benchmarks.md: router cost per non-MCP request, Django ratio.
ROUTER_BUDGET_NS = 150.0
DJANGO_BUDGET = 1.005


async def noop_app(scope: Scope, receive: Any, send: Any) -> None:
    """An inner app that does nothing: what remains is the router's cost."""


@types.coroutine
def _suspend() -> Any:
    yield  # what awaiting an unfinished future does, minus the event loop


async def suspending_app(scope: Scope, receive: Any, send: Any) -> None:
    """An inner app that suspends four times (reading the body, a thread hop, sending)."""
    for _ in range(4):
        await _suspend()


class Forward:
    """The least any ASGI wrapper object costs: a ``__call__`` that only forwards."""

    def __init__(self, app: App) -> None:
        self.app = app

    def __call__(self, scope: Scope, receive: Any, send: Any) -> Any:
        return self.app(scope, receive, send)


def _no_sessions() -> Any:
    raise RuntimeError("the routing benchmark never serves MCP")


def starlette_mount(inner: App, mcp_app: App) -> Any:
    """The alternative: Starlette's Router with the MCP app and the project each on a Mount."""
    from starlette.routing import Mount, Router

    return Router(routes=[Mount("/mcp", app=mcp_app), Mount("", app=inner)])


def http_scope(path: str, method: str = "GET", headers: list[Any] | None = None) -> Scope:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers or [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
    }


def ws_scope(path: str) -> Scope:
    http = http_scope(path)
    scope = {key: value for key, value in http.items() if key != "method"}
    scope.update(type="websocket", scheme="ws", subprotocols=[])
    return dict(scope)


# -- 1. no-op inner app -------------------------------------------------------------------


async def _await_loop(app: App, scope: Scope, n: int) -> float:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        return None

    # A fresh scope per request, as a server builds one just before calling the app (and
    # Starlette's Router mutates it): the copy is in every variant, hot in the CPU cache.
    copy = dict
    started = time.perf_counter_ns()
    for _ in range(n):
        await app(copy(scope), receive, send)
    return (time.perf_counter_ns() - started) / n


def _drive_loop(app: App, scope: Scope, n: int) -> float:
    copy = dict
    started = time.perf_counter_ns()
    for _ in range(n):
        coro = app(copy(scope), None, None)
        try:
            while True:
                coro.send(None)
        except StopIteration:
            pass
    return (time.perf_counter_ns() - started) / n


def interleave(
    variants: dict[str, Callable[[], float]], rounds: int, baseline: str
) -> dict[str, dict[str, float]]:
    """Run every variant once per round in a shuffled order; medians and paired deltas."""
    samples: dict[str, list[float]] = {name: [] for name in variants}
    order = list(variants)
    gc.collect()
    gc.disable()
    try:
        for name in order:  # warm-up round, not recorded
            variants[name]()
        for _ in range(rounds):
            random.shuffle(order)
            for name in order:
                samples[name].append(variants[name]())
    finally:
        gc.enable()
    base = samples[baseline]
    out = {}
    for name, values in samples.items():
        deltas = [v - b for v, b in zip(values, base, strict=True)]
        ratios = [v / b for v, b in zip(values, base, strict=True)]
        out[name] = {
            "median": _bench.median(values),
            "delta": _bench.median(deltas),
            "ratio": _bench.median(ratios),
        }
    return out


def bench_noop(rounds: int, n: int) -> tuple[list[list[Any]], dict[str, Any]]:
    from drf_mcp_docs.urls import mount_mcp

    mounted = mount_mcp(noop_app)
    starlette = starlette_mount(noop_app, noop_app)
    rows: list[list[Any]] = []
    summary: dict[str, Any] = {}
    loop = asyncio.new_event_loop()
    try:
        for kind, scope in (("http", http_scope("/api/ping/")), ("websocket", ws_scope("/ws/"))):
            apps = {
                "bare": noop_app,
                "mount_mcp": mounted,
                "Starlette Mount": starlette,
                "forwarding object (floor)": Forward(noop_app),
            }
            variants = {
                name: (
                    lambda app=app, scope=scope: loop.run_until_complete(_await_loop(app, scope, n))
                )
                for name, app in apps.items()
            }
            result = interleave(variants, rounds, "bare")
            for name, stats in result.items():
                rows.append(
                    [
                        kind,
                        name,
                        stats["median"],
                        0.0 if name == "bare" else stats["delta"],
                        stats["ratio"],
                    ]
                )
            summary[kind] = result["mount_mcp"]["delta"]
    finally:
        loop.close()
    return rows, summary


# -- 2. why not async def --------------------------------------------------------------------


def bench_suspending(rounds: int, n: int) -> list[list[Any]]:
    """The same router around an inner app that returns at once and one that suspends 4
    times, both driven by ``send()``: the difference, per suspension, is what one more
    coroutine frame in the await chain costs every time the inner app resumes."""
    from drf_mcp_docs.urls import mount_mcp

    scope = http_scope("/api/ping/")
    results = {}
    for label, inner in (("no-op", noop_app), ("4 suspensions", suspending_app)):
        apps = {
            "bare": inner,
            "mount_mcp": mount_mcp(inner),
        }
        variants = {
            name: (lambda app=app: _drive_loop(app, scope, n)) for name, app in apps.items()
        }
        results[label] = interleave(variants, rounds, "bare")
    rows = []
    for name in results["no-op"]:
        once = 0.0 if name == "bare" else results["no-op"][name]["delta"]
        suspending = 0.0 if name == "bare" else results["4 suspensions"][name]["delta"]
        rows.append(
            [
                name,
                results["no-op"][name]["median"],
                results["4 suspensions"][name]["median"],
                once,
                suspending,
                (suspending - once) / 4,
            ]
        )
    return rows


# -- 3. Django ------------------------------------------------------------------------------


async def _django_request(app: App) -> float:
    """One ``GET /api/ping/`` through ``app``; its duration in ns."""
    scope = http_scope("/api/ping/", headers=[(b"host", b"127.0.0.1"), (b"accept", b"*/*")])
    sent: list[Any] = []
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if delivered:
            await asyncio.Event().wait()  # the disconnect never comes; Django cancels this
        delivered = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    started = time.perf_counter_ns()
    await app(scope, receive, send)
    elapsed = time.perf_counter_ns() - started
    if sent[0].get("status") != 200:
        raise RuntimeError(f"GET /api/ping/ answered {sent[0].get('status')}: {sent[1:2]}")
    return elapsed


def bench_django(rounds: int, batch: int) -> tuple[list[list[Any]], float]:
    """Each round times a batch of requests through every variant, in a shuffled order.

    Batches average out the noise of single requests (Django starts a thread for each);
    ratios are paired per round, so the drift of a busy machine cancels out.
    """
    from drf_mcp_docs.urls import mount_mcp
    from example_project.asgi import django_application

    apps = {
        "bare": django_application,
        "mount_mcp": mount_mcp(django_application),
        "Starlette Mount": starlette_mount(django_application, noop_app),
    }
    samples: dict[str, list[float]] = {name: [] for name in apps}
    order = list(apps)

    async def run() -> None:
        for name in order:  # warm-up
            for _ in range(20):
                await _django_request(apps[name])
        for _ in range(rounds):
            random.shuffle(order)
            for name in order:
                total = 0.0
                for _ in range(batch):
                    total += await _django_request(apps[name])
                samples[name].append(total / batch)

    asyncio.run(run())
    base = samples["bare"]
    rows = []
    ratio = 1.0
    for name, values in samples.items():
        ratios = [v / b for v, b in zip(values, base, strict=True)]
        low, high = _median_interval(ratios)
        median_ratio = _bench.median(ratios)
        if name == "mount_mcp":
            ratio = median_ratio
        rows.append(
            [
                "GET /api/ping/",
                name,
                _bench.median(values) / 1000,
                _bench.median([v - b for v, b in zip(values, base, strict=True)]) / 1000,
                f"{median_ratio:.4f}",
                "-" if name == "bare" else f"{low:.4f} - {high:.4f}",
            ]
        )
    return rows, ratio


def _median_interval(values: list[float], draws: int = 400) -> tuple[float, float]:
    """A 95% bootstrap interval of the median of ``values``: how much noise it carries."""
    rng = random.Random(5)
    medians = sorted(_bench.median(rng.choices(values, k=len(values))) for _ in range(draws))
    return medians[int(draws * 0.025)], medians[int(draws * 0.975) - 1]


# -- 4. the first MCP request without lifespan -------------------------------------------------

INITIALIZE = json.dumps(_bench.initialize_request("bench", 1)).encode()


async def _mcp_request(app: App) -> float:
    headers = [
        (b"host", b"127.0.0.1"),
        (b"content-type", b"application/json"),
        (b"accept", b"application/json, text/event-stream"),
        (b"content-length", str(len(INITIALIZE)).encode()),
    ]
    scope = http_scope("/mcp/", method="POST", headers=headers)
    done = asyncio.Event()
    delivered = False
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if delivered:
            await done.wait()
            return {"type": "http.disconnect"}
        delivered = True
        return {"type": "http.request", "body": INITIALIZE, "more_body": False}

    async def send(message: Any) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])
        elif message["type"] == "http.response.body" and not message.get("more_body"):
            done.set()

    started = time.perf_counter_ns()
    await app(scope, receive, send)
    elapsed = (time.perf_counter_ns() - started) / 1e6
    if status != [200]:
        raise RuntimeError(f"MCP initialize answered {status}")
    return elapsed


async def _lazy_once() -> tuple[float, float]:
    from drf_mcp_docs.urls import mount_mcp

    mounted = mount_mcp(noop_app)
    try:
        first = await _mcp_request(mounted)  # no lifespan: starts the MCP side
        warm = await _mcp_request(mounted)
    finally:
        await mounted.aclose()
    return first, warm


def bench_lazy(repeats: int) -> list[list[Any]]:
    firsts, warms = [], []
    for _ in range(repeats):
        first, warm = asyncio.run(_lazy_once())
        firsts.append(first)
        warms.append(warm)
    first, warm = _bench.median(firsts), _bench.median(warms)
    return [
        ["first MCP request (starts the MCP side)", first],
        ["next MCP request (running)", warm],
        ["one-off lazy start cost", first - warm],
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="CI-sized run (< 30 s)")
    args = parser.parse_args(argv)
    quick = args.quick

    with tempfile.TemporaryDirectory(prefix="drf-mcp-bench-") as tmp:
        os.environ.setdefault("EXAMPLE_DB_PATH", str(Path(tmp) / "unused.sqlite3"))
        os.environ.setdefault("DJANGO_DEBUG", "0")  # as in production
        import django

        django.setup()
        from drf_mcp_docs.server import get_mcp_server

        get_mcp_server()  # built once, outside every timed loop

        _bench.print_header("Routing overhead, in-process", quick)
        rounds, n = (15, 2_000) if quick else (41, 20_000)
        rows, summary = bench_noop(rounds, n)
        print(f"## 1. no-op inner app ({rounds} rounds x {n:,} requests, medians)")
        headers = ["scope", "variant", "ns/request", "ns over bare", "ratio"]
        print(_bench.table(headers, rows))
        print()

        rows = bench_suspending(rounds, n // 2)
        print("## 2. the await chain: inner app driven by coroutine.send(), as a Task does")
        headers = [
            "variant",
            "ns, no-op",
            "ns, 4 suspensions",
            "over bare, no-op",
            "over bare, 4 suspensions",
            "ns per suspension",
        ]
        print(_bench.table(headers, rows))
        print()

        rounds_dj, batch = (12, 10) if quick else (300, 20)
        rows, django_ratio = bench_django(rounds_dj, batch)
        print(
            f"## 3. example Django project ({rounds_dj} rounds x {batch} requests per variant, "
            "medians of per-round values and paired ratios)"
        )
        headers = ["request", "variant", "us/request", "us over bare", "ratio", "95% interval"]
        print(_bench.table(headers, rows))
        print()

        repeats = 3 if quick else 15
        rows = bench_lazy(repeats)
        print(f"## 4. MCP without lifespan ({repeats} fresh mounts, medians)")
        print(_bench.table(["request", "ms"], rows))
        print()

        http_ok = summary["http"] <= ROUTER_BUDGET_NS
        django_ok = django_ratio <= DJANGO_BUDGET
        verdicts = [
            [
                "mount_mcp, http, ns over bare",
                summary["http"],
                f"<= {ROUTER_BUDGET_NS:.0f}",
                "ok" if http_ok else "MISSED",
            ],
            ["mount_mcp, websocket, ns over bare", summary["websocket"], "-", "-"],
            [
                "mount_mcp, Django ratio",
                f"{django_ratio:.4f}",
                f"<= {DJANGO_BUDGET}",
                "ok" if django_ok else "MISSED",
            ],
        ]
        print("## Budgets")
        print(_bench.table(["measure", "value", "budget", "verdict"], verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
