"""JavaScript and TypeScript snippets for fetch, axios and ky (TypeScript adds the types)."""

from __future__ import annotations

import json

from drf_mcp_docs.codegen.auth import PASSWORD_VAR, TOKEN_VAR, USER_VAR
from drf_mcp_docs.codegen.common import Plan, Query, keeps_slashes, make_plan, split_path
from drf_mcp_docs.codegen.jshelpers import ADD_PARAM, ADD_PART, helper
from drf_mcp_docs.codegen.syntax import FileValue, allocate, literal
from drf_mcp_docs.codegen.typescript import TsTypes, ts_key
from drf_mcp_docs.codegen.values import example_value
from drf_mcp_docs.schema.records import ApiSchema, Endpoint

WIDTH = 100
_LOCALS: tuple[str, ...] = (
    "url",
    "res",
    "page",
    "results",
    "form",
    "data",
    "query",
    "params",
    "body",
    "key",
)
_LOCALS += ("value", "k", "v", "axios", "ky", "fetch", "console", "process", "BASE_URL", TOKEN_VAR)
_LOCALS += (USER_VAR, PASSWORD_VAR, "addParam", "addPart", "btoa", "String", "Object", "JSON")
_LOCALS += ("status", "text", "encodeURIComponent", "undefined")
_KY_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")
_AXIOS_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_THROW = "if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);"
_PAYLOAD = {"json": "body", "raw": "body", "form": "form", "multipart": "form"}


def generate(
    api: ApiSchema,
    endpoint: Endpoint,
    language: str,
    client: str,
    base: tuple[str, str] | None = None,
) -> str:
    """A JavaScript or TypeScript snippet calling ``endpoint`` with ``client``."""
    plan = make_plan(api, endpoint, base)
    return _Writer(api, plan, client, language == "typescript").write()


