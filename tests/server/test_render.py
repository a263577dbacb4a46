"""Rendering: facts that say nothing are left out; those that do are kept."""

from __future__ import annotations

import json
from typing import Any

from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.server import contract, fold, render, success
from drf_mcp_docs.server.examples import request_example
from tests.support.grouped import ungrouped


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


def _wide_document(fields: int) -> dict[str, Any]:
    """A model of ``fields`` fields: brief links to a small named schema, an inline choice
    object with enums (DRF's ``{label, value}``), and plain strings."""
    brief = {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
        "required": ["name"],
    }
    choice = {
        "type": "object",
        "properties": {
            "value": {"type": "string", "enum": ["active", "offline"]},
            "label": {"type": "string", "enum": ["Active", "Offline"]},
        },
    }
    props: dict[str, Any] = {
        "farm": {"$ref": "#/components/schemas/NestedFarm"},
        "plot": {"$ref": "#/components/schemas/NestedFarm"},
        "status": choice,
        "kind": {"$ref": "#/components/schemas/KindEnum"},
    }
    props.update({f"note{i}": {"type": "string"} for i in range(fields - len(props))})

    def body(name: str) -> dict[str, Any]:
        return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}

    op = {
        "get": {
            "responses": {
                "200": {"description": "ok", "content": body("Planter")},
                "409": {"description": "the farm it is on", "content": body("NestedFarm")},
            }
        }
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Wide"},
        "paths": {"/planters/{id}/": op},
        "components": {
            "schemas": {
                "Planter": {"type": "object", "properties": props},
                "NestedFarm": brief,
                "KindEnum": {"type": "string", "enum": ["bush", "vine"]},
            }
        },
    }


def test_a_wide_schema_names_its_schemas_and_says_its_inline_enums() -> None:
    """Past WIDE_SCHEMA fields, named schemas stay {"$ref": "Name"} (listed in more.schemas),
    however small, while inline objects show their fields, enums included."""
    api = process_schema(_wide_document(fold.WIDE_SCHEMA + 1), path_prefix="/")
    detail = render.schema_detail(api.components["Planter"], api)
    schema = detail["schema"]
    assert schema["farm, plot"] == {"$ref": "NestedFarm"}  # two fields said alike: said once
    assert schema["kind"] == "enum: bush|vine"  # a small leaf (an enum, a date) is a type
    assert schema["status"] == {"value": "enum: active|offline", "label": "enum: Active|Offline"}
    # Its fields listed by type lose nothing (no descriptions): not named as cut.
    assert detail["more"] == {"schemas": "get_schema_detail(name) for NestedFarm"}
    narrow = process_schema(_wide_document(fold.WIDE_SCHEMA), path_prefix="/")
    shown = ungrouped(render.schema_detail(narrow.components["Planter"], narrow)["schema"])
    assert shown["farm"] == {"id": "integer", "name": "string, required"}  # small: said here


def test_a_write_names_a_larger_success_shape_than_a_read() -> None:
    """A read's shape is said up to success.SHAPE_BUDGET bytes; a write's, most often the
    object just written, up to WRITE_SHAPE_BUDGET, then named: {"$ref": "Note"}."""

    fields = {f"field_{i:02}": {"type": "string"} for i in range(18)}  # ~400 bytes said
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}}
    answer = {"description": "ok", **body}
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "Notes"},
        "paths": {
            "/notes/": {
                "get": {"responses": {"200": answer}},
                "post": {"requestBody": body, "responses": {"201": answer}},
            }
        },
        "components": {"schemas": {"Note": {"type": "object", "properties": fields}}},
    }
    api = process_schema(doc, path_prefix="/")
    read = render.endpoint_detail(api.find("GET", "/notes/"), api)["success"]
    written = render.endpoint_detail(api.find("POST", "/notes/"), api)["success"]
    size = len(render.compact_json(read["shape"]))
    assert success.WRITE_SHAPE_BUDGET < size <= success.SHAPE_BUDGET
    assert set(read["shape"]) == set(fields) and read["schemaName"] == "Note"
    assert written == {"status": "201", "shape": {"$ref": "Note"}}


