"""Every shell and Python block of the README and docs/*.md is run by a test, or says why not.

This module checks the markers (see ``doc_blocks``) across all pages, parses every JSON
block, and runs the blocks of the pages that have no test module of their own: README.md,
docs/configuration.md and docs/benchmarks.md. docs/getting-started.md is run by
``test_getting_started.py``, docs/asgi-integration.md by ``tests/asgi/test_docs.py``.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.doc_blocks import (
    DOCS,
    EXECUTABLE,
    ROOT,
    Block,
    blocks,
    marked_blocks,
    untested_executable,
)

#: The names each page's ``<!-- test: NAME -->`` blocks may use, and who runs them.
RUN_BY = {
    "README.md": {"asgi", "two-commands", "curl-initialize", "install", "settings"},
    "configuration.md": {"settings", "adapter-class", "adapter-setting", "invalidate"},
    "benchmarks.md": {"reproduce"},
}
#: Pages whose blocks another test module runs (it pins the names itself).
OWN_MODULE = {
    "getting-started.md": "tests/docs/test_getting_started.py",
    "asgi-integration.md": "tests/asgi/test_docs.py",
    "deployment.md": "tests/deploy/test_deploy_stateful.py",
    "keeping-agents-current.md": "tests/history/test_history_docs.py",
}
README = ROOT / "README.md"
GETTING_STARTED = marked_blocks(ROOT / "docs" / "getting-started.md")


def all_blocks() -> list[Block]:
    return [b for doc in DOCS for b in blocks(doc)]


def test_every_executable_block_is_run_or_says_why_not() -> None:
    unmarked = [f"{b.doc}:{b.line}" for doc in DOCS for b in untested_executable(doc)]
    assert unmarked == [], "mark these with <!-- test: NAME --> or <!-- skip: REASON -->"
    for block in all_blocks():
        if block.marker == "skip":
            assert len(block.value) >= 20, f"{block.doc}:{block.line}: say why it is skipped"


def test_every_page_with_tested_blocks_has_a_test() -> None:
    for doc in DOCS:
        names = set(marked_blocks(doc))
        if doc.name in OWN_MODULE:
            assert (ROOT / OWN_MODULE[doc.name]).is_file()
        else:
            assert names == RUN_BY.get(doc.name, set()), doc.name


def test_markers_only_precede_code() -> None:
    """A marker followed by anything but a fence would silently mark nothing."""
    for doc in DOCS:
        for match in re.finditer(r"<!-- (test|skip): .*? -->\n(.*)", doc.read_text()):
            assert match.group(2).startswith("```"), f"{doc.name}: {match.group(0)[:80]}"


@pytest.mark.parametrize(
    "block",
    [b for b in all_blocks() if b.language == "json"],
    ids=lambda b: f"{b.doc}:{b.line}",
)
def test_json_blocks_parse(block: Block) -> None:
    json.loads(block.code)


def test_every_executable_language_is_known() -> None:
    languages = {b.language for b in all_blocks()}
    assert languages <= EXECUTABLE | {"json", "text", "nginx", ""}, languages


# README.md ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["asgi", "install", "settings"])
def test_readme_blocks_are_the_getting_started_ones(name: str) -> None:
    """Run in a new project by test_getting_started.py; the README shows the same text."""
    assert marked_blocks(README)[name].code == GETTING_STARTED[name].code


def make_dry_run(*args: str, **env: str) -> str:
    done = subprocess.run(
        ["make", "-n", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, **env},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_readme_two_commands() -> None:
    """What ``make demo`` and ``make test`` run (tests/newcomer/test_demo.py runs the demo)."""
    commands = [
        line.split("#")[0].strip()
        for line in marked_blocks(README)["two-commands"].code.splitlines()
    ]
    assert commands == ["make demo", "make test"]
    assert "example/run_demo.py --host 127.0.0.1 --port 8000" in make_dry_run("demo")
    assert "--host 0.0.0.0 --port 8001" in make_dry_run(
        "demo", "DEMO_PORT=8001", "DEMO_HOST=0.0.0.0"
    )
    dry = make_dry_run("test")
    assert ".ci/system-packages" in dry and "-m pytest" in dry
    assert dry.index(".ci/system-packages") < dry.index("-m pytest")


@pytest.mark.servers
def test_readme_curl_initialize(start_server: Any, tmp_path: Path) -> None:
    from tests.support.servers import asgi_command, free_port, prepare_database

    port = free_port()
    db = tmp_path / "example.sqlite3"
    prepare_database(db)
    server = start_server(
        asgi_command("uvicorn", "example_project.asgi:application", port),
        EXAMPLE_DB_PATH=str(db),
    )
    server.wait_for_port(port)
    code = marked_blocks(README)["curl-initialize"].code.replace("\\\n", " ")
    args = shlex.split(code.replace(":8000/", f":{port}/"))
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    answer = (
        json.loads(done.stdout.split("data: ", 1)[-1])
        if "data: " in done.stdout
        else json.loads(done.stdout)
    )
    assert answer["result"]["serverInfo"]["name"] == "bookstore-docs"


# docs/configuration.md ------------------------------------------------------------------

CONFIGURATION = marked_blocks(ROOT / "docs" / "configuration.md")


def test_configuration_settings_pass_the_checks(settings: Any) -> None:
    from drf_mcp_docs.checks.settings import check_settings

    namespace: dict[str, Any] = {}
    exec(CONFIGURATION["settings"].code, namespace)
    settings.DRF_MCP_DOCS = namespace["DRF_MCP_DOCS"]
    assert check_settings() == []


def test_configuration_adapter_class_and_setting(
    settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drf_mcp_docs.checks.settings import check_settings
    from drf_mcp_docs.schema.adapters import OpenAPIFileAdapter, resolve_adapter_class

    code = CONFIGURATION["adapter-class"].code
    first = code.splitlines()[0]
    assert first == "# myproject/schema.py"
    (tmp_path / "myproject").mkdir()
    (tmp_path / "myproject" / "__init__.py").write_text("")
    (tmp_path / "myproject" / "schema.py").write_text(code)
    monkeypatch.syspath_prepend(str(tmp_path))
    namespace: dict[str, Any] = {}
    exec(CONFIGURATION["adapter-setting"].code, namespace)
    settings.DRF_MCP_DOCS = namespace["DRF_MCP_DOCS"]
    assert check_settings() == []
    adapter = resolve_adapter_class(settings.DRF_MCP_DOCS["SCHEMA_ADAPTER"])
    assert issubclass(adapter, OpenAPIFileAdapter)
    assert adapter.path == "/srv/app/openapi.json"
    monkeypatch.delitem(sys.modules, "myproject.schema", raising=False)
    monkeypatch.delitem(sys.modules, "myproject", raising=False)


def test_configuration_invalidate(settings: Any) -> None:
    from drf_mcp_docs.schema.cache import schema_cache

    settings.DRF_MCP_DOCS = {"CACHE_SCHEMA": True}
    first = schema_cache.get()
    assert schema_cache.get() is first
    exec(CONFIGURATION["invalidate"].code, {})
    assert schema_cache.get() is not first


# docs/benchmarks.md ---------------------------------------------------------------------


def test_benchmarks_reproduce_commands_are_exercised() -> None:
    quick = (ROOT / "tests" / "benchmarks" / "test_benchmarks_quick.py").read_text()
    for line in marked_blocks(ROOT / "docs" / "benchmarks.md")["reproduce"].code.splitlines():
        python, script = shlex.split(line.split("#")[0])
        assert python == "python" and (ROOT / script).is_file(), line
        assert f'run("{Path(script).name}"' in quick, f"{script} is not run by the quick tests"
