"""The page a person sees when they open the MCP endpoint in a browser.

A pure function of what is public anyway (the API's title, version and endpoint count, the
URL the browser used, the names and descriptions of the tools, resources and prompts):
self-contained HTML, no JavaScript, every value escaped, nothing from settings or
credentials. It says what the endpoint is and how to connect an agent to it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Feature", "PageContent", "render_page"]

#: Sent with the page: nothing may load or run, the page may not be framed.
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
)


@dataclass(frozen=True)
class Feature:
    """A tool, resource or prompt: its name (or URI) and a one-line description."""

    name: str
    description: str = ""


@dataclass(frozen=True)
class PageContent:
    """Everything the page shows; ``title``/``version``/``endpoints`` are None if unknown."""

    url: str
    server_name: str
    package_version: str
    title: str | None = None
    version: str | None = None
    endpoints: int | None = None
    tools: Sequence[Feature] = ()
    resources: Sequence[Feature] = ()
    prompts: Sequence[Feature] = ()
    #: An example header a client must send, e.g. ``Authorization: Bearer <token>``; None
    #: when the endpoint is open.
    auth_header: str | None = None
    auth_help: str = ""


STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:52rem;
margin:2rem auto;padding:0 1rem;color:#1f2328;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;
border-bottom:1px solid #d0d7de;padding-bottom:.2rem}.sub{color:#59636e;margin-top:0}
code,pre{font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.7rem;
overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.url{font-size:1.1rem;background:#ddf4ff;padding:.1rem .4rem;border-radius:4px}
table{border-collapse:collapse;width:100%}td{padding:.3rem .5rem;border-top:1px solid #eaeef2;
vertical-align:top}td:first-child{white-space:nowrap}.note{background:#fff8c5;
border:1px solid #d4a72c;border-radius:6px;padding:.6rem .8rem}
footer{margin:2.5rem 0 1rem;color:#59636e;font-size:.85rem}
""".strip()


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _pre(text: str, label: str) -> str:
    return f'<pre aria-label="{_e(label)}"><code>{_e(text)}</code></pre>'


def client_configs(content: PageContent) -> list[tuple[str, str, str]]:
    """(client, where it goes, text) for Claude Code, Cursor and VS Code."""
    name, url = content.server_name, content.url
    headers = {}
    claude_header = ""
    if content.auth_header:
        key, _, value = content.auth_header.partition(":")
        headers = {key.strip(): value.strip()}
        claude_header = f' --header "{content.auth_header}"'
    cursor_server: dict[str, object] = {"url": url, **({"headers": headers} if headers else {})}
    vscode_server: dict[str, object] = {
        "type": "http",
        "url": url,
        **({"headers": headers} if headers else {}),
    }
    return [
        (
            "Claude Code",
            "run in your project",
            f"claude mcp add --transport http{claude_header} {name} {url}",
        ),
        (
            "Cursor",
            ".cursor/mcp.json",
            json.dumps({"mcpServers": {name: cursor_server}}, indent=2),
        ),
        (
            "VS Code",
            ".vscode/mcp.json",
            json.dumps({"servers": {name: vscode_server}}, indent=2),
        ),
    ]


def _summary(description: str) -> str:
    """The first paragraph of a description, on one line."""
    return " ".join(description.strip().split("\n\n")[0].split())


def _features(title: str, features: Sequence[Feature]) -> str:
    if not features:
        return ""
    rows = "".join(
        f"<tr><td><code>{_e(f.name)}</code></td><td>{_e(_summary(f.description))}</td></tr>"
        for f in features
    )
    return f"<h2>{_e(title)}</h2><table>{rows}</table>"


def _about(content: PageContent) -> str:
    if content.title is None:
        return (
            '<p class="note">The API schema could not be loaded right now; the server log '
            "says why. Agents connecting now get the same error from every tool.</p>"
        )
    version = f" {_e(content.version)}" if content.version else ""
    count = content.endpoints or 0
    plural = "endpoint" if count == 1 else "endpoints"
    return (
        f"<p>It serves the documentation of <strong>{_e(content.title)}</strong>{version} "
        f"({count} {plural}) to AI coding agents such as Claude Code, Cursor and VS Code, "
        "so they write client code against the real API. It is read-only: it never calls "
        "the API.</p>"
    )


def _auth(content: PageContent) -> str:
    if not content.auth_header:
        return ""
    help_text = f"<p>{_e(content.auth_help)}</p>" if content.auth_help else ""
    return (
        '<h2>Authentication</h2><p class="note">This endpoint requires authentication: '
        f"every request must send <code>{_e(content.auth_header)}</code>, with your own "
        "credential in place of the placeholder. The configurations above include it.</p>"
        f"{help_text}"
    )


def render_page(content: PageContent) -> str:
    """The whole HTML document for ``content``; every dynamic value is escaped."""
    heading = content.title or content.server_name
    configs = "".join(
        f"<h3>{_e(client)} <small>({_e(where)})</small></h3>{_pre(text, client)}"
        for client, where, text in client_configs(content)
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{_e(heading)} · MCP endpoint</title><style>{STYLE}</style></head><body>"
        f"<h1>{_e(heading)}: MCP endpoint</h1>"
        f'<p class="sub">Model Context Protocol server <code>{_e(content.server_name)}</code></p>'
        f'<p>This URL, <code class="url">{_e(content.url)}</code>, is an '
        '<a href="https://modelcontextprotocol.io">MCP</a> endpoint (streamable HTTP). '
        "It is meant for AI agents, not browsers: connect one with a configuration below.</p>"
        f"{_about(content)}"
        f"<h2>Connect an agent</h2>{configs}"
        "<p>Any other MCP client: use the URL above with the streamable HTTP transport.</p>"
        f"{_auth(content)}"
        f"{_features('Tools', content.tools)}"
        f"{_features('Resources', content.resources)}"
        f"{_features('Prompts', content.prompts)}"
        f"<footer>drf-mcp-docs {_e(content.package_version)}</footer>"
        "</body></html>"
    )