def test_a_wide_response_names_its_schemas_where_a_body_shows_them() -> None:
    """field="responses.200" of a wide model names its nested schemas (a read), while a
    narrow one still shows its small ones where they stand."""
    api = process_schema(_wide_document(fold.WIDE_SCHEMA + 1), path_prefix="/")
    endpoint = api.find("GET", "/planters/{id}/")
    part = render.endpoint_field(endpoint, api, "responses.200")
    assert ungrouped(part["schema"])["farm"] == {"$ref": "NestedFarm"}
    assert part["more"]["schemas"] == "get_schema_detail(name) for NestedFarm"
    # All the responses at once name each model (its own part expands it): agents read a
    # merge's every response, 7.4 KB of its 200's model, to learn what the 202 meant.
    every = render.endpoint_field(endpoint, api, "responses")
    assert every["responses"]["200"] == {"description": "ok", "schema": {"$ref": "Planter"}}
    # A small one is still shown where it stands.
    assert every["responses"]["409"]["schema"] == {"id": "integer", "name": "string, required"}
    assert every["more"]["schemas"] == "get_schema_detail(name) for Planter"
    narrow = process_schema(_wide_document(fold.WIDE_SCHEMA), path_prefix="/")
    shown = render.endpoint_field(narrow.find("GET", "/planters/{id}/"), narrow, "responses.200")
    assert ungrouped(shown["schema"])["farm"] == {"id": "integer", "name": "string, required"}


def test_an_api_key_in_authorization_says_whether_it_has_a_prefix() -> None:
    schemes = {
        # drf-yasg's common setting: an API key in Authorization, named "Bearer", no prefix.
        "Bearer": {"type": "apiKey", "in": "header", "name": "Authorization"},
        "tokenAuth": {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Token-based authentication with required prefix "Token"',
        },
        "keyAuth": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
    }
    api = process_schema(
        {"openapi": "3.0.3", "info": {}, "paths": {}, "components": {"securitySchemes": schemes}}
    )
    said = {s.name: render.auth_scheme(s) for s in api.auth_schemes.values()}
    assert said["Bearer"]["value"] == "<api key>"
    assert said["Bearer"]["note"] == render.NO_PREFIX
    assert said["tokenAuth"]["value"] == "Token <token>" and "note" not in said["tokenAuth"]
    # Any other header holds just the key: nothing to say.
    assert said["keyAuth"]["value"] == "<api key>" and "note" not in said["keyAuth"]


def test_more_names_a_few_responses_each_and_many_by_status() -> None:
    def document(statuses: list[str]) -> dict[str, Any]:
        body = {"application/json": {"schema": {"type": "object"}}}
        responses = {s: {"description": f"status {s}", "content": body} for s in statuses}
        operation = {"operationId": "merge", "responses": responses}
        return {"openapi": "3.0.3", "info": {}, "paths": {"/merge": {"put": operation}}}

    def note(statuses: list[str]) -> str:
        api = process_schema(document(statuses))
        return str(render.endpoint_detail(api.endpoints[0], api)["more"]["responses"])

    assert note(["200"]) == 'field="responses.200" (success)'
    assert note(["200", "404", "422"]) == (
        'field="responses.200" (success), field="responses.404", field="responses.422", '
        'all: field="responses"'
    )
    # GitHub's merge: five others, said by status; field="responses" gives them all.
    assert note(["200", "403", "404", "405", "409", "422"]) == (
        'field="responses.200" (success); 403 404 405 409 422: field="responses" (all)'
    )
    api = process_schema(document(["200", "403", "404", "405", "409", "422"]))
    every = render.endpoint_field(api.endpoints[0], api, "responses")["responses"]
    assert every["409"]["description"] == "status 409"


def _answered(responses: dict[str, Any], method: str = "delete") -> dict[str, Any]:
    """The default answer of a ``method`` documenting ``responses``."""
    operation = {"operationId": "op", "responses": responses}
    document = {"openapi": "3.0.3", "info": {}, "paths": {"/a/{id}/": {method: operation}}}
    api = process_schema(document)
    return render.endpoint_detail(api.endpoints[0], api)


