"""The history's store: one record per distinct schema, bounded, found by digest, label,
version or date; settings checks; a missing table warns and breaks nothing."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from drf_mcp_docs.history import store
from drf_mcp_docs.schema.digest import document_digest
from tests.support.servers import ROOT, manage, server_env


def doc(version: str, *paths: str) -> dict[str, Any]:
    op = {"get": {"responses": {"200": {"description": "ok"}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": version},
        "paths": {p: op for p in paths},
    }


def test_the_digest_ignores_key_order_and_sees_every_change() -> None:
    one = {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}}
    reordered = {"paths": {}, "info": {"version": "1", "title": "T"}, "openapi": "3.0.3"}
    assert document_digest(one) == document_digest(reordered)
    assert len(document_digest(one)) == 16
    assert document_digest(one) != document_digest({**one, "info": {"title": "T", "version": "2"}})


@pytest.mark.django_db
def test_each_schema_is_recorded_once_and_labelled() -> None:
    first, created = store.record(doc("1.0", "/a/"))
    assert created and first.schema_version == "1.0" and first.source == "served"
    again, created = store.record(doc("1.0", "/a/"), label="v1.0.0", source="snapshot")
    assert not created and again.digest == first.digest and again.label == "v1.0.0"
    from drf_mcp_docs.models import SchemaRecord

    assert SchemaRecord.objects.filter(digest=first.digest).count() == 1
    assert store.load(again) == doc("1.0", "/a/")


@pytest.mark.django_db
def test_a_concurrent_worker_recording_first_is_not_an_error(monkeypatch: Any) -> None:
    from django.db.models import QuerySet

    recorded, _ = store.record(doc("1.0", "/a/"))
    # Another worker inserted it between this one's lookup and its insert.
    monkeypatch.setattr(QuerySet, "first", lambda self: None)
    same, created = store.record(doc("1.0", "/a/"))
    assert not created and same.digest == recorded.digest


@pytest.mark.django_db
def test_the_history_keeps_the_newest_and_labelled_ones(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"HISTORY_LIMIT": 3}
    store.record(doc("0"), label="v0")
    for n in range(1, 6):
        store.record(doc(str(n), f"/{n}/"))
    kept = [r.schema_version for r in store.latest(count=10)]
    assert kept == ["5", "4", "0"]  # unlabelled ones went first
    settings.DRF_MCP_DOCS = {"HISTORY": False}
    with pytest.raises(store.HistoryUnavailable):
        store.record(doc("6"))


@pytest.mark.django_db
def test_since_finds_digests_labels_versions_and_dates() -> None:
    from drf_mcp_docs.models import SchemaRecord

    one, _ = store.record(doc("1.0", "/a/"), label="v1")
    two, _ = store.record(doc("2.0", "/a/", "/b/"))
    SchemaRecord.objects.filter(digest=one.digest).update(
        first_seen=datetime.datetime(2026, 1, 10, tzinfo=datetime.timezone.utc)
    )
    SchemaRecord.objects.filter(digest=two.digest).update(
        first_seen=datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc)
    )
    assert store.resolve(one.digest)[0].digest == one.digest
    assert store.resolve(one.digest[:6].upper())[0].digest == one.digest
    assert store.resolve("v1")[0].digest == one.digest
    assert store.resolve("2.0")[0].digest == two.digest
    assert store.resolve("2026-02-01")[0].digest == one.digest
    assert store.resolve("2026-03-01T12:00:00Z")[0].digest == two.digest
    older, note = store.resolve("2025-12-31")
    assert older.digest == one.digest and "history starts after 2025-12-31" in note
    with pytest.raises(store.UnknownSchema) as unknown:
        store.resolve("v7")
    message = str(unknown.value)
    assert "since='v7'" in message and two.digest in message and "v1" in message


def test_history_limit_is_checked(settings: Any) -> None:
    from drf_mcp_docs.checks import settings as checks
    from drf_mcp_docs.checks.history import check_history_settings

    settings.DRF_MCP_DOCS = {"HISTORY_LIMIT": -1}
    (error,) = check_history_settings()
    assert error.id == "drf_mcp_docs.E040" and "-1" in error.msg
    settings.DRF_MCP_DOCS = {"HISTORY_LIMIT": "10"}
    assert [e.id for e in checks.check_settings()] == ["drf_mcp_docs.E003"]
    settings.DRF_MCP_DOCS = {"HISTORY": "no"}
    assert [e.id for e in checks.check_settings()] == ["drf_mcp_docs.E003"]
    for fine in ({"HISTORY_LIMIT": 0}, {"HISTORY_LIMIT": None}, {"HISTORY": False}):
        settings.DRF_MCP_DOCS = fine
        assert check_history_settings() == [] and checks.check_settings() == []


def test_without_the_table_check_warns_and_tools_still_answer(tmp_path: Path) -> None:
    """A project that never ran ``migrate``: W040 says how to fix it; tools still work."""
    env = server_env(EXAMPLE_DB_PATH=str(tmp_path / "empty.sqlite3"))
    check = subprocess.run(
        manage("check"), env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 0, check.stderr
    assert "drf_mcp_docs.W040" in check.stderr + check.stdout
    assert "manage.py migrate drf_mcp_docs" in check.stderr + check.stdout
    script = (
        "import asyncio, django; django.setup()\n"
        "from mcp import Client\n"
        "from drf_mcp_docs.server import get_mcp_server\n"
        "async def main():\n"
        "    async with Client(get_mcp_server()) as c:\n"
        "        found = await c.call_tool('search_endpoints', {'query': 'books'})\n"
        "        assert not found.is_error and found.structured_content['total'] > 0\n"
        "        print('digest', found.structured_content['schemaDigest'])\n"
        "        changes = await c.call_tool('get_api_changes', {'since': 'v1'})\n"
        "        print('changes', changes.is_error, changes.content[0].text)\n"
        "asyncio.run(main())\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "digest " in run.stdout
    assert "changes True" in run.stdout and "migrate drf_mcp_docs" in run.stdout
    assert run.stderr.count("could not record schema") == 1  # one warning, not one per call
    with_migrations = subprocess.run(
        manage("migrate", "-v0"),
        env=env,
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert with_migrations.returncode == 0 and "W040" not in with_migrations.stderr
    check = subprocess.run(
        manage("check"), env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=120
    )
    assert "W040" not in check.stderr + check.stdout


@pytest.mark.django_db
def test_a_label_names_one_schema_and_a_schema_keeps_several() -> None:
    one, _ = store.record(doc("1.0", "/a/"), label="v1.0.0")
    store.record(doc("1.0", "/a/"), label="main")  # the release is also main's schema
    assert store.resolve("v1.0.0")[0].digest == one.digest
    assert store.resolve("main")[0].digest == one.digest
    two, _ = store.record(doc("2.0", "/b/"), label="main")  # main moves on
    assert store.resolve("main")[0].digest == two.digest
    assert store.resolve("v1.0.0")[0].digest == one.digest
    assert store.resolve("v1.0.0")[0].label == "v1.0.0"
    with pytest.raises(ValueError, match="without spaces"):
        store.record(doc("3.0"), label="two words")


@pytest.mark.django_db
def test_a_version_names_its_first_schema() -> None:
    from drf_mcp_docs.models import SchemaRecord

    first, _ = store.record(doc("1.0", "/a/"))
    later, _ = store.record(doc("1.0", "/a/", "/b/"))  # info.version not bumped
    SchemaRecord.objects.filter(digest=first.digest).update(
        first_seen=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    )
    assert store.resolve("1.0")[0].digest == first.digest != later.digest


@pytest.mark.django_db
def test_changes_between_two_recorded_schemas(capsys: Any) -> None:
    import json

    from django.core.management import CommandError, call_command

    store.record(doc("1.0", "/api/a/", "/api/b/"), label="v1")
    store.record(doc("2.0", "/api/a/", "/api/c/"), label="v2")
    call_command("mcpdocs_changes", "--since", "v1", "--until", "v2", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert report["from"]["label"] == "v1" and report["to"]["label"] == "v2"
    assert [e["path"] for e in report["removed"]] == ["/api/b/"]
    assert [e["path"] for e in report["added"]] == ["/api/c/"]
    assert report["summary"]["breaking"] == 1
    with pytest.raises(CommandError) as failed:
        call_command("mcpdocs_changes", "--since", "v1", "--until", "v2", "--fail-on-breaking")
    assert failed.value.returncode == 1 and "1 breaking change since v1" in str(failed.value)
    with pytest.raises(CommandError, match="since='nope'"):
        call_command("mcpdocs_changes", "--since", "nope")
    with pytest.raises(CommandError, match="without spaces"):
        call_command("mcpdocs_snapshot", "--label", "two words")
