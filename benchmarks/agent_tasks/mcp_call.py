"""The agent's MCP client: call one tool of the benchmark's MCP server, as a client shows it.

    python benchmarks/agent_tasks/mcp_call.py --run RUN_DIR --list
    python benchmarks/agent_tasks/mcp_call.py --run RUN_DIR TOOL '{"arg": "value"}'

``--list`` prints every tool with its description and input schema; a call prints the
tool's answer: its text content (what agents' clients put in the model's context), or the
structured content as JSON when there is no text. A tool error is printed the same way
after a ``[tool error]`` line, and exits 1. The server's URL is read from
``RUN_DIR/run.json`` (written by ``start.py``) unless ``--url`` gives it; ``RUN_DIR``
defaults to ``$AGENT_RUN``. Each call appends one JSON line to ``RUN_DIR/calls.jsonl``:
tool, arguments, bytes printed, seconds, time, and ``$AGENT_TASK`` when set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import anyio
from mcp import Client
from mcp.client.streamable_http import streamable_http_client


def _text(result: Any) -> str:
    texts = [block.text for block in result.content if getattr(block, "type", "") == "text"]
    if texts:
        body = "\n".join(texts)
    elif result.structured_content is not None:
        body = json.dumps(result.structured_content, ensure_ascii=False)
    else:
        body = "\n".join(json.dumps(b.model_dump(mode="json")) for b in result.content)
    return ("[tool error]\n" + body) if result.is_error else body


def _tools_listing(tools: list[Any]) -> str:
    parts = []
    for tool in tools:
        schema = json.dumps(tool.input_schema, separators=(",", ":"), ensure_ascii=False)
        parts.append(f"## {tool.name}\n{tool.description or ''}\ninput schema:\n{schema}\n")
    return "\n".join(parts)


async def _call(url: str, tool: str | None, arguments: dict[str, Any]) -> tuple[str, bool]:
    async with Client(streamable_http_client(url)) as client:
        if tool is None:
            return _tools_listing((await client.list_tools()).tools), False
        result = await client.call_tool(tool, arguments)
        return _text(result), bool(result.is_error)


def _url(run_dir: Path | None, url: str | None) -> str:
    if url:
        return url
    if run_dir is None:
        raise SystemExit("mcp_call: give --run RUN_DIR (or set AGENT_RUN), or --url")
    run = json.loads((run_dir / "run.json").read_text())
    if "mcp" not in run:
        raise SystemExit(f"mcp_call: {run_dir} is a {run.get('mode')!r} run, with no MCP server")
    return str(run["mcp"]["url"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tool", nargs="?", help="the tool to call")
    parser.add_argument("arguments", nargs="?", default="{}", help="its arguments, as JSON")
    parser.add_argument("--list", action="store_true", help="list the tools")
    parser.add_argument("--run", type=Path, default=os.environ.get("AGENT_RUN") or None)
    parser.add_argument("--url", help="the MCP endpoint (default: from RUN_DIR/run.json)")
    args = parser.parse_args(argv)
    if not args.list and not args.tool:
        parser.error("name a tool, or --list")
    try:
        arguments = json.loads(args.arguments)
    except ValueError as error:
        parser.error(f"arguments must be a JSON object: {error}")
    if not isinstance(arguments, dict):
        parser.error("arguments must be a JSON object")
    url = _url(args.run, args.url)
    started = time.perf_counter()
    output, failed = anyio.run(_call, url, None if args.list else args.tool, arguments)
    seconds = time.perf_counter() - started
    data = output.encode("utf-8")
    sys.stdout.write(output + ("" if output.endswith("\n") else "\n"))
    if args.run is not None:
        entry = {
            "tool": "--list" if args.list else args.tool,
            "args": {} if args.list else arguments,
            "bytes": len(data),
            "error": failed,
            "seconds": round(seconds, 3),
            "time": time.time(),
            "task": os.environ.get("AGENT_TASK"),
        }
        with (Path(args.run) / "calls.jsonl").open("a") as log:
            log.write(json.dumps(entry) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
