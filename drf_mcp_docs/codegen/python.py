"""Python snippets for requests and httpx (sync client), with type hints."""

from __future__ import annotations

import json
import re

from drf_mcp_docs.codegen.common import (
    TOKEN_VAR,
    Plan,
    auth_parts,
    example_value,
    make_plan,
    split_path,
)
from drf_mcp_docs.codegen.syntax import FileValue, allocate, identifier, literal
from drf_mcp_docs.schema.records import ApiSchema, Endpoint, JsonSchema

_LOCALS = ("url", "response", "page", "results", "query", "body", "files", "params", "client")
_LOCALS += ("requests", "httpx", "os", "print", "BASE_URL", "HEADERS", TOKEN_VAR)
_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_WIDTH = 99


def generate(api: ApiSchema, endpoint: Endpoint, language: str, client: str) -> str:
    """A Python snippet calling ``endpoint`` with ``client`` (requests or httpx)."""
    return _Writer(make_plan(api, endpoint), client).write()


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
        kinds = schema.get("type")
        kinds = list(kinds) if isinstance(kinds, list) else [kinds]
        nullable = nullable or "null" in kinds
        kind = next((k for k in kinds if k and k != "null"), None)
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
        names = allocate((p.name for p in params), "snake", _LOCALS)
        self.args = dict(zip((id(p) for p in params), names, strict=True))
        self.fn = identifier(plan.name, "snake")
        self.files = plan.file_fields
        example = plan.body_example
        self.data = (
            {k: v for k, v in example.items() if k not in self.files}
            if isinstance(example, dict)
            else example
        )
        self.headers = bool(plan.auth or plan.headers or plan.body_kind == "raw")

    def write(self) -> str:
        plan = self.plan
        consts = [f"BASE_URL = {json.dumps(plan.base_url)}"]
        if plan.auth:
            consts.append(f'{TOKEN_VAR} = os.environ["{TOKEN_VAR}"]')
        if self.headers:
            consts.append(f"HEADERS = {self._headers()}")
        comments = [f"# {plan.auth_note}"] if plan.auth_note else []
        if plan.optional_query:
            names = ", ".join(plan.optional_query)
            comments.append(f"# Optional query params (pass as keyword arguments): {names}")
        signature = f"def {self.fn}({', '.join(self._signature())}) -> {self._returns()}:"
        if len(signature) > _WIDTH:
            signature = f"def {self.fn}(\n" + "".join(f"    {a},\n" for a in self._signature())
            signature += f") -> {self._returns()}:"
        body = self._paginated() if plan.pagination else self._single()
        function = "\n".join([*comments, signature, *("    " + line for line in body)])
        code = "\n".join(consts) + "\n\n\n" + function + "\n\n\n" + self._usage() + "\n"
        typing = [n for n in ("Any", "BinaryIO") if re.search(rf"\b{n}\b", code)]
        imports = ["import os"] if plan.auth else []
        if typing:
            imports.append(f"from typing import {', '.join(typing)}")
        head = "\n".join(imports) + ("\n\n" if imports else "")
        return f"{head}import {self.client}\n\n{code}"

    def _headers(self) -> str:
        plan, entries = self.plan, []
        if plan.auth and plan.auth.param_name:
            prefix, suffix = (
                p.replace("{", "{{").replace("}", "}}") for p in auth_parts(plan.auth)
            )
            value = json.dumps(f"{prefix}{{{TOKEN_VAR}}}{suffix}")
            entries.append(f"{json.dumps(plan.auth.param_name)}: f{value}")
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
            return py_type(plan.response_schema)
        return {"text": "str", "binary": "bytes"}.get(kind or "", "None")

    def _url(self) -> str:
        params = {p.name: p for p in self.plan.path_params}
        path = "".join(
            f"{{{self.args[id(params[text])]}}}"
            if is_param
            else text.replace("{", "{{").replace("}", "}}")
            for text, is_param in split_path(self.plan.path)
        )
        return "f" + json.dumps("{BASE_URL}" + path)

    def _query(self) -> str | None:
        pairs = [f"{json.dumps(p.name)}: {self.args[id(p)]}" for p in self.plan.required_query]
        if self.plan.optional_query:
            pairs.append("**params")
        if pairs == ["**params"]:
            return "params"
        return "{" + ", ".join(pairs) + "}" if pairs else None

    def _kwargs(self, query: str | None) -> list[str]:
        kwargs = [f"params={query}"] if query else []
        kind = self.plan.body_kind
        if kind == "json":
            kwargs.append("json=body")
        elif kind == "raw":
            kwargs.append("content=body" if self.client == "httpx" else "data=body")
        elif kind in ("form", "multipart") and (self.data or not self.files):
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
        if plan.method not in ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"):
            head, args = f"response = {sender}.request", [json.dumps(plan.method), *args]
        lines = self._call(depth, head, args)
        lines.append("response.raise_for_status()")
        reader = {"json": "response.json()", "text": "response.text", "binary": "response.content"}
        if plan.response_kind:
            lines.append(f"return {reader[plan.response_kind]}")
        return self._client(lines)

    def _paginated(self) -> list[str]:
        sender = "requests" if self.client == "requests" else "client"
        depth = 2 if self.client == "requests" else 3
        query = self._query()
        get = self._call(
            depth, f"response = {sender}.get", ["url", *self._kwargs("query" if query else None)]
        )
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


def _no_file(value: FileValue) -> str:
    return "None"
