"""Snippets on real public OpenAPI documents (3.0 and 3.1): no crash, bounded, valid code.

A sample of each document's operations (spread over it), every language and client:
generation never raises, every snippet is at most ``MAX_SNIPPET_BYTES``, Python snippets
compile and curl snippets parse with ``bash -n``. (``tsc`` runs in test_typescript.)
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from drf_mcp_docs.codegen import LANGUAGES, generate_snippet

#: Code size per snippet, at most: the tool's whole answer must stay under 24 KB.
MAX_SNIPPET_BYTES = 20_000
SAMPLE = 120  # operations per document
DOCUMENTS = ["stripe", "github", "vercel", "adyen-management", "codat-accounting", "discourse"]


@pytest.mark.realworld
@pytest.mark.parametrize("name", DOCUMENTS)
def test_realworld_snippets_are_bounded_and_valid(name: str) -> None:
    from drf_mcp_docs.schema.processor import process_schema
    from tests.support.realworld import available, load

    if not available(name):
        pytest.skip(f"{name} document not available (no cache, no npm)")
    api = process_schema(load(name), path_prefix="/", exclude_paths=[])
    step = max(1, len(api.endpoints) // SAMPLE)
    shells = []
    for endpoint in api.endpoints[::step][:SAMPLE]:
        for language, clients in LANGUAGES.items():
            for client in clients:
                code = generate_snippet(api, endpoint, language, client)
                where = f"{endpoint.key} {language}/{client}"
                assert len(code.encode()) <= MAX_SNIPPET_BYTES, where
                if language == "python":
                    compile(code, where, "exec")
                elif language == "curl":
                    shells.append(code)
    if shutil.which("bash"):
        script = "\n".join(f"check() {{\n{code}\n}}" for code in shells)
        result = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
