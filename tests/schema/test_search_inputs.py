"""Search finds operations by what their inputs say: enum values, body field names,
parameter descriptions (the words of a request that the path and summary lack)."""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.schema.search_text import MAX_FIELDS, MAX_VALUES, input_words


def _op(operation_id: str, summary: str, **extra: Any) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "summary": summary,
        "responses": {"200": {"description": "OK"}},
        **extra,
    }


def _body(ref: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def api() -> ApiSchema:
    """A small API whose operations differ mostly by their inputs, not their paths."""
    path_param = {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/changes/{number}/reviews": {
                "parameters": [path_param],
                "post": _op("reviews/create", "Create a review", requestBody=_body("Review")),
                "get": _op("reviews/list", "List reviews"),
            },
            "/changes/{number}": {
                "parameters": [path_param],
                "get": _op("changes/get", "Get a change"),
                "patch": _op("changes/update", "Update a change"),
            },
            "/quota": {
                "get": _op(
                    "meta/quota",
                    "Get usage",
                    parameters=[
                        {
                            "name": "window",
                            "in": "query",
                            "description": "How many requests remain before the limit resets",
                            "schema": {"type": "string", "enum": ["hourly", "daily"]},
                        }
                    ],
                )
            },
            "/files/{number}": {
                "parameters": [path_param],
                "put": _op("files/update", "Update a file", requestBody=_body("File")),
                "get": _op("files/get", "Get a file"),
            },
        },
        "components": {
            "schemas": {
                "Review": {
                    "allOf": [{"$ref": "#/components/schemas/ReviewBase"}],
                    "properties": {"body": {"type": "string"}},
                },
                "ReviewBase": {
                    "type": "object",
                    "properties": {
                        "event": {
                            "type": "string",
                            "enum": ["APPROVE", "REQUEST_CHANGES", "COMMENT"],
                        }
                    },
                },
                "File": {
                    "type": "object",
                    "properties": {
                        "parent": {
                            "type": "object",
                            "description": "The folder to move the file into",
                        },
                        "name": {"type": "string"},
                    },
                },
            }
        },
    }
    return process_schema(doc, path_prefix="/", exclude_paths=[])


def top(schema: ApiSchema, query: str) -> str:
    found = schema.search_index.search(query, limit=3)[1]
    return found[0].key if found else ""


def test_an_enum_value_of_a_body_field_found_through_all_of_and_refs() -> None:
    assert top(api(), "approve a change") == "POST /changes/{number}/reviews"


def test_a_query_parameter_enum_value_and_description() -> None:
    schema = api()
    assert top(schema, "daily usage") == "GET /quota"
    assert top(schema, "remaining requests before the limit") == "GET /quota"


def test_a_body_field_name_and_its_description() -> None:
    schema = api()
    assert top(schema, "move a file into a folder") == "PUT /files/{number}"
    assert top(schema, "set the parent of a file") == "PUT /files/{number}"


def test_input_words_are_bounded_and_follow_refs() -> None:
    schema = api()
    review = schema.find("POST", "/changes/{number}/reviews")
    assert review is not None
    unresolved = input_words(review)  # without a resolver the $ref body has no fields
    assert unresolved.names == [] and unresolved.values == []
    found = input_words(review, schema._follow_once)
    assert {"event", "body"} <= set(found.names)
    assert {"approve", "request", "changes", "comment"} <= set(found.values)

    class Huge:
        parameters = ()
        request_body = type(
            "Body",
            (),
            {
                "schema": {
                    "type": "object",
                    "properties": {
                        f"field{i}": {"type": "string", "enum": [f"v{j}" for j in range(99)]}
                        for i in range(500)
                    },
                }
            },
        )()

    many = input_words(Huge())
    assert len(many.names) == MAX_FIELDS
    assert len(many.values) == MAX_FIELDS * MAX_VALUES
