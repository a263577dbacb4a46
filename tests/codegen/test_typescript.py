"""TypeScript snippets type-check under ``tsc --strict`` (skipped where tsc is missing;
``.ci/run`` installs Debian's node-typescript so CI always runs them)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from drf_mcp_docs.codegen import LANGUAGES
from tests.codegen.test_snippets import NAMES

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


def _tricky_api() -> tuple[Any, list[Any]]:
    """Components named after reserved words and globals, 3.1 shapes, ``$ref`` leaves."""
    from drf_mcp_docs.schema.processor import process_schema

    ref = {"$ref": "#/components/schemas/package"}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Tricky", "version": "1"},
        "paths": {
            "/things/{id}": {
                "put": {
                    "operationId": "import",
                    "parameters": [{"name": "id", "in": "path", "required": True}],
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/import"}}
                        }
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": ref}},
                        }
                    },
                },
                "delete": {
                    "operationId": "default",
                    "parameters": [{"name": "id", "in": "path", "required": True}],
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Promise"}}
                        }
                    },
                    "responses": {"204": {"description": "gone"}},
                },
            }
        },
        "components": {
            "schemas": {
                "package": {
                    "type": "object",
                    "properties": {
                        "kind": {"const": "package"},
                        "version": {"type": ["string", "null"]},
                        "anything": True,
                        "nothing": False,
                        "extra": {"type": "object", "additionalProperties": False},
                        "self": ref,
                        "default": {"type": "integer", "const": -1},
                        "my-field": {"type": "array", "items": True},
                    },
                    "required": ["kind", "default"],
                },
                "import": {
                    "type": "object",
                    "properties": {
                        "package": ref,
                        "name": {"type": "string", "readOnly": True},
                        "tags": {"type": ["array", "null"], "items": {"type": "string"}},
                        # a vendor example of the wrong type: the snippet's value follows the type
                        "count": {"type": "integer", "example": "5"},
                        "mode": {"oneOf": [{"const": "fast"}, {"const": "slow"}]},
                    },
                    "required": ["package", "count", "mode"],
                },
                "Promise": {"type": "object", "properties": {"sha": {"const": "abc"}}},
                "123-bad name": {"type": "string", "enum": ["a", "b"]},
            }
        },
    }
    api = process_schema(document)
    return api, list(api.endpoints)


def test_reserved_words_and_31_shapes_type_check(tmp_path: Path) -> None:
    from drf_mcp_docs.codegen import generate_snippet

    api, endpoints = _tricky_api()
    snippets = [
        (f"{e.operation_id}_{client}", generate_snippet(api, e, "typescript", client))
        for e in endpoints
        for client in LANGUAGES["typescript"]
    ]
    code = snippets[0][1]
    assert "interface package " not in code and "export interface Package" in code
    assert 'kind: "package";' in code and "default: (-1);" in code
    # the vendor's "5" is a string for an integer: the snippet's value follows the type
    assert "export async function import_(" in code and "count: 1," in code
    assert 'mode: "fast"' in code
    assert "nothing" not in code.split("export async function")[0]
    deleting = dict(snippets)["default_fetch"]
    assert "export interface Promise_ " in deleting and "defaultFn" not in deleting
    type_check(snippets, tmp_path)


REALWORLD_SAMPLE = 12  # endpoints per document, spread over it


@pytest.mark.realworld
@pytest.mark.parametrize("name", ["stripe", "github", "vercel"])
def test_realworld_snippets_type_check(name: str, tmp_path: Path) -> None:
    from drf_mcp_docs.codegen import generate_snippet
    from drf_mcp_docs.schema.processor import process_schema
    from tests.support.realworld import available, load

    if not available(name):
        pytest.skip(f"{name} document not available (no cache, no npm)")
    api = process_schema(load(name), path_prefix="/", exclude_paths=[])
    step = max(1, len(api.endpoints) // REALWORLD_SAMPLE)
    sample = api.endpoints[::step][:REALWORLD_SAMPLE]
    type_check(
        (
            (f"{name}_{index}_{client}", generate_snippet(api, endpoint, "typescript", client))
            for index, endpoint in enumerate(sample)
            for client in LANGUAGES["typescript"]
        ),
        tmp_path,
    )
