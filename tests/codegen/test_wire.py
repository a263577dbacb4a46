"""What snippets put on the wire, seen by a local HTTP server that records every request.

Form and multipart bodies with lists, objects and booleans; deepObject, exploded and
delimited query parameters; DELETE bodies; every auth scheme in its real form, and
optional auth sent only when its variable is set. Each client runs as written: requests,
httpx, node (fetch, axios, ky: real packages when npm can fetch them) and curl.
"""

from __future__ import annotations

import base64
import email
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from drf_mcp_docs.codegen import generate_snippet
from drf_mcp_docs.schema.records import (
    ApiSchema,
    AuthScheme,
    Endpoint,
    Parameter,
    RequestBody,
    Response,
)
from tests.codegen.test_live import node_modules

CLIENTS = [("python", "requests"), ("python", "httpx"), ("curl", "curl")]
CLIENTS += [("javascript", c) for c in ("fetch", "axios", "ky")]
FORM = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "example": "Ann & Bo"},
        "tags": {"type": "array", "items": {"type": "string"}, "example": ["a", "b"]},
        "active": {"type": "boolean", "example": False},
        "meta": {"type": "object", "example": {"k": "v", "n": 2}},
    },
    "required": ["name", "tags", "active", "meta"],
}
UPLOAD = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "tags": {"type": "array", "items": {"type": "string"}, "example": ["x", "y"]},
        "public": {"type": "boolean", "example": True},
        "meta": {"type": "object", "example": {"k": 1}},
    },
    "required": ["file", "tags", "public", "meta"],
}
OK = (Response("200", "OK", "application/json", {"type": "object"}),)
SCHEMES = {
    "token": AuthScheme("token", "apiKey", "", "header", "Authorization", "Token <token>"),
    "basic": AuthScheme("basic", "http", "", "header", "Authorization", "Basic <base64>"),
    "bearer": AuthScheme("bearer", "http", "", "header", "Authorization", "Bearer <token>"),
    "query": AuthScheme("query", "apiKey", "", "query", "api_key", "<api key>"),
    "cookie": AuthScheme("cookie", "apiKey", "", "cookie", "sid", "<session cookie>"),
    "header": AuthScheme("header", "apiKey", "", "header", "X-Key", "<api key>"),
}


def _endpoint(method: str, path: str, **kwargs: Any) -> Endpoint:
    base: dict[str, Any] = dict(
        operation_id=path.strip("/").replace("/", "_"),
        summary="",
        description="",
        tags=(),
        parameters=(),
        request_body=None,
        responses=OK,
        security=(),
        auth_optional=False,
        deprecated=False,
        pagination=None,
    )
    return Endpoint(method=method, path=path, **{**base, **kwargs})


def _param(name: str, schema: dict[str, Any], **kwargs: Any) -> Parameter:
    return Parameter(name, "query", True, schema, **kwargs)


ENDPOINTS = {
    "form": _endpoint(
        "POST",
        "/form",
        request_body=RequestBody(
            "application/x-www-form-urlencoded", FORM, True, encoding=(("meta", "deepObject"),)
        ),
    ),
    "upload": _endpoint(
        "PUT", "/upload", request_body=RequestBody("multipart/form-data", UPLOAD, True)
    ),
    "query": _endpoint(
        "GET",
        "/search",
        parameters=(
            _param(
                "filter",
                {"type": "object", "example": {"status": "open", "n": 3}},
                style="deepObject",
            ),
            _param("ids", {"type": "array", "items": {"type": "integer"}, "example": [1, 2]}),
            _param(
                "fields",
                {"type": "array", "items": {"type": "string"}, "example": ["a", "b"]},
                explode=False,
            ),
            _param(
                "pipes",
                {"type": "array", "items": {"type": "string"}, "example": ["c", "d"]},
                style="pipeDelimited",
                explode=False,
            ),
            _param("flag", {"type": "boolean", "example": True}),
        ),
    ),
    "delete": _endpoint(
        "DELETE",
        "/files/{id}",
        parameters=(Parameter("id", "path", True, {"type": "integer", "example": 7}),),
        request_body=RequestBody(
            "application/json",
            {
                "type": "object",
                "properties": {"sha": {"type": "string", "example": "abc"}},
                "required": ["sha"],
            },
            True,
        ),
    ),
    **{f"auth-{name}": _endpoint("GET", f"/auth/{name}", security=(name,)) for name in SCHEMES},
    **{
        f"optional-{name}": _endpoint(
            "GET", f"/optional/{name}", security=(name,), auth_optional=True
        )
        for name in ("token", "basic", "query", "cookie")
    },
}


#: Requests under this path prefix are answered 204 No Content.
NO_CONTENT = "/no-content/"


class _Recorder(BaseHTTPRequestHandler):
    seen: list[dict[str, Any]] = []

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        self.seen.append(
            {
                "method": self.command,
                "path": url.path,
                "query": parse_qsl(url.query, keep_blank_values=True),
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body,
            }
        )
        if url.path.startswith(NO_CONTENT):
            self.send_response(204)  # a bodiless success: no Content-Type, no body
            self.end_headers()
            return
        payload = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    def log_message(self, *args: Any) -> None:
        return None


@pytest.fixture(scope="module")
def recorder() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.seen
    server.shutdown()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wire")
    (folder / "node_modules").symlink_to(node_modules(folder / "fallback"))
    (folder / "file.bin").write_bytes(b"PNGDATA")
    return folder


