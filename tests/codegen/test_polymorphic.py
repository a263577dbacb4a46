"""Snippets from a real drf-spectacular schema (``polymorphic_urls.py``): a polymorphic body
whose TypeScript union carries the discriminator in each member, a DRF ``<path:...>``
converter documented so that snippets keep its slashes, and a 204 success; every
TypeScript snippet type-checks under ``tsc --strict``."""

from __future__ import annotations

from typing import Any

import pytest

from drf_mcp_docs.codegen import LANGUAGES, generate_snippet
from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.schema.records import ApiSchema
from tests.codegen.test_typescript import type_check


@pytest.fixture
def document(settings: Any) -> dict[str, Any]:
    from drf_mcp_docs.schema.adapters import SpectacularAdapter

    settings.ROOT_URLCONF = "tests.codegen.polymorphic_urls"
    return SpectacularAdapter().get_schema()


def _api(document: dict[str, Any]) -> ApiSchema:
    return process_schema(document, path_prefix="/", exclude_paths=[])


def test_drf_path_converter_is_documented_as_slash_admitting(document) -> None:
    (param,) = document["paths"]["/api/files/{file_path}"]["get"]["parameters"]
    assert param["schema"] == {"type": "string", "pattern": "^.+$"}
    (plain,) = document["paths"]["/api/labels/{name}"]["delete"]["parameters"]
    assert "pattern" not in plain["schema"]  # <str:...> stays one segment
    api = _api(document)
    endpoint = api.find("GET", "/api/files/{file_path}")
    assert endpoint is not None and endpoint.parameters[0].keeps_slashes


def test_spectacular_path_converter_override_wins(document, settings: Any) -> None:
    from drf_spectacular.settings import patched_settings

    from drf_mcp_docs.schema.adapters import SpectacularAdapter

    override = {"path": {"type": "string", "format": "file-path"}}
    with patched_settings({"PATH_CONVERTER_OVERRIDES": override}):
        mine = SpectacularAdapter().get_schema()
    (param,) = mine["paths"]["/api/files/{file_path}"]["get"]["parameters"]
    assert param["schema"] == {"type": "string", "format": "file-path"}


def test_union_members_carry_their_discriminator(document) -> None:
    api = _api(document)
    endpoint = api.find("POST", "/api/persons/")
    assert endpoint is not None
    code = generate_snippet(api, endpoint, "typescript", "fetch")
    assert (
        'export type MetaPersonRequest = LegalPersonRequest & { type: "legal" }'
        ' | NaturalPersonRequest & { type: "natural" };'
    ) in code
    assert 'LegalPerson & { type: "legal" } | NaturalPerson & { type: "natural" }' in code


def test_discriminator_without_mapping_uses_component_names() -> None:
    ref = {"$ref": "#/components/schemas/Cat"}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/pets": {
                "post": {
                    "operationId": "pets_create",
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "oneOf": [ref, {"$ref": "#/components/schemas/Dog"}],
                                    "discriminator": {"propertyName": "pet-kind"},
                                }
                            }
                        }
                    },
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
        "components": {
            "schemas": {
                name: {
                    "type": "object",
                    "properties": {"pet-kind": {"type": "string"}, "name": {"type": "string"}},
                    "required": ["pet-kind"],
                }
                for name in ("Cat", "Dog")
            }
        },
    }
    api = _api(document)
    code = generate_snippet(api, api.endpoints[0], "typescript", "axios")
    assert 'Cat & { "pet-kind": "Cat" } | Dog & { "pet-kind": "Dog" }' in code


def test_every_snippet_type_checks(document, tmp_path) -> None:
    from tests.codegen.test_wire_values import ENDPOINTS

    api = _api(document)
    wire = ApiSchema("Wire", "1", "", "http://x", tuple(ENDPOINTS.values()), {}, {})
    snippets = [
        (f"{e.operation_id}_{client}", generate_snippet(api, e, "typescript", client))
        for e in api.endpoints
        for client in LANGUAGES["typescript"]
    ]
    snippets += [
        (f"wire_{key.replace('-', '_')}_{client}", generate_snippet(wire, e, "typescript", client))
        for key, e in ENDPOINTS.items()
        for client in LANGUAGES["typescript"]
    ]
    type_check(snippets, tmp_path)
