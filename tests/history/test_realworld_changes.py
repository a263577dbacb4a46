"""The diff on a real history: GitHub's published OpenAPI document, releases 22.0.0 and
23.0.2 of ``@octokit/openapi`` (npm).

Each change asserted here was checked by hand against the two files (reading the raw
operations and following their ``$ref``s); the comment on each says what the files hold.
The endpoint counts are checked against an independent oracle: the (method, path) pairs
of the raw documents. Paging through ``get_api_changes`` over the official MCP client
covers every change once, every answer under 24 KB.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from drf_mcp_docs.history import report
from drf_mcp_docs.history.diff import ApiDiff, Change, diff
from drf_mcp_docs.schema.adapters import OpenAPIFileAdapter
from drf_mcp_docs.schema.processor import process_schema
from tests.support.realworld import available, fetch, load

pytestmark = [
    pytest.mark.realworld,
    pytest.mark.skipif(
        not (available("github") and available("github-22")),
        reason="GitHub's documents are not cached and npm is not installed",
    ),
]

HTTP = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture(scope="module")
def changes() -> ApiDiff:
    old = process_schema(load("github-22"), path_prefix="/")
    new = process_schema(load("github"), path_prefix="/")
    return diff(old, new)


def change(result: ApiDiff, method: str, path: str, kind: str, name: str = "") -> Change:
    for endpoint in result.changed:
        if (endpoint.method, endpoint.path) == (method, path):
            found = [c for c in endpoint.changes if c.kind == kind and c.name == name]
            assert found, f"{kind} {name!r} not reported on {method} {path}: {endpoint.changes}"
            return found[0]
    raise AssertionError(f"{method} {path} is not reported as changed")


def operations(name: str) -> set[tuple[str, str]]:
    document = load(name)
    return {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in HTTP
    }


def test_endpoint_counts_match_the_raw_documents(changes: ApiDiff) -> None:
    old, new = operations("github-22"), operations("github")
    assert {(m, p) for m, p, _ in changes.removed} == old - new
    assert {(m, p) for m, p, _ in changes.added} == new - old
    assert len(changes.removed) == 40 and len(changes.added) == 155


def test_removed_and_added_endpoints(changes: ApiDiff) -> None:
    removed = {(m, p) for m, p, _ in changes.removed}
    added = {(m, p) for m, p, _ in changes.added}
    # 1-3: in 22.0.0, gone from 23.0.2.
    assert ("GET", "/organizations/{org}/dependabot/repository-access") in removed
    assert ("GET", "/orgs/{org}/copilot/metrics") in removed
    assert ("GET", "/orgs/{org}/teams/{team_slug}/discussions") in removed
    # 4-5: new in 23.0.2 (GitHub's agent tasks).
    assert ("GET", "/agents/tasks") in added
    assert ("POST", "/agents/repos/{owner}/{repo}/tasks") in added
    assert changes.breaking_count >= len(removed)  # each removed endpoint breaks its callers


def test_parameter_changes(changes: ApiDiff) -> None:
    # 6: query parameter team_type (required: false) is new on GET /orgs/{org}/teams.
    c = change(changes, "GET", "/orgs/{org}/teams", "parameter added", "query team_type")
    assert (c.detail, c.breaking) == ("optional", False)
    # 7: query parameter status (optional) is new on the webhook deliveries list.
    path = "/repos/{owner}/{repo}/hooks/{hook_id}/deliveries"
    c = change(changes, "GET", path, "parameter added", "query status")
    assert not c.breaking
    # 8: path parameter job_id: {type: integer} -> {type: integer, format: int64}.
    path = "/repos/{owner}/{repo}/actions/jobs/{job_id}/logs"
    c = change(changes, "GET", path, "parameter format changed", "path job_id")
    assert (c.detail, c.breaking) == ("integer -> integer(int64)", False)


def test_request_body_changes(changes: ApiDiff) -> None:
    # 9: the app permissions object lost team_discussions (app-permissions component).
    path = "/app/installations/{installation_id}/access_tokens"
    c = change(changes, "POST", path, "request field removed", "permissions.team_discussions")
    assert c.breaking
    # 10: PATCH private registry gained an optional api_host.
    path = "/orgs/{org}/private-registries/{secret_name}"
    c = change(changes, "PATCH", path, "request field added", "api_host")
    assert (c.detail, c.breaking) == ("string", False)
    # 11: bypass actor types gained "User".
    path = "/repos/{owner}/{repo}/rulesets/{ruleset_id}"
    c = change(changes, "PUT", path, "request field enum widened", "bypass_actors[].actor_type")
    assert (c.detail, c.breaking) == ('added "User"', False)
    # 12: required: [state] became anyOf [{required: [state]}, {required: [assignees]}].
    path = "/repos/{owner}/{repo}/dependabot/alerts/{alert_number}"
    c = change(changes, "PATCH", path, "request field now optional", "state")
    assert not c.breaking
    # 13: make_latest's default went from the boolean true to the string "true".
    path = "/repos/{owner}/{repo}/releases/{release_id}"
    c = change(changes, "PATCH", path, "request field default changed", "make_latest")
    assert (c.detail, c.breaking) == ('true -> "true"', True)
    # 14: iteration_configuration now has required: [start_date, duration].
    path = "/orgs/{org}/projectsV2/{project_number}/fields"
    name = "iteration_configuration.duration"
    assert change(changes, "POST", path, "request field now required", name).breaking
    # 15: ... and its iterations' items now require title, start_date and duration.
    name = "iteration_configuration.iterations[].start_date"
    assert change(changes, "POST", path, "request field now required", name).breaking


def test_response_changes(changes: ApiDiff) -> None:
    # 16: the installation's permissions lost team_discussions.
    path = "/app/installations/{installation_id}"
    name = "permissions.team_discussions"
    assert change(changes, "GET", path, "response field removed", name).breaking
    # 17: issue field values' data_type enum gained "multi_select".
    name = "[].issue_field_values[].data_type"
    c = change(changes, "GET", "/issues", "response field enum widened", name)
    assert (c.detail, c.breaking) == ('added "multi_select"', False)
    # 18: a fork's license.url was {type: string}, is now {type: string, nullable: true}.
    path = "/repos/{owner}/{repo}/forks"
    c = change(changes, "GET", path, "response field type changed", "[].license.url")
    assert (c.detail, c.breaking) == ("string -> string, nullable", True)
    # 19: the workflow dispatch documented 204 only; 23.0.2 documents 200 and 204.
    path = "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"
    c = change(changes, "POST", path, "success response added")
    assert (c.detail, c.breaking) == ("200", False)


def test_deprecations_and_unchanged_endpoints(changes: ApiDiff) -> None:
    # 20: GET /classrooms has deprecated: true in 23.0.2, not in 22.0.0.
    c = change(changes, "GET", "/classrooms", "deprecated")
    assert not c.breaking
    # GET /zen and GET /octocat are byte-identical in both files: not listed.
    old, new = load("github-22"), load("github")
    listed = {(e.method, e.path) for e in changes.changed}
    for path in ("/zen", "/octocat"):
        assert old["paths"][path] == new["paths"][path]
        assert ("GET", path) not in listed
    assert changes.unchanged > 500


class GitHubNow(OpenAPIFileAdapter):
    """GitHub's document at 23.0.2, served as the project's schema (path set per test)."""


@pytest.mark.django_db
async def test_get_api_changes_pages_through_everything(settings: Any, mcp_client: Any) -> None:
    from asgiref.sync import sync_to_async

    from drf_mcp_docs.history import store

    GitHubNow.path = fetch("github")
    settings.DRF_MCP_DOCS = {
        "SCHEMA_ADAPTER": f"{__name__}.GitHubNow",
        "SCHEMA_PATH_PREFIX": "/",
        "TOOL_TIMEOUT": 120,
    }
    await sync_to_async(store.record)(load("github-22"), label="octokit-22")
    # Slower than TOOL_TIMEOUT: a tool error that says to call again (the work goes on).
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "TOOL_TIMEOUT": 0.05}
    slow = await mcp_client.call_tool("get_api_changes", {"since": "octokit-22"})
    assert slow.is_error and "call again in a few seconds" in slow.content[0].text
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "TOOL_TIMEOUT": 120}
    seen: list[dict[str, Any]] = []
    offset: int | None = 0
    pages = 0
    while offset is not None:
        arguments = {"since": "octokit-22", "offset": offset} if offset else {"since": "octokit-22"}
        answer = await mcp_client.call_tool("get_api_changes", arguments)
        assert not answer.is_error, answer.content[0].text
        assert len(answer.content[0].text.encode()) < 24 * 1024
        page = answer.structured_content
        assert page["since"]["label"] == "octokit-22" and page["to"]["version"] == "23.0.2"
        seen += page.get("removed", [])  # the answer's order: removed, changed, added
        for endpoint in page.get("changed", []):
            seen += endpoint["changes"]
        seen += [{**e, "breaking": False} for e in page.get("added", [])]
        offset = page.get("nextOffset")
        pages += 1
        assert pages < 100
    summary = page["summary"]
    assert len(seen) == summary["changes"] == 1554
    assert sum(1 for item in seen if item.get("breaking")) == summary["breaking"]
    assert json.dumps(seen).count('"breaking": true') == summary["breaking"]
    # Breaking first: the removed endpoints, then the changed endpoints with a break (each
    # endpoint's breaking changes before its others).
    flags = [bool(item.get("breaking")) for item in seen]
    removed = summary["endpointsRemoved"]
    assert all(flags[:removed]) and flags[removed]
    assert not any(flags[-summary["endpointsAdded"] :])
    assert pages > 1 and report.PAGE_BUDGET < 24 * 1024
