"""The fenced code blocks of the README and docs/*.md, with the marker that precedes each.

A shell or Python block must be preceded by one of:

    <!-- test: NAME -->     a test in tests/ runs it (NAME is listed in that test's module);
    <!-- test: NAME (NOTE) -->  NOTE says what part cannot run here and what the test runs
    <!-- skip: REASON -->   it cannot run here; REASON says why and what covers it instead
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Languages whose blocks must be executed (or skipped with a reason).
EXECUTABLE = {"sh", "bash", "shell", "console", "python", "py", "pycon"}

FENCE = re.compile(r"(?:<!-- (test|skip): (.*?) -->\n)?^```(\w*)\n(.*?)^```", re.S | re.M)


@dataclass(frozen=True)
class Block:
    doc: str
    line: int
    marker: str | None  # "test" or "skip"
    value: str  # the test name or the skip reason
    language: str
    code: str


def blocks(path: Path) -> list[Block]:
    text = path.read_text()
    found = []
    for match in FENCE.finditer(text):
        marker, value, language, code = match.groups()
        line = text.count("\n", 0, match.start(3)) + 1
        found.append(Block(path.name, line, marker, value or "", language, code))
    return found


def marked_blocks(path: Path) -> dict[str, Block]:
    """The doc's ``<!-- test: NAME -->`` blocks by name."""
    return {b.value.split()[0]: b for b in blocks(path) if b.marker == "test"}


def untested_executable(path: Path) -> list[Block]:
    return [b for b in blocks(path) if b.language in EXECUTABLE and b.marker is None]
