"""End to end over HTTP: uvicorn serving the example project, a load generator elsewhere.

    python benchmarks/end_to_end.py [--quick] [--loader {auto,wrk,httpx}]

Three servers on free 127.0.0.1 ports, each a separate process started (and killed, by
PID) by this script, all on the example project with a seeded sqlite database:

* ``bare``: ``uvicorn example_project.asgi:django_application`` (Django alone);
* ``mounted``: ``uvicorn example_project.asgi:application`` (``mount_mcp(django)``);
* ``standalone``: ``manage.py runmcpserver --transport streamable-http``.

The load generator runs in another process: Debian's ``wrk`` when it is on PATH, else an
httpx async loop started as a child of this script (``--loader httpx`` forces it), each
run bounded in time and in requests. Measured, in interleaved rounds (the order shuffled
every round), medians over rounds: requests/s, p50 and p99 of

* ``GET /api/ping/`` on ``bare`` and ``mounted``: what the mount costs Django;
* MCP ``tools/call search_endpoints`` (one initialized session, unique request ids) on
  ``mounted`` and ``standalone``: the mount must not be slower than the standalone server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench

MCP_HEADERS = {
    "Content-Type": "application/json",
    "Accept": "application/json, text/event-stream",
}
PROTOCOL_VERSION = _bench.PROTOCOL_VERSION
SEARCH_CALL = (
    '{"jsonrpc":"2.0","id":%d,"method":"tools/call",'
    '"params":{"name":"search_endpoints","arguments":{"query":"books"}}}'
)


# -- MCP over plain HTTP ---------------------------------------------------------------------


def mcp_session(base: str) -> str:
    """Initialize one MCP session at ``base`` (the endpoint URL); its id ('' when stateless)."""
    import httpx

    body = _bench.initialize_request("benchmarks")
    with httpx.Client(timeout=30) as client:
        response = client.post(base, json=body, headers=MCP_HEADERS)
        response.raise_for_status()
        session = response.headers.get("mcp-session-id", "")
        headers = {**session_headers(session), "Mcp-Protocol-Version": PROTOCOL_VERSION}
        note = {"jsonrpc": "2.0", "method": "notifications/initialized"}
        client.post(base, json=note, headers=headers).raise_for_status()
        # One real call: checks the answer and warms the schema cache before any timing.
        reply = client.post(base, content=SEARCH_CALL % 1, headers=headers)
        result = jsonrpc_result(reply.text)
        if result.get("isError") or not result.get("structuredContent", {}).get("total"):
            raise RuntimeError(f"search_endpoints over HTTP answered {reply.text[:300]}")
    return session


def session_headers(session: str) -> dict[str, str]:
    """The MCP request headers, with ``Mcp-Session-Id`` only when the server gave one."""
    return {**MCP_HEADERS, "Mcp-Session-Id": session} if session else dict(MCP_HEADERS)


def jsonrpc_result(text: str) -> dict[str, Any]:
    """The ``result`` of a JSON or single-event SSE response body; raises on an error."""
    payload = text
    if not text.lstrip().startswith("{"):
        lines = [line[5:].strip() for line in text.splitlines() if line.startswith("data:")]
        payload = next((line for line in lines if line), "{}")
    message = json.loads(payload)
    if "result" not in message:
        raise RuntimeError(f"JSON-RPC error: {payload[:300]}")
    return message["result"]


# -- load generators -------------------------------------------------------------------------

WRK_SCRIPT = """
local counter = 0
local template = %s
wrk.method = %s
%s
request = function()
  counter = counter + 1
  if template == "" then return wrk.format() end
  return wrk.format(nil, nil, nil, string.format(template, counter))
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\\"requests\\":%%d,\\"seconds\\":%%f,\\"errors\\":%%d,"
    .. "\\"p50\\":%%f,\\"p99\\":%%f}\\n",
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(
    url: str, method: str, headers: dict[str, str], body: str, seconds: float, connections: int
) -> dict[str, float]:
    header_lines = "\n".join(
        f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}" for k, v in headers.items()
    )
    script = WRK_SCRIPT % (_lua_string(body), _lua_string(method), header_lines)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        args = [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            handle.name,
            url,
        ]
        out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60)
    finally:
        os.unlink(handle.name)
    line = next((x for x in out.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if out.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stderr or out.stdout}")
    return json.loads(line[8:])


def run_httpx(
    url: str,
    method: str,
    headers: dict[str, str],
    body: str,
    seconds: float,
    connections: int,
    max_requests: int,
) -> dict[str, float]:
    """The httpx loop, in a child process (``--load-worker``) so it never shares a CPU
    budget with this script's bookkeeping."""
    spec = {
        "url": url,
        "method": method,
        "headers": headers,
        "body": body,
        "seconds": seconds,
        "connections": connections,
        "max_requests": max_requests,
    }
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--load-worker", json.dumps(spec)],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    if out.returncode != 0:
        raise RuntimeError(f"httpx load worker failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


async def _httpx_worker(spec: dict[str, Any]) -> dict[str, float]:
    import httpx

    latencies: list[float] = []
    errors = 0
    counter = 0
    deadline = time.perf_counter() + spec["seconds"]
    limits = httpx.Limits(max_connections=spec["connections"])
    is_mcp = bool(spec["body"])

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors, counter
        while time.perf_counter() < deadline and counter < spec["max_requests"]:
            counter += 1
            content = spec["body"] % counter if is_mcp else None
            started = time.perf_counter()
            try:
                response = await client.request(
                    spec["method"], spec["url"], headers=spec["headers"], content=content
                )
                ok = response.status_code == 200
                if ok and is_mcp:
                    jsonrpc_result(response.text)
            except Exception:
                ok = False
            latencies.append(time.perf_counter() - started)
            errors += not ok

    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        await asyncio.gather(*(worker(client) for _ in range(spec["connections"])))
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "errors": errors,
        "p50": _bench.percentile(latencies, 50) * 1000,
        "p99": _bench.percentile(latencies, 99) * 1000,
    }


# -- servers ---------------------------------------------------------------------------------


def start_servers(db: Path, log_dir: Path, started: list[_bench.Child]) -> dict[str, str]:
    """Start the three servers; return name -> base URL."""
    env = _bench.child_env(EXAMPLE_DB_PATH=str(db), DJANGO_DEBUG="0")
    uvicorn = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--no-access-log"]
    uvicorn += ["--log-level", "warning"]
    ports = {name: _bench.free_port() for name in ("bare", "mounted", "standalone")}
    commands = {
        "bare": [*uvicorn, "--port", str(ports["bare"]), "example_project.asgi:django_application"],
        "mounted": [*uvicorn, "--port", str(ports["mounted"]), "example_project.asgi:application"],
        "standalone": [
            sys.executable,
            str(_bench.EXAMPLE / "manage.py"),
            "runmcpserver",
            "--transport",
            "streamable-http",
            "--host",
            "127.0.0.1",
            "--port",
            str(ports["standalone"]),
        ],
    }
    for name, command in commands.items():
        started.append(_bench.Child(command, env, log=log_dir / f"{name}.log"))
    for child, port in zip(started, ports.values(), strict=True):
        child.wait_for_port(port)
    return {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="CI-sized run (< 30 s)")
    parser.add_argument("--loader", choices=("auto", "wrk", "httpx"), default="auto")
    parser.add_argument("--load-worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load_worker:
        print(json.dumps(asyncio.run(_httpx_worker(json.loads(args.load_worker)))))
        return 0

    _bench.setup_paths()
    loader = args.loader
    if loader == "auto":
        loader = "wrk" if shutil.which("wrk") else "httpx"
    if loader == "wrk" and not shutil.which("wrk"):
        parser.error("--loader wrk: wrk is not on PATH (apt-get install wrk)")
    quick = args.quick
    rounds, seconds = (1, 2.0) if quick else (7, 6.0)
    connections = 8
    max_requests = 2_000 if quick else 200_000

    _bench.print_header("End to end over HTTP (uvicorn, 127.0.0.1)", quick)
    note = " (Debian's wrk 4)" if loader == "wrk" else " (an httpx async loop in a child process)"
    print(f"load generator: {loader}{note}, {connections} connections, {seconds:g} s a run")
    print()

    samples: dict[tuple[str, str], list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="drf-mcp-bench-") as tmp:
        tmpdir = Path(tmp)
        with _bench.example_database(tmpdir) as db, _bench.children() as started:
            urls = start_servers(db, tmpdir, started)
            sessions = {
                name: mcp_session(urls[name] + "/mcp/") for name in ("mounted", "standalone")
            }
            runs = [("GET /api/ping/", "bare"), ("GET /api/ping/", "mounted")]
            runs += [("MCP search_endpoints", "mounted"), ("MCP search_endpoints", "standalone")]

            def load(kind: str, server: str) -> dict[str, float]:
                if kind.startswith("GET"):
                    url, method, headers, body = urls[server] + "/api/ping/", "GET", {}, ""
                else:
                    url, method, body = urls[server] + "/mcp/", "POST", SEARCH_CALL
                    headers = {
                        **session_headers(sessions[server]),
                        "Mcp-Protocol-Version": PROTOCOL_VERSION,
                    }
                if loader == "wrk":
                    return run_wrk(url, method, headers, body, seconds, connections)
                return run_httpx(url, method, headers, body, seconds, connections, max_requests)

            if not quick:
                for kind, server in runs:  # warm-up, not recorded
                    load(kind, server)
            for _ in range(rounds):
                random.shuffle(runs)
                for kind, server in runs:
                    samples.setdefault((kind, server), []).append(load(kind, server))

    rows = []
    reference: dict[str, float] = {}
    for kind, server in sorted(samples, key=lambda k: (k[0], k[1] not in ("bare", "standalone"))):
        runs_ = samples[(kind, server)]
        per_round = [r["requests"] / r["seconds"] for r in runs_]
        rps = _bench.median(per_round)
        reference.setdefault(kind, rps)
        rows.append(
            [
                kind,
                server,
                rps,
                f"{min(per_round):,.0f} - {max(per_round):,.0f}",
                rps / reference[kind],
                _bench.median([r["p50"] for r in runs_]),
                _bench.median([r["p99"] for r in runs_]),
                int(sum(r["requests"] for r in runs_)),
                int(sum(r["errors"] for r in runs_)),
            ]
        )
    print(f"## medians of {rounds} interleaved round(s)")
    headers = ["request", "server", "req/s", "rounds' range", "ratio", "p50 ms", "p99 ms"]
    headers += ["requests", "errors"]
    print(_bench.table(headers, rows))
    errors = sum(row[-1] for row in rows)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
