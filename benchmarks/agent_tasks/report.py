"""Report agent runs: tasks right, calls and bytes read, per run and per mode, in Markdown.

    python benchmarks/agent_tasks/report.py RUN_DIR [RUN_DIR ...]

Each RUN_DIR is one agent's run made by ``start.py``: ``run.json`` (mode, checkout),
``calls.jsonl`` (one line per ``mcp_call.py`` or ``jq.sh`` call) and ``grades.json``
(written by ``grader.py``; graded here when it is missing). "bytes read" is what the
agent's documentation tool printed, i.e. what entered its context from the docs; the
agent's own client scripts and their output are not counted.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from statistics import mean
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from benchmarks.agent_tasks import grader  # noqa: E402


def summarize(run_dir: Path) -> dict[str, Any]:
    run = json.loads((run_dir / "run.json").read_text())
    grades_file = run_dir / "grades.json"
    if grades_file.exists():
        grades = json.loads(grades_file.read_text())
    else:
        tasks = json.loads(grader.tasks_file(run_dir).read_text())
        grades = grader.grade(tasks, grader.load_requests(run_dir))
    log = run_dir / "calls.jsonl"
    calls = (
        [json.loads(x) for x in log.read_text().splitlines() if x.strip()] if log.exists() else []
    )
    commit = (run.get("mcp", {}).get("commit") or "")[:7]
    return {
        "run": run_dir.name,
        "mode": run["mode"],
        "suite": run.get("suite", "verdant"),
        "checkout": commit or "-",
        "right": sum(1 for g in grades.values() if g["right"]),
        "tasks": len(grades),
        "wrong": sorted(t for t, g in grades.items() if not g["right"]),
        "calls": len(calls),
        "bytes": sum(int(c.get("bytes", 0)) for c in calls),
        "tools": Counter(str(c.get("tool")) for c in calls),
        "tool_bytes": _bytes_by_tool(calls),
    }


def _bytes_by_tool(calls: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for call in calls:
        tool = str(call.get("tool"))
        out[tool] = out.get(tool, 0) + int(call.get("bytes", 0))
    return out


def _kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| run | mode | checkout | tasks right | calls | bytes read |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['run']} | {r['mode']} | {r['checkout']} | {r['right']}/{r['tasks']} "
            f"| {r['calls']} | {_kb(r['bytes'])} |"
        )
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    several_suites = len({r.get("suite") for r in rows}) > 1
    for r in rows:
        mode = f"{r.get('suite')} {r['mode']}" if several_suites else r["mode"]
        groups.setdefault((mode, r["checkout"]), []).append(r)
    if any(len(g) > 1 for g in groups.values()):
        lines += [
            "",
            "| mode | checkout | runs | tasks right (mean) | calls (mean) | bytes read (mean) |",
        ]
        lines.append("|---|---|---|---|---|---|")
        for (mode, checkout), group in sorted(groups.items()):
            lines.append(
                f"| {mode} | {checkout} | {len(group)} "
                f"| {mean(r['right'] for r in group):.1f}/{group[0]['tasks']} "
                f"| {mean(r['calls'] for r in group):.1f} "
                f"| {_kb(mean(r['bytes'] for r in group))} |"
            )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    rows = [summarize(Path(arg)) for arg in argv]
    for r in rows:
        tools = ", ".join(
            f"{tool} {n}x/{_kb(r['tool_bytes'][tool])}" for tool, n in r["tools"].most_common()
        )
        wrong = f"; wrong: {', '.join(r['wrong'])}" if r["wrong"] else ""
        print(
            f"{r['run']} [{r['suite']} {r['mode']} {r['checkout']}]: "
            f"{r['right']}/{r['tasks']} right, "
            f"{r['calls']} calls, {_kb(r['bytes'])} read ({tools}){wrong}"
        )
    print()
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
