"""Rendering: facts that say nothing are left out; those that do are kept."""

from __future__ import annotations

from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.server import render


def test_present_keeps_zero_and_drops_empties() -> None:
    assert render.present(a=0, b=None, c=False, d="", e=[], f={}, g="x", h=True) == {
        "a": 0,
        "g": "x",
        "h": True,
    }


def test_public_endpoint_keeps_its_empty_auth(api: ApiSchema) -> None:
    ping = render.endpoint_detail(api.find("GET", "/api/ping/"), api)
    assert ping["auth"] == [] and "authOptional" not in ping
    assert "requestBody" not in ping and "pagination" not in ping and "parameters" not in ping


def test_compact_json_has_no_whitespace() -> None:
    assert render.compact_json({"a": [1, {"b": "é"}]}) == '{"a":[1,{"b":"é"}]}'
