"""The processor on the example project's real drf-spectacular schema and on edge cases."""

from __future__ import annotations

import dataclasses

import pytest

from drf_mcp_docs.codegen.expand import expand
from drf_mcp_docs.schema.processor import SchemaProcessingError, process_schema
from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.schema.refs import pointed
from tests.support.realworld import SOURCES, available, load


def test_example_schema_records(api: ApiSchema) -> None:
    keys = {e.key for e in api.endpoints}
    assert {"GET /api/books/", "POST /api/books/", "GET /api/books/{id}/reviews/"} <= keys
    assert "GET /api/schema/" not in keys and all(k.split()[1].startswith("/api/") for k in keys)
    books = api.find("GET", "/api/books/")
    assert books is not None and books.pagination is not None
    assert books.pagination.style == "page_number"
    assert api.find("GET", "/api/books/bestsellers/").pagination is None
    assert api.auth_schemes["tokenAuth"].value_template == "Token <token>"
    assert api.auth_schemes["cookieAuth"].sendable is False
    ping = api.find("GET", "/api/ping/")
    assert ping.security == () and ping.auth_optional


def test_records_are_immutable(api: ApiSchema) -> None:
    endpoint = api.endpoints[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        endpoint.path = "/x/"  # type: ignore[misc]
    assert isinstance(endpoint.parameters, tuple) and isinstance(endpoint.tags, tuple)


def test_property_named_title_survives(api: ApiSchema) -> None:
    book = api.components["Book"].schema
    assert "title" in book["properties"] and "title" in book["required"]


def test_enum_listing_and_int64_bounds_are_dropped(api: ApiSchema) -> None:
    book = api.components["Book"].schema["properties"]
    assert "description" not in book["genre"]
    assert "maximum" not in book["page_count"]


def _doc(schemas: dict, paths: dict | None = None) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": paths or {},
        "components": {"schemas": schemas},
    }


def test_cycles_become_named_refs() -> None:
    doc = _doc(
        {
            "Node": {
                "type": "object",
                "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
                },
            }
        }
    )
    node = process_schema(doc).components["Node"].schema
    assert node["properties"]["children"]["items"] == {"$ref": "Node"}


def test_component_refs_stay_named_leaves_and_expand_is_bounded() -> None:
    schemas = {
        f"L{i}": {
            "type": "object",
            "properties": {"next": {"$ref": f"#/components/schemas/L{i + 1}"}},
        }
        for i in range(10)
    }
    schemas["L10"] = {"type": "string"}
    api = process_schema(_doc(schemas))
    # Stored once: every use of a component is a leaf naming it.
    assert api.components["L0"].schema["properties"]["next"] == {"$ref": "L1"}
    # Expanded on demand, as deep as asked; deeper references end as empty schemas.
    resolved = expand(api, api.components["L0"].schema, 3)
    depth = 0
    while resolved:
        resolved = resolved["properties"]["next"]
        depth += 1
    assert depth == 4
    assert expand(api, {"$ref": "L9"}, 5) == {
        "type": "object",
        "properties": {"next": {"type": "string"}},
    }


def test_ref_siblings_are_kept_and_deref_follows_chains() -> None:
    doc = _doc(
        {
            "A": {"$ref": "#/components/schemas/B"},
            "B": {"type": "object", "properties": {"id": {"type": "integer"}}},
            "C": {
                "type": "object",
                "properties": {
                    "a": {"allOf": [{"$ref": "#/components/schemas/A"}], "readOnly": True}
                },
            },
        }
    )
    api = process_schema(doc)
    prop = api.components["C"].schema["properties"]["a"]
    assert prop == {"$ref": "A", "readOnly": True}
    assert api.deref(prop) == {**doc["components"]["schemas"]["B"], "readOnly": True}


