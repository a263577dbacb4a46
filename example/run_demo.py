"""The README demo: migrate, seed, print the MCP client configuration, serve with uvicorn.

Run it with ``make demo`` (or ``python example/run_demo.py --port 8000`` in the venv).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent
sys.path[:0] = [str(EXAMPLE), str(EXAMPLE.parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_project.settings")


def client_configuration(url: str, name: str) -> str:
    cursor = {"mcpServers": {name: {"url": url}}}
    vscode = {"servers": {name: {"type": "http", "url": url}}}
    return "\n".join(
        [
            f"MCP endpoint: {url}",
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
            "Try it: ask your agent to 'write a TypeScript client for the bookstore's books API'.",
            "Demo login: user 'demo', password 'demo-password' (token printed by the seed step).",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("seed")

    import uvicorn

    from drf_mcp_docs.conf import conf

    url = f"http://{args.host}:{args.port}{conf.MCP_ENDPOINT}"
    print(client_configuration(url, conf.SERVER_NAME), flush=True)
    print(f"\nServing the bookstore API at http://{args.host}:{args.port}/api/ (Ctrl-C to stop)")
    uvicorn.run("example_project.asgi:application", host=args.host, port=args.port)


if __name__ == "__main__":
    main()
