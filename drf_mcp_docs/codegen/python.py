"""Python snippets for requests and httpx (sync client), with type hints."""

from __future__ import annotations

import json
import re

from drf_mcp_docs.codegen.auth import PASSWORD_VAR, TOKEN_VAR, USER_VAR
from drf_mcp_docs.codegen.common import Plan, Query, keeps_slashes, make_plan, split_path
from drf_mcp_docs.codegen.syntax import FileValue, allocate, literal
from drf_mcp_docs.codegen.values import example_value
from drf_mcp_docs.schema.records import ApiSchema, Endpoint, JsonSchema

_LOCALS: tuple[str, ...] = (
    "url",
    "response",
    "page",
    "results",
    "query",
    "body",
    "files",
    "params",
    "client",
)
_LOCALS += ("requests", "httpx", "os", "print", "BASE_URL", "HEADERS", TOKEN_VAR, USER_VAR)
_LOCALS += (PASSWORD_VAR, "base64", "json", "form_fields", "str", "Any", "BinaryIO", "open")
_LOCALS += ("quote",)
FORM_FIELDS = """\
def form_fields(
    values: dict[str, Any], deep: tuple[str, ...] = (), multipart: bool = False
) -> dict[str, list[str]]:
    \"\"\"Form fields: a[b]=1 inside objects, repeated keys (a[0]= when deep) for lists.\"\"\"
    fields: dict[str, list[str]] = {}

    def add(key: str, value: Any, nested: bool) -> None:
        if value is None:
            return
        if multipart and isinstance(value, dict):
            fields.setdefault(key, []).append(json.dumps(value))
        elif isinstance(value, dict):
            for k, v in value.items():
                add(f"{key}[{k}]", v, True)
        elif isinstance(value, (list, tuple)):
            for i, v in enumerate(value):
                inner = nested or (not multipart and isinstance(v, (dict, list)))
                add(f"{key}[{i}]" if inner else key, v, nested)
        elif isinstance(value, bool):
            fields.setdefault(key, []).append("true" if value else "false")
        else:
            fields.setdefault(key, []).append(str(value))

    for key, value in values.items():
        add(key, value, key in deep)
    return fields"""
_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_WIDTH = 99


def generate(
    api: ApiSchema,
    endpoint: Endpoint,
    language: str,
    client: str,
    base: tuple[str, str] | None = None,
) -> str:
    """A Python snippet calling ``endpoint`` with ``client`` (requests or httpx)."""
    return _Writer(make_plan(api, endpoint, base), client).write()


def py_type(schema: JsonSchema | None) -> str:
    """A Python type hint for a resolved JSON schema (objects stay ``dict[str, Any]``)."""
    if not isinstance(schema, dict) or not schema or "$ref" in schema:
        return "Any"
    nullable = bool(schema.get("nullable"))
    options = schema.get("oneOf") or schema.get("anyOf")
    if isinstance(options, list):
        kinds = [py_type(o) for o in options if isinstance(o, dict)]
        nullable = nullable or "None" in kinds
        kinds = [k for k in dict.fromkeys(kinds) if k != "None"]
        base = kinds[0] if len(kinds) == 1 else "Any"
    elif "enum" in schema:
        values = [v for v in schema["enum"] if v is not None]
        nullable = nullable or None in schema["enum"]
        names = {type(v).__name__ for v in values}
        base = names.pop() if len(names) == 1 else "Any"
        if not values:
            return "None"
    else:
        declared = schema.get("type")
        types = list(declared) if isinstance(declared, list) else [declared]
        nullable = nullable or "null" in types
        kind = next((k for k in types if k and k != "null"), None)
        if kind is None and "properties" in schema:
            kind = "object"
        if kind == "string" and schema.get("format") == "binary":
            base = "bytes"
        elif kind in _SCALARS:
            base = _SCALARS[kind]
        elif kind == "array":
            base = f"list[{py_type(schema.get('items'))}]"
        elif kind == "object":
            base = "dict[str, Any]"
        else:
            base = "Any"
    return f"{base} | None" if nullable and base != "Any" else base


