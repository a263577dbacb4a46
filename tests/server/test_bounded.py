"""Bounded answers: folding of large schemas, paged listings, the path-prefix check."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from drf_mcp_docs.schema.adapters import OpenAPIFileAdapter
from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.server import fold, render
from tests.realworld.sweep import serving
from tests.support.grouped import ungrouped


def _big_document(objects: int = 40, fields: int = 30) -> dict[str, Any]:
    """Objects that all reference each other, with long descriptions: answers blow up."""
    text = "A long explanation of this field. " * 8
    schemas: dict[str, Any] = {}
    for i in range(objects):
        props: dict[str, Any] = {
            f"field_{j}": {"type": "string", "description": text} for j in range(fields)
        }
        props["next"] = {"$ref": f"#/components/schemas/Obj{(i + 1) % objects}"}
        props["other"] = {"$ref": f"#/components/schemas/Obj{(i + 7) % objects}"}
        schemas[f"Obj{i}"] = {"type": "object", "properties": props, "required": ["field_0"]}
    body = {"$ref": "#/components/schemas/Obj0"}
    paths = {
        f"/things{i}/": {
            "post": {
                "tags": ["things" if i % 2 else "other"],
                "summary": f"create thing {i}",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": body}},
                },
                "responses": {
                    "201": {
                        "description": "made",
                        "content": {"application/json": {"schema": body}},
                    },
                    "400": {"description": "bad"},
                },
            }
        }
        for i in range(400)
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Big", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


@pytest.fixture(scope="module")
def big() -> Any:
    return process_schema(_big_document(), path_prefix="/")


def test_endpoint_detail_is_folded_but_keeps_what_the_call_needs(big: Any) -> None:
    endpoint = big.find("POST", "/things3/")
    detail = render.endpoint_detail(endpoint, big)
    assert fold.size(detail) <= fold.ANSWER_BUDGET
    body = detail["requestBody"]
    assert body["contentType"] == "application/json" and body["required"] is True
    # Type notation: a field's type, flags and description in one string (fields said alike
    # share a key, "field_3, field_7": split here).
    fields = ungrouped(body["schema"])
    assert {f"field_{j}" for j in range(30)} <= set(fields)
    assert fields["field_0"].startswith("string, required")
    assert not any("required" in str(fields[f"field_{j}"]) for j in range(1, 30))
    # The default answer gives the success, and names the other responses' argument.
    assert detail["success"]["status"] == "201" and "responses" not in detail
    assert 'field="responses.400"' in detail["more"]["responses"]
    # The answer says what it folded and how to get it; each folded name is a component.
    notes = detail["more"]["schemas"]
    assert notes.startswith("get_schema_detail(name) for ")
    names = notes.removeprefix("get_schema_detail(name) for ").split(", ")
    assert names and all(name in big.components for name in names)
    text = json.dumps(detail)
    assert all(f'"$ref": "{name}"' in text for name in names)


def test_a_response_part_names_every_schema_it_folds(big: Any) -> None:
    part = render.endpoint_field(big.find("POST", "/things3/"), big, "responses.201")
    assert fold.size(part) <= fold.ANSWER_BUDGET
    assert part["status"] == "201" and "field_0" in ungrouped(part["schema"])
    left = set(re.findall(r'"\$ref": "(\w+)"', json.dumps(part["schema"])))
    named = set(part["more"]["schemas"].removeprefix("get_schema_detail(name) for ").split(", "))
    assert left and left == named


def test_schema_detail_is_bounded_and_lists_users_with_a_count(big: Any) -> None:
    detail = render.schema_detail(big.components["Obj0"], big)
    assert fold.size(detail) <= fold.ANSWER_BUDGET
    assert detail["usedByCount"] == 400 and len(detail["usedBy"]) == render.USED_BY_SHOWN
    assert "field_29" in ungrouped(detail["schema"])


async def test_list_schemas_pages_and_filters(mcp_client: Any, big: Any) -> None:
    with serving(big):
        first = (await mcp_client.call_tool("list_schemas", {"limit": 15})).structured_content
        assert first["total"] == 40 and len(first["schemas"]) == 15 and first["nextOffset"] == 15
        last = await mcp_client.call_tool("list_schemas", {"offset": 30, "limit": 15})
        assert len(last.structured_content["schemas"]) == 10
        assert "nextOffset" not in last.structured_content
        found = await mcp_client.call_tool("list_schemas", {"query": "obj3"})
        names = [s["name"] for s in found.structured_content["schemas"]]
        assert names == [
            "Obj3",
            "Obj30",
            "Obj31",
            "Obj32",
            "Obj33",
            "Obj34",
            "Obj35",
            "Obj36",
            "Obj37",
            "Obj38",
            "Obj39",
        ]
        bad = await mcp_client.call_tool("list_schemas", {"limit": 0})
        assert bad.is_error and bad.content[0].text == "limit must be between 1 and 500, got 0"
        bad = await mcp_client.call_tool("list_schemas", {"offset": -1})
        assert bad.is_error and bad.content[0].text == "offset must be 0 or more, got -1"


async def test_endpoint_listing_is_paged_with_a_next_link(mcp_client: Any, big: Any) -> None:
    with serving(big):
        first = json.loads((await mcp_client.read_resource("api://endpoints")).contents[0].text)
        assert (
            first["total"] == 400
            and first["next"] == f"api://endpoints?offset={len(first['endpoints'])}"
        )
        seen = [e["path"] for e in first["endpoints"]]
        while "next" in first:
            first = json.loads((await mcp_client.read_resource(first["next"])).contents[0].text)
            seen += [e["path"] for e in first["endpoints"]]
        assert seen == [f"/things{i}/" for i in range(400)]
        tagged = json.loads(
            (await mcp_client.read_resource("api://endpoints?tag=things")).contents[0].text
        )
        assert tagged["total"] == 200
        assert [e["path"] for e in tagged["endpoints"][:3]] == [
            "/things1/",
            "/things3/",
            "/things5/",
        ]


class StaticFileAdapter(OpenAPIFileAdapter):
    """A static document, as a project names one in SCHEMA_ADAPTER (path set per test)."""


def test_path_prefix_check_counts_hidden_paths(settings: Any, tmp_path: Any) -> None:
    from drf_mcp_docs.checks import settings as checks

    op = {"get": {"responses": {"200": {"description": "ok"}}}}
    document = {"openapi": "3.0.3", "paths": {"/api/a/": op, "/v1/b": op, "/v1/c": op}}
    StaticFileAdapter.path = tmp_path / "openapi.json"
    StaticFileAdapter.path.write_text(json.dumps(document))
    adapter = f"{__name__}.StaticFileAdapter"
    settings.DRF_MCP_DOCS = {"SCHEMA_ADAPTER": adapter}
    (warning,) = checks.check_path_prefix()
    assert warning.id == "drf_mcp_docs.W010"
    assert "hides 2 of the 3 paths" in warning.msg and "'/v1/b'" in warning.msg
    assert "SCHEMA_PATH_PREFIX" in warning.hint and "''" in warning.hint
    settings.DRF_MCP_DOCS = {"SCHEMA_ADAPTER": adapter, "SCHEMA_PATH_PREFIX": ""}
    assert checks.check_path_prefix() == []
    settings.DRF_MCP_DOCS = {"SCHEMA_ADAPTER": adapter, "SCHEMA_PATH_PREFIX": "/"}
    assert checks.check_path_prefix() == []
    # A generated document (drf-spectacular, the example's) is not built by the check.
    settings.DRF_MCP_DOCS = {"SCHEMA_PATH_PREFIX": "/nothing/"}
    assert checks.check_path_prefix() == []


def test_processing_logs_hidden_paths(caplog: Any) -> None:
    op = {"get": {"responses": {"200": {"description": "ok"}}}}
    doc = {"openapi": "3.0.3", "info": {"title": "T"}, "paths": {"/v1/a": op, "/v1/b": op}}
    with caplog.at_level("INFO", logger="drf_mcp_docs.schema"):
        process_schema(doc, path_prefix="/api/")
    (record,) = caplog.records
    assert record.levelname == "WARNING"  # nothing left: the silent empty API
    assert "hides 2 of the 2 paths" in record.getMessage() and "W010" in record.getMessage()


def test_overview_counts_paths_outside_the_prefix() -> None:
    op = {"get": {"responses": {"200": {"description": "ok"}}}}
    doc = {"openapi": "3.0.3", "info": {"title": "T"}, "paths": {"/api/a/": op, "/v1/b": op}}
    api = process_schema(doc, path_prefix="/api/")
    assert render.overview(api)["pathsOutsidePrefix"] == 1


def _deep_document() -> dict[str, Any]:
    """An inline (unnamed) request body nested ten objects deep, as Stripe's form bodies."""
    leaf: dict[str, Any] = {"type": "string", "description": "the innermost value"}
    for level in range(10, 0, -1):
        siblings = {
            f"f{level}_{j}": {"type": "string", "description": "x" * 200} for j in range(12)
        }
        leaf = {"type": "object", "properties": {f"level{level}": leaf, **siblings}}
    op = {
        "post": {
            "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": leaf}}},
            "responses": {"200": {"description": "ok"}},
        }
    }
    return {"openapi": "3.0.3", "info": {"title": "Deep"}, "paths": {"/v1/deep": op}}