def test_a_bodiless_success_with_nothing_more_to_read_is_not_named() -> None:
    detail = _answered

    # NetBox's DELETE: 204, no body, no description. Its part would answer only its status,
    # which the answer gives: nothing is named, no "more".
    bare = detail({"204": {"description": ""}})
    assert bare["success"] == {"status": "204", "body": "none"} and "more" not in bare
    # drf-spectacular's: a short description is given whole, so nothing is left to name.
    spectacular = detail({"204": {"description": "No response body"}})
    assert spectacular["success"] == {
        "status": "204",
        "body": "none",
        "description": "No response body",
    }
    assert "more" not in spectacular
    # A long description, or one with a link, is left to its part, named as before.
    long = "Deleted. " + "The id is free for reuse after a day, and its history stays. " * 3
    said = detail({"204": {"description": long}})
    assert "description" not in said["success"]
    assert said["more"]["responses"] == 'field="responses.204" (success)'
    linked = detail({"204": {"description": "Deleted; see [purge](https://x.test/p)."}})
    assert linked["more"]["responses"] == 'field="responses.204" (success)'
    # Any other response is named: it is not in the answer.
    other = detail({"204": {"description": ""}, "404": {"description": "No such item"}})
    assert other["more"]["responses"] == 'field="responses.404"'


def test_the_other_successes_are_said_in_a_line_each() -> None:
    def detail(responses: dict[str, Any]) -> dict[str, Any]:
        return _answered(responses, "post")

    body = {"application/json": {"schema": {"type": "object", "properties": {"id": {}}}}}
    # Bitbucket's merge: agents read every response (7.4 KB) to learn what its 202 meant.
    merge = detail(
        {
            "200": {"description": "The merged pull request.", "content": body},
            "202": {"description": "In the Location header,\n the URL to poll"},
            "555": {"description": "The merge timed out."},
        }
    )
    assert merge["success"]["status"] == "200"
    assert merge["success"]["also"] == {"202": "In the Location header,\n the URL to poll"}
    # Said whole, its part is not named again; an error response still is.
    assert merge["more"]["responses"] == (
        'field="responses.200" (success), field="responses.555", all: field="responses"'
    )
    # Another success with a body says where it is read; a long text is cut, and named.
    long = "Accepted. " + "The job runs in the background and may take hours. " * 6
    other = detail(
        {
            "201": {"description": "Created", "content": body},
            "200": {"description": "Already there", "content": body},
            "202": {"description": long},
            "304": {"description": "Not [modified](https://x.test/304)"},
        }
    )
    also = other["success"]["also"]
    assert also["200"] == 'Already there (body: field="responses.200")'
    assert also["202"].endswith("…") and len(also["202"]) <= 200
    assert "304" not in also  # a redirect or "not modified" is the client library's
    # None of them said whole: all named (three, by status).
    assert other["more"]["responses"] == (
        'field="responses.201" (success); 200 202 304: field="responses" (all)'
    )
    # A lone success, or errors only besides it: nothing more is said.
    assert "also" not in detail({"200": {"description": "OK", "content": body}})["success"]


def test_a_word_search_gives_summaries_to_its_first_hits_and_a_listing_to_all() -> None:
    from drf_mcp_docs.server import versioned

    paths = {
        f"/shelves/{i}/books/": {"get": {"summary": f"List the books of shelf number {i}"}}
        for i in range(12)
    }
    api = process_schema({"openapi": "3.0.3", "info": {}, "paths": paths})
    found = versioned.search_page([api], "books shelf", None, None, 0, 10)["results"]
    shown = versioned.SUMMARIZED_HITS
    assert len(found) == 10 and all(
        hit.endswith(" of shelf number " + hit.split("/")[2]) for hit in found[:shown]
    )
    assert all(hit.count(" ") == 1 for hit in found[shown:])  # "GET /shelves/7/books/"
    # The next page's first hits carry theirs.
    after = versioned.search_page([api], "books shelf", None, None, 10, 10)["results"]
    assert after[0].startswith("GET /shelves/") and "List the books" in after[0]
    # A listing (no words) is for browsing: every line keeps its summary.
    listed = versioned.search_page([api], "", "GET", None, 0, 12)["results"]
    assert all("List the books" in hit for hit in listed)


