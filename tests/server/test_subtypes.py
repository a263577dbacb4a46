"""Subtypes (``allOf: [{"$ref": base}, {...}]``) in answers: read as one object, sized with
their bases, their base naming them; and what must not follow from it (the review's cases
of ``server/fold.py``'s ``_part``, ``server/subtypes.py`` and ``merging.merge_all_of``)."""

from __future__ import annotations

import json
from typing import Any

from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.server import fold, render
from drf_mcp_docs.server.examples import request_example
from drf_mcp_docs.server.notation import notation
from tests.support.grouped import ungrouped

REF = "#/components/schemas/"


def _api(schemas: dict[str, Any], body: str | None = None) -> ApiSchema:
    """A document of ``schemas``, and ``POST /things/`` sending a ``body`` if named."""
    paths: dict[str, Any] = {}
    if body is not None:
        content = {"application/json": {"schema": {"$ref": REF + body}}}
        operation = {"operationId": "make", "requestBody": {"content": content}}
        paths["/things/"] = {"post": {**operation, "responses": {"201": {"description": ""}}}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }
    return process_schema(document)


def _pet(**extra: Any) -> dict[str, Any]:
    """A base discriminated by ``petType`` (no mapping), extended by Cat and Dog."""
    own = {"type": "object", "properties": {"meow": {"type": "boolean"}}}
    return {
        "Pet": {
            "type": "object",
            "description": "Any pet.",
            "discriminator": {"propertyName": "petType"},
            "properties": {"petType": {"type": "string"}},
            "required": ["petType"],
        },
        "Cat": {"allOf": [{"$ref": REF + "Pet"}, own]},
        "Dog": {"allOf": [{"$ref": REF + "Pet"}, {"type": "object", "properties": {}}]},
        **extra,
    }


def test_a_reference_beside_a_description_is_a_use_not_a_base() -> None:
    """Box describes a use of a schema by ``allOf: [{"$ref": "User"}, {"description": ...}]``
    (103 times): each use is a use of a component, not a subtype showing its base."""
    user = {"type": "object", "properties": {f"f{n}": {"type": "string"} for n in range(40)}}
    slot = {"allOf": [{"$ref": REF + "User"}, {"description": "The person it is for"}]}
    doc = {"type": "object", "properties": {f"slot{n}": slot for n in range(25)}}
    api = _api({"User": user, "Doc": doc}, body="Doc")
    part = render.endpoint_field(api.endpoints[0], api, "requestBody")
    assert fold.size(part) < 4 * 1024
    # Shown once, then named, as any component used twice; each use keeps its text.
    assert render.compact_json(part).count('"f39"') == 1
    assert '{"$ref":"User"}' in render.compact_json(part)
    assert "The person it is for" in render.compact_json(part)


def test_a_large_base_is_shown_once_per_answer() -> None:
    """Thirty fields each extending one 60-field base: the base once, then named; the
    answers stay within the budget fold.fit() can fold to."""
    base = {"type": "object", "properties": {f"b{n}": {"type": "string"} for n in range(60)}}
    slots = {
        f"slot{n}": {
            "allOf": [
                {"$ref": REF + "Base"},
                {"type": "object", "properties": {f"own{n}": {"type": "integer"}}},
            ]
        }
        for n in range(30)
    }
    api = _api({"Base": base, "Body": {"type": "object", "properties": slots}}, body="Body")
    part = render.endpoint_field(api.endpoints[0], api, "requestBody")
    detail = render.schema_detail(api.components["Body"], api)
    default = render.endpoint_detail(api.endpoints[0], api)
    for answer in (part, detail, default):
        assert fold.size(answer) < 8 * 1024, fold.size(answer)
    assert json.dumps(part).count('"b59"') == 1


def test_a_base_names_its_subtypes_not_its_subtypes_subtypes_of_other_bases() -> None:
    """A base's list is its own: a type that is the base and something else (an all-ref
    ``allOf``), or extends it through a reference with siblings (OpenAPI 3.1), does not
    say the base's subtypes as its own."""
    collar = {"type": "object", "properties": {"size": {"type": "integer"}}}
    extra = {
        "Collar": collar,
        "CollaredPet": {"allOf": [{"$ref": REF + "Pet"}, {"$ref": REF + "Collar"}]},
        "Bird": {
            "allOf": [
                {"$ref": REF + "Pet", "description": "A pet"},
                {"type": "object", "properties": {"wings": {"type": "integer"}}},
            ]
        },
        "Home": {
            "type": "object",
            "properties": {
                "pet": {"$ref": REF + "Pet"},
                "collared": {"$ref": REF + "CollaredPet"},
                "bird": {"$ref": REF + "Bird"},
            },
        },
    }
    api = _api(_pet(**extra), body="Home")
    body = render.endpoint_detail(api.endpoints[0], api)["requestBody"]["schema"]
    assert "subtypes: Cat|Dog" in json.dumps(body["pet"])
    assert "subtypes" not in json.dumps(body["collared"])
    assert "subtypes" not in json.dumps(body["bird"])
    collared = render.schema_detail(api.components["CollaredPet"], api)
    assert "subtypes" not in json.dumps(collared)


def test_a_body_that_is_a_base_sends_no_discriminator_value_of_its_own() -> None:
    api = _api(_pet(), body="Pet")
    body = render.endpoint_detail(api.endpoints[0], api)["requestBody"]["schema"]
    assert body["petType"] == "string, required"
    assert body["//"].startswith("subtypes: Cat|Dog")


