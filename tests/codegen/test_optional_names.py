"""A snippet's comment on optional query parameters stays short on a django-filter list
endpoint of hundreds of lookups, and says how many there are."""

from __future__ import annotations

from typing import Any

import pytest

from drf_mcp_docs.codegen import generate_snippet
from drf_mcp_docs.codegen.common import OPTIONAL_NAMES
from drf_mcp_docs.schema.processor import process_schema


def _api(names: list[str]) -> Any:
    parameters = [{"name": n, "in": "query", "schema": {"type": "string"}} for n in names]
    operation = {"parameters": parameters, "responses": {"200": {"description": "ok"}}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "T"},
        "paths": {"/things/": {"get": operation}},
    }
    return process_schema(document, path_prefix="/")


@pytest.mark.parametrize(
    ("language", "client"), [("python", "requests"), ("javascript", "fetch"), ("curl", "curl")]
)
def test_many_lookups_are_counted_not_listed(language: str, client: str) -> None:
    bases = [f"field{i}" for i in range(30)]
    lookups = [f"{b}__{x}" for b in bases for x in ("n", "ic", "gte")]
    api = _api(bases + lookups)
    code = generate_snippet(api, api.endpoints[0], language, client, "https://x.test")
    comment = next(line for line in code.splitlines() if "Optional query params" in line)
    assert "field0, field1" in comment and f"field{OPTIONAL_NAMES - 1}," in comment
    assert f"field{OPTIONAL_NAMES}," not in comment and "__" not in comment.split("...")[0]
    assert "and their lookups (name__ic...): 120 in all" in comment


def test_few_parameters_are_all_listed() -> None:
    api = _api(["a", "b", "b__ic"])
    code = generate_snippet(api, api.endpoints[0], "python", "requests", "https://x.test")
    assert "# Optional query params (pass as keyword arguments): a, b, b__ic" in code
