"""Snippets survive real values, seen on the wire by the recording server of
``test_wire.py``, for all six clients (requests, httpx, curl, fetch, axios, ky):

- a path value holding ``/`` and a space (``area/ui polish``) arrives as ONE segment and
  decodes back to itself;
- a multi-segment parameter (``x-multi-segment: true``, or a pattern admitting ``/`` as
  drf-spectacular documents a DRF ``<path:...>`` converter once this package generates the
  schema) arrives with its slashes, each segment still encoded;
- a bodiless success (204) is not parsed as JSON: neither for an operation that documents
  only a 204, nor for one documenting a JSON 200 and a 204 when the server answers 204.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import pytest

import tests.codegen.test_wire as wire
from drf_mcp_docs.codegen import generate_snippet
from drf_mcp_docs.schema.records import ApiSchema, Parameter, Response
from tests.codegen.test_wire import CLIENTS, NO_CONTENT, _endpoint, run

# The recording server and its working folder, shared with test_wire.py.
recorder = wire.recorder
workdir = wire.workdir
LABEL = "area/ui polish"
FILE = "docs/guide/intro.md"
GONE = (Response("204", "Removed", None, None),)
JSON_OR_GONE = (
    Response("200", "Starred", "application/json", {"type": "object"}),
    Response("204", "Already starred", None, None),
)


def _path(name: str, example: str, **kwargs: Any) -> Parameter:
    return Parameter(name, "path", True, {"type": "string", "example": example}, **kwargs)


ENDPOINTS = {
    "label": _endpoint(
        "DELETE",
        NO_CONTENT + "labels/{name}",
        parameters=(_path("name", LABEL),),
        responses=GONE,
    ),
    "label-200": _endpoint("GET", "/labels/{name}", parameters=(_path("name", LABEL),)),
    "file": _endpoint(
        "GET", "/contents/{path}", parameters=(_path("path", FILE, multi_segment=True),)
    ),
    "file-pattern": _endpoint(
        "GET",
        "/raw/{file_path}",
        parameters=(
            Parameter(
                "file_path", "path", True, {"type": "string", "pattern": "^.+$", "example": FILE}
            ),
        ),
    ),
    "star": _endpoint(
        "PUT",
        NO_CONTENT + "stars/{id}",
        parameters=(Parameter("id", "path", True, {"type": "integer", "example": 7}),),
        responses=JSON_OR_GONE,
    ),
}


@pytest.mark.parametrize(("language", "client"), CLIENTS)
def test_a_path_value_with_a_slash_and_a_space_is_one_segment(
    recorder, workdir, language, client
) -> None:
    request = run(recorder, workdir, "label-200", language, client, endpoints=ENDPOINTS)
    raw = request["path"]
    assert raw.startswith("/labels/") and raw.count("/") == 2, (raw, request["code"])
    segment = raw.rsplit("/", 1)[1]
    assert " " not in segment and unquote(segment) == LABEL


@pytest.mark.parametrize("name", ["file", "file-pattern"])
@pytest.mark.parametrize(("language", "client"), CLIENTS)
def test_a_multi_segment_value_keeps_its_slashes(recorder, workdir, name, language, client) -> None:
    request = run(recorder, workdir, name, language, client, endpoints=ENDPOINTS)
    prefix = "/contents/" if name == "file" else "/raw/"
    assert request["path"] == prefix + FILE, request["code"]


@pytest.mark.parametrize(("language", "client"), CLIENTS)
def test_a_204_only_operation_is_not_parsed(recorder, workdir, language, client) -> None:
    request = run(recorder, workdir, "label", language, client, endpoints=ENDPOINTS)
    assert request["method"] == "DELETE"
    assert unquote(request["path"].rsplit("/", 1)[1]) == LABEL
    assert "json()" not in request["code"] and "JSON.parse" not in request["code"]


@pytest.mark.parametrize(("language", "client"), CLIENTS)
def test_a_json_success_answered_204_returns_nothing(recorder, workdir, language, client) -> None:
    request = run(recorder, workdir, "star", language, client, endpoints=ENDPOINTS)
    assert (request["method"], request["path"]) == ("PUT", NO_CONTENT + "stars/7")
    if language == "python":
        assert request["stdout"].strip() == "None"
    elif language == "javascript":
        assert request["stdout"].strip() == "undefined"


def test_numbers_are_not_quoted_and_plain_values_are() -> None:
    api = ApiSchema("Wire", "1", "", "http://x", tuple(ENDPOINTS.values()), {}, {})
    star = generate_snippet(api, ENDPOINTS["star"], "python", "requests")
    assert "/stars/{id}" in star and "quote" not in star
    label = generate_snippet(api, ENDPOINTS["label-200"], "python", "httpx")
    assert "{quote(name, safe='')}" in label and "from urllib.parse import quote" in label
    file = generate_snippet(api, ENDPOINTS["file"], "typescript", "ky")
    assert '${path.split("/").map(encodeURIComponent).join("/")}' in file
    curl = generate_snippet(api, ENDPOINTS["label-200"], "curl", "curl")
    assert "/labels/area%2Fui%20polish" in curl


def test_slash_admitting_patterns() -> None:
    def keeps(schema: dict[str, Any], **kwargs: Any) -> bool:
        return Parameter("p", "path", True, schema, **kwargs).keeps_slashes

    assert keeps({"type": "string", "pattern": "^.+$"})
    assert keeps({"type": "string", "pattern": ".*"})
    assert keeps({"type": "string"}, multi_segment=True)
    assert not keeps({"type": "string"})
    assert not keeps({"type": "string", "pattern": "^[^/]+$"})
    assert not keeps({"type": "string", "pattern": "[a-z]+"})  # whole values only
    assert not keeps({"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"})
    assert not keeps({"type": "string", "pattern": "(unclosed"})
    query = Parameter("p", "query", True, {"type": "string", "pattern": ".*"})
    assert not query.keeps_slashes


@pytest.mark.realworld
def test_github_multi_segment_and_plain_path_parameters() -> None:
    """On GitHub's document: a file path (``x-multi-segment``) keeps its slashes, a label
    name is one encoded segment, in every language."""
    from drf_mcp_docs.schema.processor import process_schema
    from tests.support.realworld import available, load

    if not available("github"):
        pytest.skip("github document not available (no cache, no npm)")
    api = process_schema(load("github"), path_prefix="/", exclude_paths=[])
    contents = api.find("PUT", "/repos/{owner}/{repo}/contents/{path}")
    label = api.find("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}")
    assert contents is not None and label is not None
    by_name = {p.name: p for p in contents.parameters}
    assert by_name["path"].keeps_slashes and not by_name["owner"].keeps_slashes
    python = generate_snippet(api, contents, "python", "requests")
    assert "{quote(path, safe='/')}" in python and "{quote(owner, safe='')}" in python
    js = generate_snippet(api, contents, "javascript", "fetch")
    assert '${path.split("/").map(encodeURIComponent).join("/")}' in js
    assert "${encodeURIComponent(owner)}" in js
    python = generate_snippet(api, label, "python", "httpx")
    assert "{quote(name, safe='')}" in python and "{issue_number}" in python
    js = generate_snippet(api, label, "typescript", "axios")
    assert "${encodeURIComponent(name)}" in js
