"""Grade a run: each task right or wrong, with the reasons, from what reached the wire.

    python benchmarks/agent_tasks/grader.py RUN_DIR [--tasks tasks.json]

The tasks are the run's suite's (``suite`` in ``RUN_DIR/run.json``; the default suite's when
it has none) unless ``--tasks`` names a file. Reads ``RUN_DIR/requests.jsonl`` (written by
:mod:`recorder`), prints one line per task and writes ``RUN_DIR/grades.json``. A task is
right when:

- every request it sent validates against the document (the recorder's problems),
- every request carries the credentials the task gave,
- each expected request was sent (method, path template, decoded path parameters, exactly
  the expected query parameters with their values, the expected body fields, and with
  ``body_exact`` no other field but those of ``body_free``, whose values are not graded), and
- it sent no write (anything but GET/HEAD) that no expectation accounts for.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

HERE = Path(__file__).resolve().parent
TASKS = HERE / "tasks.json"
sys.path.insert(0, str(HERE.parent.parent))


def tasks_file(run_dir: Path) -> Path:
    """The tasks of the suite ``RUN_DIR/run.json`` names (the default suite's without one)."""
    from benchmarks.agent_tasks import disguise

    run_file = run_dir / "run.json"
    run = json.loads(run_file.read_text()) if run_file.exists() else {}
    return disguise.suite(run.get("suite")).tasks


def load_requests(run_dir: Path) -> list[dict[str, Any]]:
    log = run_dir / "requests.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


def _same(expected: Any, sent: str) -> bool:
    if isinstance(expected, bool):
        return sent.lower() == str(expected).lower()
    if isinstance(expected, (int, float)):
        try:
            return float(sent) == float(expected)
        except ValueError:
            return False
    return bool(sent == expected)


def _query_mismatch(expected: dict[str, Any], query: str) -> str | None:
    sent: dict[str, list[str]] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        sent.setdefault(name, []).append(value)
    for name, want in expected.items():
        wants = want if isinstance(want, list) else [want]
        got = sent.get(name)
        if got is None:
            return f"query parameter {name!r} is missing (expected {want!r})"
        if len(got) != len(wants) or not all(_same(w, g) for w, g in zip(wants, got, strict=True)):
            shown = got[0] if len(got) == 1 else got
            return f"query parameter {name!r} is {shown!r}, expected {want!r}"
    extra = sorted(set(sent) - set(expected))
    if extra:
        return f"unexpected query parameter(s) {', '.join(extra)}"
    return None


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _body_mismatch(expectation: dict[str, Any], body: str) -> str | None:
    expected: dict[str, Any] = expectation.get("body", {})
    if not expected:
        return None
    try:
        sent = json.loads(body) if body.strip() else None
    except ValueError:
        return "the body is not JSON"
    if not isinstance(sent, dict):
        return f"the body is {type(sent).__name__}, expected an object"
    unordered = set(expectation.get("unordered", []))
    for name, want in expected.items():
        if name not in sent:
            return f"body field {name!r} is missing (expected {want!r})"
        got = sent[name]
        if name in unordered and isinstance(got, list) and isinstance(want, list):
            equal = sorted(map(_canonical, got)) == sorted(map(_canonical, want))
        else:
            equal = _canonical(got) == _canonical(want) or got == want
        if not equal:
            return f"body field {name!r} is {got!r}, expected {want!r}"
    if expectation.get("body_exact"):
        # 'body_free': fields the document requires whose value the task leaves open
        extra = sorted(set(sent) - set(expected) - set(expectation.get("body_free", {})))
        if extra:
            return f"the body also changes {', '.join(extra)} (the task asked for nothing else)"
    return None


def _mismatch(expectation: dict[str, Any], entry: dict[str, Any]) -> str | None:
    """Why ``entry`` is not the expected request (None when it is)."""
    if entry.get("method") != expectation["method"]:
        return f"method {entry.get('method')}, expected {expectation['method']}"
    if entry.get("template") != expectation["template"]:
        return f"went to {entry.get('path')!r}, expected {expectation['template']}"
    for name, want in expectation.get("path_params", {}).items():
        got = entry.get("path_params", {}).get(name)
        if got != want:
            return f"path parameter {name!r} is {got!r}, expected {want!r}"
    query_problem = _query_mismatch(expectation.get("query", {}), entry.get("query", ""))
    if query_problem:
        return query_problem
    return _body_mismatch(expectation, entry.get("body", ""))


def _has_credentials(entry: dict[str, Any], auth: dict[str, str]) -> bool:
    headers = {k.lower(): v for k, v in entry.get("headers", {}).items()}
    return auth["contains"] in headers.get(auth["header"].lower(), "")


def grade_task(
    task: dict[str, Any], entries: list[dict[str, Any]], auth: dict[str, str] | None
) -> dict[str, Any]:
    reasons: list[str] = []
    if not entries:
        return {"right": False, "requests": 0, "reasons": ["no request was sent"]}
    for entry in entries:
        where = f"{entry['method']} {entry['target']}"
        reasons += [f"{where}: {problem}" for problem in entry.get("problems", [])]
        if auth and not _has_credentials(entry, auth):
            reasons.append(f"{where}: no {auth['header']} header with the task's token")
    used: set[int] = set()
    for expectation in task["expect"]:
        found = next(
            (
                i
                for i, entry in enumerate(entries)
                if i not in used and _mismatch(expectation, entry) is None
            ),
            None,
        )
        if found is not None:
            used.add(found)
            continue
        near = (
            [
                e
                for e in entries
                if e.get("method") == expectation["method"]
                and e.get("template") == expectation["template"]
            ]
            or [e for e in entries if e.get("method") == expectation["method"]]
            or entries
        )
        reasons.append(
            f"expected {expectation['method']} {expectation['template']}: "
            + str(_mismatch(expectation, near[-1]))
        )
    for i, entry in enumerate(entries):
        if i not in used and entry["method"] not in ("GET", "HEAD"):
            reasons.append(f"{entry['method']} {entry['target']}: a write the task didn't ask for")
    return {"right": not reasons, "requests": len(entries), "reasons": reasons}


def grade(tasks: dict[str, Any], requests: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    by_task: dict[str, list[dict[str, Any]]] = {}
    for entry in requests:
        by_task.setdefault(str(entry.get("task")), []).append(entry)
    auth = tasks.get("auth")
    return {
        task["id"]: grade_task(task, by_task.get(task["id"], []), auth) for task in tasks["tasks"]
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--tasks", type=Path, default=None)
    parser.add_argument("--only", nargs="*", help="grade only these task ids")
    args = parser.parse_args(argv)
    tasks = json.loads((args.tasks or tasks_file(args.run_dir)).read_text())
    if args.only:
        tasks["tasks"] = [t for t in tasks["tasks"] if t["id"] in args.only]
    grades = grade(tasks, load_requests(args.run_dir))
    (args.run_dir / "grades.json").write_text(json.dumps(grades, indent=1) + "\n")
    for task_id, result in grades.items():
        verdict = "right" if result["right"] else "WRONG"
        print(f"{task_id} {verdict} ({result['requests']} requests)")
        for reason in result["reasons"]:
            print(f"    {reason}")
    right = sum(r["right"] for r in grades.values())
    print(f"{right}/{len(grades)} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
