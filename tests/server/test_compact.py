"""The default answer's request body said once (``server/compact.py``)."""

from __future__ import annotations

from drf_mcp_docs.server.compact import ENUM_LIMIT, ENUM_PREVIEW, Tidied, tidy


def test_what_a_client_cannot_use_is_left_out_and_counted() -> None:
    body = {
        "type": "object",
        "title": "WritableInterface",
        "required": ["id", "name"],
        "properties": {
            "id": {"type": "integer", "readOnly": True, "title": "ID"},
            "name": {"type": "string", "title": "Name", "minLength": 0, "nullable": False},
            "created_at": {"type": "string", "title": "Created at", "readOnly": False},
            "mtu": {"type": "integer", "title": "Maximum transmission unit", "minLength": 1},
            "note": {"type": "string", "nullable": True, "x-stripeBypassValidation": True},
            "path": {"type": "string", "x-multi-segment": True},
        },
    }
    notes = Tidied()
    assert tidy(body, "requestBody", notes) == {
        "type": "object",
        "title": "WritableInterface",  # the body's own title names no field: kept
        "required": ["name"],  # a read-only field is not required of the client
        "properties": {
            "name": {"type": "string"},
            "created_at": {"type": "string"},
            "mtu": {"type": "integer", "title": "Maximum transmission unit", "minLength": 1},
            "note": {"type": "string", "nullable": True},
            "path": {"type": "string", "x-multi-segment": True},
        },
    }
    assert notes.read_only == 1 and notes.enums == []


def test_a_long_enum_shows_its_first_values_and_its_count_wherever_it_stands() -> None:
    values = [f"v{i}" for i in range(ENUM_LIMIT + 5)]
    body = {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "enum": values},
            "tags": {"type": "array", "items": {"anyOf": [{"enum": values}, {"type": "null"}]}},
            "small": {"enum": values[:ENUM_LIMIT]},
        },
    }
    notes = Tidied()
    out = tidy(body, "requestBody", notes)
    kind = out["properties"]["kind"]
    assert kind["enum"] == values[:ENUM_PREVIEW] and kind["enumCount"] == ENUM_LIMIT + 5
    assert out["properties"]["tags"]["items"]["anyOf"][0]["enumCount"] == ENUM_LIMIT + 5
    assert out["properties"]["small"] == {"enum": values[:ENUM_LIMIT]}
    # Named by the field path that returns the whole enum (arrays and variants looked through).
    assert notes.enums == ["requestBody.kind", "requestBody.tags"]


def test_a_response_schema_keeps_its_read_only_fields() -> None:
    body = {"type": "object", "properties": {"id": {"type": "integer", "readOnly": True}}}
    notes = Tidied()
    assert tidy(body, "responses.200", notes, request=False) == body
    assert notes.read_only == 0
