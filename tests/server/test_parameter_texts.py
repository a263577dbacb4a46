"""How much of a parameter's description the default answer gives (server/parameters.py):
its own text whole up to 800 characters (1,600 when required), a text many operations
share (ApiSchema.common_text) as briefly as before, its whole a field= away."""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.schema.records import COMMON_FROM
from drf_mcp_docs.server import render

SHARED = "Whether the request is only checked, not applied. " * 8  # 400 characters
OWN = "Sort by one of: name, key, category, owner, issueCount, lastIssueUpdatedTime. " * 6


def _document(operations: int) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for i in range(operations):
        parameters = [{"name": "dryRun", "in": "query", "schema": {"type": "string"}}]
        parameters[0]["description"] = SHARED
        if i == 0:
            order = {"name": "orderBy", "in": "query", "schema": {"type": "string"}}
            parameters.append({**order, "description": OWN})
        paths[f"/things{i}/"] = {
            "get": {"parameters": parameters, "responses": {"200": {"description": "OK"}}}
        }
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths}


def test_an_operations_own_text_is_whole_a_common_one_short() -> None:
    api = process_schema(_document(COMMON_FROM), path_prefix="/")
    assert api.common_text("dryRun", SHARED) and not api.common_text("orderBy", OWN)
    assert not api.common_text("dryRun", "another text")
    detail = render.endpoint_detail(api.find("GET", "/things0/"), api)
    query = detail["parameters"]["query"]
    assert query["orderBy"] == f"string // {OWN}"  # 468 characters, whole
    assert query["dryRun"].endswith("…") and len(query["dryRun"]) < 150
    assert detail["more"]["shortened"] == ['field="parameters.dryRun"']
    whole = render.endpoint_field(api.find("GET", "/things0/"), api, "parameters.dryRun", 1)
    assert whole["description"].strip() == SHARED.strip()


def test_a_text_fewer_operations_share_is_their_own() -> None:
    api = process_schema(_document(COMMON_FROM - 1), path_prefix="/")
    assert not api.common_text("dryRun", SHARED)
    query = render.endpoint_detail(api.find("GET", "/things0/"), api)["parameters"]["query"]
    assert "…" not in query["dryRun"]
