"""The agent-task benchmark's own machinery (benchmarks/agent_tasks/), without an agent.

The disguise is fixed and keeps the document whole; the recording server and the grader
pass the tasks' own expected requests and fail wrong ones with a reason naming the fault;
the MCP call CLI works against a real started server. Skipped when the source document
(fetched with npm by tests/support/realworld.py) cannot be had on this machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests

from benchmarks.agent_tasks import disguise, grader
from benchmarks.agent_tasks.contract import Contract, Request
from benchmarks.agent_tasks.recorder import Recorder, make_server
from tests.support import realworld

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "benchmarks" / "agent_tasks"
TASKS: dict[str, Any] = json.loads((HERE / "tasks.json").read_text())
TOKEN = TASKS["token"]
AUTH = {"Authorization": f"Token {TOKEN}"}
SOURCE = disguise.load_wordmap()["source"]


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    if not realworld.available(SOURCE):
        pytest.skip(f"the {SOURCE} document is not cached and npm is not installed")
    return disguise.Disguise(disguise.load_wordmap()).document(realworld.load(SOURCE))


@pytest.fixture(scope="module")
def document_file(document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("agent-tasks") / "api.json"
    path.write_text(json.dumps(document))
    return path


@pytest.fixture
def recorder(document: dict[str, Any], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A recording server on a free port: (base URL with <TASK>, its run directory)."""
    server = make_server(Recorder(document, tmp_path / "requests.jsonl"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/t/<TASK>/api", tmp_path
    finally:
        server.shutdown()
        server.server_close()


def _operations(document: dict[str, Any]) -> int:
    return sum(
        1
        for item in document["paths"].values()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )


# -- the disguise -------------------------------------------------------------------


def test_disguise_is_fixed_and_keeps_the_document_whole(document: dict[str, Any]) -> None:
    source = realworld.load(SOURCE)
    again = disguise.Disguise(disguise.load_wordmap()).document(source)
    assert json.dumps(again) == json.dumps(document)  # same map, same document, same order
    assert _operations(document) == _operations(source) > 500
    text = json.dumps(document)
    refs = set(re.findall(r'"\$ref": "#/components/([^/"]+)/([^"]+)"', text))
    assert refs
    unresolved = sorted(f"{s}/{n}" for s, n in refs if n not in document["components"][s])
    assert not unresolved
    lowered = text.lower()
    for word in ("netbox", "dcim", "ipam", "vlan", "device", "tenant", "circuit", "rack"):
        assert word not in lowered, f"{word!r} survived the disguise"
    assert document["info"]["title"] == disguise.load_wordmap()["title"]


def test_the_word_map_is_one_to_one_on_the_source() -> None:
    if not realworld.available(SOURCE):
        pytest.skip(f"the {SOURCE} document is not cached and npm is not installed")
    words = disguise.load_wordmap()["words"]
    source_words = {w.lower() for w in re.findall(r"[A-Za-z]+", json.dumps(realworld.load(SOURCE)))}
    assert len(set(words.values())) == len(words)
    assert not sorted(set(words.values()) & source_words)  # a target never meets a source word


# -- the contract, the recording server and the grader ---------------------------------


def _send_expected(base: str) -> None:
    """The requests each task expects, sent the way a careful client sends them."""
    for task in TASKS["tasks"]:
        for want in task["expect"]:
            path = want["template"]
            for name, value in want.get("path_params", {}).items():
                path = path.replace("{" + name + "}", quote(value, safe=""))
            params = {
                k: str(v).lower() if isinstance(v, bool) else v
                for k, v in want.get("query", {}).items()
            }
            body = dict(want.get("body", {}))
            if want["template"] == "/grow/nozzles/":
                body["vcompartments"] = []  # required by the document, absent from the task
            response = requests.request(
                want["method"],
                base.replace("<TASK>", task["id"]) + path,
                params=params,
                json=body or None,
                headers=AUTH,
                timeout=10,
            )
            assert response.status_code < 300, (task["id"], response.status_code, response.text)


def test_every_task_passes_with_its_expected_requests(recorder: tuple[str, Path]) -> None:
    base, run_dir = recorder
    _send_expected(base)
    grades = grader.grade(TASKS, grader.load_requests(run_dir))
    assert len(grades) >= 10
    wrong = {task: g["reasons"] for task, g in grades.items() if not g["right"]}
    assert not wrong


def _grade(run_dir: Path, task_id: str) -> dict[str, Any]:
    only = {**TASKS, "tasks": [t for t in TASKS["tasks"] if t["id"] == task_id]}
    return grader.grade(only, grader.load_requests(run_dir))[task_id]


def test_wrong_requests_fail_with_a_reason(recorder: tuple[str, Path]) -> None:
    base, run_dir = recorder
    url = base.replace
    # T02: an enum value the document doesn't have, and a required field left out.
    bad_enum: dict[str, Any] = {
        "planter": 14,
        "name": "north-3",
        "type": "Phantom",
        "vcompartments": [],
    }
    answer = requests.post(
        url("<TASK>", "T02") + "/grow/nozzles/", json=bad_enum, headers=AUTH, timeout=10
    )
    assert answer.status_code == 400 and "'Phantom' is not one of" in answer.text
    # T04: the required comments missing.
    body: dict[str, Any] = {
        "assigned_object_type": "grow.planter",
        "assigned_object_id": 14,
        "kind": "warning",
    }
    requests.post(url("<TASK>", "T04") + "/addons/diary-jots/", json=body, headers=AUTH, timeout=10)
    # T06: the path parameter sent unencoded, so its slash splits the path.
    requests.post(
        url("<TASK>", "T06") + "/addons/reports/planter checks/naming.NameReport/run/",
        headers=AUTH,
        timeout=10,
    )
    # T05: the wrong method on the right path.
    requests.get(url("<TASK>", "T05") + "/seedbank/beds/9/", headers=AUTH, timeout=10)
    # T01: no credentials, and the page given as a page number the document doesn't have.
    requests.get(
        url("<TASK>", "T01") + "/grow/planters/", params={"farm_id": 12, "page": 3}, timeout=10
    )

    t02 = _grade(run_dir, "T02")
    assert not t02["right"] and any("'Phantom' is not one of" in r for r in t02["reasons"])
    t04 = _grade(run_dir, "T04")
    assert not t04["right"] and any(
        "'comments' is a required property" in r for r in t04["reasons"]
    )
    t06 = _grade(run_dir, "T06")
    assert not t06["right"] and any("no path of the document matches" in r for r in t06["reasons"])
    t05 = _grade(run_dir, "T05")
    assert not t05["right"] and any(
        "expected DELETE /seedbank/beds/{id}/: method GET" in r for r in t05["reasons"]
    )
    t01 = _grade(run_dir, "T01")
    assert not t01["right"]
    assert any("'page' is not documented" in r for r in t01["reasons"])
    assert any("no credentials" in r for r in t01["reasons"])
    assert any("no Authorization header with the task's token" in r for r in t01["reasons"])


def test_the_grader_holds_requests_to_the_task(recorder: tuple[str, Path]) -> None:
    """Valid requests that aren't what the task asked: wrong value, extra change, extra write."""
    base, run_dir = recorder
    planter = base.replace("<TASK>", "T09") + "/grow/planters/14/"
    body: dict[str, Any] = {
        "draft": "aft-to-fore",
        "tags": [{"name": "Frost tolerant", "slug": "frost-tolerant"}],
        "status": "active",
    }
    assert requests.patch(planter, json=body, headers=AUTH, timeout=10).status_code == 200
    t09 = _grade(run_dir, "T09")
    assert not t09["right"] and any("also changes status" in r for r in t09["reasons"])
    query: dict[str, Any] = {
        "farm_id": 12,
        "status": "active",
        "ordering": "name",
        "limit": 25,
        "offset": 50,
    }
    requests.get(
        base.replace("<TASK>", "T01") + "/grow/planters/", params=query, headers=AUTH, timeout=10
    )
    t01 = _grade(run_dir, "T01")
    assert not t01["right"] and any(
        "'ordering' is 'name', expected '-name'" in r for r in t01["reasons"]
    )
    assert _grade(run_dir, "T03")["reasons"] == ["no request was sent"]


def test_the_contract_decodes_path_parameters_per_segment(document: dict[str, Any]) -> None:
    contract = Contract(document)
    encoded = "/addons/reports/" + quote("planter checks/naming.NameReport", safe="") + "/run/"
    match = contract.check(Request("POST", encoded, headers=AUTH))
    assert match is not None and match.template == "/addons/reports/{id}/run/"
    assert match.path_params == {"id": "planter checks/naming.NameReport"} and not match.problems
    bad_id = contract.check(Request("DELETE", "/seedbank/beds/nine/", headers=AUTH))
    assert bad_id is not None and any("'nine': not an integer" in p for p in bad_id.problems)


# -- the call loggers ----------------------------------------------------------------------


def test_jq_wrapper_prints_and_logs_bytes(document_file: Path, tmp_path: Path) -> None:
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    env = {
        **os.environ,
        "AGENT_RUN": str(tmp_path),
        "AGENT_TASKS_DOCUMENT": str(document_file),
        "AGENT_TASK": "T01",
    }
    result = subprocess.run(
        [str(HERE / "jq.sh"), "-c", ".info.title"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert result.returncode == 0 and result.stdout == '"Verdant API"\n'
    (entry,) = [json.loads(line) for line in (tmp_path / "calls.jsonl").read_text().splitlines()]
    assert entry["tool"] == "jq" and entry["args"] == ["-c", ".info.title"]
    assert (
        entry["bytes"] == len(result.stdout.encode())
        and entry["task"] == "T01"
        and not entry["error"]
    )


@pytest.mark.servers
def test_mcp_call_against_a_started_server(document: dict[str, Any], tmp_path: Path) -> None:
    """start.py starts both servers from this checkout; mcp_call lists and calls tools."""
    run_dir = tmp_path / "run"
    python = sys.executable
    started = subprocess.run(
        [python, str(HERE / "start.py"), "mcp", str(run_dir), "--python", python],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert started.returncode == 0, started.stdout + started.stderr
    try:
        run = json.loads((run_dir / "run.json").read_text())
        assert Path(run["mcp"]["package"]).is_relative_to(ROOT)
        assert "{{" not in (run_dir / "prompt.md").read_text()

        def call(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [python, str(HERE / "mcp_call.py"), "--run", str(run_dir), *args],
                capture_output=True,
                text=True,
                timeout=60,
            )

        listing = call("--list")
        assert listing.returncode == 0, listing.stderr
        assert "## search_endpoints" in listing.stdout and "input schema:" in listing.stdout
        found = call("get_endpoint_detail", '{"path": "/addons/diary-jots/", "method": "POST"}')
        assert found.returncode == 0, found.stderr
        assert "assigned_object_type" in found.stdout
        failed = call("get_endpoint_detail", '{"path": "/nowhere/", "method": "GET"}')
        assert failed.returncode == 1 and failed.stdout.startswith("[tool error]")
        log = [json.loads(line) for line in (run_dir / "calls.jsonl").read_text().splitlines()]
        assert [e["tool"] for e in log] == ["--list", "get_endpoint_detail", "get_endpoint_detail"]
        assert log[1]["bytes"] == len(found.stdout.encode()) - 1  # the printed answer + "\n"
        assert log[2]["error"] is True
    finally:
        subprocess.run([python, str(HERE / "stop.py"), str(run_dir)], timeout=30, check=False)