def test_a_subtype_is_small_in_a_request_by_what_it_sends() -> None:
    """Read-only fields of its base do not count in a request: Jira's progression case."""
    read_only = {
        f"r{n}": {"type": "string", "readOnly": True, "description": "x" * 60} for n in range(10)
    }
    base = {"type": "object", "properties": {"kind": {"type": "string"}, **read_only}}
    sub = {"allOf": [{"$ref": REF + "Base"}, {"type": "object", "properties": {"name": {}}}]}
    middle = {f"m{n}": {"type": "string", "description": "y" * 60} for n in range(8)}
    schemas = {
        "Base": base,
        "Sub": sub,
        "Mid": {"type": "object", "properties": {"sub": {"$ref": REF + "Sub"}, **middle}},
        "Wrap": {"type": "object", "properties": {"mid": {"$ref": REF + "Mid"}}},
    }
    api = _api(schemas, body="Wrap")
    body = render.endpoint_detail(api.endpoints[0], api)["requestBody"]["schema"]
    assert ungrouped(body["mid"]["sub"]) == {"kind": "string", "name": "any"}


def test_a_subtype_does_not_take_its_bases_description() -> None:
    """Box's Folder extends Folder--Mini, "A mini representation of a folder": a Folder
    is not that; with no text of its own, it says none."""
    mini = {
        "type": "object",
        "description": "A mini representation of a folder.",
        "properties": {"id": {"type": "string"}},
    }
    full = {
        "allOf": [
            {"$ref": REF + "Mini"},
            {"type": "object", "properties": {"size": {"type": "integer"}}},
        ]
    }
    holder = {"type": "object", "properties": {"folder": {"$ref": REF + "Full"}}}
    api = _api({"Mini": mini, "Full": full, "Holder": holder}, body="Holder")
    detail = render.schema_detail(api.components["Full"], api)
    assert "mini" not in json.dumps(detail).lower()
    body = render.endpoint_detail(api.endpoints[0], api)["requestBody"]["schema"]
    assert body["folder"] == {"id": "string", "size": "integer"}


def test_nullable_is_not_a_narrowing() -> None:
    """``allOf`` of ``string`` and ``string|null`` forbids null: not merged into "null"."""
    said = notation(
        {
            "allOf": [
                {"type": "object", "properties": {"a": {"type": "string"}}},
                {"type": "object", "properties": {"a": {"type": "string", "nullable": True}}},
            ]
        }
    )
    assert "allOf" in said and "string|null" not in json.dumps(said["allOf"][0])


def test_the_request_example_sends_a_base_as_its_first_subtype() -> None:
    """A field typed by a base with subtypes holds one of them: the example sends the first
    subtype, with its own discriminator value and fields, never the base's own name (which
    the endpoint's answer says is not a value)."""
    owner = {
        "type": "object",
        "properties": {"pet": {"$ref": REF + "Pet"}},
        "required": ["pet"],
    }
    cat = {
        "type": "object",
        "properties": {"meow": {"type": "boolean"}},
        "required": ["meow"],
    }
    schemas = {**_pet(Owner=owner), "Cat": {"allOf": [{"$ref": REF + "Pet"}, cat]}}
    api = _api(schemas, body="Owner")
    example = request_example(api, api.endpoints[0])
    assert example["body"] == {"pet": {"petType": "Cat", "meow": True}}
    answer = render.compact_json(render.endpoint_detail(api.endpoints[0], api))
    assert "subtypes: Cat|Dog" in answer


def test_a_body_that_is_a_base_is_sent_as_its_first_subtype() -> None:
    """The body itself a base: the same; a base with no subtypes keeps its own value."""
    api = _api(_pet(), body="Pet")
    assert request_example(api, api.endpoints[0])["body"]["petType"] == "Cat"
    alone = _api({"Pet": _pet()["Pet"]}, body="Pet")
    assert request_example(alone, alone.endpoints[0])["body"] == {"petType": "Pet"}


def test_a_subtype_that_does_not_fit_costs_the_example_nothing() -> None:
    """A base closed to its subtypes' fields (``additionalProperties: false``): its first
    subtype does not fit, so the base is built as itself, once, with the whole budget for
    its own fields (a chain of such bases stays linear)."""
    base = {
        "type": "object",
        "discriminator": {"propertyName": "kind"},
        "properties": {
            "kind": {"type": "string"},
            **{f"f{n}": {"type": "string"} for n in range(60)},
        },
        "required": ["kind"],
        "additionalProperties": False,
    }
    extra = {"type": "object", "properties": {"own": {"type": "string"}}, "required": ["own"]}
    schemas = {
        "Base": base,
        "Sub": {"allOf": [{"$ref": REF + "Base"}, extra]},
        "Sub2": {"allOf": [{"$ref": REF + "Base"}, extra]},
        "Holder": {
            "type": "object",
            "properties": {"one": {"$ref": REF + "Base"}, "two": {"$ref": REF + "Base"}},
            "required": ["one", "two"],
        },
    }
    api = _api(schemas, body="Holder")
    body = request_example(api, api.endpoints[0])["body"]
    assert body["one"]["kind"] == "Base" and "own" not in body["one"]
    alone = _api({**schemas, "Sub": {"type": "object"}, "Sub2": {"type": "object"}}, "Holder")
    assert body == request_example(alone, alone.endpoints[0])["body"]


def test_a_base_inside_its_first_subtype_is_sent_as_the_next() -> None:
    """Cat (the first subtype) holds a friend typed by the base: being built already, Cat
    is not chosen again inside itself; Dog is, and the friend carries Dog's value."""
    cat = {
        "type": "object",
        "properties": {"friend": {"$ref": REF + "Pet"}},
        "required": ["friend"],
    }
    api = _api({**_pet(), "Cat": {"allOf": [{"$ref": REF + "Pet"}, cat]}}, body="Pet")
    body = request_example(api, api.endpoints[0])["body"]
    assert body["petType"] == "Cat"
    assert body["friend"]["petType"] == "Dog"
