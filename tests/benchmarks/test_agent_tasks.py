"""The agent-task benchmark's own machinery (benchmarks/agent_tasks/), without an agent.

The disguise of each suite (the default NetBox one, ``verdant``, ``suites/keel`` on Jira's
document, ``suites/loom`` on Bitbucket Cloud's, ``suites/drift`` on DigitalOcean's and
``suites/gale`` on Zoom's) is fixed and keeps the document whole; the recording server and the grader
pass the tasks' own expected requests and fail wrong ones with a reason naming the fault;
the MCP call CLI works against a real started server. Skipped when a source document
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
from requests.auth import HTTPBasicAuth

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
SUITES = disguise.suite_names()
#: words of each suite's vendor that must not survive its disguise
VENDOR_WORDS = {
    "verdant": ("netbox", "dcim", "ipam", "vlan", "device", "tenant", "circuit", "rack"),
    "keel": (
        "jira",
        "atlassian",
        "confluence",
        "jql",
        "issue",
        "project",
        "worklog",
        "transition",
        "watcher",
        "dashboard",
        "workflow",
        "priority",
        "resolution",
        "attachment",
    ),
    "loom": (
        "bitbucket",
        "atlassian",
        "jira",
        "confluence",
        "repositor",
        "repo:",
        "repo_slug",
        "pullrequest",
        "pull request",
        "pull_request",
        "commit",
        "branch",
        "pipeline",
        "snippet",
        "issue",
        "webhook",
        "deploy",
        "approve",
        "workspace",
        "bbql",
        "pagelen",
        "mercurial",
    ),
    "drift": (
        "digitalocean",
        "digital ocean",
        "droplet",
        "doctl",
        "godo",
        "doks",
        "docr",
        "sammy",
        "ocean",
        "do:",
        "dop_v1",
        "floating",
        "reserved_ip",
        "load balancer",
        "load_balancer",
        "loadbalancer",
        "firewall",
        "vpc",
        "kubernetes",
        "snapshot",
        "volume",
        "nyc1",
        "sfo2",
        "1-click",
    ),
    "gale": (
        "zoom",
        "meeting",
        "webinar",
        "registrant",
        "panelist",
        "participant",
        "recording",
        "room",
        "chat",
        "channel",
        "h323",
        "h.323",
        "tracking",
        "poll",
        "breakout",
        "waiting",
        "co-host",
        "dashboard",
        "account",
        "pmi",
    ),
}


def _suite_tasks(name: str) -> dict[str, Any]:
    return json.loads(disguise.suite(name).tasks.read_text())  # type: ignore[no-any-return]


def _suite_document(name: str) -> dict[str, Any]:
    source = disguise.load_wordmap(name)["source"]
    if not realworld.available(source):
        pytest.skip(f"the {source} document is not cached and npm is not installed")
    return disguise.Disguise(disguise.load_wordmap(name)).document(realworld.load(source))


def _credentials(tasks: dict[str, Any]) -> dict[str, Any]:
    """``requests`` keyword arguments that authenticate as the suite's tasks say."""
    if "user" in tasks:
        return {"auth": HTTPBasicAuth(tasks["user"], tasks["token"])}
    if tasks["auth"]["contains"].startswith("Bearer "):
        return {"headers": {"Authorization": f"Bearer {tasks['token']}"}}
    return {"headers": {"Authorization": f"Token {tasks['token']}"}}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return _suite_document(disguise.DEFAULT_SUITE)


