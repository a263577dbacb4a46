"""Type notation: each JSON Schema construct said in a few words, and nothing lost on real
documents (every field name, enum value, bound and description is still there)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from drf_mcp_docs.server.compact import cut_enum
from drf_mcp_docs.server.notation import NOTE, annotated, notation
from tests.support import realworld


@pytest.mark.parametrize(
    ("schema", "said"),
    [
        ({"type": "string"}, "string"),
        (
            {"type": "string", "format": "date-time", "readOnly": True},
            "string(date-time), read-only",
        ),
        (
            {"type": "integer", "nullable": True, "minimum": 1, "maximum": 65536},
            "integer|null, 1..65536",
        ),
        ({"type": ["number", "null"], "exclusiveMinimum": 0}, "number|null, >0"),
        ({"type": "number", "minimum": 0, "exclusiveMinimum": True}, "number, >0"),
        ({"type": "integer", "maximum": 127}, "integer, <=127"),
        ({"type": "string", "minLength": 1, "maxLength": 64}, "string, len 1..64"),
        ({"type": "string", "maxLength": 64}, "string, len <=64"),
        ({"type": "string", "pattern": "^[a-z]+$"}, "string, pattern ^[a-z]+$"),
        ({"type": "integer", "multipleOf": 5}, "integer, multipleOf 5"),
        ({"enum": ["a", "b", None]}, "enum: a|b|null"),
        ({"type": "string", "enum": ["x"], "default": "x"}, 'enum: x, default "x"'),
        # Values that would read ambiguously are written as JSON.
        ({"enum": ["a|b", "c, d", "", " e"]}, 'enum: "a|b"|"c, d"|""|" e"'),
        ({"const": "card"}, "const: card"),
        ({"type": "object", "default": {}}, "object, default {}"),
        ({"type": "boolean", "description": "Is it?"}, "boolean // Is it?"),
        ({"type": "string", "title": "Name", "description": "Full."}, "string // Name: Full."),
        (
            {"type": "string", "deprecated": True, "writeOnly": True},
            "string, write-only, deprecated",
        ),
        ({"type": "string", "example": "abc"}, 'string, e.g. "abc"'),
        ({"description": "Anything."}, "any // Anything."),
        ({}, "any"),
        ({"type": "array", "items": {"type": "integer"}, "uniqueItems": True}, "[integer], unique"),
        ({"type": "array", "items": {"type": "string"}, "maxItems": 3}, "[string], items <=3"),
        (
            {"type": "array", "items": {"type": "string", "description": "A tag."}},
            "[string] // each: A tag.",
        ),
        ({"type": "object", "additionalProperties": True}, "object"),
        ({"type": "string", "x-stripeBypassValidation": True}, "string"),  # a generator's hint
        ({"type": "string", "x-nullable": True}, "string|null"),
        ({"type": "string", "uniqueItems": True}, "string, unique"),  # Kubernetes' parameters
    ],
)
def test_a_leaf_is_one_string(schema: dict[str, Any], said: str) -> None:
    assert notation(schema) == said


def test_required_is_said_where_the_parent_requires_it() -> None:
    schema = {
        "type": "object",
        "required": ["name", "hose"],
        "properties": {
            "name": {"type": "string", "description": "The name."},
            "hose": {
                "type": "object",
                "nullable": True,
                "description": "Its hose.",
                "properties": {"label": {"type": "string"}},
            },
            "tags": {"type": "array", "items": {"$ref": "Tag"}},
            "lines": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "object", "properties": {"sku": {"type": "string"}}},
            },
        },
    }
    assert notation(schema) == {
        "name": "string, required // The name.",
        "hose": {NOTE: "nullable, required // Its hose.", "label": "string"},
        "tags": [{"$ref": "Tag"}],
        "lines": [{NOTE: "list, items >=1", "sku": "string"}],
    }


def test_variants_maps_and_merged_parts() -> None:
    variants = {
        "oneOf": [{"$ref": "Card"}, {"$ref": "Bank"}],
        "discriminator": {"propertyName": "type", "mapping": {"card": "#/c/Card"}},
    }
    assert notation(variants) == {
        NOTE: "discriminator type (card: Card)",
        "oneOf": [{"$ref": "Card"}, {"$ref": "Bank"}],
    }
    assert notation({"type": "object", "additionalProperties": {"type": "integer"}}) == {
        "<any name>": "integer"
    }
    named = {
        "type": "object",
        "propertyNames": {"type": "string", "maxLength": 8},
        "additionalProperties": {"type": "integer"},
    }
    assert notation(named) == {"//": "names: string, len <=8", "<any name>": "integer"}
    merged = {
        "allOf": [
            {"type": "object", "properties": {"a": {"type": "string"}}},
            {"type": "object", "required": ["b"], "properties": {"b": {"type": "integer"}}},
        ]
    }
    assert notation(merged) == {"a": "string", "b": "integer, required"}
    # Bitbucket's objects: a base type first (its discriminator, its own description),
    # then the object's fields. One object, the base's required "type" said; the object's
    # description, not the base type's, which each nested object would repeat.
    base = {
        "type": "object",
        "description": "Base type for most resource objects.",
        "discriminator": {"propertyName": "type"},
        "additionalProperties": True,
        "properties": {"type": {"type": "string"}},
        "required": ["type"],
    }
    own = {
        "type": "object",
        "description": "A pull request.",
        "properties": {"title": {"type": "string"}},
    }
    said = notation({"allOf": [base, own]})
    assert said["type"] == "string, required" and said["title"] == "string"
    assert "A pull request." in said[NOTE] and "Base type" not in json.dumps(said)
    # A part that is a reference stays a part: the named schema is read on its own.
    referenced = {"allOf": [{"$ref": "Base"}, {"properties": {"c": {"type": "string"}}}]}
    assert notation(referenced) == {"allOf": [{"$ref": "Base"}, {"c": "string"}]}


def test_fields_said_alike_are_said_once() -> None:
    """Bitbucket's links: many fields, one notation; said once under their names joined."""
    link = {"type": "object", "properties": {"href": {"type": "string", "format": "uri"}}}
    url = {"type": "string", "format": "uri"}
    schema = {
        "type": "object",
        "properties": {
            "html": link,
            "self": link,
            "id": {"type": "integer"},
            "diff": link,
            "a,b": link,  # a name with a comma is never joined: it would read as two
            "url": url,
            "html_url": url,
            "name": {"type": "string"},
            "title": {"type": "string"},  # "string" is shorter than a key: not worth it
        },
    }
    assert notation(schema) == {
        "html, self, diff": {"href": "string(uri)"},
        "id": "integer",
        "a,b": {"href": "string(uri)"},
        "url, html_url": "string(uri)",
        "name": "string",
        "title": "string",
    }


