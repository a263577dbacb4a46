"""Variants said alike, said once (``server/variants.py``): the fields every object
variant of a ``oneOf``/``anyOf`` says the same way are said beside the variants, each
variant keeping what is its own; nothing a variant says is lost."""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.server.notation import NOTE, notation
from tests.support.grouped import ungrouped

_TEXT = "A field every record says the same way, said once, not once per variant."


def _record(required: list[str], **own: Any) -> dict[str, Any]:
    """A DNS-record-like variant: the same five fields (and ``own``), its required names."""
    fields = {name: {"type": "string", "description": _TEXT} for name in "abcde"}
    return {"type": "object", "properties": {**fields, **own}, "required": required}


def test_fields_every_variant_says_alike_are_said_once() -> None:
    schema = {
        "anyOf": [_record(["a", "b"]), _record(["a", "c", "d"]), _record(["a", "e"])],
        "discriminator": {"propertyName": "a"},
    }
    said = notation(schema)
    fields = ungrouped({k: v for k, v in said.items() if k not in (NOTE, "anyOf")})
    # Required by every variant: still said required; by some: said in each variant.
    assert fields["a"] == f"string, required // {_TEXT}"
    assert fields["b"] == f"string // {_TEXT}"
    assert set(fields) == set("abcde")
    assert said["anyOf"] == [
        {NOTE: "requires b"},
        {NOTE: "requires c, d"},
        {NOTE: "requires e"},
    ]
    assert said[NOTE] == "discriminator a"
    assert len(str(said)) < len(str([notation(v) for v in schema["anyOf"]])) * 0.6


def test_a_field_said_differently_stays_in_its_variants() -> None:
    """A field of another type in one variant is each variant's own; the rest are shared."""
    kinds = ("integer", "string", "boolean")
    said = notation({"oneOf": [_record(["a"], f={"type": k, "description": _TEXT}) for k in kinds]})
    assert [ungrouped(v)["f"] for v in said["oneOf"]] == [f"{k} // {_TEXT}" for k in kinds]
    assert set(ungrouped({k: v for k, v in said.items() if k != "oneOf"})) == set("abcde")


def test_fields_beside_the_variants_are_not_said_twice() -> None:
    """A field the schema itself declares beside its variants stays in each variant; the
    others, said alike, are said once."""

    def record(required: list[str]) -> dict[str, Any]:
        said = {n: {"type": "string", "description": f"{n}: {_TEXT}"} for n in "abcdef"}
        return {"type": "object", "properties": said, "required": required}

    schema = {
        "type": "object",
        "properties": {"a": {"type": "integer"}},
        "oneOf": [record(["a"]), record(["b"])],
    }
    said = notation(schema)
    assert said["a"] == "integer"
    assert [set(ungrouped(v)) - {NOTE} for v in said["oneOf"]] == [{"a"}, {"a"}]
    assert said["oneOf"][1][NOTE] == "requires b"
    assert set(ungrouped({k: v for k, v in said.items() if k != "oneOf"})) == set("abcdef")


def test_closed_variants_and_a_note_that_requires_already() -> None:
    """A closed variant (no other fields) is left whole: emptied, it would read as one that
    accepts no field. A variant that says ``requires`` already says the rest beside it."""
    closed = [{**_record([n]), "additionalProperties": False} for n in "ab"]
    said = notation({"oneOf": closed})
    assert all(set(ungrouped(v)) >= set("abcde") for v in said["oneOf"])
    opened = [
        {**_record(["a"]), "description": "An A record"},
        {"allOf": [_record(["b"]), {"required": ["z"]}]},
        _record(["c"]),
    ]
    said = notation({"anyOf": opened})
    notes = [v.get(NOTE) for v in said["anyOf"]]
    assert notes == ["requires a // An A record", "requires z, b", "requires c"]


def test_references_and_small_variants_are_left_as_they_are() -> None:
    """Named variants stay names; variants too small to gain from it stay whole."""
    refs = {"oneOf": [{"$ref": "Card"}, {"$ref": "Bank"}]}
    assert notation(refs) == {"oneOf": [{"$ref": "Card"}, {"$ref": "Bank"}]}
    small = {
        "oneOf": [
            {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
            {"type": "object", "properties": {"id": {"type": "string"}, "n": {"type": "integer"}}},
        ]
    }
    assert notation(small) == {
        "oneOf": [{"id": "string, required"}, {"id": "string", "n": "integer"}]
    }
