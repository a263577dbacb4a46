"""Snippet content for every language and client: URLs, auth, bodies, pagination, types."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from drf_mcp_docs.codegen import LANGUAGES, SnippetError, generate_snippet

NAMES = ("list", "create", "delete", "upload", "form", "public", "cursor", "cookie")
COMBOS = [(lang, client) for lang, clients in LANGUAGES.items() for client in clients]
JS = [c for c in COMBOS if c[0] in ("javascript", "typescript")]
PY = [c for c in COMBOS if c[0] == "python"]


def block(code: str, start: str) -> str:
    """The text of a top-level TypeScript declaration starting with ``start``."""
    return code[code.index(start) :].split("\n}\n", 1)[0]


# -- syntax ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("client", LANGUAGES["python"])
def test_python_snippets_compile(snippet, name: str, client: str) -> None:
    code = snippet(name, "python", client)
    compile(code, "snippet.py", "exec")
    assert max(len(line) for line in code.splitlines()) <= 100


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("client", LANGUAGES["javascript"])
def test_javascript_snippets_parse(snippet, name: str, client: str, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    source = tmp_path / "snippet.mjs"
    source.write_text(snippet(name, "javascript", client))
    result = subprocess.run([node, "--check", str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", NAMES)
def test_curl_snippets_parse(snippet, name: str, tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    source = tmp_path / "snippet.sh"
    source.write_text(snippet(name, "curl", "curl"))
    result = subprocess.run(["bash", "-n", str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("client", LANGUAGES["typescript"])
def test_typescript_snippets_are_javascript_plus_types(snippet, name: str, client: str) -> None:
    ts, js = snippet(name, "typescript", client), snippet(name, "javascript", client)
    assert "interface" not in js and ": Promise<" not in js
    assert ": Promise<" in ts
    assert ts.count("{") == ts.count("}") and ts.count("(") == ts.count(")")
    for line in js.splitlines():
        if line.startswith(("export async function", "console.log", "await ")):
            assert line.split("(")[0] in ts


# -- URL, path and query parameters ---------------------------------------------------------


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_path_parameter_is_substituted(snippet, language: str, client: str) -> None:
    code = snippet("delete", language, client)
    expected = {
        "python": 'f"{BASE_URL}/api/books/{id}/"',
        "curl": '"$BASE_URL/api/books/1/"',
    }.get(language, "`${BASE_URL}/api/books/${id}/`")
    assert expected in code
    if language == "curl":
        assert "{id}" not in code
    else:
        assert re.search(r"books_?[dD]estroy\(1[,)]", code)


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_string_path_parameter_and_base_url(snippet, language: str, client: str) -> None:
    code = snippet("public", language, client)
    assert "http://localhost:8000" in code
    if language in ("javascript", "typescript"):
        assert "${encodeURIComponent(slug)}" in code
    elif language == "python":
        assert "f\"{BASE_URL}/status/{quote(slug, safe='')}\"" in code
        assert "from urllib.parse import quote" in code and 'status_check("example-slug")' in code
    else:
        assert '"$BASE_URL/status/example-slug"' in code


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_absolute_base_url_is_kept(endpoints, remote_api, language: str, client: str) -> None:
    # A fixture, not ``from conftest import``: that bare name is whichever conftest
    # module pytest imported last (tests/asgi's, when both folders are collected).
    code = generate_snippet(remote_api, endpoints["public"], language, client)
    assert "https://api.example.com/v1" in code and "localhost" not in code
    assert 'v1/"' not in code


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_query_parameters(snippet, language: str, client: str) -> None:
    code = snippet("list", language, client)
    assert "search" in code  # the optional one is named, in a comment
    if language == "curl":
        assert '"$BASE_URL/api/books/?author=1"' in code
    elif language == "python":
        assert 'query: dict[str, Any] | None = {"author": author, **params}' in code
        assert "def books_list(author: int, **params: Any)" in code
    else:
        assert "new URLSearchParams({ author: String(author), ...query })" in code
        assert "?${params}`" in code and "booksList(1)" in code


# -- auth -----------------------------------------------------------------------------------


AUTH = {
    "list": ("Authorization", "Token "),
    "form": ("Authorization", "Bearer "),
    "cursor": ("X-API-Key", ""),
}


@pytest.mark.parametrize("name", AUTH)
@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_auth_header_reads_api_token(snippet, name: str, language: str, client: str) -> None:
    code = snippet(name, language, client)
    header, prefix = AUTH[name]
    key = json.dumps(header) if "-" in header else header
    expected = {
        "python": f'"{header}": f"{prefix}{{API_TOKEN}}"',
        "curl": f'-H "{header}: {prefix}$API_TOKEN"',
    }.get(language, f"{key}: `{prefix}${{API_TOKEN}}`")
    if not prefix:  # a bare key is the variable itself, not a template that looks cut short
        expected = {"python": f'"{header}": API_TOKEN', "curl": expected}.get(
            language, f"{key}: API_TOKEN"
        )
    assert expected in code
    source = {"python": 'API_TOKEN = os.environ["API_TOKEN"]', "curl": "$API_TOKEN"}
    assert source.get(language, 'const API_TOKEN = process.env.API_TOKEN ?? "";') in code
    assert "sessionid" not in code  # a header token is preferred over the session cookie


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_no_auth_and_cookie_auth(snippet, language: str, client: str) -> None:
    public, cookie = snippet("public", language, client), snippet("cookie", language, client)
    assert "API_TOKEN" not in public and "Authorization" not in public
    assert "cookieAuth" not in public
    expected = {
        "python": '"Cookie": f"sessionid={API_TOKEN}"',
        "curl": '-b "sessionid=$API_TOKEN"',
    }.get(language, "Cookie: `sessionid=${API_TOKEN}`")
    assert expected in cookie and "Authorization" not in cookie


# -- request bodies -------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_json_body_leaves_out_read_only_fields(snippet, language: str, client: str) -> None:
    code = snippet("create", language, client)
    if language == "typescript":
        request = block(code, "export interface BookRequest {")
        assert "created_at" not in request and " id" not in request
        assert "password?: string;" in request
        code = code.split("export async function", 1)[1]
    assert "created_at" not in code and "2024-01-15T09:30:00Z" not in code
    assert "related" not in code  # an optional field cut at a $ref has no useful example
    if language == "curl":
        assert '--data \'{"title":"It\'\\\'\'s a book","status":"draft",' in code
        assert '-H "Content-Type: application/json"' in code
    elif language == "python":
        assert "json=body" in code and '"title": "It\'s a book"' in code
    else:
        assert 'title: "It\'s a book"' in code and "author: { name: " in code
        body = {"fetch": "body: JSON.stringify(body)", "axios": "`, body, {", "ky": "json: body"}
        assert body[client] in code


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_delete_sends_its_documented_body(snippet, language: str, client: str) -> None:
    code = snippet("delete", language, client)  # the record documents a body: it is sent
    assert "It's a book" in code or "It'\\''s a book" in code
    expected = {
        "python": "json=body",
        "curl": "--data '",
        "javascript": {"fetch": "body: JSON.stringify(body)", "axios": "data: body"}.get(
            client, "json: body"
        ),
    }
    assert expected.get(language, expected["javascript"]) in code


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_get_body_is_noted_not_sent(snippet, endpoints, api, language: str, client: str) -> None:
    from dataclasses import replace

    from drf_mcp_docs.codegen import generate_snippet

    get = replace(endpoints["create"], method="GET")
    code = generate_snippet(api, get, language, client)
    assert "documents a GET body, which fetch cannot send" in code
    assert "It's a book" not in code and "It'\\''s a book" not in code


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_multipart_upload(snippet, language: str, client: str) -> None:
    code = snippet("upload", language, client)
    assert "Content-Type" not in code  # the client sets the multipart boundary
    if language == "curl":
        assert "-F 'cover=@cover.bin'" in code
        assert "--form-string 'caption=@front; it'\\''s'" in code
    elif language == "python":
        assert "data=body" in code and "files=files" in code
        assert 'with open("cover.bin", "rb") as cover:' in code
        assert "files: dict[str, BinaryIO]" in code
    else:
        assert "const form = new FormData();" in code and 'new Blob(["file contents"])' in code
        if language == "typescript":
            assert "cover: Blob;" in block(code, "export interface BooksCoverUpdateRequest")


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_form_urlencoded_body(snippet, language: str, client: str) -> None:
    code = snippet("form", language, client)
    expected = {"curl": "--data-urlencode 'username=jane'", "python": "data=body"}
    assert expected.get(language, "addParam(form, key, value)") in code
    assert "application/json" not in code


# -- pagination -----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_pagination_follows_next(snippet, language: str, client: str) -> None:
    code = snippet("list", language, client)
    if language == "curl":
        assert '"next" URL' in code
    elif language == "python":
        assert "while url:" in code and 'results.extend(page["results"])' in code
        assert 'url, query = page["next"], None' in code
        assert "-> list[dict[str, Any]]:" in code
    else:
        assert "while (url) {" in code and "results.push(...page.results);" in code
        assert "url = page.next;" in code and "return results;" in code


@pytest.mark.parametrize(("language", "client"), JS)
def test_paginated_typescript_shapes(snippet, language: str, client: str) -> None:
    page, cursor = snippet("list", language, client), snippet("cursor", language, client)
    if language == "javascript":
        assert "Paginated" not in page
        return
    assert "export interface Paginated<T> {\n  count: number;\n  next: string | null;" in page
    assert "results: T[];" in page and "count" not in block(cursor, "export interface Paginated")
    assert "Promise<Book[]>" in page and "const results: Book[] = [];" in page
    assert "let url: string | null = " in page
    assert {"fetch": ": Paginated<Book> =", "axios": "axios.get<Paginated<Book>>(url"}.get(
        client, ".json<Paginated<Book>>()"
    ) in page


# -- TypeScript types -----------------------------------------------------------------------


def test_typescript_response_interface(snippet) -> None:
    book = block(snippet("create", "typescript", "fetch"), "export interface Book {")
    for line in (
        "readonly id: number;",
        "title: string;",
        'status?: "draft" | "published";',
        "author: {\n    name: string;\n    email?: string;\n  };",
        "subtitle?: string | null;",
        "published_on?: string | null;",
        'genre?: "fiction" | "poetry" | "" | null;',
        "tags?: string[];",
        "metadata?: Record<string, number>;",
        "readonly created_at: string;",
        "related?: Book;",
    ):
        assert f"\n  {line}" in book
    assert "password" not in book  # write-only


def test_typescript_types_name_anonymous_shapes_after_the_operation(snippet) -> None:
    code = snippet("upload", "typescript", "axios")
    assert (
        "export interface BooksCoverUpdateRequest {\n  cover: Blob;\n  caption?: string;\n}" in code
    )
    assert "export type BooksCoverUpdateResponse = Record<string, unknown>;" in code
    assert "axios.put<BooksCoverUpdateResponse>(url, form, {" in code
    assert "export type StatusCheckResponse = Book[];" in snippet("public", "typescript", "ky")


def test_typescript_renderer_edge_cases(api) -> None:
    from drf_mcp_docs.codegen.typescript import TsTypes

    types = TsTypes(api)
    cases = {
        "string": ({"type": "string", "format": "uuid"}, "request"),
        "number | null": ({"type": ["integer", "null"]}, "request"),
        "(string | number)[]": ({"type": "array", "items": {"type": ["string", "number"]}}, "r"),
        "Missing": ({"$ref": "Missing"}, "response"),
        "1 | 2 | null": ({"enum": [1, 2], "nullable": True}, "response"),
        "Record<string, unknown>": ({"type": "object"}, "response"),
        "Record<string, never>": (
            {"type": "object", "properties": {"id": {"readOnly": True}}},
            "request",
        ),
        '{\n  "x-y"?: boolean;\n}': ({"properties": {"x-y": {"type": "boolean"}}}, "request"),
        "unknown": ({}, "response"),
    }
    for expected, (schema, mode) in cases.items():
        assert types.expr(schema, mode) == expected
    assert "export type Missing = unknown;" in types.render()
    merged = {"allOf": [{"properties": {"a": {"type": "string"}}, "required": ["a"]}]}
    assert types.expr(merged, "request") == "{\n  a: string;\n}"


# -- errors ---------------------------------------------------------------------------------


def test_unknown_language(api, endpoints) -> None:
    with pytest.raises(SnippetError) as error:
        generate_snippet(api, endpoints["list"], "pyhton", "requests")
    message = str(error.value)
    assert message == (
        "unknown language 'pyhton'; did you mean python? "
        "(supported: javascript, typescript, python, curl)"
    )
    assert isinstance(error.value, ValueError)


def test_unknown_client(api, endpoints) -> None:
    with pytest.raises(SnippetError, match=r"^unknown client 'axois' for typescript; did you"):
        generate_snippet(api, endpoints["list"], "typescript", "axois")
    with pytest.raises(SnippetError) as error:
        generate_snippet(api, endpoints["list"], "typescript", "axois")
    assert str(error.value).endswith("did you mean axios? (supported: fetch, axios, ky)")
    with pytest.raises(SnippetError) as error:
        generate_snippet(api, endpoints["list"], "curl", "requests")
    assert str(error.value) == (
        "unknown client 'requests' for curl ('requests' is a python client) (supported: curl)"
    )


@pytest.mark.parametrize(("language", "client"), COMBOS)
def test_an_optional_bare_key_is_sent_only_when_set(language: str, client: str) -> None:
    from dataclasses import replace

    from tests.codegen.conftest import API, ENDPOINTS

    optional = replace(ENDPOINTS["cursor"], auth_optional=True)
    code = generate_snippet(API, optional, language, client)
    expected = {
        "python": '**({"X-API-Key": API_TOKEN} if API_TOKEN else {})',
        "curl": "$API_TOKEN",
    }.get(language, '...(API_TOKEN ? { "X-API-Key": API_TOKEN } : {})')
    assert expected in code
    if language in ("javascript", "typescript"):
        assert "const API_TOKEN = process.env.API_TOKEN;" in code
