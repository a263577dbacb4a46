"""The example tools through the MCP client: sources, variants, paging links, 3.1 schemas."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.server.examples import request_example
from tests.support.validation import to_json_schema


async def call(mcp: Client, tool: str, **arguments: Any) -> dict[str, Any]:
    result = await mcp.call_tool(tool, arguments)
    assert not result.is_error, result.content[0].text
    assert json.loads(result.content[0].text) == result.structured_content
    return result.structured_content


PETS: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Pets", "version": "1"},
    "paths": {
        "/api/pets/": {
            "post": {
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/AnyPet"}}
                    }
                },
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/AnyPet"},
                                "examples": {
                                    "rex": {"value": {"petType": "dog", "bark": "woof"}},
                                },
                            }
                        },
                    }
                },
            }
        },
        "/api/trees/": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Node"}}
                        },
                    }
                }
            }
        },
    },
    "components": {
        "schemas": {
            "AnyPet": {
                "oneOf": [
                    {"$ref": "#/components/schemas/Cat"},
                    {"$ref": "#/components/schemas/Dog"},
                ],
                "discriminator": {
                    "propertyName": "petType",
                    "mapping": {
                        "cat": "#/components/schemas/Cat",
                        "dog": "#/components/schemas/Dog",
                    },
                },
            },
            "Cat": {
                "type": "object",
                "required": ["petType", "lives"],
                "properties": {
                    "petType": {"const": "cat"},
                    "lives": {"type": "integer", "exclusiveMinimum": 0, "maximum": 9},
                    "nickname": {"type": ["string", "null"], "pattern": "^[A-Z][a-z]+$"},
                    "likes": {"type": "array", "items": True, "minItems": 2},
                    "ghost": False,
                },
            },
            "Dog": {
                "type": "object",
                "required": ["petType", "bark"],
                "properties": {"petType": {"const": "dog"}, "bark": {"type": "string"}},
            },
            "Node": {
                "type": "object",
                "required": ["name", "child"],
                "properties": {
                    "name": {"type": "string", "minLength": 3},
                    "child": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Node"}]},
                    "next": {"$ref": "#/components/schemas/Node"},
                },
            },
        }
    },
}


@pytest.fixture
def pets_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    (tmp_path / "pets.json").write_text(json.dumps(PETS))
    (tmp_path / "pets_adapter.py").write_text(
        textwrap.dedent(
            f"""
            from drf_mcp_docs.schema.adapters import OpenAPIFileAdapter

            class Pets(OpenAPIFileAdapter):
                path = {str(tmp_path / "pets.json")!r}
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    # Only the schema changes: the process-wide server keeps the example's other settings.
    settings.DRF_MCP_DOCS = {
        **settings.DRF_MCP_DOCS,
        "SCHEMA_ADAPTER": "pets_adapter.Pets",
        "SCHEMA_PATH_PREFIX": "/",
    }


def _valid(value: Any, ref: str, for_request: bool) -> None:
    import jsonschema

    schema = to_json_schema(
        {"$ref": f"#/components/schemas/{ref}"},
        for_request=for_request,
        openapi_version="3.1.0",
        components=PETS["components"]["schemas"],
    )
    jsonschema.validate(value, schema, cls=jsonschema.Draft202012Validator)


async def test_polymorphic_request_names_its_variants(pets_api: None, mcp_client: Client) -> None:
    example = await call(mcp_client, "get_request_example", path="/api/pets/", method="POST")
    body = example["body"]
    assert example["exampleSource"] == "generated"
    assert body["petType"] == "cat" and 1 <= body["lives"] <= 9 and "ghost" not in body
    assert len(body["likes"]) >= 2
    assert example["variants"] == {
        "values": {"cat": "Cat", "dog": "Dog"},
        "property": "petType",
        "shown": "cat",
    }
    _valid(body, "AnyPet", for_request=True)


async def test_documented_response_example_is_preferred(pets_api: None, mcp_client: Client) -> None:
    example = await call(
        mcp_client, "get_response_example", path="/api/pets/", method="POST", status_code="201"
    )
    assert example["exampleSource"] == "documented"
    assert example["body"] == {"petType": "dog", "bark": "woof"}
    assert example["variants"]["shown"] == "dog"


async def test_recursive_response_is_a_minimal_valid_object(
    pets_api: None, mcp_client: Client
) -> None:
    example = await call(mcp_client, "get_response_example", path="/api/trees/", method="GET")
    body = example["body"]
    assert len(body["name"]) >= 3 and "child" in body and "next" not in body
    _valid(body, "Node", for_request=False)


async def test_paging_links_point_at_the_endpoint(mcp_client: Client) -> None:
    example = await call(mcp_client, "get_response_example", path="/api/books/", method="GET")
    body = example["body"]
    assert "api.example.org" not in json.dumps(body)
    assert body["next"].endswith("/api/books/?page=4")
    assert body["previous"].endswith("/api/books/?page=2")


def _body_document(optional: dict[str, Any]) -> dict[str, Any]:
    props = {
        "name": {"type": "string"},
        "planter": {"type": "integer"},
        "id": {"type": "integer", "readOnly": True},
        **optional,
    }
    schema = {"type": "object", "properties": props, "required": ["name", "planter"]}
    body = {"content": {"application/json": {"schema": schema}}}
    op = {"post": {"requestBody": body, "responses": {"201": {"description": "ok"}}}}
    return {"openapi": "3.0.3", "info": {"title": "T"}, "paths": {"/nozzles/": op}}


def test_a_generated_body_is_the_smallest_valid_one() -> None:
    """Its required fields, so that what an agent copies sends nothing the task did not
    ask for; the writable optional fields are counted (read-only ones are never sent)."""
    optional = {f"option_{i}": {"type": "string", "maxLength": 40} for i in range(6)}
    api = process_schema(_body_document(optional), path_prefix="/")
    example = request_example(api, api.find("POST", "/nozzles/"))
    assert example["exampleSource"] == "generated"
    assert set(example["body"]) == {"name", "planter"}
    assert example["optional"] == (
        "6 optional fields left out; get_endpoint_detail(path, method) lists every field"
    )


def test_a_body_whose_optional_fields_are_shorter_than_the_note_stays_whole() -> None:
    api = process_schema(_body_document({"tag": {"type": "integer"}}), path_prefix="/")
    example = request_example(api, api.find("POST", "/nozzles/"))
    assert set(example["body"]) == {"name", "planter", "tag"} and "optional" not in example


def test_fields_required_beside_an_all_of_stay_in_the_smallest_body() -> None:
    """Box's sign request: ``{"allOf": [...], "required": ["signers"]}``."""
    base = _body_document({f"option_{i}": {"type": "string", "maxLength": 40} for i in range(6)})
    body = base["paths"]["/nozzles/"]["post"]["requestBody"]["content"]["application/json"]
    parts = body["schema"]
    parts["properties"]["signers"] = {"type": "array", "items": {"type": "string"}}
    body["schema"] = {"allOf": [{**parts, "required": ["name"]}], "required": ["signers"]}
    api = process_schema(base, path_prefix="/")
    example = request_example(api, api.find("POST", "/nozzles/"))
    assert set(example["body"]) == {"name", "signers"}
    assert example["optional"].startswith("7 optional fields left out")
