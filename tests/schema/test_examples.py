"""Examples: the schema's own when they fit, else generated from every constraint.

Every generated value is checked with ``jsonschema`` against its schema (converted by
``to_json_schema``), so a test here fails if an example is one the API would refuse.
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest

from drf_mcp_docs.schema.examples import (
    build_example,
    component_schemas,
    describe_variants,
    endpoint_example,
)
from drf_mcp_docs.schema.processor import process_schema
from tests.support.validation import to_json_schema

SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer", "readOnly": True},
        "secret": {"type": "string", "writeOnly": True},
        "when": {"type": "string", "format": "date-time"},
        "email": {"type": "string", "format": "email"},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "note": {"type": "string", "nullable": True, "maxLength": 3},
        "tags": {"type": "array", "items": {"type": "string", "format": "uuid"}},
        "owner": {"type": "object", "properties": {"name": {"type": "string"}}},
        "score": {"type": "number", "minimum": 1, "maximum": 5},
        "given": {"type": "string", "example": "declared"},
        "maybe": {"oneOf": [{"type": "null"}, {"type": "integer"}]},
    },
}


def valid(
    value: Any,
    schema: Any,
    *,
    for_request: bool = True,
    version: str = "3.0.3",
    components: dict[str, Any] | None = None,
) -> Any:
    """``value``, after asserting that jsonschema accepts it for ``schema``."""
    converted = to_json_schema(
        schema, for_request=for_request, openapi_version=version, components=components
    )
    validator = jsonschema.Draft202012Validator(
        converted, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [e.message for e in validator.iter_errors(value)]
    assert not errors, (value, errors)
    return value


def example(schema: Any, *, for_request: bool = True, version: str = "3.0.3", **kw: Any) -> Any:
    value = build_example(schema, for_request=for_request, openapi_version=version, **kw)
    components = kw.get("components")
    return valid(
        value,
        schema,
        for_request=for_request,
        version=version,
        components=dict(components) if components else None,
    )


def test_request_example_skips_read_only() -> None:
    body = example(SCHEMA)
    assert "id" not in body and body["secret"] == "string"
    assert body["when"] == "2024-01-15T09:30:00Z" and body["email"] == "user@example.com"
    assert body["kind"] == "a" and len(body["note"]) <= 3
    assert body["tags"] == ["3fa85f64-5717-4562-b3fc-2c963f66afa6"]
    assert body["owner"] == {"name": "Example name"}
    assert body["score"] == 1 and body["given"] == "declared" and body["maybe"] == 1


def test_response_example_skips_write_only() -> None:
    body = example(SCHEMA, for_request=False)
    assert body["id"] == 1 and "secret" not in body


def test_unresolvable_ref_leaves_and_empty_schemas() -> None:
    # An optional field cut at a $ref with nothing to resolve it against is left out.
    schema = {"type": "object", "properties": {"n": {"$ref": "Node"}}}
    assert build_example(schema, for_request=False) == {}
    assert build_example(None, for_request=True) is None


@pytest.mark.parametrize(
    ("schema", "check"),
    [
        ({"type": "string", "pattern": "^[A-Z]{3}-\\d{4}$"}, "AAA-1111"),
        ({"type": "string", "pattern": "^(foo|bar)_[a-f0-9]{8}$"}, "foo_"),
        ({"type": "string", "pattern": "^\\+?[1-9]\\d{1,14}$", "minLength": 8}, None),
        ({"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+$"}, "@"),
        ({"type": "string", "pattern": "v[0-9]+", "minLength": 12}, None),
        ({"type": "string", "format": "email", "maxLength": 5}, None),
        ({"type": "string", "minLength": 20}, None),
        ({"type": "string", "const": "fixed"}, "fixed"),
        ({"type": ["string", "null"], "enum": ["x", None]}, "x"),
    ],
)
def test_strings(schema: dict[str, Any], check: str | None) -> None:
    value = example(schema, version="3.1.0")
    assert isinstance(value, str)
    if check is not None:
        assert check in value


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "integer", "minimum": 10, "exclusiveMinimum": True}, 11),
        ({"type": "integer", "exclusiveMinimum": 10}, 11),
        ({"type": "integer", "maximum": 0, "exclusiveMaximum": True}, -1),
        ({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}, 0.5),
        ({"type": "integer", "minimum": 7, "multipleOf": 5}, 10),
        ({"type": "number", "multipleOf": 0.01, "minimum": 0.3}, 9.99),
        ({"type": "integer", "maximum": -5}, -5),
        ({"type": "integer", "minimum": 100}, 100),
    ],
)
def test_numbers(schema: dict[str, Any], expected: float) -> None:
    numeric = [schema.get(k) for k in ("exclusiveMinimum", "exclusiveMaximum")]
    version = "3.1.0" if any(type(v) in (int, float) for v in numeric) else "3.0.3"
    assert example(schema, version=version) == expected


def test_arrays_honour_sizes_and_uniqueness() -> None:
    schema = {
        "type": "array",
        "minItems": 3,
        "maxItems": 4,
        "uniqueItems": True,
        "items": {"type": "string", "enum": ["r", "g", "b", "y"]},
    }
    assert sorted(example(schema)) == ["b", "g", "r"]
    numbers = {"type": "array", "minItems": 3, "uniqueItems": True, "items": {"type": "integer"}}
    assert len(set(example(numbers))) == 3
    assert example({"type": "array", "maxItems": 0, "items": {"type": "string"}}) == []
    tuple_schema = {"type": "array", "prefixItems": [{"const": 1}, {"type": "string"}]}
    assert example(tuple_schema, version="3.1.0")[0] == 1


def test_nullable_type_arrays_and_boolean_schemas() -> None:
    assert example({"type": ["null", "integer"]}, version="3.1.0") == 1
    assert example({"type": "string", "nullable": True, "enum": ["on", None]}) == "on"
    assert build_example(True, for_request=True) is None
    assert build_example(False, for_request=True) is None
    schema = {
        "type": "object",
        "required": ["a"],
        "properties": {"a": True, "never": False, "b": {"type": "boolean"}},
    }
    body = example(schema, version="3.1.0")
    assert "never" not in body and body["b"] is True and "a" in body


def test_all_of_merges_properties_and_required() -> None:
    schema = {
        "allOf": [
            {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
            {"properties": {"b": {"type": "integer", "minimum": 3}}},
        ],
        "properties": {"c": {"type": "boolean"}},
    }
    assert example(schema) == {"c": True, "a": "string", "b": 3}


def test_constraint_only_one_of_beside_properties() -> None:
    schema = {
        "type": "object",
        "properties": {"email": {"type": "string"}, "phone": {"type": "string"}},
        "oneOf": [{"required": ["email"]}, {"required": ["phone"]}],
    }
    body = example(schema)
    assert ("email" in body) != ("phone" in body)


COMPONENTS: dict[str, Any] = {
    "Pet": {
        "type": "object",
        "required": ["petType"],
        "properties": {"petType": {"type": "string"}, "name": {"type": "string"}},
        "discriminator": {
            "propertyName": "petType",
            "mapping": {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"},
        },
    },
    "Cat": {
        "allOf": [
            {"$ref": "#/components/schemas/Pet"},
            {"type": "object", "required": ["lives"], "properties": {"lives": {"type": "integer"}}},
        ]
    },
    "Dog": {
        "allOf": [
            {"$ref": "#/components/schemas/Pet"},
            {"type": "object", "required": ["bark"], "properties": {"bark": {"type": "string"}}},
        ]
    },
    "Node": {
        "type": "object",
        "required": ["value", "children"],
        "properties": {
            "value": {"type": "integer"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
            "parent": {"$ref": "#/components/schemas/Node"},
        },
    },
    "Chain": {
        "type": "object",
        "required": ["next"],
        "properties": {"next": {"oneOf": [{"type": "null"}, {"$ref": "Chain"}]}},
    },
}


def test_discriminator_gives_a_concrete_variant_with_its_value() -> None:
    schema = {
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
        "discriminator": COMPONENTS["Pet"]["discriminator"],
    }
    body = example(schema, components=COMPONENTS)
    assert body["petType"] == "cat" and isinstance(body["lives"], int)
    base = example({"$ref": "Pet"}, components=COMPONENTS)
    assert base["petType"] == "cat" and "lives" in base
    variants = describe_variants(schema, COMPONENTS)
    assert variants is not None
    assert variants.as_dict() == {"values": {"cat": "Cat", "dog": "Dog"}, "property": "petType"}


def test_recursion_gives_a_minimal_valid_object() -> None:
    node = example({"$ref": "Node"}, components=COMPONENTS, for_request=False)
    # Required recursive list: empty; optional recursive field: left out.
    assert node == {"value": 1, "children": []}
    chain = example({"$ref": "Chain"}, components=COMPONENTS)
    assert chain == {"next": None}
    deep = {**COMPONENTS["Node"], "properties": {**COMPONENTS["Node"]["properties"]}}
    deep["properties"]["children"] = {"type": "array", "minItems": 1, "items": {"$ref": "Node"}}
    # Every node must hold a node: no finite instance exists; the answer is None, at once.
    assert build_example(deep, components={**COMPONENTS, "Node": deep}, for_request=False) is None


def test_additional_properties_and_pattern_properties() -> None:
    assert example({"type": "object", "additionalProperties": {"type": "integer"}}) == {"key": 1}
    schema = {
        "type": "object",
        "patternProperties": {"^x-[a-z]+$": {"type": "string"}},
        "additionalProperties": False,
        "minProperties": 1,
    }
    body = example(schema, version="3.1.0")
    assert len(body) == 1 and all(re.fullmatch("x-[a-z]+", k) for k in body)
    closed = {"type": "object", "additionalProperties": False, "required": ["a"]}
    assert build_example(closed, for_request=True) is None  # nothing can satisfy it


def test_declared_example_wins_only_when_it_fits() -> None:
    assert example({"type": "integer", "maximum": 5, "example": 3}) == 3
    assert example({"type": "integer", "maximum": 5, "example": 99}) == 1
    assert example({"type": "string", "examples": ["a", "b"]}, version="3.1.0") == "a"
    assert example({"type": "string", "pattern": "^z", "default": "nope"}) == "z"


DOCUMENT: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/api/books/": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/PaginatedBookList"}
                            }
                        },
                    }
                }
            },
            "post": {
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Book"},
                            "examples": {
                                "good": {"$ref": "#/components/examples/GoodBook"},
                                "bad": {"value": {"title": 42}},
                            },
                        }
                    }
                },
                "responses": {"201": {"description": "created"}},
            },
        }
    },
    "components": {
        "examples": {"GoodBook": {"value": {"title": "Dune", "pages": 412}}},
        "schemas": {
            "Book": {
                "type": "object",
                "required": ["title"],
                "properties": {
                    "title": {"type": "string"},
                    "pages": {"type": "integer", "minimum": 1},
                },
            },
            "PaginatedBookList": {
                "type": "object",
                "properties": {
                    "count": {"type": "integer", "example": 123},
                    "next": {
                        "type": "string",
                        "nullable": True,
                        "format": "uri",
                        "example": "http://api.example.org/accounts/?page=4",
                    },
                    "results": {"type": "array", "items": {"$ref": "#/components/schemas/Book"}},
                },
            },
        },
    },
}


def test_media_type_examples_are_kept_and_preferred() -> None:
    api = process_schema(DOCUMENT)
    post = api.find("POST", "/api/books/")
    assert post is not None and post.request_body is not None
    assert post.request_body.examples == ({"title": "Dune", "pages": 412}, {"title": 42})
    found = endpoint_example(post, None, components=component_schemas(api))
    assert found is not None
    assert found.source == "documented" and found.value == {"title": "Dune", "pages": 412}


def test_paging_links_point_at_the_endpoint_not_drfs_placeholder() -> None:
    api = process_schema(DOCUMENT)
    get = api.find("GET", "/api/books/")
    assert get is not None
    found = endpoint_example(get, "200", components=component_schemas(api))
    assert found is not None and found.source == "generated"
    assert found.value["next"] == "https://api.example.com/api/books/?page=4"
    assert found.value["count"] == 123
    with_base = endpoint_example(
        get, "200", components=component_schemas(api), base_url="https://shop.test/v2"
    )
    assert with_base is not None
    assert with_base.value["next"] == "https://shop.test/v2/api/books/?page=4"
    schemas = DOCUMENT["components"]["schemas"]
    valid(found.value, schemas["PaginatedBookList"], for_request=False, components=schemas)


def test_bad_documented_example_is_passed_over() -> None:
    document = {
        **DOCUMENT,
        "paths": {
            "/api/books/": {
                "post": {
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Book"},
                                "example": {"pages": 0},
                            }
                        }
                    },
                    "responses": {},
                }
            }
        },
    }
    api = process_schema(document)
    post = api.find("POST", "/api/books/")
    assert post is not None
    found = endpoint_example(post, None, components=component_schemas(api))
    assert found is not None and found.source == "generated"
    assert found.value == {"title": "The Example", "pages": 1}
