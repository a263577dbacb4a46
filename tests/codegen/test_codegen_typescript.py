"""TypeScript snippets type-check under ``tsc --strict`` (skipped where tsc is missing;
``.ci/run`` installs Debian's node-typescript so CI always runs them)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from test_codegen_snippets import NAMES

from drf_mcp_docs.codegen import LANGUAGES

STUBS = Path(__file__).with_name("ts_stubs.d.ts")
TSC_FLAGS = [
    "--noEmit",
    "--strict",
    "--target",
    "es2022",
    "--module",
    "es2022",
    "--moduleResolution",
    "node",
    "--lib",
    "es2022,dom",
]


def type_check(snippets: Iterable[tuple[str, str]], folder: Path) -> None:
    tsc = shutil.which("tsc")
    if tsc is None:
        pytest.skip("tsc is not installed (Debian: apt-get install node-typescript)")
    files = [str(STUBS)]
    for name, code in snippets:
        path = folder / f"{name}.ts"
        # Every snippet is its own module, so their top-level names do not collide.
        path.write_text(code if code.startswith("import ") else "export {};\n" + code)
        files.append(str(path))
    result = subprocess.run([tsc, *TSC_FLAGS, *files], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hand_built_endpoints_type_check(snippet: Callable[..., str], tmp_path: Path) -> None:
    type_check(
        (
            (f"{name}_{client}", snippet(name, "typescript", client))
            for name in NAMES
            for client in LANGUAGES["typescript"]
        ),
        tmp_path,
    )


def test_example_project_snippets_type_check(tmp_path: Path) -> None:
    from drf_mcp_docs.codegen import generate_snippet
    from drf_mcp_docs.schema.cache import build_api_schema

    api = build_api_schema()
    type_check(
        (
            (
                f"{endpoint.operation_id}_{client}",
                generate_snippet(api, endpoint, "typescript", client),
            )
            for endpoint in api.endpoints
            for client in LANGUAGES["typescript"]
        ),
        tmp_path,
    )