def test_used_by_follows_shared_responses_parameters_and_bodies() -> None:
    """GitHub's basic-error is used through shared responses by most operations."""
    doc = _doc(
        {
            "Error": {"type": "object", "properties": {"message": {"type": "string"}}},
            "Filter": {"type": "string", "enum": ["a", "b"]},
            "Thing": {"type": "object", "properties": {"name": {"type": "string"}}},
        }
    )
    doc["components"]["responses"] = {
        "NotFound": {
            "description": "missing",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    }
    doc["components"]["parameters"] = {
        "filter": {"name": "f", "in": "query", "schema": {"$ref": "#/components/schemas/Filter"}}
    }
    doc["components"]["requestBodies"] = {
        "ThingBody": {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}
        }
    }
    missing = {"404": {"$ref": "#/components/responses/NotFound"}}
    doc["paths"] = {
        "/a/": {
            "parameters": [{"$ref": "#/components/parameters/filter"}],
            "get": {"responses": missing},
        },
        "/b/": {
            "post": {
                "requestBody": {"$ref": "#/components/requestBodies/ThingBody"},
                "responses": missing,
            }
        },
    }
    api = process_schema(doc)
    assert api.components["Error"].used_by == ("GET /a/", "POST /b/")
    assert api.components["Filter"].used_by == ("GET /a/",)
    assert api.components["Thing"].used_by == ("POST /b/",)


def test_paths_outside_the_prefix_are_counted() -> None:
    op = {"get": {"responses": {"200": {"description": "ok"}}}}
    doc = _doc({}, {"/api/a/": op, "/v1/b": op, "/v1/c": op})
    assert process_schema(doc, path_prefix="/api/").paths_outside == 2
    assert process_schema(doc, path_prefix="").paths_outside == 0


def test_filters_by_prefix_and_excludes() -> None:
    op = {"get": {"responses": {"200": {"description": "ok"}}}}
    doc = _doc({}, {"/api/a/": op, "/api/internal/x/": op, "/other/": op})
    api = process_schema(doc, path_prefix="/api/", exclude_paths=["/api/internal/"])
    assert [e.path for e in api.endpoints] == ["/api/a/"]
    assert api.endpoints[0].operation_id == "get_api_a"


def test_rejects_non_openapi3() -> None:
    with pytest.raises(SchemaProcessingError, match=r"got Swagger 2\.0"):
        process_schema({"swagger": "2.0", "paths": {}})
    with pytest.raises(SchemaProcessingError, match="did not return an OpenAPI 3 document"):
        process_schema([])  # type: ignore[arg-type]


def test_resolve_path_variants(api: ApiSchema) -> None:
    assert api.resolve_path("/api/books/12/reviews/") == "/api/books/{id}/reviews/"
    assert api.resolve_path("api/books") == "/api/books/"
    assert api.resolve_path("/api/books/bestsellers/") == "/api/books/bestsellers/"
    assert api.resolve_path("/nope/") is None


def test_response_lookup_is_case_insensitive_and_knows_default() -> None:
    op = {"get": {"responses": {"200": {"description": "ok"}, "default": {"description": "err"}}}}
    endpoint = process_schema(_doc({}, {"/api/x/": op})).endpoints[0]
    assert endpoint.response("default").description == "err"
    assert endpoint.response("DEFAULT") is endpoint.response("default")
    assert endpoint.response("404") is None


def test_refs_to_parameters_bodies_and_responses_are_inlined() -> None:
    """Hand-written OpenAPI files (OpenAPIFileAdapter) reference more than schemas."""
    doc = _doc({"Thing": {"type": "object", "properties": {"name": {"type": "string"}}}})
    doc["components"].update(
        {
            "parameters": {"Page": {"name": "page", "in": "query", "schema": {"type": "integer"}}},
            "requestBodies": {
                "ThingBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                    },
                }
            },
            "responses": {"NotFound": {"description": "No such thing"}},
        }
    )
    doc["paths"] = {
        "/api/things/": {
            "post": {
                "parameters": [{"$ref": "#/components/parameters/Page"}],
                "requestBody": {"$ref": "#/components/requestBodies/ThingBody"},
                "responses": {"404": {"$ref": "#/components/responses/NotFound"}},
            }
        }
    }
    endpoint = process_schema(doc).endpoints[0]
    assert [(p.name, p.location) for p in endpoint.parameters] == [("page", "query")]
    assert endpoint.request_body.required
    assert endpoint.request_body.schema == {"$ref": "Thing"}
    assert endpoint.response("404").description == "No such thing"


