"""Snippets run against fake HTTP clients: the calls they make, the pages they follow."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

BOOK_FIELDS = {"title", "status", "author", "subtitle", "published_on", "genre", "tags"}
BOOK_FIELDS |= {"metadata", "password"}
ORIGIN = "http://localhost:8000"


def fake_response(method: str, url: str) -> tuple[int, Any]:
    """What the fake server answers: two pages for list URLs, 204 for DELETE, else an object."""
    parts = urlsplit(url)
    if method == "DELETE":
        return 204, None
    if method == "GET" and parts.path.endswith("s/"):
        query = dict(parse_qsl(parts.query))
        second = query.get("page") == "2"
        following = f"{ORIGIN}{parts.path}?{urlencode({**query, 'page': '2'})}"
        page = {"count": 2, "next": None if second else following, "previous": None}
        return 200, {**page, "results": [{"id": 2 if second else 1}]}
    return 200, {"id": 1}


# -- Python ---------------------------------------------------------------------------------


class _Response:
    def __init__(self, status: int, payload: Any) -> None:
        self.status_code, self.payload = status, payload
        self.text = json.dumps(payload)
        self.content = self.text.encode()

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise RuntimeError(self.status_code)

    def json(self) -> Any:
        return self.payload


def _fake_clients(calls: list[dict[str, Any]]) -> tuple[types.ModuleType, types.ModuleType]:
    def send(method: str, url: str, *, params: Any = None, headers: Any = None, **kw: Any) -> Any:
        full = url + ("?" + urlencode(params) if params else "")
        body = {k: v for k, v in kw.items() if k in ("json", "data", "files", "content") and v}
        calls.append({"method": method, "url": full, "headers": dict(headers or {}), **body})
        return _Response(*fake_response(method, full))

    requests = types.ModuleType("requests")
    httpx = types.ModuleType("httpx")

    class Client:
        def __init__(self, headers: Any = None) -> None:
            self.headers = headers

        def __enter__(self):
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def request(self, method: str, url: str, **kw: Any) -> Any:
            return send(method, url, headers=self.headers, **kw)

    for name in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        setattr(requests, name.lower(), lambda url, _m=name, **kw: send(_m, url, **kw))
        setattr(
            Client,
            name.lower(),
            lambda self, url, _m=name, **kw: send(_m, url, headers=self.headers, **kw),
        )
    httpx.Client = Client  # type: ignore[attr-defined]
    return requests, httpx


@pytest.fixture
def run_python(snippet, monkeypatch, tmp_path: Path, capsys):
    def run(name: str, client: str) -> tuple[list[dict[str, Any]], str]:
        calls: list[dict[str, Any]] = []
        requests, httpx = _fake_clients(calls)
        monkeypatch.setitem(sys.modules, "requests", requests)
        monkeypatch.setitem(sys.modules, "httpx", httpx)
        monkeypatch.setenv("API_TOKEN", "secret")
        monkeypatch.chdir(tmp_path)
        (tmp_path / "cover.bin").write_bytes(b"png")
        exec(compile(snippet(name, "python", client), "snippet.py", "exec"), {"__name__": "s"})
        return calls, capsys.readouterr().out

    return run


@pytest.mark.parametrize("client", ("requests", "httpx"))
def test_python_snippets_run(run_python, client: str) -> None:
    calls, out = run_python("list", client)
    assert [c["url"] for c in calls] == [
        f"{ORIGIN}/api/books/?author=1",
        f"{ORIGIN}/api/books/?author=1&page=2",
    ]
    assert calls[0]["headers"] == {"Authorization": "Token secret"}
    assert out.strip() == "[{'id': 1}, {'id': 2}]"

    (call,), _ = run_python("create", client)
    assert call["method"] == "POST" and set(call["json"]) == BOOK_FIELDS

    (call,), out = run_python("delete", client)
    assert (call["method"], call["url"], out) == ("DELETE", f"{ORIGIN}/api/books/1/", "")
    assert set(call["json"]) == BOOK_FIELDS  # the documented DELETE body is sent

    (call,), _ = run_python("upload", client)
    assert call["data"] == {"caption": "@front; it's"} and set(call["files"]) == {"cover"}

    (call,), _ = run_python("form", client)
    assert call["data"] == {"username": "jane"}
    assert call["headers"] == {"Authorization": "Bearer secret"}

    calls, _ = run_python("cursor", client)
    assert len(calls) == 2 and calls[0]["headers"] == {"X-API-Key": "secret"}


# -- JavaScript -----------------------------------------------------------------------------

FAKE_SERVER = """
export const calls = [];
process.on("exit", () => console.log("CALLS " + JSON.stringify(calls)));
function plain(body) {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return JSON.parse(body);
  if (body instanceof URLSearchParams) return { urlencoded: Object.fromEntries(body) };
  if (body instanceof FormData) {
    const parts = [...body].map(([k, v]) => [k, typeof v === "string" ? v : "<file>"]);
    return { multipart: Object.fromEntries(parts) };
  }
  return body;
}
export function handle(method, url, headers, body) {
  calls.push({ method, url, headers: Object.fromEntries(new Headers(headers)), body: plain(body) });
  const u = new URL(url);
  if (method === "DELETE") return { status: 204, body: null };
  if (method === "GET" && u.pathname.endsWith("s/")) {
    const second = u.searchParams.get("page") === "2";
    u.searchParams.set("page", "2");
    const results = [{ id: second ? 2 : 1 }];
    return { status: 200, body: { count: 2, next: second ? null : u.href, previous: null, results } };
  }
  return { status: 200, body: { id: 1 } };
}
"""
FAKE_FETCH = """import { handle } from "./fake.mjs";
globalThis.fetch = async (url, init = {}) => {
  const r = handle(init.method ?? "GET", String(url), init.headers, init.body);
  return new Response(r.body === null ? null : JSON.stringify(r.body), { status: r.status });
};
"""
FAKE_AXIOS = """import { handle } from "../../fake.mjs";
const send = async (method, url, data, config = {}) => {
  const r = handle(method, url, config.headers, data);
  if (r.status >= 400) throw new Error(`HTTP ${r.status}`);
  return { status: r.status, data: r.body };
};
const axios = { request: (c) => send(c.method, c.url, c.data, c) };
for (const m of ["get", "delete", "head", "options"]) axios[m] = (u, c) => send(m.toUpperCase(), u, c?.data, c);
for (const m of ["post", "put", "patch"]) axios[m] = (u, d, c) => send(m.toUpperCase(), u, d, c);
export default axios;
"""
FAKE_KY = """import { handle } from "../../fake.mjs";
const call = (method, url, options = {}) => {
  const promise = (async () => {
    const r = handle(method.toUpperCase(), url, options.headers, options.json ?? options.body);
    if (r.status >= 400) throw new Error(`HTTP ${r.status}`);
    return r;
  })();
  promise.json = async () => (await promise).body;
  return promise;
};
const ky = (url, options = {}) => call(options.method ?? "get", url, options);
for (const m of ["get", "post", "put", "patch", "delete", "head"]) ky[m] = (u, o) => call(m, u, o);
export default ky;
"""


@pytest.fixture
def run_node(snippet, tmp_path: Path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    (tmp_path / "fake.mjs").write_text(FAKE_SERVER)
    for name, source in (("axios", FAKE_AXIOS), ("ky", FAKE_KY)):
        package = tmp_path / "node_modules" / name
        package.mkdir(parents=True)
        (package / "package.json").write_text(json.dumps({"name": name, "main": "index.mjs"}))
        (package / "index.mjs").write_text(source)

    def run(name: str, client: str) -> tuple[list[dict[str, Any]], str]:
        code = snippet(name, "javascript", client)
        path = tmp_path / f"{name}-{client}.mjs"
        path.write_text((FAKE_FETCH if client == "fetch" else "") + code)
        env = {"PATH": "/usr/bin:/bin", "API_TOKEN": "secret"}
        result = subprocess.run(
            [node, str(path)], capture_output=True, text=True, cwd=tmp_path, env=env
        )
        assert result.returncode == 0, result.stderr
        out, _, calls = result.stdout.rpartition("CALLS ")
        return json.loads(calls), out

    return run


@pytest.mark.parametrize("client", ("fetch", "axios", "ky"))
def test_javascript_snippets_run(run_node, client: str) -> None:
    calls, out = run_node("list", client)
    assert [c["url"] for c in calls] == [
        f"{ORIGIN}/api/books/?author=1",
        f"{ORIGIN}/api/books/?author=1&page=2",
    ]
    assert calls[0]["headers"] == {"authorization": "Token secret"}
    assert out.strip() == "[ { id: 1 }, { id: 2 } ]"

    (call,), _ = run_node("create", client)
    assert call["method"] == "POST" and set(call["body"]) == BOOK_FIELDS
    if client == "fetch":
        assert call["headers"]["content-type"] == "application/json"

    (call,), out = run_node("delete", client)
    assert (call["method"], call["url"]) == ("DELETE", f"{ORIGIN}/api/books/1/")
    assert set(call["body"]) == BOOK_FIELDS  # the documented DELETE body is sent

    (call,), _ = run_node("upload", client)
    assert call["body"] == {"multipart": {"cover": "<file>", "caption": "@front; it's"}}

    (call,), _ = run_node("form", client)
    assert call["body"] == {"urlencoded": {"username": "jane"}}
    assert call["headers"] == {"authorization": "Bearer secret"}

    (call,), _ = run_node("public", client)
    assert call["url"] == f"{ORIGIN}/status/example-slug" and call["headers"] == {}


# -- curl -----------------------------------------------------------------------------------


def _curl_args(code: str, tmp_path: Path) -> list[str]:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = tmp_path / "snippet.sh"
    script.write_text('curl() { printf "%s\\0" "$@"; }\n' + code)
    env = {"PATH": "/usr/bin:/bin", "API_TOKEN": "secret"}
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\0")[:-1]


def test_curl_arguments_survive_the_shell(snippet, tmp_path: Path) -> None:
    args = _curl_args(snippet("create", "curl", "curl"), tmp_path)
    assert args[:3] == ["-X", "POST", f"{ORIGIN}/api/books/"]
    assert args[3:7] == [
        "-H",
        "Authorization: Token secret",
        "-H",
        "Content-Type: application/json",
    ]
    assert args[7] == "--data" and set(json.loads(args[8])) == BOOK_FIELDS
    assert json.loads(args[8])["title"] == "It's a book"

    args = _curl_args(snippet("upload", "curl", "curl"), tmp_path)
    assert args[-4:] == ["-F", "cover=@cover.bin", "--form-string", "caption=@front; it's"]

    args = _curl_args(snippet("form", "curl", "curl"), tmp_path)
    assert args[-2:] == ["--data-urlencode", "username=jane"]

    args = _curl_args(snippet("list", "curl", "curl"), tmp_path)
    assert args == [
        "-X",
        "GET",
        f"{ORIGIN}/api/books/?author=1",
        "-H",
        "Authorization: Token secret",
    ]
