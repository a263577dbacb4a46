"""Examples generated from schemas: formats, enums, nesting, arrays, nullable, read-only."""

from __future__ import annotations

from drf_mcp_docs.schema.examples import build_example

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


def test_request_example_skips_read_only() -> None:
    body = build_example(SCHEMA, for_request=True)
    assert "id" not in body and body["secret"] == "string"
    assert body["when"] == "2024-01-15T09:30:00Z" and body["email"] == "user@example.com"
    assert body["kind"] == "a" and len(body["note"]) <= 3
    assert body["tags"] == ["3fa85f64-5717-4562-b3fc-2c963f66afa6"]
    assert body["owner"] == {"name": "Example name"}
    assert body["score"] == 1 and body["given"] == "declared" and body["maybe"] == 1


def test_response_example_skips_write_only() -> None:
    body = build_example(SCHEMA, for_request=False)
    assert body["id"] == 1 and "secret" not in body


def test_leftover_refs_and_empty_schemas() -> None:
    assert build_example(
        {"type": "object", "properties": {"n": {"$ref": "Node"}}}, for_request=False
    ) == {"n": {}}
    assert build_example(None, for_request=True) is None
