"""Swagger 2.0 documents as hand-written ones are (shared parameters and responses, path-level
bodies, csv arrays), through the conversion and the processor: nothing declared is lost."""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.schema.swagger2 import swagger2_to_openapi3


def _swagger(paths: dict[str, Any], **rest: Any) -> dict[str, Any]:
    return {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": paths, **rest}


SHARED = _swagger(
    {
        "/pets/{id}": {
            "parameters": [{"$ref": "#/parameters/id"}],
            "put": {
                "parameters": [{"$ref": "#/parameters/limit"}, {"$ref": "#/parameters/pet"}],
                "responses": {"200": {"$ref": "#/responses/Pet"}, "404": {"description": "no"}},
            },
        }
    },
    parameters={
        "id": {"name": "id", "in": "path", "required": True, "type": "integer"},
        "limit": {"name": "limit", "in": "query", "type": "integer", "maximum": 50},
        "pet": {
            "name": "pet",
            "in": "body",
            "required": True,
            "schema": {"$ref": "#/definitions/Pet"},
        },
    },
    responses={"Pet": {"description": "the pet", "schema": {"$ref": "#/definitions/Pet"}}},
    definitions={"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}},
)


def test_shared_parameters_and_responses_are_read() -> None:
    """``#/parameters/...`` and ``#/responses/...`` (Swagger 2's shared ones) were kept as
    references the converted document cannot resolve: the parameters, the body and the
    response's schema were dropped without a word."""
    api = process_schema(swagger2_to_openapi3(SHARED))
    put = api.find("PUT", "/pets/{id}")
    assert put is not None
    params = {(p.name, p.location): p for p in put.parameters}
    assert set(params) == {("id", "path"), ("limit", "query")}
    assert params[("id", "path")].required and params[("id", "path")].schema == {"type": "integer"}
    assert params[("limit", "query")].schema == {"type": "integer", "maximum": 50}
    assert put.request_body is not None and put.request_body.required
    assert put.request_body.schema == {"$ref": "Pet"}
    ok = put.response("200")
    assert ok is not None and ok.description == "the pet" and ok.schema == {"$ref": "Pet"}


def test_a_path_level_body_is_every_operations_body() -> None:
    """A ``body`` (or ``formData``) parameter declared on the path item belongs to each of
    its operations: it was filtered out of the shared ones and lost."""
    document = _swagger(
        {
            "/notes": {
                "parameters": [
                    {"name": "note", "in": "body", "schema": {"type": "object"}},
                    {"name": "trace", "in": "header", "type": "string"},
                ],
                "post": {"responses": {"201": {"description": "made"}}},
            }
        }
    )
    post = process_schema(swagger2_to_openapi3(document)).find("POST", "/notes")
    assert post is not None and post.request_body is not None
    assert post.request_body.schema == {"type": "object"}
    assert [(p.name, p.location) for p in post.parameters] == [("trace", "header")]


def test_an_operation_parameter_overrides_the_path_items() -> None:
    document = _swagger(
        {
            "/a": {
                "parameters": [{"name": "q", "in": "query", "type": "string"}],
                "get": {
                    "parameters": [{"name": "q", "in": "query", "type": "integer"}],
                    "responses": {"200": {"description": "ok"}},
                },
            }
        }
    )
    converted = swagger2_to_openapi3(document)
    assert converted["paths"]["/a"]["get"]["parameters"] == [
        {"name": "q", "in": "query", "schema": {"type": "integer"}}
    ]


def test_collection_formats_become_styles() -> None:
    """Swagger 2's arrays in a query are comma-separated unless they say otherwise
    (``collectionFormat`` ``csv`` by default); OpenAPI 3's default is one ``?ids=`` per
    value. Left without a style, the snippets sent ``?ids=1&ids=2`` to APIs that read
    ``?ids=1,2``."""
    array = {"type": "array", "items": {"type": "integer"}}
    document = _swagger(
        {
            "/a": {
                "get": {
                    "parameters": [
                        {"name": "csv", "in": "query", **array},
                        {"name": "multi", "in": "query", "collectionFormat": "multi", **array},
                        {"name": "pipes", "in": "query", "collectionFormat": "pipes", **array},
                        {"name": "ssv", "in": "query", "collectionFormat": "ssv", **array},
                        {"name": "ids", "in": "path", "required": True, **array},
                    ],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        }
    )
    get = process_schema(swagger2_to_openapi3(document)).find("GET", "/a")
    assert get is not None
    styles = {p.name: (p.style, p.explode) for p in get.parameters}
    assert styles == {
        "csv": ("form", False),
        "multi": ("form", True),
        "pipes": ("pipeDelimited", False),
        "ssv": ("spaceDelimited", False),
        "ids": ("", None),  # simple, comma-separated: OpenAPI 3's default for a path
    }


def test_parameter_keywords_are_kept() -> None:
    """Every JSON-schema keyword a Swagger 2 parameter may carry, and its description."""
    document = _swagger(
        {
            "/a": {
                "get": {
                    "parameters": [
                        {
                            "name": "n",
                            "in": "query",
                            "description": "how many",
                            "type": "array",
                            "items": {"type": "integer"},
                            "minItems": 1,
                            "maxItems": 5,
                            "uniqueItems": True,
                            "x-nullable": True,
                        },
                        {
                            "name": "f",
                            "in": "query",
                            "type": "number",
                            "exclusiveMinimum": True,
                            "minimum": 0,
                            "multipleOf": 0.5,
                        },
                    ],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        }
    )
    get = process_schema(swagger2_to_openapi3(document)).find("GET", "/a")
    assert get is not None
    n, f = get.parameters
    assert n.description == "how many"
    assert n.schema == {
        "type": "array",
        "items": {"type": "integer"},
        "minItems": 1,
        "maxItems": 5,
        "uniqueItems": True,
        "nullable": True,
    }
    assert f.schema == {"type": "number", "exclusiveMinimum": True, "minimum": 0, "multipleOf": 0.5}


def test_response_examples_are_kept() -> None:
    document = _swagger(
        {
            "/a": {
                "get": {
                    "produces": ["application/json"],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "schema": {"type": "object"},
                            "examples": {"application/json": {"id": 7}},
                        }
                    },
                }
            }
        }
    )
    ok = process_schema(swagger2_to_openapi3(document)).find("GET", "/a").response("200")
    assert ok is not None and ok.examples == ({"id": 7},)


def test_malformed_parts_are_skipped_not_crashed_on() -> None:
    """A path item or parameter list that is not what Swagger 2 says (a document's own
    mistake) is left out; the rest of the document is read."""
    document = _swagger(
        {
            "/bad": "not a path item",
            "/worse": {"parameters": "none", "get": {"parameters": [7, {"$ref": "#/nowhere"}]}},
            "/good": {"get": {"responses": {"200": {"description": "ok"}}}},
        }
    )
    api = process_schema(swagger2_to_openapi3(document))
    assert {e.key for e in api.endpoints} == {"GET /worse", "GET /good"}