async def test_a_folded_inline_field_can_be_drilled_into(mcp_client: Any) -> None:
    api = process_schema(_deep_document(), path_prefix="/")
    with serving(api):
        args = {"path": "/v1/deep", "method": "POST"}
        detail = (await mcp_client.call_tool("get_endpoint_detail", args)).structured_content
        # Each object listed by type only is named by the exact argument that shows it.
        nested = detail["more"]["nestedByType"]
        assert nested == ['field="requestBody.level1.level2"']
        shown = (
            await mcp_client.call_tool(
                "get_endpoint_detail", {**args, "field": "requestBody.level1.level2"}
            )
        ).structured_content
        assert "level3" in shown["schema"]
        field = "requestBody.level1.level2.level3.level4.level5.level6"
        part = await mcp_client.call_tool("get_endpoint_detail", {**args, "field": field})
        shown = part.structured_content
        assert shown["field"] == field and "level7" in shown["schema"]
        assert fold.size(shown) <= fold.ANSWER_BUDGET
        bad = await mcp_client.call_tool(
            "get_endpoint_detail", {**args, "field": "requestBody.levl1"}
        )
        assert bad.is_error
        assert bad.content[0].text == "no field 'levl1' in requestBody; did you mean level1?"
        bad = await mcp_client.call_tool("get_endpoint_detail", {**args, "field": "responses.404"})
        assert bad.content[0].text == "POST /v1/deep documents no 404 response; documented: 200"


