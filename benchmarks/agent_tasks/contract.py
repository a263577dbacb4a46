"""Check one HTTP request against an OpenAPI 3.0 document.

:class:`Contract` matches a request's raw path to a path template of the document (raw
segments, so a ``/`` left unencoded in a value makes a different path), then checks the
method, the path, query and header parameters (required, type, enum, schema) and the body
(content type, then JSON Schema with ``jsonschema``). Every finding is a sentence naming
the bad value. One liberty is taken with the document: a PATCH body is a partial update,
so its top-level ``required`` list is not enforced (the source document, converted from
Swagger 2, repeats the create schema's list on PATCH).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

from jsonschema import Draft202012Validator

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass
class Request:
    """A request as it was on the wire; ``path`` is raw (still percent-encoded)."""

    method: str
    path: str
    query: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


@dataclass
class Match:
    """The operation a request went to, with its decoded path parameters."""

    template: str
    method: str
    operation: dict[str, Any]
    path_params: dict[str, str]
    query: list[tuple[str, str]]
    problems: list[str]

    @property
    def success_status(self) -> int:
        codes = sorted(int(c) for c in self.operation.get("responses", {}) if c.isdigit())
        return next((c for c in codes if 200 <= c < 300), 200)


def _openapi_to_jsonschema(node: Any) -> Any:
    """OpenAPI 3.0 schema objects -> JSON Schema 2020-12 (``nullable``; formats ignored)."""
    if isinstance(node, list):
        return [_openapi_to_jsonschema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _openapi_to_jsonschema(v) for k, v in node.items() if k != "example"}
    if out.pop("nullable", False) is True:
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        elif "enum" in out:
            out["enum"] = [*out["enum"], None]
        elif "$ref" in out:
            out = {"anyOf": [{"$ref": out.pop("$ref")}, {"type": "null"}], **out}
    return out


def _split(path: str) -> list[str]:
    return path.strip("/").split("/") if path.strip("/") else []


def _pointer(document: Any, ref: str) -> Any:
    """The node a local ``$ref`` names (a percent-encoded JSON pointer: ``#/components/...``,
    or ``#/paths/...`` as bundlers write, e.g. in DigitalOcean's document)."""
    node = document
    for token in ref.removeprefix("#/").split("/"):
        key = unquote(token).replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


class Contract:
    """The checkable contract of one document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.components = _openapi_to_jsonschema(document.get("components", {}))
        self.templates = [(t, _split(t)) for t in document.get("paths", {})]
        # what a body's or parameter's JSON Schema may refer to: the components and, for
        # documents whose $refs point into other operations, the paths (converted once)
        self._targets: dict[str, Any] = {"components": self.components}
        if '"#/paths/' in json.dumps(document.get("paths", {})):
            self._targets["paths"] = _openapi_to_jsonschema(document["paths"])

    # -- lookup -------------------------------------------------------------------
    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = _pointer(self.document, node["$ref"])
        return node

    def _validator(self, schema: dict[str, Any]) -> Draft202012Validator:
        return Draft202012Validator({**schema, **self._targets})

    def find(self, raw_path: str) -> tuple[str, dict[str, str]] | None:
        """The template a raw path matches (literal segments first), and its parameters."""
        segments = _split(raw_path)
        best: tuple[int, str, dict[str, str]] | None = None
        for template, parts in self.templates:
            if len(parts) != len(segments) or raw_path.endswith("/") != template.endswith("/"):
                continue
            params: dict[str, str] = {}
            literal = 0
            for part, segment in zip(parts, segments, strict=True):
                if part.startswith("{") and part.endswith("}"):
                    if not segment:
                        break
                    params[part[1:-1]] = unquote(segment)
                elif part == segment:
                    literal += 1
                else:
                    break
            else:
                if best is None or literal > best[0]:
                    best = (literal, template, params)
        return (best[1], best[2]) if best else None

    # -- checks -------------------------------------------------------------------
    def check(self, request: Request) -> Match | None:
        """The matched operation with every problem found, or None for an unknown path."""
        found = self.find(request.path)
        if found is None:
            return None
        template, path_params = found
        item = self.document["paths"][template]
        method = request.method.lower()
        query = parse_qsl(request.query, keep_blank_values=True)
        if method not in item:
            allowed = ", ".join(m.upper() for m in METHODS if m in item)
            problem = f"{request.method} is not an operation of {template} (it has {allowed})"
            return Match(template, method, {}, path_params, query, [problem])
        operation = item[method]
        match = Match(template, method, operation, path_params, query, [])
        params = self._parameters(item, operation)
        match.problems += self._check_params(params, request, path_params, query)
        match.problems += self._check_auth(operation, request)
        match.problems += self._check_body(method, operation, request)
        return match

    def _parameters(
        self, item: dict[str, Any], operation: dict[str, Any]
    ) -> dict[tuple[str, str], dict[str, Any]]:
        params: dict[tuple[str, str], dict[str, Any]] = {}
        for raw in [*item.get("parameters", []), *operation.get("parameters", [])]:
            param = self.resolve(raw)
            params[(param["in"], param["name"])] = param
        return params

    def _check_params(
        self,
        params: dict[tuple[str, str], dict[str, Any]],
        request: Request,
        path_params: dict[str, str],
        query: list[tuple[str, str]],
    ) -> list[str]:
        problems: list[str] = []
        sent: dict[str, list[str]] = {}
        for name, value in query:
            sent.setdefault(name, []).append(value)
        for name in sent:
            if ("query", name) not in params:
                problems.append(f"query parameter {name!r} is not documented for this operation")
        for (where, name), param in params.items():
            schema = param.get("schema", {})
            if where == "path":
                values = [path_params[name]] if name in path_params else []
            elif where == "query":
                values = sent.get(name, [])
            elif where == "header":
                header = request.header(name)
                values = [] if header is None else [header]
            else:
                continue
            if not values:
                if param.get("required"):
                    problems.append(f"required {where} parameter {name!r} is missing")
                continue
            if len(values) > 1 and schema.get("type") != "array":
                problems.append(f"{where} parameter {name!r} is sent {len(values)} times")
            for value in values:
                problem = self._check_value(schema, value)
                if problem:
                    problems.append(f"{where} parameter {name!r}={value!r}: {problem}")
        return problems

    def _check_value(self, schema: dict[str, Any], raw: str) -> str | None:
        schema = _openapi_to_jsonschema(self.resolve(schema))
        if schema.get("type") == "array":
            schema = schema.get("items", {})
        value: Any = raw
        kind = schema.get("type")
        try:
            if kind == "integer":
                value = int(raw)
            elif kind == "number":
                value = float(raw)
            elif kind == "boolean":
                if raw.lower() not in ("true", "false"):
                    return "not a boolean (true or false)"
                value = raw.lower() == "true"
        except ValueError:
            return f"not a{'n' if kind == 'integer' else ''} {kind}"
        validator = self._validator(schema)
        errors = sorted(validator.iter_errors(value), key=str)
        return errors[0].message if errors else None

    def _check_auth(self, operation: dict[str, Any], request: Request) -> list[str]:
        requirements = operation.get("security", self.document.get("security", []))
        if not requirements or {} in requirements:
            return []
        schemes = self.document.get("components", {}).get("securitySchemes", {})
        for requirement in requirements:
            ok = True
            for name in requirement:
                scheme = schemes.get(name, {})
                if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                    ok = ok and request.header(scheme["name"]) is not None
                elif scheme.get("type") == "http":
                    ok = ok and request.header("Authorization") is not None
            if ok:
                return []
        names = " or ".join("+".join(r) for r in requirements)
        return [f"no credentials: the operation requires {names}"]

    def body_schema(self, operation: dict[str, Any], content_type: str) -> dict[str, Any] | None:
        body = operation.get("requestBody")
        if body is None:
            return None
        content = self.resolve(body).get("content", {})
        media = content.get(content_type) or content.get("*/*")
        return None if media is None else media.get("schema", {})

    def _check_body(self, method: str, operation: dict[str, Any], request: Request) -> list[str]:
        declared = operation.get("requestBody")
        if declared is None:
            if request.body.strip():
                return ["this operation takes no request body, but one was sent"]
            return []
        body = self.resolve(declared)
        if not request.body.strip():
            return ["the required request body is missing"] if body.get("required") else []
        content_type = (request.header("Content-Type") or "").split(";")[0].strip().lower()
        schema = self.body_schema(operation, content_type)
        if schema is None:
            allowed = ", ".join(body.get("content", {}))
            return [f"content type {content_type or '(none)'!r} is not accepted (use {allowed})"]
        if "json" not in content_type:
            return []
        try:
            value = json.loads(request.body)
        except ValueError as error:
            return [f"the body is not valid JSON: {error}"]
        root = _openapi_to_jsonschema(schema)
        if method == "patch":
            root = self._without_top_required(root)
        validator = self._validator(root)
        return [
            f"body{''.join(f'[{p!r}]' for p in error.absolute_path)}: {error.message}"
            for error in sorted(validator.iter_errors(value), key=str)[:10]
        ]

    def _without_top_required(self, schema: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in schema:
            schema = copy.deepcopy(_pointer(self._targets, schema["$ref"]))
        else:
            schema = copy.deepcopy(schema)
        schema.pop("required", None)
        return schema
