"""The docs site builds with ``mkdocs build --strict``: no broken link or anchor, no page
left out of the nav (``.ci/run`` builds it too)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.doc_blocks import ROOT


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    page = (tmp_path / "getting-started" / "index.html").read_text()
    assert "img/browser-page.png" in page or "../img/browser-page.png" in page
    assert (tmp_path / "img" / "browser-page.png").is_file()
