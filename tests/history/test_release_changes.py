"""A real history of the example project: release 1 is served and reports its digest; the
next release (``tests.support.release2``: an endpoint removed, a field made required, one
removed, one added, an enum narrowed) runs on the same database, and an agent asks it what
changed, over the official MCP client; then ``mcpdocs_changes`` gates it as CI would.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

from tests.support.servers import (
    ROOT,
    asgi_command,
    free_port,
    manage,
    prepare_database,
    server_env,
)

RELEASE_2 = "tests.support.release2_settings"
BOOK = "/api/books/{id}/"


def serve(start_server: Any, db: Path, **env: str) -> tuple[Any, str]:
    port = free_port()
    process = start_server(
        asgi_command("uvicorn", "example_project.asgi:application", port),
        EXAMPLE_DB_PATH=str(db),
        **env,
    )
    process.wait_for_port(port)
    return process, f"http://127.0.0.1:{port}/mcp/"


def changes(result: Any) -> dict[tuple[str, str], list[dict[str, Any]]]:
    page = result.structured_content
    return {(e["method"], e["path"]): e["changes"] for e in page.get("changed", [])}


def has(items: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    found = [i for i in items if i["change"] == kind and i.get("name") == name]
    assert found, f"no {kind} {name}: {items}"
    return found[0]


def command(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = server_env(EXAMPLE_DB_PATH=str(db), DJANGO_SETTINGS_MODULE=RELEASE_2)
    return subprocess.run(
        manage("mcpdocs_changes", *args),
        env=env,
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.servers
async def test_the_next_release_reports_what_changed(tmp_path: Path, start_server: Any) -> None:
    db = tmp_path / "db.sqlite3"
    prepare_database(db)

    # Release 1: the agent learns the digest (overview) and every answer carries it.
    release1, url = serve(start_server, db)
    async with Client(url) as client:
        overview = json.loads((await client.read_resource("api://overview")).contents[0].text)
        digest = overview["schemaDigest"]
        assert overview["schemaVersion"] == "1.0.0" and len(digest) == 16
        found = await client.call_tool("search_endpoints", {"query": "books"})
        assert found.structured_content["schemaDigest"] == digest
        assert json.loads(found.content[0].text)["schemaDigest"] == digest
    release1.stop()

    # Release 2, same database: a new digest, and the changes since the old one.
    release2, url = serve(start_server, db, DJANGO_SETTINGS_MODULE=RELEASE_2)
    async with Client(url) as client:
        overview = json.loads((await client.read_resource("api://overview")).contents[0].text)
        assert overview["schemaDigest"] != digest
        answer = await client.call_tool("get_api_changes", {"since": digest[:8]})
        assert not answer.is_error, answer.content[0].text
        assert answer.structured_content["schemaDigest"] == overview["schemaDigest"]
        page = answer.structured_content
        assert page["since"]["digest"] == digest and page["to"]["digest"] != digest
        assert "nextOffset" not in page and len(answer.content[0].text) < 24 * 1024

        # The endpoint removed.
        (removed,) = page["removed"]
        assert (removed["method"], removed["path"]) == ("DELETE", "/api/publishers/{id}/")
        assert removed["breaking"] and removed["reason"]
        by_endpoint = changes(answer)
        for method in ("POST", "PUT"):
            path = "/api/books/" if method == "POST" else BOOK
            items = by_endpoint[(method, path)]
            # The field made required, the field removed, the enum narrowed: breaking.
            assert has(items, "request field now required", "publisher_id")["breaking"]
            assert has(items, "request field removed", "page_count")["breaking"]
            narrowed = has(items, "request field enum narrowed", "status")
            assert narrowed["breaking"] and '"out_of_print"' in narrowed["detail"]
            assert has(items, "response field removed", "page_count")["breaking"]
            # The field added (read-only, in responses): not breaking.
            assert not has(items, "response field added", "cover_url")["breaking"]
        # PATCH sends any subset: publisher_id is not required there either.
        patch = by_endpoint[("PATCH", BOOK)]
        assert not [i for i in patch if i["change"] == "request field now required"]
        listed = by_endpoint["GET", "/api/books/"]
        assert has(listed, "response field removed", "results[].page_count")["breaking"]
        # Unchanged endpoints are left out.
        untouched = {("GET", "/api/authors/"), ("GET", "/api/reviews/"), ("GET", "/api/stats/")}
        assert not untouched & set(by_endpoint)
        assert page["summary"]["endpointsUnchanged"] > 15
        every_change = [i for items in by_endpoint.values() for i in items]
        assert page["summary"]["changes"] == len(every_change) + 1

        # since by date (before release 1 was first seen: the oldest schema) and by version.
        by_version = await client.call_tool("get_api_changes", {"since": "1.0.0"})
        assert not by_version.is_error
        unknown = await client.call_tool("get_api_changes", {"since": "v0.9-nope"})
        assert unknown.is_error
        text = unknown.content[0].text
        assert "'v0.9-nope'" in text and digest in text and "Traceback" not in text
    release2.stop()

    # The CI gate, on release 2's code and the same database.
    gate = command(db, "--since", digest, "--fail-on-breaking")
    assert gate.returncode == 1, gate.stderr
    assert "DELETE /api/publishers/{id}/" in gate.stdout
    assert "breaking change" in gate.stderr and "Traceback" not in gate.stderr
    plain = command(db, "--since", digest)
    assert (
        plain.returncode == 0 and "BREAKING request field now required publisher_id" in plain.stdout
    )
    markdown = command(db, "--since", digest, "--format", "markdown")
    assert markdown.returncode == 0
    assert markdown.stdout.startswith("## API changes: 1.0.0 (")
    assert "#### `PUT /api/books/{id}/`" in markdown.stdout
    assert "- **Breaking:** request field now required `publisher_id`" in markdown.stdout
    as_json = json.loads(command(db, "--since", digest, "--format", "json").stdout)
    assert as_json["summary"]["breaking"] == page["summary"]["breaking"]
    missing = command(db, "--since", "v9.9.9", "--fail-on-breaking")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "CommandError: no recorded schema matches since='v9.9.9'" in missing.stderr
    assert digest in missing.stderr  # the latest known ones are named


@pytest.mark.django_db
def test_a_snapshot_of_spectacular_file_output_is_the_served_schema(tmp_path: Path) -> None:
    """``spectacular --file`` (YAML) recorded by ``mcpdocs_snapshot`` has the live digest."""
    from django.core.management import call_command

    from drf_mcp_docs.history import store
    from drf_mcp_docs.schema.cache import build_api_schema

    schema_file = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(schema_file))
    call_command("mcpdocs_snapshot", "--file", str(schema_file), "--label", "v1.0.0")
    recorded, note = store.resolve("v1.0.0")
    assert note == "" and recorded.source == "snapshot"
    assert recorded.digest == build_api_schema().digest
