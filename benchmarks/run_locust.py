"""Run ``locustfile.py`` headless against the mounted example project; print the table.

    python benchmarks/run_locust.py [--quick] [--users N] [--spawn-rate R] [--time S]

Starts uvicorn serving ``example_project.asgi:application`` (Django with ``mount_mcp``)
on a free 127.0.0.1 port with a seeded sqlite database, runs locust headless with
``--csv``, prints requests/s, failures and percentiles per request type, and kills the
server by PID. Exits 1 when any request failed.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="CI-sized run (< 30 s)")
    parser.add_argument("--users", type=int, help="concurrent users (default 20; quick 8)")
    parser.add_argument("--spawn-rate", type=float, default=10.0, help="users started per s")
    parser.add_argument("--time", type=int, help="seconds of load (default 20; quick 6)")
    args = parser.parse_args(argv)
    _bench.setup_paths()
    users = args.users or (8 if args.quick else 20)
    seconds = args.time or (6 if args.quick else 20)

    _bench.print_header("Locust: Django GETs and MCP sessions on one mounted server", args.quick)
    print(f"locust headless: {users} users, spawn rate {args.spawn_rate:g}/s, {seconds} s")
    print()
    with tempfile.TemporaryDirectory(prefix="drf-mcp-bench-") as tmp:
        tmpdir = Path(tmp)
        with _bench.example_database(tmpdir) as db, _bench.children() as started:
            env = _bench.child_env(EXAMPLE_DB_PATH=str(db), DJANGO_DEBUG="0")
            port = _bench.free_port()
            server = _bench.Child(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--no-access-log",
                    "--log-level",
                    "warning",
                    "example_project.asgi:application",
                ],
                env,
                log=tmpdir / "server.log",
            )
            started.append(server)
            server.wait_for_port(port)
            prefix = tmpdir / "locust"
            command = [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                "5",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ]
            locust = subprocess.run(
                command,
                env=env,
                cwd=str(_bench.ROOT),
                capture_output=True,
                text=True,
                timeout=seconds + 120,
            )
            stats_file = Path(f"{prefix}_stats.csv")
            if not stats_file.exists():
                print(locust.stdout[-3000:], locust.stderr[-3000:], sep="\n")
                return 2
            with stats_file.open(newline="") as handle:
                stats = list(csv.DictReader(handle))
            failures_file = Path(f"{prefix}_failures.csv")
            failures = failures_file.read_text() if failures_file.exists() else ""

    rows = []
    for row in stats:
        name = "all requests" if row["Name"] == "Aggregated" else row["Name"]
        rows.append(
            [
                name,
                int(row["Request Count"]),
                int(row["Failure Count"]),
                float(row["Requests/s"]),
                _number(row["50%"]),
                _number(row["95%"]),
                _number(row["99%"]),
            ]
        )
    headers = ["request", "requests", "failures", "req/s", "p50 ms", "p95 ms", "p99 ms"]
    print(_bench.table(headers, rows))
    total_failures = sum(row[2] for row in rows if row[0] == "all requests")
    if total_failures:
        print()
        print("failures:")
        print(failures)
    return 1 if total_failures or locust.returncode not in (0, 1) else 0


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return float("nan")


if __name__ == "__main__":
    sys.exit(main())