def test_boolean_subschemas_become_objects() -> None:
    """OpenAPI 3.1 allows ``true``/``false`` wherever a schema goes; records hold dicts."""
    doc = _doc(
        {
            "Loose": {
                "type": "object",
                "properties": {"anything": True, "nothing": False},
                "additionalProperties": False,
                "items": True,
                "anyOf": [True, {"type": "string"}],
            }
        }
    )
    doc["openapi"] = "3.1.0"
    doc["paths"] = {
        "/x": {
            "post": {
                "parameters": [{"name": "q", "in": "query", "schema": True}],
                "requestBody": {"content": {"application/json": {"schema": False}}},
                "responses": {"200": {"description": "ok", "content": {"text/plain": {}}}},
            }
        }
    }
    api = process_schema(doc)
    loose = api.components["Loose"].schema
    assert loose["properties"] == {"anything": {}, "nothing": {"not": {}}}
    assert loose["additionalProperties"] is False and loose["items"] == {}
    assert loose["anyOf"] == [{}, {"type": "string"}]
    endpoint = api.endpoints[0]
    assert endpoint.parameters[0].schema == {} and endpoint.request_body.schema == {"not": {}}


def test_a_one_part_all_of_adds_its_siblings_fields_and_required_names() -> None:
    """The siblings of a one-part allOf win for keywords (readOnly, description) but add up
    for fields and required names: neither side's required field is lost."""
    part = {
        "type": "object",
        "properties": {"name": {"type": "string"}},
        "required": ["name"],
        "description": "part",
    }
    body = {
        "allOf": [part],
        "properties": {"signers": {"type": "array", "items": {"type": "string"}}},
        "required": ["signers"],
        "description": "sibling",
    }
    op = {
        "post": {
            "requestBody": {"content": {"application/json": {"schema": body}}},
            "responses": {"201": {"description": "ok"}},
        }
    }
    doc = {"openapi": "3.0.3", "info": {"title": "T"}, "paths": {"/a/": op}}
    schema = process_schema(doc, path_prefix="/").find("POST", "/a/").request_body.schema
    assert schema["required"] == ["name", "signers"]
    assert set(schema["properties"]) == {"name", "signers"}
    assert schema["description"] == "sibling"


def test_pointers_into_other_operations_are_followed() -> None:
    """A bundler's ``$ref`` into another operation (DigitalOcean's document, 2,798 times):
    a JSON pointer in a URI fragment, through a list index, its braces percent-encoded;
    and a pointer of two tokens into a custom top-level key, which is no component."""
    doc = _doc({})
    limit = {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 50}}
    doc["x-common"] = {"Since": {"name": "since", "in": "query", "schema": {"type": "string"}}}
    doc["paths"] = {
        "/v2/things/{thing_id}": {
            "get": {
                "parameters": [
                    {"name": "thing_id", "in": "path", "required": True, "schema": {}},
                    limit,
                ],
                "responses": {"200": {"description": "A thing"}},
            }
        },
        "/v2/things": {
            "get": {
                "parameters": [
                    {"$ref": "#/paths/~1v2~1things~1%7Bthing_id%7D/get/parameters/1"},
                    {"$ref": "#/x-common/Since"},
                ],
                "responses": {
                    "200": {"$ref": "#/paths/~1v2~1things~1%7Bthing_id%7D/get/responses/200"}
                },
            }
        },
    }
    endpoint = process_schema(doc).find("GET", "/v2/things")
    assert endpoint is not None
    assert [(p.name, p.schema) for p in endpoint.parameters] == [
        ("limit", {"type": "integer", "maximum": 50}),
        ("since", {"type": "string"}),
    ]
    assert endpoint.response("200").description == "A thing"


