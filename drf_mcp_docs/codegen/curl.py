"""curl snippets: one shell command with example values filled in."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from drf_mcp_docs.codegen.common import (
    TOKEN_VAR,
    auth_parts,
    example_value,
    make_plan,
    query_value,
    split_path,
)
from drf_mcp_docs.codegen.syntax import FileValue
from drf_mcp_docs.schema.records import ApiSchema, Endpoint


def generate(api: ApiSchema, endpoint: Endpoint, language: str, client: str) -> str:
    """A curl command calling ``endpoint``, reading the token from ``$API_TOKEN``."""
    plan = make_plan(api, endpoint)
    lines = [f'BASE_URL="${{BASE_URL:-{dq(plan.base_url)}}}"']
    if plan.auth_note:
        lines.append(f"# {plan.auth_note}")
    if plan.optional_query:
        lines.append(f"# Optional query params: {', '.join(plan.optional_query)}")
    if plan.pagination:
        lines.append('# Paginated: request each response\'s "next" URL until it is null')
    params = {p.name: p for p in plan.path_params}
    path = "".join(
        quote(query_value(example_value(params[text])), safe="") if is_param else dq(text)
        for text, is_param in split_path(plan.path)
    )
    pairs = [(p.name, query_value(example_value(p))) for p in plan.required_query]
    url = f'"$BASE_URL{path}{"?" + dq(urlencode(pairs)) if pairs else ""}"'
    options = [("-I " if plan.method == "HEAD" else f"-X {plan.method} ") + url]
    if plan.auth and plan.auth.param_name:
        prefix, suffix = (dq(p) for p in auth_parts(plan.auth))
        options.append(f'-H "{dq(plan.auth.param_name)}: {prefix}${TOKEN_VAR}{suffix}"')
    if plan.body_kind in ("json", "raw"):
        options.append(f'-H "Content-Type: {dq(plan.content_type or "")}"')
    options += [f'-H "{dq(name)}: {dq(value)}"' for name, value in plan.headers]
    options += _body(plan.body_kind, plan.body_example)
    return "\n".join([*lines, "curl " + " \\\n  ".join(options)]) + "\n"


def _body(kind: str | None, example: object) -> list[str]:
    if kind == "json":
        return ["--data " + sq(json.dumps(example, separators=(",", ":"), ensure_ascii=False))]
    if kind == "raw":
        return ["--data-binary @body.bin"]
    if kind not in ("form", "multipart") or not isinstance(example, dict):
        return []
    out = []
    for key, value in example.items():
        if isinstance(value, FileValue):
            out.append("-F " + sq(f"{key}=@{key}.bin"))
            continue
        text = query_value(value)
        if kind == "form":
            out.append("--data-urlencode " + sq(f"{key}={text}"))
        else:
            flag = "--form-string" if text[:1] in ("@", "<") or ";" in text else "-F"
            out.append(f"{flag} " + sq(f"{key}={text}"))
    return out


def sq(text: str) -> str:
    """``text`` single-quoted for a POSIX shell."""
    return "'" + text.replace("'", "'\\''") + "'"


def dq(text: str) -> str:
    """``text`` escaped for use inside a double-quoted shell string."""
    for char in ("\\", '"', "$", "`"):
        text = text.replace(char, "\\" + char)
    return text
