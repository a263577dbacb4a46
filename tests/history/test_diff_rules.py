"""The diff's rules, one at a time, on small OpenAPI documents: what is breaking and why."""

from __future__ import annotations

import copy
from typing import Any

from drf_mcp_docs.history import report
from drf_mcp_docs.history.diff import ApiDiff, diff
from drf_mcp_docs.schema.processor import process_schema


def base() -> dict[str, Any]:
    item = {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string"},
            "kind": {"type": "string", "enum": ["a", "b"]},
            "size": {"type": "integer", "nullable": True},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "components": {
            "schemas": {"Item": item},
            "securitySchemes": {
                "token": {"type": "apiKey", "in": "header", "name": "Authorization"},
                "basic": {"type": "http", "scheme": "basic"},
            },
        },
        "paths": {
            "/items/": {
                "get": {
                    "parameters": [
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "default": 1},
                        },
                        {
                            "name": "order",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["asc", "desc"]},
                        },
                    ],
                    "security": [{}],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/Item"},
                                    }
                                }
                            },
                        }
                    },
                },
                "post": {
                    "security": [{"token": []}, {"basic": []}],
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Item"}}
                        }
                    },
                    "responses": {
                        "201": {
                            "description": "made",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Item"}
                                }
                            },
                        }
                    },
                },
            },
            "/health/": {"get": {"responses": {"200": {"description": "ok"}}}},
        },
    }


def compare(change: Any) -> ApiDiff:
    old = base()
    new = copy.deepcopy(old)
    change(new)
    return diff(process_schema(old), process_schema(new))


def kinds(result: ApiDiff) -> dict[tuple[str, str], tuple[bool, str]]:
    return {(c.kind, c.name): (c.breaking, c.detail) for e in result.changed for c in e.changes}


def test_the_same_document_has_no_changes() -> None:
    result = compare(lambda d: None)
    assert result.change_count == 0 and result.unchanged == 3
    assert report.text(result, {"digest": "a"}, {"digest": "a"}).startswith("No API changes")


def test_parameters() -> None:
    def change(d: dict[str, Any]) -> None:
        get = d["paths"]["/items/"]["get"]
        get["parameters"][0]["schema"] = {"type": "string", "default": 1}
        get["parameters"][1]["schema"]["enum"] = ["asc"]
        get["parameters"][1]["required"] = True
        get["parameters"].append({"name": "q", "in": "query", "schema": {"type": "string"}})
        get["parameters"].append(
            {"name": "X-Tenant", "in": "header", "required": True, "schema": {"type": "string"}}
        )

    found = kinds(compare(change))
    assert found[("parameter type changed", "query page")] == (True, "integer -> string")
    assert found[("parameter enum narrowed", "query order")] == (True, 'removed "desc"')
    assert found[("parameter now required", "query order")][0] is True
    assert found[("parameter added", "query q")] == (False, "optional")
    assert found[("parameter added", "header X-Tenant")] == (True, "required")


def test_request_and_response_fields_through_a_shared_component() -> None:
    def change(d: dict[str, Any]) -> None:
        item = d["components"]["schemas"]["Item"]
        item["required"] = ["name", "kind"]
        item["properties"]["kind"]["enum"] = ["a", "b", "c"]
        item["properties"]["size"] = {"type": "integer"}  # no longer nullable
        item["properties"]["tags"] = {"type": "array", "items": {"type": "string"}}
        del item["properties"]["name"]

    result = compare(change)
    post = {
        c.kind + " " + c.name: c for e in result.changed if e.method == "POST" for c in e.changes
    }
    assert post["request field now required kind"].breaking
    assert not post["request field enum widened kind"].breaking
    assert post["request field type changed size"].breaking  # null is no longer accepted
    assert post["request field removed name"].breaking
    assert not post["request field added tags"].breaking
    assert post["response field removed name"].breaking
    assert not post["response field type changed size"].breaking  # never null now: fine
    get = {c.kind + " " + c.name: c for e in result.changed if e.method == "GET" for c in e.changes}
    assert get["response field removed [].name"].breaking
    assert not get["response field enum widened [].kind"].breaking
    assert ("GET", "/health/") not in {(e.method, e.path) for e in result.changed}


def test_auth_deprecation_status_and_endpoints() -> None:
    def change(d: dict[str, Any]) -> None:
        paths = d["paths"]
        paths["/items/"]["get"]["security"] = [{"token": []}]
        paths["/items/"]["post"]["security"] = [{"token": []}]
        paths["/items/"]["post"]["deprecated"] = True
        post = paths["/items/"]["post"]
        post["responses"] = {"200": post["responses"]["201"]}
        del paths["/health/"]
        paths["/status/"] = {"get": {"responses": {"200": {"description": "ok"}}}}

    result = compare(change)
    found = kinds(result)
    assert found[("auth now required", "")] == (True, "token")
    assert found[("auth schemes changed", "")] == (True, "removed basic")
    assert found[("deprecated", "")][0] is False
    assert found[("success status changed", "")] == (True, "201 -> 200")
    assert [(m, p) for m, p, _ in result.removed] == [("GET", "/health/")]
    assert [(m, p) for m, p, _ in result.added] == [("GET", "/status/")]
    markdown = report.markdown(result, {"version": "1"}, {"version": "2"})
    assert "- **Breaking:** `GET /health/`" in markdown and "### Added endpoints" in markdown