def test_required_alone_and_inline_definitions() -> None:
    assert notation({"required": ["type"], "type": "object"}) == "object, requires type"
    assert notation({"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}) == {
        "anyOf": ["object, requires a", "object, requires b"]
    }
    inline = {
        "type": "object",
        "properties": {"line": {"$ref": "#/definitions/line"}},
        "definitions": {"line": {"type": "object", "properties": {"amount": {"type": "number"}}}},
    }
    assert notation(inline) == {
        "line": {"$ref": "#/definitions/line"},
        "definitions": {"line": {"amount": "number"}},
    }


def test_what_has_no_words_stays_json_schema() -> None:
    odd = {"not": {"type": "string"}}
    assert notation(odd) == odd
    pattern = {"type": "object", "patternProperties": {"^x-": {"type": "string"}}}
    assert notation(pattern) == pattern


def test_a_cut_enum_counts_its_values_and_keeps_null() -> None:
    values = [f"v{i}" for i in range(30)]
    cut = cut_enum({"type": "string", "enum": [*values, None]}, 20)
    assert cut["enumCount"] == 30 and cut["nullable"] is True and len(cut["enum"]) == 8
    assert notation(cut) == "enum(30): v0|v1|v2|v3|v4|v5|v6|v7|…|null"
    assert cut_enum({"enum": values[:20]}, 20) == {"enum": values[:20]}


def test_annotated_adds_flags_and_a_description_to_any_notation() -> None:
    assert annotated("string", ["required"], "The query.") == "string, required // The query."
    assert annotated("string // Own.", ["required"]) == "string, required // Own."
    assert annotated({"a": "string"}, ["required"], "Obj.") == {
        NOTE: "required // Obj.",
        "a": "string",
    }
    assert annotated([{"a": "string"}], [], "Lines.") == [{NOTE: "list // Lines.", "a": "string"}]


def _said(schema: Any, found: dict[str, set[str]]) -> None:
    """What a JSON Schema says that its notation must keep: field names, enum values,
    descriptions, bounds."""
    if isinstance(schema, list):
        for item in schema:
            _said(item, found)
        return
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        if key == "properties" and isinstance(value, dict):
            found["names"] |= set(value)
            for child in value.values():
                _said(child, found)
        elif key == "enum" and isinstance(value, list):
            found["values"] |= {v for v in value if isinstance(v, str) and v}
        elif key == "description" and isinstance(value, str) and value.strip():
            found["texts"].add(value)
        elif key in ("maximum", "maxLength") and isinstance(value, int):
            found["bounds"].add(str(value))
        elif isinstance(value, (dict, list)):
            _said(value, found)


@pytest.mark.realworld
@pytest.mark.parametrize("name", ["github", "stripe"])
def test_nothing_is_lost_on_real_documents(name: str) -> None:
    if not realworld.available(name):
        pytest.skip(f"the {name} document cannot be had here (no cache, no npm)")
    document = realworld.load(name)
    checked = 0
    for schema in document.get("components", {}).get("schemas", {}).values():
        wanted: dict[str, set[str]] = {
            "names": set(),
            "values": set(),
            "texts": set(),
            "bounds": set(),
        }
        _said(schema, wanted)
        text = json.dumps(notation(schema), ensure_ascii=False)
        raw = text.encode().decode("unicode_escape", errors="ignore") if "\\u" in text else text
        for kind, items in wanted.items():
            for item in items:
                quoted = json.dumps(item, ensure_ascii=False)[1:-1]
                assert quoted in text or item in raw, f"{name}: {kind} {item!r} lost"
                checked += 1
        checked += _flags_kept(schema, notation(schema), name)
    assert checked > 1000


def _flags_kept(schema: Any, shown: Any, name: str) -> int:
    """Top-level required fields said "required" (or "requires"), a discriminator said."""
    if not isinstance(schema, dict) or not isinstance(shown, dict):
        return 0
    fields = shown.get("[fields]", shown)
    said = 0
    properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    for field in schema.get("required") or []:
        if not isinstance(field, str) or field not in properties or field not in fields:
            continue
        value = fields[field]
        text = value if isinstance(value, str) else json.dumps(value)
        assert "required" in text, f"{name}: required {field!r} not said: {text[:120]}"
        said += 1
    found = schema.get("discriminator")
    if isinstance(found, dict) and isinstance(found.get("propertyName"), str):
        note = str(shown.get(NOTE, ""))
        assert f"discriminator {found['propertyName']}" in note, f"{name}: discriminator lost"
        said += 1
    return said


def test_required_names_described_elsewhere_are_said() -> None:
    # GitHub's check-run update: "completed" requires a conclusion not among the fields.
    variant = {"properties": {"status": {"enum": ["completed"]}}, "required": ["conclusion"]}
    assert notation(variant) == {NOTE: "requires conclusion", "status": "enum: completed"}
    assert notation({"type": "object", "required": []}) == "object"
    odd = {"type": "object", "properties": {"a": {}}, "required": ["a", ["b"], 3]}
    assert notation(odd) == {"a": "any, required"}  # what is not a name is not said


def test_a_discriminator_beside_shared_fields_is_said() -> None:
    schema = {
        "type": "object",
        "properties": {"type": {"type": "string"}},
        "required": ["type"],
        "oneOf": [{"$ref": "User"}, {"$ref": "Issue"}],
        "discriminator": {"propertyName": "type", "mapping": {"user": "#/c/User"}},
    }
    assert notation(schema) == {
        NOTE: "discriminator type (user: User)",
        "type": "string, required",
        "oneOf": [{"$ref": "User"}, {"$ref": "Issue"}],
    }


@pytest.mark.parametrize(
    ("schema", "said"),
    [
        ({"type": "integer", "enum": [1, 2, 3]}, "enum: 1|2|3"),
        ({"type": "string", "enum": ["1", "2"]}, 'enum: "1"|"2"'),  # strings, not numbers
        ({"enum": ["true", "null", "none"]}, 'enum: "true"|"null"|none'),
        ({"type": "string", "default": "a // b"}, 'string, default "a \\/\\/ b"'),
        ({"const": "x", "nullable": True}, "const: x|null"),
        ({"type": ["array", "null"], "items": {"type": "string"}}, "[string], nullable"),
        ({"type": ["object", "null"], "additionalProperties": {}}, "object, nullable"),
        ({"type": "number", "minimum": 5, "exclusiveMinimum": 0}, "number, >=5 >0"),
        ({"type": "number", "exclusiveMinimum": 0, "maximum": 9}, "number, >0 <=9"),
    ],
)
def test_values_and_types_read_as_they_are(schema: dict[str, Any], said: str) -> None:
    assert notation(schema) == said


def test_nothing_beside_a_reference_or_an_unmerged_all_of_is_dropped() -> None:
    assert notation({"$ref": "Kind", "enum": ["a"]}) == {"$ref": "Kind", NOTE: "enum: a"}
    schema = {
        "properties": {"x": {"type": "string"}},
        "required": ["x"],
        "allOf": [{"$ref": "Base"}],
    }
    assert notation(schema) == {"allOf": [{"$ref": "Base"}, {"x": "string, required"}]}
    # A tuple of items is not a list of one item.
    tuple_items = {"type": "array", "items": [{"type": "string"}, {"type": "integer"}]}
    assert notation(tuple_items) == tuple_items


def test_a_field_named_like_a_notation_key_is_said_apart() -> None:
    # Kubernetes' JSONSchemaProps has fields named $ref, oneOf, allOf, not...
    schema = {"type": "object", "properties": {"$ref": {"type": "string"}, "id": {}}}
    assert notation(schema) == {"[fields]": {"$ref": "string", "id": "any"}}


def test_a_parameter_says_its_description_once() -> None:
    from drf_mcp_docs.schema.processor import process_schema
    from drf_mcp_docs.server.render import endpoint_detail

    filter_object = {
        "type": "object",
        "description": "Filter object.",
        "properties": {"a": {"type": "string"}},
    }
    parameters = [
        {"name": "f", "in": "query", "style": "deepObject", "schema": filter_object},
        {
            "name": "ids",
            "in": "query",
            "required": True,
            "description": "The ids.",
            "schema": {"type": "array", "items": {"type": "object", "properties": {}}},
        },
        {
            "name": "since",
            "in": "query",
            "schema": {"type": "string", "format": "date", "x-nullable": True, "deprecated": True},
        },
    ]
    operation = {"parameters": parameters, "responses": {"204": {"description": "ok"}}}
    document = {"openapi": "3.0.3", "info": {"title": "T"}, "paths": {"/x": {"get": operation}}}
    api = process_schema(document, path_prefix="/")
    query = endpoint_detail(api.endpoints[0], api)["parameters"]["query"]
    assert query["f"] == {
        NOTE: "style=deepObject explode=false // Filter object.",
        "a": "string",
    }
    assert query["ids"] == [{NOTE: "list, required, style=form explode=true // The ids."}]
    assert query["since"] == "string(date)|null, deprecated"


def test_an_allof_with_a_mapped_discriminator_keeps_its_parts() -> None:
    """A base's mapping says which value is which: merged away, "cat" would be said nowhere."""
    base = {
        "type": "object",
        "properties": {"petType": {"type": "string"}},
        "discriminator": {"propertyName": "petType", "mapping": {"cat": "#/c/Cat"}},
    }
    said = notation(
        {"allOf": [base, {"type": "object", "properties": {"meow": {"type": "boolean"}}}]}
    )
    assert "allOf" in said and "cat" in json.dumps(said)


def test_an_allof_merges_through_a_base_that_extends_another() -> None:
    """Bitbucket's pipeline target: ``allOf: [target, {...}]`` where target is itself
    ``allOf: [object, {...}]``; the field a base says loosely, a part may narrow."""
    root = {
        "type": "object",
        "description": "Base type for most resource objects.",
        "discriminator": {"propertyName": "type"},
        "properties": {"type": {"type": "string"}},
        "required": ["type"],
    }
    target = {"allOf": [root, {"type": "object", "description": "A target.", "properties": {}}]}
    selector = {
        "type": "object",
        "description": "A selector.",
        "properties": {
            "type": {"type": "string", "enum": ["branches", "custom"], "description": "Kind."},
            "pattern": {"type": "string"},
        },
    }
    said = notation({"allOf": [target, {"type": "object", "properties": {"ref": {}}}]})
    assert said == {"//": "// A target.", "type": "string, required", "ref": "any"}
    assert notation({"allOf": [root, selector]}) == {
        "//": "// A selector.",
        "type": "enum: branches|custom, required // Kind.",
        "pattern": "string",
    }
    # Two parts that each allow what the other forbids are not merged: both are said.
    clash = {"type": "object", "properties": {"type": {"type": "integer"}}}
    assert "allOf" in notation({"allOf": [root, clash]})


def test_a_base_types_discriminator_is_said_beside_its_fields() -> None:
    """A base type shown on its own (a part that could not merge) says its discriminator
    in words, not as JSON Schema."""
    base = {
        "type": "object",
        "discriminator": {"propertyName": "type"},
        "properties": {"type": {"type": "string"}},
        "required": ["type"],
    }
    assert notation(base) == {"//": "discriminator type", "type": "string, required"}