async def test_listing_pages_keep_their_filter_and_reject_bad_offsets(
    mcp_client: Any, big: Any
) -> None:
    from mcp import MCPError

    op = {"get": {"tags": ["t"], "responses": {"200": {"description": "ok"}}}}
    doc = {"openapi": "3.0.3", "info": {"title": "T"}, "paths": {f"/p{i}": op for i in range(450)}}
    with serving(process_schema(doc, path_prefix="/")):
        uri = "api://endpoints?tag=t"
        page = json.loads((await mcp_client.read_resource(uri)).contents[0].text)
        assert page["total"] == 450 and page["next"] == "api://endpoints?tag=t&offset=200"
        page = json.loads((await mcp_client.read_resource(page["next"])).contents[0].text)
        assert page["endpoints"][0]["path"] == "/p200" and page["nextOffset"] == 400
    with serving(big):
        with pytest.raises(MCPError, match="offset must be a whole number 0 or more, got 'abc'"):
            await mcp_client.read_resource("api://endpoints?offset=abc")
        with pytest.raises(MCPError, match="no tag 'thngs'; did you mean things"):
            await mcp_client.read_resource("api://endpoints?tag=thngs")
        schemas = json.loads(
            (await mcp_client.read_resource("api://schemas?query=obj1")).contents[0].text
        )
        assert schemas["total"] == 11 and "next" not in schemas


def test_a_schema_detail_cuts_a_long_enum_and_names_the_field_that_lists_it() -> None:
    values = [f"kind{i}" for i in range(60)]
    component = {"type": "object", "properties": {"kind": {"type": "string", "enum": values}}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Thing": component}},
    }
    api = process_schema(document, path_prefix="/")
    detail = render.schema_detail(api.components["Thing"], api)
    assert detail["schema"]["kind"].startswith("enum(60): kind0|")
    assert detail["more"]["shortened"] == ['field="kind"']
    whole = render.schema_detail(api.components["Thing"], api, "kind")
    assert whole["schema"] == "enum: " + "|".join(values)
    # A component that is itself a long enum is the part asked for: said whole.
    document["components"]["schemas"]["Kind"] = {"type": "string", "enum": values}
    api = process_schema(document, path_prefix="/")
    kind = render.schema_detail(api.components["Kind"], api)
    assert kind["schema"] == "enum: " + "|".join(values) and "more" not in kind


async def test_a_schema_search_pages_20_by_default(mcp_client: Any, big: Any) -> None:
    with serving(big):
        found = (await mcp_client.call_tool("list_schemas", {"query": "obj"})).structured_content
        everything = (await mcp_client.call_tool("list_schemas", {})).structured_content
    assert (found["total"], len(found["schemas"]), found["nextOffset"]) == (40, 20, 20)
    assert len(everything["schemas"]) == 40  # a listing by name pages 100 at a time


async def test_the_overview_lists_ten_public_endpoints_and_counts_the_rest(
    mcp_client: Any, big: Any
) -> None:
    """The overview is read once by every agent: GitHub's 100 public endpoints took 5 of
    its 6.2 KB. api://auth still lists 100; each endpoint's own auth says it too."""
    public = [e.key for e in big.endpoints if not e.security]
    assert len(public) > 10
    with serving(big):
        overview = (await mcp_client.call_tool("get_api_overview", {})).structured_content
        auth = json.loads((await mcp_client.read_resource("api://auth")).contents[0].text)
    assert overview["publicEndpoints"] == public[:10]
    assert overview["publicEndpointCount"] == len(public)
    assert auth["publicEndpoints"] == public[:100]
