"""The README demo: migrate, seed, print the MCP client configuration, serve with uvicorn.

Run it with ``make demo`` (``DEMO_HOST`` / ``DEMO_PORT`` to change where it listens), or
``python example/run_demo.py --host 127.0.0.1 --port 8000`` in the venv. The port is bound
first: a busy port is one line on stderr before anything else. Ctrl-C stops it (status 0).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent
sys.path[:0] = [str(EXAMPLE), str(EXAMPLE.parent)]


def configure() -> None:
    """The demo's environment: the example settings, with the schema cached."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_project.settings")
    os.environ.setdefault("EXAMPLE_CACHE_SCHEMA", "1")


def client_configuration(url: str, name: str) -> str:
    cursor = {"mcpServers": {name: {"url": url}}}
    vscode = {"servers": {name: {"type": "http", "url": url}}}
    return "\n".join(
        [
            f"MCP endpoint: {url}  (open it in a browser for the connection page)",
            "",
            "Claude Code:",
            f"  claude mcp add --transport http {name} {url}",
            "",
            "Cursor (.cursor/mcp.json):",
            "  " + json.dumps(cursor),
            "",
            "VS Code (.vscode/mcp.json):",
            "  " + json.dumps(vscode),
            "",
            "MCP Inspector (needs Node.js):",
            f"  npx -y @modelcontextprotocol/inspector --cli {url} --transport http"
            " --method tools/list",
            "",
            "Try it: ask your agent to 'write a TypeScript client for the bookstore's books API'.",
            "Demo login: user 'demo', password 'demo-password' (token printed by the seed step).",
        ]
    )


def listen(host: str, port: int) -> socket.socket:
    """The demo's listening socket; a busy port or bad host exits with one line on stderr."""
    from django.core.management.base import CommandError

    from drf_mcp_docs.management.commands.runmcpserver import bind

    try:
        return bind(host, port)
    except CommandError as exc:
        message = str(exc).replace("--port", "DEMO_PORT (e.g. DEMO_PORT=8001 make demo)")
        print(f"demo: {message}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    configure()
    sock = listen(args.host, args.port)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("seed")

    import uvicorn

    from drf_mcp_docs.conf import conf

    shown = f"[{args.host}]" if ":" in args.host else args.host
    base = f"http://{shown}:{sock.getsockname()[1]}"
    print(client_configuration(f"{base}{conf.MCP_ENDPOINT}", conf.SERVER_NAME), flush=True)
    print(f"\nServing the bookstore API at {base}/api/ (Ctrl-C to stop)", flush=True)
    config = uvicorn.Config("example_project.asgi:application", log_level="info")
    # uvicorn shuts down gracefully on Ctrl-C, then re-raises the signal: end quietly.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