class _Writer:
    def __init__(self, api: ApiSchema, plan: Plan, client: str, ts: bool) -> None:
        self.plan, self.client, self.ts = plan, client, ts
        self.types = TsTypes(api)
        params = [*plan.path_params, *plan.required_query]
        self.fn = allocate([plan.name], "camel", _LOCALS)[0]
        names = allocate((p.name for p in params), "camel", (*_LOCALS, self.fn))
        self.args = dict(zip((id(p) for p in params), names, strict=True))
        self.base = allocate([plan.name], "pascal")[0]
        self.helpers: list[str] = []
        self.request_type, self.item_type, self.result_type = self._declare_types()

    def t(self, annotation: str) -> str:
        return annotation if self.ts else ""

    def write(self) -> str:
        plan = self.plan
        params = self._signature()
        body = self._paginated() if plan.pagination else self._single()
        head = [f'import {self.client} from "{self.client}";', ""] if self.client != "fetch" else []
        if plan.base_note:
            head.append(f"// {plan.base_note}")
        head.append(f"const BASE_URL = {json.dumps(plan.base_url)};")
        head += self._credentials()
        blocks = ["\n".join(head)]
        if self.ts and self.types.render():
            blocks.append(self.types.render())
        blocks += [helper(h, self.ts) for h in self.helpers]
        lines = [f"// {note}" for note in (plan.auth_note, plan.body_note) if note]
        if plan.optional_query:
            names = plan.optional_names
            lines.append(f"// Optional query params (pass in `query`): {names}")
        maybe = " | undefined" if plan.bodiless and plan.response_kind == "json" else ""
        returns = self.t(f": Promise<{self.result_type}{maybe}>")
        signature = f"export async function {self.fn}({', '.join(params)}){returns} {{"
        if len(signature) > WIDTH:
            inner = "".join(f"  {p},\n" for p in params)
            signature = f"export async function {self.fn}(\n{inner}){returns} {{"
        lines.append(signature)
        lines += [*_indent(body), "}"]
        blocks += ["\n".join(lines), self._usage()]
        return "\n\n".join(blocks) + "\n"

    def _credentials(self) -> list[str]:
        auth = self.plan.auth
        if auth is None:
            return []
        if auth.optional:
            note = f"// Auth is optional: the credential is sent only when {auth.guard} is set."
            first = f"const {auth.guard} = process.env.{auth.guard};"
            rest = [f'const {v} = process.env.{v} ?? "";' for v in auth.variables[1:]]
            return [note, first, *rest]
        return [f'const {v} = process.env.{v} ?? "";' for v in auth.variables]

    def _use(self, source: str) -> None:
        if source not in self.helpers:
            self.helpers.append(source)

    def _declare_types(self) -> tuple[str, str, str]:
        plan, types = self.plan, self.types
        if not self.ts:  # JavaScript prints no types: only whether the call returns a value
            returns = plan.pagination or plan.response_kind
            return "", "", "unknown" if returns else "void"
        request = "Blob | string"
        if plan.body_kind in ("json", "multipart", "form"):
            request = types.named(self.base + "Request", plan.body_schema, "request")
        if plan.pagination:
            types.declare_paginated(plan.pagination)
            item = types.named(self.base + "Item", plan.item_schema, "response")
            return request, item, f"{item}[]"
        kind = plan.response_kind
        if kind == "json" and plan.response_schema:
            result = types.named(self.base + "Response", plan.response_schema, "response")
        elif kind == "binary":
            result = "ArrayBuffer" if self.client == "axios" else "Blob"
        else:
            result = {"json": "unknown", "text": "string"}.get(kind or "", "void")
        return request, "", result

    def _signature(self) -> list[str]:
        params = [*self.plan.path_params, *self.plan.required_query]
        if not self.ts:
            out = [self.args[id(p)] for p in params]
        else:
            out = [f"{self.args[id(p)]}: {self.types.expr(p.schema, 'request')}" for p in params]
        if self.plan.body_kind:
            out.append(f"body{self.t(': ' + self.request_type)}")
        if self.plan.optional_query:
            out.append(f"query{self.t(': Record<string, string>')} = {{}}")
        return out

    def _query(self) -> list[str]:
        """Lines building ``params`` (URLSearchParams) when the call has a query string."""
        plan = self.plan
        auth = plan.auth if plan.auth and plan.auth.kind == "query" else None
        if not plan.structured_query and auth is None:
            pairs = [f"{ts_key(q.name)}: {self._string(q)}" for q in plan.query]
            if plan.optional_query:
                pairs.append("...query")
            if not pairs:
                return []
            init = "query" if pairs == ["...query"] else "{ " + ", ".join(pairs) + " }"
            return [f"const params = new URLSearchParams({init});"]
        init = "query" if plan.optional_query else ""
        lines = [f"const params = new URLSearchParams({init});"]
        lines += [line for q in plan.query for line in self._encode(q)]
        if auth is not None:
            set_key = f"params.set({json.dumps(auth.name)}, {TOKEN_VAR});"
            lines.append(f"if ({TOKEN_VAR}) {set_key}" if auth.optional else set_key)
        return lines

    def _string(self, query: Query) -> str:
        arg = self.args[id(query.param)]
        return arg if query.param.schema.get("type") == "string" else f"String({arg})"

    def _encode(self, query: Query) -> list[str]:
        """Lines adding one required query parameter to ``params`` in its documented style."""
        arg, key = self.args[id(query.param)], json.dumps(query.name)
        if query.shape not in ("array", "object"):
            return [f"params.append({key}, {self._string(query)});"]
        if query.style == "deepObject" or (query.shape == "array" and query.explode):
            self._use(ADD_PARAM)
            deep = ", true" if query.style == "deepObject" else ""
            return [f"addParam(params, {key}, {arg}{deep});"]
        if query.shape == "array":
            return [f"params.append({key}, ({arg} ?? []).join({json.dumps(query.separator)}));"]
        if query.explode:
            self._use(ADD_PARAM)
            return [f"for (const [k, v] of Object.entries({arg} ?? {{}})) addParam(params, k, v);"]
        return [f'params.append({key}, Object.entries({arg} ?? {{}}).flat().join(","));']

    def _url(self, query: bool) -> str:
        path = ""
        params = {p.name: p for p in self.plan.path_params}
        for text, is_param in split_path(self.plan.path):
            if not is_param:
                path += _tpl(text)
                continue
            arg = self.args[id(params[text])]
            kind = params[text].schema.get("type")
            value = arg if kind == "string" else f"String({arg})"
            if kind in ("integer", "number"):
                path += f"${{{arg}}}"
            elif keeps_slashes(params[text]):
                # multi-segment: each segment encoded, the slashes kept (docs/guide/intro.md)
                path += f'${{{value}.split("/").map(encodeURIComponent).join("/")}}'
            else:
                path += f"${{encodeURIComponent({value})}}"
        return f"`${{BASE_URL}}{path}{'?${params}' if query else ''}`"

    def _headers(self) -> list[str]:
        plan, out = self.plan, []
        auth = plan.auth
        if auth and auth.kind != "query":
            if auth.kind == "basic":
                value = f"`Basic ${{btoa(`${{{USER_VAR}}}:${{{PASSWORD_VAR}}}`)}}`"
            elif auth.kind == "cookie":
                value = f"`{_tpl(auth.name)}=${{{TOKEN_VAR}}}`"
            elif auth.prefix or auth.suffix:
                value = f"`{_tpl(auth.prefix)}${{{TOKEN_VAR}}}{_tpl(auth.suffix)}`"
            else:
                value = TOKEN_VAR
            name = "Cookie" if auth.kind == "cookie" else ts_key(auth.name)
            entry = f"{name}: {value}"
            out.append(f"...({auth.guard} ? {{ {entry} }} : {{}})" if auth.optional else entry)
        if plan.body_kind == "raw" or (plan.body_kind == "json" and self.client == "fetch"):
            out.append(f'"Content-Type": {json.dumps(plan.content_type)}')
        out += [f"{ts_key(name)}: {json.dumps(value)}" for name, value in plan.headers]
        return out

    def _options(self, indent: int, *extra: str, method: str = "") -> list[str]:
        entries = [f'method: "{method}"'] if method else []
        headers = self._headers()
        if headers:
            entries.append(_object("headers: ", headers, "", indent + 1)[0])
        return entries + [e for e in extra if e]

    def _prepare_body(self) -> list[str]:
        entries = f"Object.entries(body{self.t(' as object')})"
        if self.plan.body_kind == "form":
            self._use(ADD_PARAM)
            deep = self.plan.form_deep
            flag = f", {json.dumps(list(deep))}.includes(key)" if deep else ""
            return [
                "const form = new URLSearchParams();",
                f"for (const [key, value] of {entries}) addParam(form, key, value{flag});",
            ]
        if self.plan.body_kind == "multipart":
            self._use(ADD_PART)
            return [
                "const form = new FormData();",
                f"for (const [key, value] of {entries}) addPart(form, key, value);",
            ]
        return []

    def _single(self) -> list[str]:
        query = self._query()
        url = self._url(bool(query))
        lines = query + self._prepare_body()
        send = self._send(url)
        if max(len(line) for text in send for line in text.split("\n")) + 2 > WIDTH:
            return [*lines, f"const url = {url};", *self._send("url")]
        return lines + send

    def _send(self, url: str) -> list[str]:
        plan, kind, lines = self.plan, self.plan.response_kind, []
        payload = _PAYLOAD.get(plan.body_kind or "", "")
        entry = {"body": "body", "form": "body: form"}.get(payload, "")
        if self.client == "fetch":
            extra = ["body: JSON.stringify(body)" if plan.body_kind == "json" else entry]
            method = "" if plan.method == "GET" else plan.method
            lines += _call(
                f"const res = await fetch({url}", self._options(1, *extra, method=method), ");", 1
            )
            reader = {"json": "json", "text": "text", "binary": "blob"}.get(kind or "")
            if kind == "json" and plan.bodiless:
                # The API also documents a success without a body (204): nothing to parse.
                return [
                    *lines,
                    _THROW,
                    "const text = await res.text();",
                    "return text ? JSON.parse(text) : undefined;",
                ]
            return lines + [_THROW] + ([f"return res.{reader}();"] if reader else [])
        generic = f"<{self.result_type}>" if self.ts and kind else ""
        if self.client == "axios":
            response_type = {"text": '"text"', "binary": '"arraybuffer"'}.get(kind or "")
            with_data = plan.method in ("POST", "PUT", "PATCH")
            data = [] if with_data or not payload else [f"data: {payload}"]
            options = self._options(
                1, *data, *([f"responseType: {response_type}"] if response_type else [])
            )
            if plan.method in _AXIOS_METHODS:
                call = f"axios.{plan.method.lower()}{generic}({url}"
                if with_data:
                    call += f", {payload or 'undefined'}"
            else:
                call = f'axios.request{generic}({{ method: "{plan.method}", url: {url} }}'
            if kind == "json" and plan.bodiless:
                start = f"const {{ data, status }} = await {call}"
                return [
                    *lines,
                    *_call(start, options, ");", 1),
                    f"return {_status_test(plan.bodiless)} ? undefined : data;",
                ]
            start = f"const {{ data }} = await {call}" if kind else f"await {call}"
            return lines + _call(start, options, ");", 1) + (["return data;"] if kind else [])
        extra = ["json: body" if plan.body_kind == "json" else entry]
        method = "" if plan.method in _KY_METHODS else plan.method.lower()
        options = self._options(1, *extra, method=method)
        call = f"ky.{plan.method.lower()}({url}" if not method else f"ky({url}"
        reader = {"json": f"json{generic}", "text": "text", "binary": "blob"}.get(kind or "")
        if kind == "json" and plan.bodiless:
            # ky's json() gives "" for an empty body (204): return undefined instead.
            typed = f'<{self.result_type} | "">' if self.ts else ""
            return [
                *lines,
                *_call(f"const data = await {call}", options, f").json{typed}();", 1),
                'return data === "" ? undefined : data;',
            ]
        end = f").{reader}();" if reader else ");"
        return lines + _call(f"return {call}" if reader else f"await {call}", options, end, 1)

    def _paginated(self) -> list[str]:
        page_type = f"Paginated<{self.item_type}>"
        assert self.plan.pagination is not None
        results = _access("page", self.plan.pagination.results_key)
        options = self._options(2)
        # `page` is typed explicitly: `url = page.next` feeds the next call, and TypeScript
        # (strict) cannot infer a variable that its own loop's narrowing depends on.
        page = f"const page{self.t(': ' + page_type)}"
        generic = self.t("<" + page_type + ">")
        fetch = {
            "fetch": [
                *_call("const res = await fetch(url", options, ");", 2),
                _THROW,
                f"{page} = await res.json();",
            ],
            "axios": _call(f"{page} = (await axios.get{generic}(url", options, ")).data;", 2),
            "ky": _call(f"{page} = await ky.get(url", options, f").json{generic}();", 2),
        }[self.client]
        query = self._query()
        return [
            *query,
            f"const results{self.t(': ' + self.item_type + '[]')} = [];",
            f"let url{self.t(': string | null')} = {self._url(bool(query))};",
            "while (url) {",
            *_indent(fetch),
            f"  results.push(...{results});",
            "  url = page.next;",
            "}",
            "return results;",
        ]

    def _usage(self) -> str:
        values = [example_value(p) for p in (*self.plan.path_params, *self.plan.required_query)]
        args = [literal(v, "js", file=_blob) for v in values]
        start = f"await {self.fn}({', '.join(args)}" if self.result_type == "void" else ""
        start = start or f"console.log(await {self.fn}({', '.join(args)}"
        end = ");" if self.result_type == "void" else "));"
        if self.plan.body_kind:
            room = WIDTH - len(start) - len(end) - (2 if args else 0)
            body = literal(self.plan.body_example, "js", file=_blob, width=room)
            start += (", " if args else "") + body
        return start + end