def test_a_pointer_to_nothing_is_left_out() -> None:
    """A pointer past a list's end, to a missing key or through a scalar names nothing: the
    parameter is left out, the document still processes."""
    doc = _doc({})
    doc["paths"] = {
        "/a": {
            "get": {
                "parameters": [
                    {"$ref": "#/paths/~1a/get/parameters/9"},
                    {"$ref": "#/paths/~1nowhere/get/parameters/0"},
                    {"$ref": "#/openapi/x"},
                ],
                "responses": {"200": {"description": "ok"}},
            }
        }
    }
    assert process_schema(doc).endpoints[0].parameters == ()


def test_a_parameter_given_by_content_has_its_schema() -> None:
    """A parameter may give its schema in ``content`` (one media type) instead of
    ``schema``: telnyx's and Stream's path ids, 199 parameters of 4 documents of the
    APIs.guru directory, were read as taking anything (``{}``)."""
    doc = _doc({})
    uuid = {"type": "string", "format": "uuid"}
    doc["paths"] = {
        "/reports/{id}": {
            "delete": {
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "content": {"*/*": {"schema": uuid}},
                    },
                    {"name": "q", "in": "query", "content": {"application/json": {}}},
                ],
                "responses": {"204": {"description": "gone"}},
            }
        }
    }
    endpoint = process_schema(doc).find("DELETE", "/reports/{id}")
    assert endpoint is not None
    assert [(p.name, p.schema) for p in endpoint.parameters] == [("id", uuid), ("q", {})]


def test_names_that_look_like_dropped_keywords_are_kept() -> None:
    """``title``, ``xml`` and ``externalDocs`` are dropped from schemas as noise, but a map
    of names holding one is no schema: VTEX's response ``content: {"xml": ...}`` (a media
    type) was read as no content at all, and a discriminator's value named ``title`` lost."""
    doc = _doc({})
    doc["components"]["schemas"] = {
        "Block": {
            "type": "object",
            "discriminator": {
                "propertyName": "kind",
                "mapping": {"title": "#/components/schemas/Title"},
            },
            "properties": {"kind": {"type": "string"}},
        },
        "Title": {"type": "object", "properties": {"text": {"type": "string"}}},
    }
    doc["paths"] = {
        "/a": {
            "get": {
                "responses": {
                    "200": {"description": "OK", "content": {"xml": {"schema": {"type": "string"}}}}
                }
            }
        }
    }
    api = process_schema(doc)
    ok = api.find("GET", "/a").response("200")
    assert ok is not None and ok.content_type == "xml" and ok.schema == {"type": "string"}
    mapping = api.components["Block"].schema["discriminator"]["mapping"]
    assert mapping == {"title": "#/components/schemas/Title"}


def test_a_path_item_given_by_reference_is_read() -> None:
    """OpenAPI 3.1's ``components/pathItems``: a path item that is a ``$ref`` (its own
    keys beside it win) was read as holding no operation, and every one was dropped."""
    doc = _doc({})
    doc["openapi"] = "3.1.0"
    doc["components"]["pathItems"] = {
        "Pet": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {}}],
            "get": {"responses": {"200": {"description": "a pet"}}},
            "delete": {"responses": {"204": {"description": "gone"}}},
        }
    }
    doc["paths"] = {
        "/pets/{id}": {"$ref": "#/components/pathItems/Pet", "summary": "One pet"},
        "/nowhere": {"$ref": "#/components/pathItems/Nope"},
    }
    api = process_schema(doc)
    assert sorted(e.key for e in api.endpoints) == ["DELETE /pets/{id}", "GET /pets/{id}"]
    assert [p.name for p in api.find("GET", "/pets/{id}").parameters] == ["id"]


