"""Deployment benchmarks over real HTTP: workers behind nginx, stateful vs stateless.

Called by ``benchmarks/deployment.py`` (which prints the in-process tables first):

1. ``workers``: a tools/call mix (``deploy_load.MIX``) through nginx to 1 vs 2 uvicorn
   processes (stateless, the default), at fixed concurrencies. Both deployments run side
   by side; the rounds alternate which one is loaded first. Medians of the rounds.
2. ``sessions``: one uvicorn each, stateful (``STATELESS: False``, ``MAX_SESSIONS`` high)
   vs stateless; two batches of N MCP clients each (initialize, initialized, one
   tools/call, sessions left open); the RSS of the server process from /proc before and
   after each batch. Fresh servers every round; the rounds alternate the order.

The load client is this process (httpx): on a small machine it competes with the servers
for the same cores, so the tables give the CPU the client and the servers used.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import _bench
import anyio
import deploy_load
import deploy_servers
import deploy_wrk
from deploy_load import LoadStats

LOADERS = {
    "wrk": "Debian's wrk 4 (one thread, in C), a Lua script cycling through the mix",
    "httpx": "an httpx async client in this Python process (install wrk for a lighter one)",
}
MAX_SESSIONS = 100_000  # the stateful server must not refuse any of the benchmark's clients


def _ms(stats: list[LoadStats], q: int) -> float:
    return _bench.median([s.percentile(q) for s in stats]) * 1000


def workers(db: Path, logs: Path, quick: bool, loader: str = "auto") -> None:
    """Section 1: the tools/call mix, nginx in front of 1 vs 2 uvicorn workers.

    ``loader``: ``wrk`` (Debian's, in C), ``httpx`` (this process) or ``auto`` (wrk when
    it is installed).
    """
    if loader == "auto":
        loader = "wrk" if deploy_wrk.available() else "httpx"
    rounds, requests, seconds = (1, 60, 2) if quick else (5, 1500, 10)
    concurrencies = (8, 32)
    print("\n## A tools/call mix through nginx: 1 vs 2 uvicorn workers (stateless)\n")
    bound = f"{seconds} s" if loader == "wrk" else f"{requests} requests"
    print(f"{rounds} interleaved rounds of {bound} per row and round, the mix of "
          f"{len(deploy_load.MIX)} calls cycled; medians of the rounds. Start: "
          f"{deploy_servers.load_average()}. Load generator: {LOADERS[loader]}\n")  # fmt: skip
    if deploy_servers.nginx_binary() is None:
        print("nginx is not installed: section skipped (apt-get install nginx)\n")
        return
    with _bench.children() as started:
        ups = [deploy_servers.uvicorn(db, logs, started) for _ in range(3)]
        deploy_servers.wait(started, ups)
        fronts = {
            "1 worker": deploy_servers.nginx(ups[:1], logs, started),
            "2 workers": deploy_servers.nginx(ups[1:], logs, started),
        }
        deploy_servers.wait(started[3:], list(fronts.values()))
        pids = {"1 worker": [started[0].pid], "2 workers": [started[1].pid, started[2].pid]}
        nginx_pid = {"1 worker": started[3].pid, "2 workers": started[4].pid}
        urls = {name: f"http://127.0.0.1:{port}/mcp/" for name, port in fronts.items()}
        for url in urls.values():  # every worker builds its schema before the clock runs
            warm = anyio.run(deploy_load.tool_mix, url, 40, 4)
            if warm.errors:
                raise SystemExit(f"warm-up failed on {url}: {warm.first_errors()}")
        runs: dict[tuple[str, int], list[LoadStats]] = {}
        cpu: dict[tuple[str, int], list[tuple[float, float]]] = {}
        for r in range(rounds):
            for i, concurrency in enumerate(concurrencies):
                names = list(urls) if (r + i) % 2 == 0 else list(reversed(urls))
                for name in names:
                    before = (deploy_load.cpu_seconds(pids[name]),
                              deploy_load.cpu_seconds([nginx_pid[name]]))  # fmt: skip
                    if loader == "wrk":
                        stats = deploy_wrk.tool_mix(urls[name], seconds, concurrency)
                    else:
                        stats = anyio.run(deploy_load.tool_mix, urls[name], requests, concurrency)
                    used = (deploy_load.cpu_seconds(pids[name]) - before[0],
                            deploy_load.cpu_seconds([nginx_pid[name]]) - before[1])  # fmt: skip
                    runs.setdefault((name, concurrency), []).append(stats)
                    cpu.setdefault((name, concurrency), []).append(
                        (used[0] / stats.seconds, used[1] / stats.seconds)
                    )
    rows = []
    for concurrency in concurrencies:
        base = _bench.median([s.rate for s in runs[("1 worker", concurrency)]])
        for name in urls:
            batch = runs[(name, concurrency)]
            rate = _bench.median([s.rate for s in batch])
            rows.append([
                name, concurrency, sum(s.done for s in batch), sum(len(s.errors) for s in batch),
                rate, _ms(batch, 50), _ms(batch, 95), rate / base,
                _bench.median([c[0] for c in cpu[(name, concurrency)]]),
                _bench.median([c[1] for c in cpu[(name, concurrency)]]),
                _bench.median([s.client_cpu / s.seconds for s in batch]),
            ])  # fmt: skip
    print(_bench.table(
        ["upstream", "concurrency", "requests", "errors", "req/s", "p50 ms", "p95 ms",
         "req/s ratio", "workers CPU (cores)", "nginx CPU (cores)", "client CPU (cores)"],
        rows,
    ))  # fmt: skip
    _print_errors(runs)
    print(f"\nEnd: {deploy_servers.load_average()}\n")


def sessions(db: Path, logs: Path, quick: bool) -> None:
    """Section 2: stateful vs stateless on one worker; req/s, p95 and the server's RSS."""
    rounds, clients, concurrency = (1, 40, 8) if quick else (3, 1000, 32)
    modes = {"stateful": {"STATELESS": False, "MAX_SESSIONS": MAX_SESSIONS}, "stateless": {}}
    print(f"## Stateful vs stateless, one uvicorn worker: {clients:,} MCP clients per batch\n")
    print(f"Each client: initialize, notifications/initialized, one tools/call (3 requests; "
          f"stateful clients keep their session open); {concurrency} at a time; two batches "
          f"per server, fresh servers each of {rounds} interleaved rounds; medians. RSS of the "
          f"uvicorn process from /proc. Start: {deploy_servers.load_average()}\n")  # fmt: skip
    runs: dict[str, list[LoadStats]] = {}
    memory: dict[str, list[tuple[float, float, float]]] = {}
    for r in range(rounds):
        with _bench.children() as started:
            ports = {name: deploy_servers.uvicorn(db, logs, started, **settings)
                     for name, settings in modes.items()}  # fmt: skip
            deploy_servers.wait(started, list(ports.values()))
            pid = dict(zip(ports, (child.pid for child in started), strict=True))
            urls = {name: f"http://127.0.0.1:{port}/mcp/" for name, port in ports.items()}
            for url in urls.values():
                warm = anyio.run(deploy_load.mcp_clients, url, 4, 2)
                if warm.errors:
                    raise SystemExit(f"warm-up failed on {url}: {warm.first_errors()}")
            names = list(modes) if r % 2 == 0 else list(reversed(modes))
            for name in names:
                time.sleep(0.5)
                rss = [deploy_load.rss_mib(pid[name])]
                for _ in range(2):
                    stats = anyio.run(deploy_load.mcp_clients, urls[name], clients, concurrency)
                    runs.setdefault(name, []).append(stats)
                    time.sleep(0.5)  # let the last answers' buffers go
                    rss.append(deploy_load.rss_mib(pid[name]))
                memory.setdefault(name, []).append((rss[0], rss[1], rss[2]))
    per_thousand = 1000 / clients
    rows = []
    for name in modes:
        batch, mem = runs[name], memory[name]
        before, first, second = (_bench.median([m[i] for m in mem]) for i in range(3))
        rows.append([
            name, f"{2 * rounds} x {clients:,}", sum(s.done for s in batch),
            sum(len(s.errors) for s in batch), _bench.median([s.rate for s in batch]),
            _ms(batch, 50), _ms(batch, 95), before, first, second,
            _bench.median([(m[1] - m[0]) * per_thousand for m in mem]),
            _bench.median([(m[2] - m[1]) * per_thousand for m in mem]),
        ])  # fmt: skip
    print(_bench.table(
        ["mode", "clients", "requests", "errors", "req/s", "p50 ms", "p95 ms",
         "RSS before MiB", "after batch 1", "after batch 2",
         "MiB per 1,000 (batch 1)", "MiB per 1,000 (batch 2)"],
        rows,
    ))  # fmt: skip
    _print_errors(runs)
    print(f"\nEnd: {deploy_servers.load_average()}\n")


def _print_errors(runs: Mapping[Any, list[LoadStats]]) -> None:
    for key, stats in runs.items():
        errors = LoadStats(errors=[e for s in stats for e in s.errors])
        if errors.errors:
            print(f"\nerrors of {key}: {errors.first_errors()}")
