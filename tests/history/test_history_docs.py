"""docs/keeping-agents-current.md: its commands, run as written on the example project
(``python manage.py`` is the example's), then the gate on its next release."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.doc_blocks import ROOT, marked_blocks
from tests.support.servers import EXAMPLE, server_env

BLOCKS = marked_blocks(ROOT / "docs" / "keeping-agents-current.md")


def run(line: str, cwd: Path, db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    command = line.replace("python manage.py", f"{sys.executable} {EXAMPLE / 'manage.py'}")
    return subprocess.run(
        ["bash", "-c", command],
        cwd=str(cwd),
        env=server_env(EXAMPLE_DB_PATH=str(db), **env),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def lines(name: str) -> list[str]:
    return [line.split("  #")[0].strip() for line in BLOCKS[name].code.strip().splitlines()]


def test_the_pages_commands_work_as_written(tmp_path: Path) -> None:
    assert set(BLOCKS) == {"snapshot", "changes", "ci-job"}
    db = tmp_path / "db.sqlite3"
    assert run("python manage.py migrate -v0", tmp_path, db).returncode == 0
    for line in lines("snapshot"):
        done = run(line, tmp_path, db)
        assert done.returncode == 0, f"{line}\n{done.stderr}"
    assert (tmp_path / "schema.yml").is_file()
    assert "recorded: schema " in done.stdout and "label v1.4.0" in done.stdout
    for line in lines("changes"):  # the same code: no changes, every form exits 0
        done = run(line, tmp_path, db)
        assert done.returncode == 0, f"{line}\n{done.stderr}"
        assert "v1.4.0" in done.stdout
    for line in lines("ci-job"):
        done = run(line, tmp_path, db)
        assert done.returncode == 0, f"{line}\n{done.stderr}"
    assert (tmp_path / "api-changes.md").read_text().startswith("## API changes: v1.4.0, main (")

    # The next release, against the recorded `main`: the gate fails, the markdown says why.
    release2 = {"DJANGO_SETTINGS_MODULE": "tests.support.release2_settings"}
    *report_lines, gate = lines("ci-job")[2:]
    for line in report_lines:
        assert run(line, tmp_path, db, **release2).returncode == 0
    markdown = (tmp_path / "api-changes.md").read_text()
    assert "**15 breaking**" in markdown and "`DELETE /api/publishers/{id}/`" in markdown
    failed = run(gate, tmp_path, db, **release2)
    assert failed.returncode == 1 and "15 breaking changes since main" in failed.stderr
    assert "Traceback" not in failed.stderr