def test_a_schema_beside_the_json_media_type_is_read() -> None:
    """A converted Swagger 2 document keeps a response's schema under ``*/*`` and its
    examples under ``application/json`` (Zuora's 615 responses, OSF's 100 in the APIs.guru
    directory): the JSON one was read, with no schema. Now the schema is borrowed (the
    examples kept); from a media type unlike JSON, that media type is the one read."""
    doc = _doc({"Addon": {"type": "object", "properties": {"id": {"type": "string"}}}})
    doc["components"]["examples"] = {"One": {"value": {"id": "a"}}}
    doc["paths"] = {
        "/addons/": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "*/*": {"schema": {"$ref": "#/components/schemas/Addon"}},
                            "application/json": {
                                "examples": {
                                    "one": {"$ref": "#/components/examples/One"},
                                    "two": {"$ref": "#/paths/~1addons~1/post/x-examples/two"},
                                }
                            },
                        },
                    }
                }
            },
            "post": {
                "x-examples": {"two": {"value": {"id": "b"}}},
                "requestBody": {
                    "content": {
                        "application/pdf": {"example": "%PDF"},
                        "application/xml": {"schema": {"type": "string"}},
                    }
                },
                "responses": {"204": {"description": "made"}},
            },
        }
    }
    api = process_schema(doc)
    ok = api.find("GET", "/addons/").response("200")
    assert ok is not None and ok.content_type == "application/json"
    assert ok.schema == {"$ref": "Addon"} and ok.examples == ({"id": "a"}, {"id": "b"})
    body = api.find("POST", "/addons/").request_body
    assert body is not None and body.content_type == "application/xml"
    assert body.schema == {"type": "string"}


@pytest.mark.realworld
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_parameter_a_real_document_declares_is_read(name: str) -> None:
    """Each operation's parameters (its path's too), however referenced: DigitalOcean's
    point into other operations (64 of its 290 operations had parameters, 244 do)."""
    if not available(name):
        pytest.skip(f"{name}: not cached and npm is not available")
    document = load(name)
    api = process_schema(document, path_prefix="/", exclude_paths=[])
    missing = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "put", "post", "delete", "patch", "head", "options"):
                continue
            endpoint = api.find(method.upper(), path)
            if endpoint is None:
                continue
            declared = {
                (raw.get("name"), raw.get("in"))
                for raw in map(
                    lambda p: _followed(document, p),
                    [*item.get("parameters", []), *operation.get("parameters", [])],
                )
            }
            read = {(p.name, p.location) for p in endpoint.parameters}
            missing += [f"{endpoint.key} {pair}" for pair in declared - read]
    assert SOURCES[name] and not missing, missing[:10]


def _followed(document: dict[str, object], raw: object) -> dict[str, object]:
    for _ in range(8):
        if not (isinstance(raw, dict) and isinstance(raw.get("$ref"), str)):
            break
        raw = pointed(document, raw["$ref"])
    return raw if isinstance(raw, dict) else {}


def test_pointers_that_lead_back_to_themselves_are_named() -> None:
    """Folder holds Files, a File its Folder, both behind deep pointers: inlined, each
    would unfold into the other without end, or be cut to nothing; they are components
    named by their last token, in whatever order the operations meet them."""
    folder = {"type": "object", "properties": {"files": {"type": "array", "items": {}}}}
    file = {"type": "object", "properties": {"name": {"type": "string"}, "folder": {}}}
    folder["properties"]["files"]["items"] = {"$ref": "#/x-lib/models/v1/File"}
    file["properties"]["folder"] = {"$ref": "#/x-lib/models/v1/Folder"}

    def body(name: str) -> dict[str, object]:
        content = {"application/json": {"schema": {"$ref": f"#/x-lib/models/v1/{name}"}}}
        return {"requestBody": {"content": content}, "responses": {"200": {"description": ""}}}

    for order in (["File", "Folder"], ["Folder", "File"]):
        doc = _doc({})
        doc["x-lib"] = {"models": {"v1": {"Folder": folder, "File": file}}}
        doc["paths"] = {f"/{n.lower()}s": {"post": body(n)} for n in order}
        api = process_schema(doc)
        found = api.find("POST", "/files")
        assert found is not None and found.request_body is not None
        assert found.request_body.schema == {"$ref": "File"}, order
        assert api.components["File"].schema["properties"]["folder"] == {"$ref": "Folder"}
        assert api.components["Folder"].schema["properties"]["files"]["items"] == {"$ref": "File"}


