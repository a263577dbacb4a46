"""The tools/call mix (``deploy_load.MIX``) with Debian's ``wrk``: a load generator in C.

On a 2-core machine the load generator takes CPU from the servers it measures; wrk needs
far less of it per request than a Python client. One wrk thread cycles through the mix,
checks every answer (HTTP 200, a JSON-RPC ``result``, no ``"isError":true``) for a fixed
time (wrk runs for its ``-d`` duration: it has no request count of its own).
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

from deploy_load import HEADERS, MIX, LoadStats, call_body

SCRIPT = """
local bodies = {%(bodies)s}
local counter = 0
bad = 0
wrk.method = "POST"
%(headers)s
local threads = {}
setup = function(thread) table.insert(threads, thread) end
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[(counter - 1) %% #bodies + 1])
end
response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"result"', 1, true)
      or string.find(body, '"isError":true', 1, true) then
    bad = bad + 1
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local wrong = 0
  for _, thread in ipairs(threads) do wrong = wrong + thread:get("bad") end
  io.write(string.format(
    'WRKJSON {"requests":%%d,"seconds":%%f,"socket_errors":%%d,"wrong":%%d,'
    .. '"p50":%%f,"p95":%%f}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout,
    wrong, latency:percentile(50) / 1e6, latency:percentile(95) / 1e6))
end
"""


def available() -> bool:
    return shutil.which("wrk") is not None


def _lua(value: str) -> str:
    return json.dumps(value)  # a JSON string of ASCII is a valid Lua string literal


def tool_mix(url: str, seconds: int, concurrency: int) -> LoadStats:
    """The mix for ``seconds`` seconds over ``concurrency`` connections."""
    bodies = ", ".join(_lua(call_body(i + 1, *MIX[i]).decode()) for i in range(len(MIX)))
    headers = "\n".join(f"wrk.headers[{_lua(k)}] = {_lua(v)}" for k, v in HEADERS.items())
    script = SCRIPT % {"bodies": bodies, "headers": headers}
    with tempfile.TemporaryDirectory(prefix="drf-mcp-wrk-") as tmp:
        path = Path(tmp) / "mix.lua"
        path.write_text(script)
        args = ["wrk", "-t1", f"-c{concurrency}", f"-d{seconds}s",
                "--timeout", "30s", "-s", str(path), url]  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((x for x in out.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if out.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stderr or out.stdout}")
    report = json.loads(line[len("WRKJSON ") :])
    errors = ["socket error (wrk)"] * report["socket_errors"]
    errors += ["wrong answer (not 200, no result, or a tool error)"] * report["wrong"]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return LoadStats(
        errors=errors,
        seconds=report["seconds"],
        client_cpu=cpu,
        count=report["requests"] - report["wrong"],
        quantiles={50: report["p50"], 95: report["p95"]},
    )
