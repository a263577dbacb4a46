"""The ``$ref`` helpers of the schema layer: what a component's discriminator sends."""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.schema.refs import discriminator_tag, writable

BASE = {
    "type": "object",
    "discriminator": {"propertyName": "type"},
    "properties": {"type": {"type": "string"}},
    "required": ["type"],
}


def _model(*parts: Any) -> dict[str, Any]:
    return {"allOf": [{"$ref": "#/components/schemas/object"}, *parts]}


def test_an_allof_base_discriminator_sends_the_schema_name() -> None:
    """Bitbucket: every model is allOf a base whose discriminator is ``type``, no mapping:
    OpenAPI's implicit mapping makes the value the schema's name."""
    components = {"object": BASE, "pullrequest": _model({"properties": {"title": {}}})}
    assert discriminator_tag("pullrequest", components) == ("type", "pullrequest")
    assert discriminator_tag("object", components) == ("type", "object")


def test_a_mapping_gives_its_key_and_a_fixed_value_gives_nothing() -> None:
    mapped = {
        **BASE,
        "discriminator": {
            "propertyName": "type",
            "mapping": {"pr": "#/components/schemas/pullrequest"},
        },
    }
    components = {"object": mapped, "pullrequest": _model(), "issue": _model()}
    assert discriminator_tag("pullrequest", components) == ("type", "pr")
    assert discriminator_tag("issue", components) is None  # a mapping that does not name it
    fixed = {
        "allOf": [
            {"$ref": "#/components/schemas/object"},
            {"properties": {"type": {"enum": ["x"]}}},
        ]
    }
    assert discriminator_tag("fixed", {"object": BASE, "fixed": fixed}) is None
    plain = {"type": "object", "properties": {"type": {"type": "string"}}}
    assert discriminator_tag("plain", {"plain": plain}) is None  # no discriminator at all
    assert discriminator_tag("missing", {}) is None


def test_a_choice_among_variants_says_no_value_of_its_own() -> None:
    """``Pet {oneOf: [Cat, Dog], discriminator: petType}``: Pet is the choice, not a pet."""
    pet = {
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
        "discriminator": {"propertyName": "petType"},
    }
    assert discriminator_tag("Pet", {"Pet": pet, "Cat": {}, "Dog": {}}) is None


def test_a_value_fixed_by_any_part_is_not_guessed() -> None:
    """The base first, the part fixing ``type`` after it: nothing to say (the order of
    the parts does not matter)."""
    own = {"properties": {"type": {"type": "string", "enum": ["snag"]}}}
    fixed = {"allOf": [{"$ref": "#/components/schemas/object"}, own]}
    assert discriminator_tag("fixed", {"object": BASE, "fixed": fixed}) is None


def test_writable_leaves_out_read_only_fields_at_any_depth() -> None:
    schema = {
        "type": "object",
        "properties": {
            "id": {"type": "integer", "readOnly": True},
            "inner": {
                "allOf": [{"properties": {"at": {"readOnly": True}, "x": {"type": "string"}}}]
            },
            "tags": {"type": "array", "items": {"properties": {"n": {}, "r": {"readOnly": True}}}},
            "ref": {"$ref": "#/components/schemas/Other"},
        },
    }
    assert writable(schema) == {
        "type": "object",
        "properties": {
            "inner": {"allOf": [{"properties": {"x": {"type": "string"}}}]},
            "tags": {"type": "array", "items": {"properties": {"n": {}}}},
            "ref": {"$ref": "#/components/schemas/Other"},
        },
    }