def test_references_are_decoded_as_json_pointers() -> None:
    """A component named with a space or a slash is referenced percent- or ~-encoded; an
    index with a leading zero or not in ASCII digits names nothing (and breaks nothing)."""
    doc = _doc({"Pet Owner": {"type": "object", "properties": {"n": {"type": "string"}}}})
    doc["components"]["parameters"] = {
        "page size": {"name": "page_size", "in": "query", "schema": {"type": "integer"}},
        "a/b": {"name": "ab", "in": "query", "schema": {"type": "string"}},
    }
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Pet%20Owner"}}}
    doc["paths"] = {
        "/owners": {
            "post": {
                "parameters": [
                    {"$ref": "#/components/parameters/page%20size"},
                    {"$ref": "#/components/parameters/a~1b"},
                    {"$ref": "#/paths/~1owners/post/parameters/01"},
                    {"$ref": "#/paths/~1owners/post/parameters/%C2%B2"},
                ],
                "requestBody": {"content": content},
                "responses": {"200": {"description": ""}},
            }
        }
    }
    endpoint = process_schema(doc).endpoints[0]
    assert [p.name for p in endpoint.parameters] == ["page_size", "ab"]
    assert endpoint.request_body is not None
    assert endpoint.request_body.schema == {"$ref": "Pet Owner"}
    assert pointed({"a": [1, 2]}, "#/a/1") == 2 and pointed({"a": [1, 2]}, "#/a/01") is None


def test_schemas_in_a_map_of_their_own_are_components() -> None:
    """``#/definitions/Name`` in an OpenAPI 3 file (as some converters leave it): each is a
    component schema named by its key, its uses ``{"$ref": "Name"}``; thirty models that
    each refer to all the others process at once (inlined, they would unfold without end).
    A key a component schema already has is named apart."""
    names = [f"M{i}" for i in range(30)]
    doc = _doc({"M0": {"type": "object", "properties": {"own": {"type": "string"}}}})
    doc["definitions"] = {
        name: {
            "type": "object",
            "properties": {other.lower(): {"$ref": f"#/definitions/{other}"} for other in names},
        }
        for name in names
    }
    content = {"application/json": {"schema": {"$ref": "#/definitions/M1"}}}
    doc["paths"] = {
        "/m": {
            "post": {"requestBody": {"content": content}, "responses": {"200": {"description": ""}}}
        }
    }
    api = process_schema(doc)
    assert api.endpoints[0].request_body is not None
    assert api.endpoints[0].request_body.schema == {"$ref": "M1"}
    assert api.components["M2"].schema["properties"]["m3"] == {"$ref": "M3"}
    assert api.components["M0"].schema["properties"] == {"own": {"type": "string"}}
    # M0's key is taken: in a cycle, it is named apart.
    assert api.components["M2"].schema["properties"]["m0"] == {"$ref": "M0_2"}
    assert api.components["M0_2"].schema["properties"]["m1"] == {"$ref": "M1"}


def test_a_web_of_pointers_into_each_other_stays_small() -> None:
    """Thirty schemas behind deep pointers, each referring to all the others, as Azure's
    application gateway document points into its components: inlined, they would unfold
    without end; in a cycle, each is a component named by its last token."""
    names = [f"S{i}" for i in range(30)]
    models = {
        name: {
            "type": "object",
            "properties": {
                o.lower(): {"$ref": f"#/x-lib/models/v1/{o}"} for o in names if o != name
            },
        }
        for name in names
    }
    doc = _doc({})
    doc["x-lib"] = {"models": {"v1": models}}
    content = {"application/json": {"schema": {"$ref": "#/x-lib/models/v1/S0"}}}
    doc["paths"] = {
        f"/s{i}": {
            "post": {"requestBody": {"content": content}, "responses": {"200": {"description": ""}}}
        }
        for i in range(3)
    }
    api = process_schema(doc)
    body = api.endpoints[0].request_body
    assert body is not None and body.schema == {"$ref": "S0"}
    assert api.components["S0"].schema["properties"]["s1"] == {"$ref": "S1"}
    assert api.schema_bytes(api.endpoints[0]) < 100_000