def run(
    recorder: Any,
    workdir: Path,
    name: str,
    language: str,
    client: str,
    endpoints: dict[str, Endpoint] | None = None,
    **env: str,
) -> dict[str, Any]:
    """Run the snippet of ``endpoints[name]`` (default: ``ENDPOINTS``) as written; the one
    request it sent, with the snippet's ``code`` and its ``stdout``."""
    url, seen = recorder
    endpoints = ENDPOINTS if endpoints is None else endpoints
    api = ApiSchema("Wire", "1", "", url, tuple(endpoints.values()), {}, SCHEMES)
    code = generate_snippet(api, endpoints[name], language, client)
    if language == "python":
        command = [sys.executable, "-c", code]
    elif language == "curl":
        command = ["bash", "-c", code]
    else:
        if shutil.which("node") is None:
            pytest.skip("node is not installed")
        (workdir / "snippet.mjs").write_text(code)
        command = ["node", "snippet.mjs"]
    before = len(seen)
    full_env = {"PATH": os.environ["PATH"], "HOME": str(workdir), **env}
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=workdir, env=full_env, timeout=60
    )
    assert result.returncode == 0, result.stderr + "\n" + code
    assert len(seen) == before + 1, code
    return {**seen[-1], "code": code, "stdout": result.stdout}


def form_fields(request: dict[str, Any]) -> list[tuple[str, str]]:
    kind = request["headers"].get("content-type", "")
    if kind.startswith("application/x-www-form-urlencoded"):
        return parse_qsl(request["body"].decode(), keep_blank_values=True)
    message = email.message_from_bytes(
        b"Content-Type: " + kind.encode() + b"\r\n\r\n" + request["body"]
    )
    fields = []
    for part in message.get_payload():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        value = part.get_payload(decode=True).decode()
        fields.append((name, f"<file {value}>" if filename else value))
    return fields


@pytest.mark.parametrize(("language", "client"), CLIENTS)
def test_form_body_encodes_lists_objects_and_booleans(recorder, workdir, language, client) -> None:
    request = run(recorder, workdir, "form", language, client)
    assert request["headers"]["content-type"].startswith("application/x-www-form-urlencoded")
    assert sorted(form_fields(request)) == sorted(
        [
            ("name", "Ann & Bo"),
            ("tags", "a"),
            ("tags", "b"),
            ("active", "false"),
            ("meta[k]", "v"),
            ("meta[n]", "2"),
        ]
    )


@pytest.mark.parametrize(("language", "client"), CLIENTS)
def test_multipart_body_sends_file_lists_json_objects(recorder, workdir, language, client) -> None:
    request = run(recorder, workdir, "upload", language, client)
    assert request["headers"]["content-type"].startswith("multipart/form-data")
    fields = form_fields(request)
    assert [v for k, v in fields if k == "tags"] == ["x", "y"]
    assert ("public", "true") in fields and ("meta", '{"k": 1}') in [
        (k, v.replace('":1', '": 1')) for k, v in fields
    ]
    (file,) = [v for k, v in fields if k == "file"]
    assert file.startswith("<file")


@pytest.mark.parametrize(("language", "client"), CLIENTS)
def test_query_styles(recorder, workdir, language, client) -> None:
    request = run(recorder, workdir, "query", language, client)
    assert sorted(request["query"]) == sorted(
        [
            ("filter[status]", "open"),
            ("filter[n]", "3"),
            ("ids", "1"),
            ("ids", "2"),
            ("fields", "a,b"),
            ("pipes", "c|d"),
            ("flag", "true"),
        ]
    )


@pytest.mark.parametrize(("language", "client"), CLIENTS)
def test_delete_sends_its_body(recorder, workdir, language, client) -> None:
    request = run(recorder, workdir, "delete", language, client, API_TOKEN="t")
    assert (request["method"], request["path"]) == ("DELETE", "/files/7")
    assert json.loads(request["body"]) == {"sha": "abc"}


EXPECTED_AUTH = {
    "token": ("authorization", "Token s3cret"),
    "basic": ("authorization", "Basic " + base64.b64encode(b"ann:pw:x").decode()),
    "bearer": ("authorization", "Bearer s3cret"),
    "cookie": ("cookie", "sid=s3cret"),
    "header": ("x-key", "s3cret"),
}
CREDENTIALS = {"API_TOKEN": "s3cret", "API_USERNAME": "ann", "API_PASSWORD": "pw:x"}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize(("language", "client"), CLIENTS)
def test_each_scheme_in_its_real_form(recorder, workdir, scheme, language, client) -> None:
    request = run(recorder, workdir, f"auth-{scheme}", language, client, **CREDENTIALS)
    if scheme == "query":
        assert ("api_key", "s3cret") in request["query"]
    else:
        header, value = EXPECTED_AUTH[scheme]
        assert request["headers"][header] == value


@pytest.mark.parametrize("scheme", ["token", "basic", "query", "cookie"])
@pytest.mark.parametrize(("language", "client"), CLIENTS)
def test_optional_auth_is_sent_only_when_set(recorder, workdir, scheme, language, client) -> None:
    bare = run(recorder, workdir, f"optional-{scheme}", language, client)
    assert "authorization" not in bare["headers"] and "cookie" not in bare["headers"]
    assert not bare["query"]
    sent = run(recorder, workdir, f"optional-{scheme}", language, client, **CREDENTIALS)
    if scheme == "query":
        assert sent["query"] == [("api_key", "s3cret")]
    else:
        header, value = EXPECTED_AUTH[scheme]
        assert sent["headers"][header] == value