def test_a_patch_documented_with_the_put_body_says_it_is_partial() -> None:
    """drf-yasg and DRF's own generator give a PATCH its PUT's body, required fields and
    all; DRF's partial_update enforces none of them (drf-yasg #70, DRF #8103)."""
    book = {
        "type": "object",
        "required": ["title"],
        "properties": {"title": {"type": "string"}, "pages": {"type": "integer"}},
    }
    patched = {"type": "object", "properties": book["properties"]}

    def body(ref: str) -> dict[str, Any]:
        content = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}
        return {"requestBody": {"content": content}, "responses": {}}

    paths = {
        "/books/{id}/": {"put": body("Book"), "patch": body("Book")},
        "/shelves/{id}/": {"put": body("Book"), "patch": body("PatchedBook")},
        "/notes/{id}/": {"patch": body("Book")},
    }
    schemas = {"Book": book, "PatchedBook": patched}
    document = {"openapi": "3.0.3", "info": {}, "paths": paths}
    api = process_schema({**document, "components": {"schemas": schemas}})
    said = {e.key: render.endpoint_detail(e, api)["requestBody"] for e in api.endpoints}
    patch = said["PATCH /books/{id}/"]
    assert patch["partial"] == contract.PARTIAL_NOTE
    assert list(patch).index("partial") < list(patch).index("schema")
    assert patch["schema"]["title"].startswith("string, required")  # the document's flags
    assert "partial" not in said["PUT /books/{id}/"]
    assert "partial" not in said["PATCH /shelves/{id}/"]  # its own body (drf-spectacular's)
    assert "partial" not in said["PATCH /notes/{id}/"]  # no PUT to compare with
    # The request example of such a PATCH says it too.
    from drf_mcp_docs.server.examples import request_example

    patch_books = next(e for e in api.endpoints if e.key == "PATCH /books/{id}/")
    assert request_example(api, patch_books)["partial"] == contract.PARTIAL_NOTE
    shelves = next(e for e in api.endpoints if e.key == "PATCH /shelves/{id}/")
    assert "partial" not in request_example(api, shelves)


def _posted(body: dict[str, Any], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    """The default answer of ``POST /things/`` sending ``body`` (JSON, required)."""
    api = _posting(body, schemas)
    return render.endpoint_detail(api.find("POST", "/things/"), api)


def _posting(body: dict[str, Any], schemas: dict[str, Any] | None = None) -> ApiSchema:
    """An API of one operation, ``POST /things/`` sending ``body`` (JSON, required)."""
    doc: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things/": {
                "post": {
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": body}},
                    },
                    "responses": {"201": {"description": "Created"}},
                }
            }
        },
        "components": {"schemas": schemas or {}},
    }
    return process_schema(doc, path_prefix="/")


def test_a_read_only_field_left_out_is_not_named_as_shortened_or_as_a_schema() -> None:
    """Jira's comment body: read-only fields with long descriptions and a user schema used
    only by them. They are left out (counted in readOnly); naming their texts or schema
    would send an agent after parts the answer no longer shows."""
    long = "Whether the comment was added by someone outside the team, " * 20
    user = {"type": "object", "properties": {"accountId": {"type": "string"}}}
    place = {"type": "object", "properties": {"type": {"type": "string"}}}
    comment = {
        "type": "object",
        "properties": {
            "body": {"type": "string", "description": long},
            "author": {"allOf": [{"$ref": "#/components/schemas/User"}], "readOnly": True},
            "jsdPublic": {"type": "boolean", "readOnly": True, "description": long},
            "visibility": {"allOf": [{"$ref": "#/components/schemas/Visibility"}]},
        },
    }
    more = _posted(comment, {"User": user, "Visibility": place})["more"]
    assert more["shortened"] == ['field="requestBody.body"']
    assert more["readOnly"] == "2 read-only fields left out: the server sets them"
    assert more.get("schemas") in (None, "get_schema_detail(name) for Visibility")
    assert "User" not in str(more)


def test_a_field_named_like_a_read_only_one_is_still_named_when_cut() -> None:
    """Only the read-only field and what lies under it are forgotten: not "id_card" for
    a read-only "id"."""
    long = "The card's identifier, as printed on its back, in groups of four. " * 15
    body = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "readOnly": True, "description": long},
            "id_card": {"type": "string", "description": long},
        },
    }
    more = _posted(body)["more"]
    assert more["shortened"] == ['field="requestBody.id_card"']