class _Writer:
    def __init__(self, plan: Plan, client: str) -> None:
        self.plan, self.client = plan, client
        params = [*plan.path_params, *plan.required_query]
        self.fn = allocate([plan.name], "snake", _LOCALS)[0]
        names = allocate((p.name for p in params), "snake", (*_LOCALS, self.fn))
        self.args = dict(zip((id(p) for p in params), names, strict=True))
        self.files = plan.file_fields
        example = plan.body_example
        self.data = (
            {k: v for k, v in example.items() if k not in self.files}
            if isinstance(example, dict)
            else example
        )
        header_auth = plan.auth is not None and plan.auth.kind != "query"
        self.headers = bool(header_auth or plan.headers or plan.body_kind == "raw")
        self.form_helper = any(q.shape != "scalar" for q in plan.query) or plan.structured_body

    def write(self) -> str:
        plan = self.plan
        consts = [f"# {plan.base_note}"] if plan.base_note else []
        consts.append(f"BASE_URL = {json.dumps(plan.base_url)}")
        consts += self._credentials()
        if self.headers:
            consts.append(f"HEADERS = {self._headers()}")
        comments = [f"# {note}" for note in (plan.auth_note, plan.body_note) if note]
        if plan.optional_query:
            names = plan.optional_names
            comments.append(f"# Optional query params (pass as keyword arguments): {names}")
        signature = f"def {self.fn}({', '.join(self._signature())}) -> {self._returns()}:"
        if len(signature) > _WIDTH:
            signature = f"def {self.fn}(\n" + "".join(f"    {a},\n" for a in self._signature())
            signature += f") -> {self._returns()}:"
        body = self._paginated() if plan.pagination else self._single()
        function = "\n".join([*comments, signature, *("    " + line for line in body)])
        helpers = FORM_FIELDS + "\n\n\n" if self.form_helper else ""
        code = "\n".join(consts) + "\n\n\n" + helpers + function + "\n\n\n" + self._usage() + "\n"
        typing = [n for n in ("Any", "BinaryIO") if re.search(rf"\b{n}\b", code)]
        modules = ["os"] if plan.auth else []
        modules += ["base64"] if plan.auth and plan.auth.kind == "basic" else []
        modules += ["json"] if self.form_helper else []
        imports = [f"import {m}" for m in sorted(modules)]
        if typing:
            imports.append(f"from typing import {', '.join(typing)}")
        if self._quoted():
            imports.append("from urllib.parse import quote")
        head = "\n".join(imports) + ("\n\n" if imports else "")
        return f"{head}import {self.client}\n\n{code}"

    def _credentials(self) -> list[str]:
        auth = self.plan.auth
        if auth is None:
            return []
        if auth.kind == "basic":
            user = f'os.environ["{USER_VAR}"]'
            if auth.optional:
                user = f'os.environ.get("{USER_VAR}")  # optional: auth is sent only when set'
            return [
                f"{USER_VAR} = {user}",
                f'{PASSWORD_VAR} = os.environ.get("{PASSWORD_VAR}", "")',
            ]
        if auth.optional:
            return [f'{TOKEN_VAR} = os.environ.get("{TOKEN_VAR}")  # optional: sent only when set']
        return [f'{TOKEN_VAR} = os.environ["{TOKEN_VAR}"]']

    def _headers(self) -> str:
        plan, entries = self.plan, []
        auth = plan.auth
        if auth and auth.kind != "query":
            if auth.kind == "basic":
                pair = f'f"{{{USER_VAR}}}:{{{PASSWORD_VAR}}}".encode()'
                value = f'"Basic " + base64.b64encode({pair}).decode()'
            elif auth.kind == "cookie":
                value = "f" + json.dumps(f"{_braces(auth.name)}={{{TOKEN_VAR}}}")
            elif auth.prefix or auth.suffix:
                text = f"{_braces(auth.prefix)}{{{TOKEN_VAR}}}{_braces(auth.suffix)}"
                value = "f" + json.dumps(text)
            else:  # the key as it is: no template that reads like a prefix was dropped
                value = TOKEN_VAR
            name = json.dumps("Cookie" if auth.kind == "cookie" else auth.name)
            if auth.optional:
                entries.append(f"**({{{name}: {value}}} if {auth.guard} else {{}})")
            else:
                entries.append(f"{name}: {value}")
        if plan.body_kind == "raw":
            entries.append(f'"Content-Type": {json.dumps(plan.content_type)}')
        entries += [f"{json.dumps(name)}: {json.dumps(value)}" for name, value in plan.headers]
        return "{" + ", ".join(entries) + "}"

    def _signature(self) -> list[str]:
        plan = self.plan
        params = [*plan.path_params, *plan.required_query]
        out = [f"{self.args[id(p)]}: {py_type(p.schema)}" for p in params]
        if plan.body_kind == "raw":
            out.append("body: bytes")
        elif plan.body_kind and (self.data or not self.files):
            out.append(f"body: {py_type(plan.body_schema)}")
        if self.files:
            out.append("files: dict[str, BinaryIO]")
        if plan.optional_query:
            out.append("**params: Any")
        return out

    def _returns(self) -> str:
        plan = self.plan
        if plan.pagination:
            return f"list[{py_type(plan.item_schema)}]"
        kind = plan.response_kind
        if kind == "json":
            hint = py_type(plan.response_schema)
            if plan.bodiless and hint != "Any" and not hint.endswith("| None"):
                hint += " | None"
            return hint
        return {"text": "str", "binary": "bytes"}.get(kind or "", "None")

    def _quoted(self) -> bool:
        """Whether some path parameter is percent-encoded (so ``quote`` is imported)."""
        return any(_path_type(p.schema) != "number" for p in self.plan.path_params)

    def _url(self) -> str:
        params = {p.name: p for p in self.plan.path_params}
        path = ""
        for text, is_param in split_path(self.plan.path):
            if not is_param:
                path += text.replace("{", "{{").replace("}", "}}")
                continue
            param = params[text]
            arg = self.args[id(param)]
            kind = _path_type(param.schema)
            if kind == "number":
                path += f"{{{arg}}}"
                continue
            # A value is one path segment: "area/ui polish" -> area%2Fui%20polish; a
            # multi-segment one keeps its slashes (docs/guide/intro.md).
            safe = "/" if keeps_slashes(param) else ""
            value = arg if kind == "string" else f"str({arg})"
            path += f"{{quote({value}, safe='{safe}')}}"
        return "f" + json.dumps("{BASE_URL}" + path)

    def _query(self) -> str | None:
        plan = self.plan
        pairs = [self._pair(q) for q in plan.query]
        auth = plan.auth if plan.auth and plan.auth.kind == "query" else None
        if auth is not None:
            entry = f"{json.dumps(auth.name)}: {TOKEN_VAR}"
            pairs.append(f"**({{{entry}}} if {TOKEN_VAR} else {{}})" if auth.optional else entry)
        if plan.optional_query:
            pairs.append("**params")
        if not pairs:
            return None
        if not self.form_helper or not plan.query:
            return "params" if pairs == ["**params"] else "{" + ", ".join(pairs) + "}"
        deep = tuple(q.name for q in plan.query if q.style == "deepObject")
        flag = f", deep={deep!r}" if deep else ""
        return "form_fields({" + ", ".join(pairs) + "}" + flag + ")"

    def _pair(self, query: Query) -> str:
        arg, key = self.args[id(query.param)], json.dumps(query.name)
        if query.shape == "array" and not query.explode and query.style != "deepObject":
            return f"{key}: {json.dumps(query.separator)}.join(map(str, {arg} or []))"
        if query.shape == "object" and query.style != "deepObject":
            if query.explode:
                return f"**({arg} or {{}})"
            return f'{key}: ",".join(str(x) for item in ({arg} or {{}}).items() for x in item)'
        return f"{key}: {arg}"

    def _kwargs(self, query: str | None) -> list[str]:
        kwargs = [f"params={query}"] if query else []
        kind = self.plan.body_kind
        if kind == "json":
            kwargs.append("json=body")
        elif kind == "raw":
            kwargs.append("content=body" if self.client == "httpx" else "data=body")
        elif kind in ("form", "multipart") and (self.data or not self.files):
            if self.plan.structured_body:
                deep = f", deep={self.plan.form_deep!r}" if self.plan.form_deep else ""
                multipart = ", multipart=True" if kind == "multipart" else ""
                kwargs.append(f"data=form_fields(body{deep}{multipart})")
            else:
                kwargs.append("data=body")
        if self.files:
            kwargs.append("files=files")
        if self.client == "requests":
            kwargs += ["headers=HEADERS"] if self.headers else []
            kwargs.append("timeout=30")
        return kwargs

    def _call(self, indent: int, head: str, args: list[str]) -> list[str]:
        line = f"{head}({', '.join(args)})"
        if len(line) + 4 * indent <= _WIDTH:
            return [line]
        return [f"{head}(", *(f"    {a}," for a in args), ")"]

    def _client(self, lines: list[str]) -> list[str]:
        if self.client == "requests":
            return lines
        options = "headers=HEADERS" if self.headers else ""
        return [f"with httpx.Client({options}) as client:", *("    " + line for line in lines)]

    def _single(self) -> list[str]:
        plan = self.plan
        sender = "requests" if self.client == "requests" else "client"
        depth = 1 if self.client == "requests" else 2
        args = [self._url(), *self._kwargs(self._query())]
        head = f"response = {sender}.{plan.method.lower()}"
        # httpx's delete()/options() take no body: a documented one goes through request().
        body_ok = plan.method in ("POST", "PUT", "PATCH") or self.client == "requests"
        shortcut = plan.method in ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
        if not shortcut or (plan.body_kind and not body_ok):
            head, args = f"response = {sender}.request", [json.dumps(plan.method), *args]
        lines = self._call(depth, head, args)
        lines.append("response.raise_for_status()")
        reader = {"json": "response.json()", "text": "response.text", "binary": "response.content"}
        if plan.response_kind == "json" and plan.bodiless:
            # The API also documents a success without a body (204): nothing to parse.
            lines.append("return response.json() if response.content else None")
        elif plan.response_kind:
            lines.append(f"return {reader[plan.response_kind]}")
        return self._client(lines)

    def _paginated(self) -> list[str]:
        sender = "requests" if self.client == "requests" else "client"
        depth = 2 if self.client == "requests" else 3
        query = self._query()
        get = self._call(
            depth, f"response = {sender}.get", ["url", *self._kwargs("query" if query else None)]
        )
        assert self.plan.pagination is not None
        key = json.dumps(self.plan.pagination.results_key)
        item = py_type(self.plan.item_schema)
        loop = [
            "while url:",
            *("    " + line for line in get),
            "    response.raise_for_status()",
            "    page = response.json()",
            f"    results.extend(page[{key}])",
            '    url, query = page["next"], None' if query else '    url = page["next"]',
        ]
        setup = [f"results: list[{item}] = []", f"url: str | None = {self._url()}"]
        if query:
            setup.append(f"query: dict[str, Any] | None = {query}")
        return [*setup, *self._client(loop), "return results"]

    def _usage(self) -> str:
        plan = self.plan
        args = [literal(example_value(p), "py", file=_no_file) for p in plan.path_params]
        args += [literal(example_value(p), "py", file=_no_file) for p in plan.required_query]
        if plan.body_kind == "raw":
            args.append(repr(str(self.data).encode()))
        elif plan.body_kind and (self.data or not self.files):
            args.append(literal(self.data, "py", file=_no_file))
        handles = allocate(self.files, "snake", (*_LOCALS, self.fn))
        if self.files:
            args.append(
                "{"
                + ", ".join(
                    f"{json.dumps(f)}: {h}" for f, h in zip(self.files, handles, strict=True)
                )
                + "}"
            )
        call = f"{self.fn}({', '.join(args)})"
        call = call if self._returns() == "None" else f"print({call})"
        if not self.files:
            return call
        opens = ", ".join(
            f'open("{f}.bin", "rb") as {h}' for f, h in zip(self.files, handles, strict=True)
        )
        return f"with {opens}:\n    " + call.replace("\n", "\n    ")


def _path_type(schema: JsonSchema) -> str:
    """How a path value is written: "number" as is, "string" quoted, "other" via str()."""
    kind = schema.get("type") if isinstance(schema, dict) else None
    if kind in ("integer", "number"):
        return "number"
    return "string" if kind == "string" else "other"


def _braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _no_file(value: FileValue) -> str:
    return "None"
