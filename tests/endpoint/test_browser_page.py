"""The MCP endpoint opened in a browser: a real server, a real headless Chromium.

The page answers a browser's GET (``Accept: text/html``); MCP clients, a wrong ``Host`` and
everything else behave as before. The screenshot is kept in ``build/test-artifacts/``
(``TEST_ARTIFACTS`` to change it); ``UPDATE_DOCS_SCREENSHOT=1`` also refreshes the one
in ``docs/img/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.servers import ROOT, exercise_mcp

pytestmark = pytest.mark.servers

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "build" / "test-artifacts"))
DOCS_SCREENSHOT = ROOT / "docs" / "img" / "browser-page.png"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_browser_get_answers_the_page_and_mcp_clients_are_unaffected(serve: Any) -> None:
    served = serve("uvicorn", "example_project.asgi:application")
    url = served.url + "/mcp/"
    async with httpx.AsyncClient() as http:
        page = await http.get(url, headers={"Accept": BROWSER_ACCEPT})
        stream = await http.get(url, headers={"Accept": "text/event-stream"})
        foreign = await http.get(url, headers={"Accept": BROWSER_ACCEPT, "Host": "evil.test"})
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert "mcp-session-id" not in page.headers  # no session was created for a person
    text = unescape(page.text)
    assert f"claude mcp add --transport http bookstore-docs {url}" in text
    assert "<script" not in page.text.lower()
    assert stream.status_code != 200 and stream.headers["content-type"] == "application/json"
    assert foreign.status_code in (400, 421) and "text/html" not in foreign.headers["content-type"]
    await exercise_mcp(url)


async def test_page_honours_root_path(serve: Any) -> None:
    served = serve("uvicorn", "example_project.asgi:application", "--root-path", "/docs")
    async with httpx.AsyncClient() as http:
        page = await http.get(served.url + "/mcp/", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 200
    assert f"claude mcp add --transport http bookstore-docs {served.url}/docs/mcp/" in (
        unescape(page.text)
    )


@needs_chromium
def test_headless_chromium_renders_the_page(serve: Any, tmp_path: Path) -> None:
    served = serve("uvicorn", "example_project.asgi:application")
    url = served.url + "/mcp/"
    dom = chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = unescape(dom.stdout)
    assert "<h1>Bookstore API: MCP endpoint</h1>" in html
    assert f"claude mcp add --transport http bookstore-docs {url}" in html
    assert '"mcpServers": {' in html and '"type": "http"' in html
    assert "search_endpoints" in html and "api://endpoints/{method}/{+path}" in html

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "browser-page.png"
    shot.unlink(missing_ok=True)
    done = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1000,1500", url)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("UPDATE_DOCS_SCREENSHOT") == "1":
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOT)
