"""The MCP conformance suite (``@modelcontextprotocol/conformance`` on npm), pinned.

    python -m tests.support.conformance URL [SCENARIO ...]   # run it, print the results

Installed once with ``npm install`` into a cache folder (like ``tests.support.realworld``),
run with ``node`` against a server URL; the results are read from the checks the suite
writes per scenario. Version 0.1.13 is pinned: 0.1.14 and later import ``fs.globSync``,
which needs Node 22, and Debian's (and this machine's) Node is older.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE, VERSION = "@modelcontextprotocol/conformance", "0.1.13"

#: The server scenarios any MCP server can pass: they need no tool, resource or prompt of
#: the suite's own reference server ("everything server").
GENERIC = (
    "server-initialize",
    "ping",
    "tools-list",
    "resources-list",
    "prompts-list",
    "dns-rebinding-protection",
    "server-sse-multiple-streams",
)

#: Scenarios that fail on every server without the reference server's fixtures or a
#: capability drf-mcp-docs does not offer (it serves read-only docs): name -> reason.
UNSUPPORTED = {
    "logging-set-level": "no logging capability (logging/setLevel)",
    "completion-complete": "no completion capability (completion/complete)",
    "resources-subscribe": "no resource subscriptions: the docs change only on deploy",
    "resources-unsubscribe": "no resource subscriptions",
    "tools-call-with-logging": "needs the suite's logging tool and logging/setLevel",
    "tools-call-with-progress": "needs the suite's progress tool",
    "tools-call-sampling": "needs a tool that asks the client to sample (no such tool)",
    "tools-call-elicitation": "needs a tool that elicits user input (no such tool)",
    "elicitation-sep1034-defaults": "needs an eliciting tool",
    "elicitation-sep1330-enums": "needs an eliciting tool",
    "tools-call-image": "needs the suite's image tool",
    "tools-call-audio": "needs the suite's audio tool",
    "tools-call-embedded-resource": "needs the suite's embedded-resource tool",
    "tools-call-mixed-content": "needs the suite's mixed-content tool",
    "resources-read-text": "needs the suite's test://static-text resource",
    "resources-read-binary": "needs the suite's test://static-binary resource",
    "resources-templates-read": "needs the suite's test://template/{id}/data template",
    "prompts-get-simple": "needs the suite's test_simple_prompt",
    "prompts-get-with-args": "needs the suite's test_prompt_with_arguments",
    "prompts-get-embedded-resource": "needs the suite's test_prompt_with_embedded_resource",
    "prompts-get-with-image": "needs the suite's test_prompt_with_image",
}


STAMP = re.compile(r"-\d{4}-\d\d-\d\dT[\d-]+Z$")


class Unavailable(RuntimeError):
    """The suite is not installed and cannot be installed here (no npm, no registry)."""


@dataclass
class Outcome:
    """One scenario's checks: how many passed and failed, and the failures' messages."""

    passed: int = 0
    failed: int = 0
    warnings: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "drf-mcp-docs" / "conformance"
    return Path(os.environ.get("DRF_MCP_DOCS_CONFORMANCE_CACHE", default)) / VERSION


def entry_point() -> Path:
    return cache_dir() / "node_modules" / PACKAGE / "dist" / "index.js"


def install() -> Path:
    """The suite's entry point, installing the pinned version the first time."""
    target = entry_point()
    if target.exists():
        return target
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        raise Unavailable("node and npm are needed to install the MCP conformance suite")
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--ignore-scripts",
         "--no-save", f"{PACKAGE}@{VERSION}"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if done.returncode != 0 or not target.exists():
        raise Unavailable(f"npm install {PACKAGE}@{VERSION} failed: {done.stderr.strip()[-500:]}")
    return target


def runnable() -> Path:
    """The entry point, installed and starting on this machine's node (else Unavailable)."""
    entry = install()
    node = shutil.which("node") or "node"
    done = subprocess.run(
        [node, str(entry), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        raise Unavailable(f"{PACKAGE}@{VERSION} does not start: {done.stderr.strip()[-300:]}")
    return entry


def run(url: str, scenarios: list[str] | None = None, timeout: float = 120) -> dict[str, Outcome]:
    """Run the suite's server scenarios (all active ones by default) against ``url``."""
    entry = install()
    node = shutil.which("node")
    assert node is not None
    results: dict[str, Outcome] = {}
    with tempfile.TemporaryDirectory() as out:
        for scenario in scenarios or [None]:  # type: ignore[list-item]
            args = [node, str(entry), "server", "--url", url, "-o", out]
            if scenario is not None:
                args += ["--scenario", scenario]
            subprocess.run(args, capture_output=True, timeout=timeout, check=False)
        for checks in sorted(Path(out).glob("server-*/checks.json")):
            # Each run writes server-<scenario>-<timestamp>/checks.json.
            name = STAMP.sub("", checks.parent.name.removeprefix("server-"))
            outcome = results.setdefault(name, Outcome())
            for check in json.loads(checks.read_text(encoding="utf-8")):
                status = check.get("status")
                if status == "SUCCESS":
                    outcome.passed += 1
                elif status == "FAILURE":
                    outcome.failed += 1
                    outcome.messages.append(f"{check.get('id')}: {check.get('errorMessage')}")
                elif status == "WARNING":
                    outcome.warnings += 1
    return results


def table(results: dict[str, Outcome]) -> str:
    """One line per scenario, for a test's failure message or the command line."""
    lines = []
    for name, o in results.items():
        mark = "ok  " if o.ok else "FAIL"
        lines.append(f"{mark} {name}: {o.passed} passed, {o.failed} failed, {o.warnings} warned")
        lines += [f"       {m[:200]}" for m in o.messages]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run(sys.argv[1], sys.argv[2:] or None)))