def _call(start: str, entries: list[str], end: str, indent: int) -> list[str]:
    """A call whose last argument is an options object: ``start, {entries}end`` (or none)."""
    if not entries:
        return [start + end]
    return _object(start + ", ", entries, end, indent)


def _object(before: str, entries: list[str], after: str, indent: int) -> list[str]:
    """``before{ entries }after`` on one line when it fits, else one entry per line."""
    flat = f"{before}{{ {', '.join(entries)} }}{after}"
    if len(flat) + 2 * indent <= WIDTH and "\n" not in flat:
        return [flat]
    inner = "".join("  " + e.replace("\n", "\n  ") + ",\n" for e in entries)
    return [f"{before}{{\n{inner}}}{after}"]


def _status_test(statuses: tuple[int, ...]) -> str:
    """``status === 204``, or ``[202, 204].includes(status)`` for several statuses."""
    if len(statuses) == 1:
        return f"status === {statuses[0]}"
    return f"[{', '.join(map(str, statuses))}].includes(status)"


def _indent(lines: list[str]) -> list[str]:
    """Every physical line of ``lines`` indented one level."""
    return ["  " + line for text in lines for line in text.split("\n")]


def _blob(value: FileValue) -> str:
    return 'new Blob(["file contents"])'


def _tpl(text: str) -> str:
    return text.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")


def _access(obj: str, key: str) -> str:
    return f"{obj}.{key}" if key.isidentifier() else f"{obj}[{json.dumps(key)}]"