@pytest.fixture(scope="module", params=SUITES)
def suite_document(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    """(suite name, its disguised document), for every suite."""
    return request.param, _suite_document(request.param)


def _serve(document: dict[str, Any], run_dir: Path) -> Iterator[tuple[str, Path]]:
    server = make_server(Recorder(document, run_dir / "requests.jsonl"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    prefix = disguise.api_prefix(document)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/t/<TASK>{prefix}", run_dir
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def document_file(document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("agent-tasks") / "api.json"
    path.write_text(json.dumps(document))
    return path


@pytest.fixture
def recorder(document: dict[str, Any], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A recording server on a free port: (base URL with <TASK>, its run directory)."""
    yield from _serve(document, tmp_path)


def _operations(document: dict[str, Any]) -> int:
    return sum(
        1
        for item in document["paths"].values()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )


# -- the disguise -------------------------------------------------------------------


def test_disguise_is_fixed_and_keeps_the_document_whole(
    suite_document: tuple[str, dict[str, Any]],
) -> None:
    name, document = suite_document
    wordmap = disguise.load_wordmap(name)
    source = realworld.load(wordmap["source"])
    again = disguise.Disguise(wordmap).document(source)
    assert json.dumps(again) == json.dumps(document)  # same map, same document, same order
    assert _operations(document) == _operations(source) > 250
    assert len(document["paths"]) == len(source["paths"])
    assert document["components"].keys() == source["components"].keys()
    # every $ref still names a node: #/components/... and, in DigitalOcean's bundled
    # document, #/paths/... pointers into other operations (percent-encoded braces);
    # Zoom's document (gale) inlines nearly everything: it has three
    refs = set(disguise.refs(document))
    assert len(refs) == len(set(disguise.refs(source))) > (0 if name == "gale" else 100)
    unresolved = []
    for ref in sorted(refs):
        try:
            disguise.pointer(document, ref)
        except KeyError:
            unresolved.append(ref)
    assert not unresolved
    lowered = json.dumps(document).lower()
    for word in VENDOR_WORDS[name]:
        assert word not in lowered, f"{word!r} survived the disguise"
    assert document["info"]["title"] == wordmap["title"]
    assert document["servers"] == [{"url": wordmap["server"]}]


@pytest.mark.parametrize("name", SUITES)
def test_the_word_map_is_one_to_one_on_the_source(name: str) -> None:
    source = disguise.load_wordmap(name)["source"]
    if not realworld.available(source):
        pytest.skip(f"the {source} document is not cached and npm is not installed")
    words = disguise.load_wordmap(name)["words"]
    source_words = {w.lower() for w in re.findall(r"[A-Za-z]+", json.dumps(realworld.load(source)))}
    assert len(set(words.values())) == len(words)
    assert not sorted(set(words.values()) & source_words)  # a target never meets a source word


def test_a_pointer_into_another_operation_is_renamed_with_the_keys_it_names() -> None:
    """A bundler's ``#/paths/`` $ref (braces percent-encoded, ``~1`` for ``/``) follows the
    renamed path and keys, and the contract resolves it for a parameter and a body."""
    wordmap = {"words": {"droplet": "skiff", "droplets": "skiffs"}, "phrases": {}}
    ref = "#/paths/~1v2~1droplets~1%7Bdroplet_id%7D/get/parameters/0"
    param = {"in": "path", "name": "droplet_id", "required": True, "schema": {"type": "integer"}}
    body = {"type": "object", "properties": {"droplet_id": {"$ref": ref + "/schema"}}}
    source = {
        "paths": {
            "/v2/droplets/{droplet_id}": {
                "get": {"parameters": [param], "responses": {"200": {"description": "ok"}}},
                "put": {
                    "parameters": [{"$ref": ref}],
                    "requestBody": {"content": {"application/json": {"schema": body}}},
                    "responses": {"200": {"description": "ok"}},
                },
            }
        }
    }
    document = disguise.Disguise({**wordmap, "title": "t", "description": "d", "server": "s"})
    out = document.document(source)
    put = out["paths"]["/v2/skiffs/{skiff_id}"]["put"]
    assert put["parameters"] == [{"$ref": "#/paths/~1v2~1skiffs~1%7Bskiff_id%7D/get/parameters/0"}]
    assert disguise.pointer(out, put["parameters"][0]["$ref"])["name"] == "skiff_id"
    contract = Contract(out)
    json_type = {"Content-Type": "application/json"}
    ok = contract.check(Request("PUT", "/v2/skiffs/7", headers=json_type, body=b'{"skiff_id": 7}'))
    assert ok is not None and not ok.problems and ok.path_params == {"skiff_id": "7"}
    bad = contract.check(
        Request("PUT", "/v2/skiffs/x", headers=json_type, body=b'{"skiff_id": "7"}')
    )
    assert bad is not None
    assert any("'x': not an integer" in p for p in bad.problems)
    assert any("body['skiff_id']: '7' is not of type 'integer'" in p for p in bad.problems)
    with pytest.raises(ValueError, match="no longer resolve"):
        disguise.Disguise({**wordmap, "title": "t", "description": "d", "server": "s"}).document(
            {"paths": {"/a": {"get": {"parameters": [{"$ref": "#/paths/~1b/get"}]}}}}
        )


# -- the contract, the recording server and the grader ---------------------------------


def _send_expected(base: str, tasks: dict[str, Any] = TASKS) -> None:
    """The requests each task expects, sent the way a careful client sends them."""
    for task in tasks["tasks"]:
        for want in task["expect"]:
            path = want["template"]
            for name, value in want.get("path_params", {}).items():
                path = path.replace("{" + name + "}", quote(value, safe=""))
            params = {
                k: str(v).lower() if isinstance(v, bool) else v
                for k, v in want.get("query", {}).items()
            }
            body = {**want.get("body_free", {}), **want.get("body", {})}
            if want["template"] == "/grow/nozzles/":
                body["vcompartments"] = []  # required by the document, absent from the task
            response = requests.request(
                want["method"],
                base.replace("<TASK>", task["id"]) + path,
                params=params,
                json=body or None,
                timeout=10,
                **_credentials(tasks),
            )
            assert response.status_code < 300, (task["id"], response.status_code, response.text)


def test_every_task_passes_with_its_expected_requests(
    suite_document: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    name, document = suite_document
    tasks = _suite_tasks(name)
    base, run_dir = next(served := _serve(document, tmp_path))
    try:
        _send_expected(base, tasks)
    finally:
        served.close()
    entries = grader.load_requests(run_dir)
    assert all(e["status"] < 300 and not e["problems"] for e in entries)
    grades = grader.grade(tasks, entries)
    assert len(grades) >= 10
    wrong = {task: g["reasons"] for task, g in grades.items() if not g["right"]}
    assert not wrong


def _grade(run_dir: Path, task_id: str, tasks: dict[str, Any] = TASKS) -> dict[str, Any]:
    only = {**tasks, "tasks": [t for t in tasks["tasks"] if t["id"] == task_id]}
    return grader.grade(only, grader.load_requests(run_dir))[task_id]


def _wrong(run_dir: Path, task_id: str, tasks: dict[str, Any]) -> list[str]:
    """The reasons ``task_id`` is graded wrong (it must be)."""
    grade = _grade(run_dir, task_id, tasks)
    assert not grade["right"]
    return list(grade["reasons"])


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


@dataclass
class _Served:
    """A suite's recording server for one test: send requests as its tasks' client would,
    then read why a task is graded wrong."""

    name: str
    base: str  # with <TASK>
    run_dir: Path
    tasks: dict[str, Any]

    def send(
        self, method: str, task: str, path: str, *, credentials: bool = True, **kwargs: Any
    ) -> requests.Response:
        """``method`` to ``path`` under ``task``'s base URL, with the suite's credentials
        unless ``credentials`` is False."""
        extra = _credentials(self.tasks) if credentials else {}
        url = self.base.replace("<TASK>", task) + path
        return requests.request(method, url, timeout=10, **extra, **kwargs)

    def reasons(self, task_id: str) -> list[str]:
        """Why ``task_id`` is graded wrong (it must be)."""
        return _wrong(self.run_dir, task_id, self.tasks)


@pytest.fixture
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[_Served]:
    """The recording server of the suite named by ``parametrize(..., indirect=True)``."""
    name = request.param
    for base, run_dir in _serve(_suite_document(name), tmp_path):
        yield _Served(name, base, run_dir, _suite_tasks(name))


@pytest.mark.parametrize("served", ["keel"], indirect=True)
def test_wrong_requests_fail_with_a_reason_on_keel(served: _Served) -> None:
    """Jira's document: basic credentials, paths with no /api prefix, its own enums."""
    send = served.send
    docket = "/rest/api/3/docket/{}"
    # T03: the property key sent unencoded, so its slash splits the path.
    send(
        "PUT",
        "T03",
        docket.format("OPS-7") + "/properties/deploy/last run",
        json={"env": "staging", "ok": True},
    )
    # T10: the enum's value in the wrong case.
    body = {
        "name": "Billing",
        "workspace": "OPS",
        "description": "Invoices and payment runs",
        "leadAccountId": "5b10ac8d82e05b22cc7d4ef5",
        "assigneeType": "segment_lead",
    }
    answer = send("POST", "T10", "/rest/api/3/segment", json=body)
    assert answer.status_code == 400 and "'segment_lead' is not one of" in answer.text
    # T06: a Python bool in the query ("True"), where the document lists "true" and "false".
    send("DELETE", "T06", docket.format("OPS-20"), params={"deleteSubtasks": True})
    # T08: the token as a bearer token, not as the basic credentials the document asks for.
    send(
        "PUT",
        "T08",
        docket.format("OPS-15") + "/assignee",
        json={"accountId": "-1"},
        credentials=False,
        headers={"Authorization": f"Bearer {served.tasks['token']}"},
    )
    # T05: the estimate flag left out (its default is 'auto').
    send(
        "POST",
        "T05",
        docket.format("OPS-12") + "/timelog",
        params={"newEstimate": "1d", "notifyUsers": "false"},
        json={"timeSpentSeconds": 7200, "started": "2026-03-02T09:30:00.000+0000"},
    )
    # T02: the NetBox-style prefix, which this document's server URL doesn't have.
    send("GET", "T02", "/api/rest/api/3/workspace/search")

    reasons = served.reasons
    assert any("no path of the document matches" in r for r in reasons("T03"))
    assert any("'segment_lead' is not one of" in r for r in reasons("T10"))
    assert any("deleteSubtasks'='True': 'True' is not one of" in r for r in reasons("T06"))
    assert any("no Authorization header with the task's token" in r for r in reasons("T08"))
    assert any("query parameter 'adjustEstimate' is missing" in r for r in reasons("T05"))
    assert any("no path of the document matches /api/rest/" in r for r in reasons("T02"))


@pytest.mark.parametrize("served", ["loom"], indirect=True)
def test_wrong_requests_fail_with_a_reason_on_loom(served: _Served) -> None:
    """Bitbucket's document: the /2.0 prefix, a required 'type' its examples leave out."""
    send = served.send
    vault = "/vaults/northwind/payments-api"
    # T04: the strand name sent unencoded, so its slash splits the path.
    send("DELETE", "T04", vault + "/refs/strands/hotfix/payout-rounding")
    # T05: the state spelled with an underscore, as the enum doesn't.
    status = {
        "type": "stitchstatus",
        "key": "CI-LINT",
        "state": "IN_PROGRESS",
        "name": "Lint #418",
        "url": "https://ci.northwind.example/builds/418",
    }
    answer = send(
        "POST",
        "T05",
        vault + "/stitch/9f2c4e1a7b3d5c6e8f0a1b2c3d4e5f6a7b8c9d0e/statuses/build",
        json=status,
    )
    assert answer.status_code == 400 and "'IN_PROGRESS' is not one of" in answer.text
    # T01: the body of the description's example, without the 'type' the schema requires.
    submission: dict[str, Any] = {
        "title": "Add retry budget to payouts",
        "source": {"strand": {"name": "feature/retry-budget"}},
        "destination": {"strand": {"name": "release/2.4"}},
        "description": "Caps payout retries at 3 per hour.",
        "close_source_strand": True,
    }
    send("POST", "T01", vault + "/submissions", json=submission)
    # T02: the merge strategy left to its default, and the source strand's flag left out.
    merge = {"type": "x", "message": "Retry budget for payouts (#42)"}
    send("POST", "T02", vault + "/submissions/42/merge", params={"async": "true"}, json=merge)
    # T03: the trailing slash of the description's curl examples.
    send("POST", "T03", vault + "/conveyors/", json={"type": "x"})
    # T09: POST (which creates a vault) where the task updates one with PUT.
    send("POST", "T09", vault, json={"type": "vault"})
    # T10: the search text as 'q', and the token as a bearer token.
    send(
        "GET",
        "T10",
        "/guilds/northwind/search/code",
        params={"q": "retry_budget"},
        credentials=False,
        headers={"Authorization": f"Bearer {served.tasks['token']}"},
    )

    reasons = served.reasons
    assert any("no path of the document matches" in r for r in reasons("T04"))
    assert any("'IN_PROGRESS' is not one of" in r for r in reasons("T05"))
    assert any("'type' is a required property" in r for r in reasons("T01"))
    assert any("body field 'merge_strategy' is missing" in r for r in reasons("T02"))
    assert any("no path of the document matches /vaults/" in r for r in reasons("T03"))
    t09 = reasons("T09")
    assert any("expected PUT /vaults/{guild}/{vlt_slug}: method POST" in r for r in t09)
    assert any("a write the task didn't ask for" in r for r in t09)
    t10 = reasons("T10")
    assert any("required query parameter 'search_query' is missing" in r for r in t10)
    assert any("'q' is not documented" in r for r in t10)
    assert any("no Authorization header with the task's token" in r for r in t10)


@pytest.mark.parametrize("served", ["drift"], indirect=True)
def test_wrong_requests_fail_with_a_reason_on_drift(served: _Served) -> None:
    """DigitalOcean's document: bearer credentials, /v2 paths, bodies of alternatives
    (anyOf) that only the grader holds to the task, and its bundled #/paths/ $refs."""
    send = served.send
    # T01: a port as a number, where the document wants a string.
    wall = {
        "name": "web-edge",
        "tags": ["web"],
        "inbound_rules": [{"protocol": "tcp", "ports": 443, "sources": {"addresses": ["::/0"]}}],
    }
    answer = send("POST", "T01", "/v2/breakwaters", json=wall)
    assert answer.status_code == 400 and "443 is not of type 'string'" in answer.text
    # T02: the gauge under the vendor's own name; any body with a 'type' of the enum
    # validates (the body is a list of alternatives), so only the grader sees it.
    resize = {"type": "resize", "size": "s-4vcpu-8gb", "disk": True}
    assert send("POST", "T02", "/v2/skiffs/3164494/maneuvers", json=resize).status_code == 201
    # T03: the token sent with the scheme of another suite, not as a bearer token.
    send(
        "GET",
        "T03",
        "/v2/molds",
        params={"private": "true", "tag_name": "base-2026", "per_page": 50, "page": 2},
        credentials=False,
        headers={"Authorization": f"Token {served.tasks['token']}"},
    )
    # T04: the tag applied before it was created is fine on the wire, but the id as a
    # number and a resource type the enum doesn't have are not.
    send(
        "POST",
        "T04",
        "/v2/tags/canary/resources",
        json={"resources": [{"resource_id": 3164494, "resource_type": "volume_snapshot"}]},
    )
    # T05: PUT with only the fields to change (PUT replaces the whole fleet).
    fleet = "/v2/fleets/4e1bfbc3-dc3e-41f2-a18f-1b4d7ba71679"
    purpose = {"purpose": "Machine learning / AI / Data processing", "environment": "Production"}
    send("PUT", "T05", fleet, json=purpose)
    # T06: the sea under the vendor's name for it.
    send("DELETE", "T06", "/v2/casks", params={"name": "pg-data-old", "region": "kes1"})
    # T07: the description's example path, whose /repositories/ segment the template lacks.
    repository = quote("payments/api-gateway", safe="")
    send("DELETE", "T07", f"/v2/depot/northwind/repositories/{repository}/tags/v1.4.2-rc1")
    # T08: a CAA tag that exists but isn't the one for wildcard certificates.
    caa = {"type": "CAA", "name": "@", "data": "letsencrypt.org", "tag": "issue", "flags": 0}
    send("POST", "T08", "/v2/havens/northwind.example/markers", json={**caa, "ttl": 3600})
    # T09: no Slack list, since the task wants no Slack channel (the schema requires it).
    alert = {
        "type": "v1/insights/skiff/memory_utilization_percent",
        "description": "Memory above 85%",
        "compare": "GreaterThan",
        "value": 85,
        "window": "10m",
        "entities": ["3164494", "3164495"],
        "tags": [],
        "alerts": {"email": ["ops@northwind.example"]},
        "enabled": True,
    }
    send("POST", "T09", "/v2/monitoring/alerts", json=alert)

    reasons = served.reasons
    assert any("443 is not of type 'string'" in r for r in reasons("T01"))
    assert any("body field 'gauge' is missing" in r for r in reasons("T02"))
    assert any("no Authorization header with the task's token" in r for r in reasons("T03"))
    t04 = reasons("T04")
    assert any("'volume_snapshot' is not one of" in r for r in t04)
    assert any("3164494 is not of type 'string'" in r for r in t04)
    assert any("expected POST /v2/tags: " in r for r in t04)  # the tag was never created
    t05 = reasons("T05")
    assert any("'name' is a required property" in r for r in t05)
    assert any("expected PATCH /v2/fleets/{fleet_id}: method PUT" in r for r in t05)
    t06 = reasons("T06")
    assert any("query parameter 'region' is not documented" in r for r in t06)
    assert any("query parameter 'sea' is missing" in r for r in t06)
    assert any(
        "no path of the document matches /v2/depot/northwind/rep" in r for r in reasons("T07")
    )
    assert any("body field 'tag' is 'issue', expected 'issuewild'" in r for r in reasons("T08"))
    assert any("'slack' is a required property" in r for r in reasons("T09"))


@pytest.mark.parametrize("served", ["gale"], indirect=True)
def test_wrong_requests_fail_with_a_reason_on_gale(served: _Served) -> None:
    """Zoom's document: the /v2 prefix, integer enums explained only in descriptions,
    actions in the body, and a UUID the document says to double-encode."""
    send = served.send
    # T01: a weekly recurrence whose day is the day's name, not its number ("3" is Tuesday).
    huddle = {
        "topic": "Platform sync",
        "type": 8,
        "start_time": "2026-03-03T16:00:00Z",
        "duration": 45,
        "timezone": "Europe/Berlin",
        "recurrence": {"type": 2, "repeat_interval": 2, "weekly_days": "Tuesday", "end_times": 12},
        "settings": {"holding_hall": True, "mute_upon_entry": True},
    }
    answer = send("POST", "T01", "/users/dana.reyes%40northwind.example/huddles", json=huddle)
    assert answer.status_code == 400 and "'Tuesday' is not one of" in answer.text
    # T02: the whole huddle sent back with the new length (a PATCH changes what it is sent).
    patch = {"topic": "Weekly review", "duration": 90, "type": 2}
    send("PATCH", "T02", "/huddles/85746065432", json=patch)
    # T03: page-number paging instead of the page token the task gave.
    send(
        "GET",
        "T03",
        "/users/KDcuGIm1QgePTO8WbOqwIQ/huddles",
        params={"type": "upcoming", "page_size": 100, "page_number": "2"},
    )
    # T04: DELETE where the task ends the huddle (an action on its status).
    send("DELETE", "T04", "/huddles/93012457781")
    # T05: the whole series cancelled (no occurrence), the anchor's flag left out.
    send("DELETE", "T05", "/huddles/85746065432", params={"cancel_huddle_reminder": "true"})
    # T06: the benchists as a bare list, not under the body's field.
    people = [
        {"name": "Priya Nair", "email": "priya.nair@northwind.example"},
        {"name": "Tomas Berg", "email": "tomas.berg@northwind.example"},
    ]
    answer = send("POST", "T06", "/forums/81122334455/benchists", json=people)
    assert answer.status_code == 400
    # T07: the UUID encoded once, as for any other path, where the document says twice.
    send(
        "GET",
        "T07",
        "/past_huddles/" + quote("/gkT9oLpQr2uYv4Wx8nZb1Aa", safe="") + "/joiners",
        params={"page_size": 300},
    )
    # T08: the action under its description's wording ("approved"), not the enum's.
    approve = {
        "action": "approved",
        "enrollees": [{"id": "9tboDiHUQAeOnbmudzWa5g"}, {"email": "sam.okafor@northwind.example"}],
    }
    answer = send(
        "PUT",
        "T08",
        "/huddles/85746065432/enrollees/status",
        params={"occurrence_id": "1772550000000"},
        json=approve,
    )
    assert answer.status_code == 400 and "'approved' is not one of" in answer.text
    # T09: the field created, but its value set on the huddle as a plain mapping.
    field = {
        "field": "Cost center",
        "required": True,
        "visible": True,
        "recommended_values": ["CC-100", "CC-200"],
    }
    send("POST", "T09", "/tracing_fields", json=field)
    send("PATCH", "T09", "/huddles/85746065432", json={"tracing_fields": {"Cost center": "CC-200"}})
    # T10: the user deleted, where the task deactivates it.
    send("DELETE", "T10", "/users/" + quote("lee+contractor@northwind.example", safe=""))

    reasons = served.reasons
    assert any("'Tuesday' is not one of" in r for r in reasons("T01"))
    assert any("the body also changes topic, type" in r for r in reasons("T02"))
    t03 = reasons("T03")
    assert any("query parameter 'next_page_token' is missing" in r for r in t03)
    t04 = reasons("T04")
    assert any("expected PUT /huddles/{huddleId}/status" in r for r in t04)
    assert any("a write the task didn't ask for" in r for r in t04)
    assert any("query parameter 'occurrence_id' is missing" in r for r in reasons("T05"))
    assert any("is not of type 'object'" in r for r in reasons("T06"))
    t07 = reasons("T07")
    assert any("path parameter 'huddleUUID' is '/gkT9oLpQr2uYv4Wx8nZb1Aa'" in r for r in t07)
    assert any("'approved' is not one of" in r for r in reasons("T08"))
    assert any("is not of type 'array'" in r for r in reasons("T09"))
    t10 = reasons("T10")
    assert any("expected PUT /users/{userId}/status: method DELETE" in r for r in t10)


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


def test_the_contract_decodes_a_slash_under_the_loom_prefix() -> None:
    document = _suite_document("loom")
    assert disguise.api_prefix(document) == "/2.0"
    contract = Contract(document)
    path = "/vaults/northwind/payments-api/refs/strands/" + quote("hotfix/payout-rounding", safe="")
    match = contract.check(Request("DELETE", path, headers={"Authorization": "Basic x"}))
    assert match is not None and not match.problems
    assert match.template == "/vaults/{guild}/{vlt_slug}/refs/strands/{name}"
    assert match.path_params["name"] == "hotfix/payout-rounding"


def test_the_contract_decodes_a_slash_and_a_space_on_keel() -> None:
    document = _suite_document("keel")
    assert disguise.api_prefix(document) == ""
    contract = Contract(document)
    path = "/rest/api/3/docket/OPS-7/properties/" + quote("deploy/last run", safe="")
    match = contract.check(Request("PUT", path, headers={"Authorization": "Basic x"}, body=b"{}"))
    assert match is not None
    assert match.template == "/rest/api/3/docket/{docketIdOrKey}/properties/{propertyKey}"
    assert match.path_params == {"docketIdOrKey": "OPS-7", "propertyKey": "deploy/last run"}


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