def test_a_component_mostly_read_only_is_shown_by_what_a_request_sends() -> None:
    """Jira's progression: two fields to send among many read-only ones. In a request body
    it is small by what is sent (shown, its read-only fields counted), not named for
    get_schema_detail, whose 3.7 KB agents read to find the two."""
    long = "Details of the pipeline step the docket moves to, with its category. " * 8
    many = {f"r{i}": {"type": "string", "description": long} for i in range(6)}
    read_only = {name: {**field, "readOnly": True} for name, field in many.items()}
    own_id = {"id": {"type": "string", "description": "The step's ID."}}
    step = {"type": "object", "properties": {**own_id, **read_only}}
    move = {  # the body is itself a component: the answer's one level of $ref goes to it
        "type": "object",
        "properties": {
            "step": {"$ref": "#/components/schemas/Step"},
            "note": {"type": "string", "description": long},  # not small itself
        },
    }
    body = {"$ref": "#/components/schemas/Move"}
    answer = _posted(body, {"Move": move, "Step": step})
    assert answer["requestBody"]["schema"]["step"] == {"id": "string // The step's ID."}
    assert answer["more"]["readOnly"] == "6 read-only fields left out: the server sets them"
    assert "schemas" not in answer["more"]
    assert len(json.dumps(step)) > fold.SMALL_COMPONENT  # whole, it is not small
    # As many fields to send: named, as before.
    heavy = {"type": "object", "properties": {**own_id, **many}}
    answer = _posted(body, {"Move": move, "Step": heavy})
    assert answer["requestBody"]["schema"]["step"] == {"$ref": "Step"}
    assert answer["more"]["schemas"] == "get_schema_detail(name) for Step"


def test_fields_listed_by_type_are_named_only_when_something_was_left_out() -> None:
    """Past the answer's nesting, fields are listed by type only; `more.nestedByType` names
    such a part only if that lost something (a description), not for Bitbucket's links
    ({"href": uri, "name": string}: ten names for nothing in every model)."""

    def deep(leaf: dict[str, Any]) -> dict[str, Any]:
        inner = {"type": "object", "properties": {"href": leaf}}
        middle = {"type": "object", "properties": {"self": inner}}
        return {"type": "object", "properties": {"links": middle}}

    plain = _posted(deep({"type": "string", "format": "uri"}))
    assert plain["requestBody"]["schema"]["links"]["self"] == {"href": "string(uri)"}
    assert "nestedByType" not in plain.get("more", {})
    described = _posted(deep({"type": "string", "description": "Where it lives."}))
    assert described["requestBody"]["schema"]["links"]["self"] == {"href": "string"}
    assert described["more"]["nestedByType"] == ['field="requestBody.links.self"']


def test_a_schema_expands_what_it_holds_one_level_deep() -> None:
    """get_schema_detail shows the fields of the schemas it holds, and names what those
    hold in turn (Bitbucket's pull request endpoint: its branch, not the branch's
    repository's owner)."""
    text = "Words about this field, long enough to make the schema more than small. " * 8

    def model(name: str, holds: str | None) -> dict[str, Any]:
        props: dict[str, Any] = {"name": {"type": "string", "description": text}}
        if holds:
            props["inner"] = {"$ref": f"#/components/schemas/{holds}"}
        return {"type": "object", "description": name, "properties": props}

    doc = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {"A": model("A", "B"), "B": model("B", "C"), "C": model("C", None)}
        },
    }
    api = process_schema(doc, path_prefix="/")
    assert api.component_size("B") > fold.SMALL_COMPONENT
    detail = render.schema_detail(api.components["A"], api)
    assert detail["schema"]["inner"]["inner"] == {"$ref": "C"}  # B shown, C named
    assert detail["more"]["schemas"] == "get_schema_detail(name) for C"


#: Bitbucket's base of every model: a ``type`` it discriminates by, with no mapping.
BASE_OBJECT = {
    "type": "object",
    "discriminator": {"propertyName": "type"},
    "properties": {"type": {"type": "string"}},
    "required": ["type"],
}


def test_a_discriminator_value_is_said_and_sent_in_the_example() -> None:
    """Bitbucket's models require a ``type`` their examples leave out; its value is the
    schema's name (OpenAPI's implicit mapping): said in the answer, sent in the example."""
    base = BASE_OBJECT
    issue = {
        "allOf": [
            {"$ref": "#/components/schemas/object"},
            {"type": "object", "properties": {"title": {"type": "string"}}},
        ]
    }
    answer = _posted({"$ref": "#/components/schemas/issue"}, {"object": base, "issue": issue})
    assert answer["requestBody"]["schema"]["type"] == 'string, required, discriminator "issue"'
    api = _posting({"$ref": "#/components/schemas/issue"}, {"object": base, "issue": issue})
    assert request_example(api, api.find("POST", "/things/"))["body"]["type"] == "issue"
    detail = render.schema_detail(api.components["issue"], api)
    assert detail["schema"]["type"] == 'string, required, discriminator "issue"'


def test_read_only_fields_listed_by_type_are_still_left_out() -> None:
    """Past the nesting limit fields are listed by type; their read-only flag stays, so a
    request body still leaves them out (Jira's bulk create: a transition's 9 read-only
    fields were listed as if sendable)."""
    step = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string", "readOnly": True},
            "to": {"type": "object", "readOnly": True, "properties": {"id": {"type": "string"}}},
        },
    }
    item = {"type": "object", "properties": {"transition": step}}
    body = {"type": "object", "properties": {"updates": {"type": "array", "items": item}}}
    answer = _posted(body)
    shown = json.dumps(answer["requestBody"]["schema"])
    assert '"id"' in shown and '"name"' not in shown and '"to"' not in shown
    assert answer["more"]["readOnly"] == "2 read-only fields left out: the server sets them"


def test_an_example_keeps_a_discriminator_value_its_schema_fixes() -> None:
    """A model that fixes its ``type`` beside the base's discriminator (the processor
    keeps it as the base's reference with siblings): the example sends the fixed value,
    not the base's name."""
    base = BASE_OBJECT
    snag = {
        "allOf": [{"$ref": "#/components/schemas/object"}],
        "properties": {"type": {"type": "string", "enum": ["snag"]}, "title": {"type": "string"}},
    }
    api = _posting({"$ref": "#/components/schemas/snag"}, {"object": base, "snag": snag})
    assert request_example(api, api.find("POST", "/things/"))["body"]["type"] == "snag"


def test_a_discriminator_said_alike_with_other_fields_is_said_apart() -> None:
    """``type`` and ``kind`` both "string, required" share a key; tagging ``type`` takes it
    out of the group, and ``kind`` keeps its own."""
    issue = {
        "allOf": [
            {"$ref": "#/components/schemas/object"},
            {"type": "object", "properties": {"kind": {"type": "string"}}, "required": ["kind"]},
        ]
    }
    answer = _posted(
        {"$ref": "#/components/schemas/issue"}, {"object": BASE_OBJECT, "issue": issue}
    )
    schema = answer["requestBody"]["schema"]
    assert schema["type"] == 'string, required, discriminator "issue"'
    assert schema["kind"] == "string, required"


def test_a_subtype_reads_as_one_object_and_is_as_large_as_its_bases() -> None:
    """Bitbucket's models extend bases by ``allOf: [{"$ref": base}, {...}]``. The base is
    shown inside the subtype at its depth (else the parts could not merge), and a subtype
    is as large as its bases: a pipeline target's commit, 235 bytes of its own, took in a
    whole repository (4.9 KB) as a "small" component expanded everywhere."""
    ref = "#/components/schemas/"
    big = {f"field_{n}": {"type": "string", "description": "x" * 100} for n in range(5)}
    schemas = {
        "object": {
            "type": "object",
            "discriminator": {"propertyName": "type"},
            "properties": {"type": {"type": "string"}},
            "required": ["type"],
        },
        "base_commit": {
            "allOf": [
                {"$ref": ref + "object"},
                {"type": "object", "properties": {"hash": {"type": "string"}, **big}},
            ]
        },
        "commit": {
            "allOf": [
                {"$ref": ref + "base_commit"},
                {"type": "object", "properties": {"repository": {"$ref": ref + "repository"}}},
            ]
        },
        "repository": {"allOf": [{"$ref": ref + "object"}, {"type": "object", "properties": big}]},
        "target": {
            "allOf": [
                {"$ref": ref + "object"},
                {"type": "object", "properties": {"commit": {"$ref": ref + "commit"}}},
            ]
        },
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    api = process_schema(document)
    detail = render.schema_detail(api.components["target"], api)
    shown = ungrouped(detail["schema"])
    assert shown["type"] == 'string, required, discriminator "target"'
    commit = ungrouped(shown["commit"])
    # The commit's bases are read as its own fields, at its depth...
    assert commit["type"] == "string, required" and commit["hash"] == "string"
    assert "allOf" not in commit
    # ...and it counts as large as they are: what it holds is named, not expanded.
    assert commit["repository"] == {"$ref": "repository"}
    assert "repository" in detail["more"]["schemas"]


def _inheriting(subtypes: int, mapping: bool = False) -> ApiSchema:
    """A document whose ``Target`` base (discriminated by ``type`` through its own base)
    is extended by ``subtypes`` components, and a ``Run`` whose body holds a target."""
    ref = "#/components/schemas/"
    root: dict[str, Any] = {
        "type": "object",
        "discriminator": {"propertyName": "type"},
        "properties": {"type": {"type": "string"}},
        "required": ["type"],
    }
    if mapping:
        root["discriminator"]["mapping"] = {"k0": ref + "Kind0"}
    schemas: dict[str, Any] = {
        "Object": root,
        "Target": {"allOf": [{"$ref": ref + "Object"}, {"type": "object", "properties": {}}]},
        "Run": {"type": "object", "properties": {"target": {"$ref": ref + "Target"}}},
    }
    for n in range(subtypes):
        own = {"type": "object", "properties": {f"field{n}": {"type": "string"}}}
        schemas[f"Kind{n}"] = {"allOf": [{"$ref": ref + "Target"}, own]}
    body = {"content": {"application/json": {"schema": {"$ref": ref + "Run"}}}}
    operation = {"operationId": "run", "requestBody": body, "responses": {"201": {}}}
    return process_schema(
        {
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/runs/": {"post": operation}},
            "components": {"schemas": schemas},
        }
    )


def test_a_base_type_names_its_subtypes_where_it_is_used() -> None:
    """Bitbucket's pipeline run: its ``target`` is a base of one field; what to send is one
    of the two targets extending it, which agents found only by listing schemas."""
    api = _inheriting(2)
    body = render.endpoint_detail(api.endpoints[0], api)["requestBody"]["schema"]
    assert body["target"]["//"] == "subtypes: Kind0|Kind1"
    detail = render.schema_detail(api.components["Target"], api)
    # The base names them, and sends no discriminator value of its own: a subtype's is.
    assert detail["schema"] == {"//": "subtypes: Kind0|Kind1", "type": "string, required"}
    kind = render.schema_detail(api.components["Kind1"], api)["schema"]
    assert kind["type"] == 'string, required, discriminator "Kind1"'
    assert "subtypes" not in json.dumps(kind)
    # A root extended by every model is no choice; a mapping names the subtypes itself.
    many = _inheriting(9)
    assert "subtypes" not in json.dumps(render.schema_detail(many.components["Target"], many))
    mapped = _inheriting(2, mapping=True)
    said = render.schema_detail(mapped.components["Target"], mapped)
    assert "subtypes" not in json.dumps(said)


def test_a_schema_detail_names_a_model_it_holds() -> None:
    """A component of more than ``fold.WIDE_SCHEMA`` fields inside the schema asked for is
    a resource of its own, named: Bitbucket's pull request endpoint held a whole repository
    (2.9 KB, read by every agent for a branch name), GitHub's webhook payloads 20 KB."""
    ref = "#/components/schemas/"
    wide = {f"f{n}": {"type": "string"} for n in range(13)}
    schemas = {
        "Repo": {"type": "object", "properties": wide},
        "Branch": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Endpoint": {
            "type": "object",
            "properties": {"repo": {"$ref": ref + "Repo"}, "branch": {"$ref": ref + "Branch"}},
        },
    }
    api = process_schema(
        {
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": schemas},
        }
    )
    detail = render.schema_detail(api.components["Endpoint"], api)
    assert detail["schema"] == {"repo": {"$ref": "Repo"}, "branch": {"name": "string"}}
    assert detail["more"]["schemas"] == "get_schema_detail(name) for Repo"
    # The model itself, asked for, is shown whole.
    assert ungrouped(render.schema_detail(api.components["Repo"], api)["schema"])["f12"] == "string"
