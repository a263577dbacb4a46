"""curl snippets: one shell command with example values filled in."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from drf_mcp_docs.codegen.auth import PASSWORD_VAR, TOKEN_VAR, USER_VAR, Auth
from drf_mcp_docs.codegen.common import (
    Plan,
    Query,
    form_pairs,
    keeps_slashes,
    make_plan,
    query_value,
    split_path,
)
from drf_mcp_docs.codegen.syntax import FileValue
from drf_mcp_docs.codegen.values import example_value
from drf_mcp_docs.schema.records import ApiSchema, Endpoint


def generate(
    api: ApiSchema,
    endpoint: Endpoint,
    language: str,
    client: str,
    base: tuple[str, str] | None = None,
) -> str:
    """A curl command calling ``endpoint``, reading credentials from the environment."""
    plan = make_plan(api, endpoint, base)
    lines = [f'BASE_URL="${{BASE_URL:-{dq(plan.base_url)}}}"']
    for note in (plan.base_note, plan.auth_note, plan.body_note):
        if note:
            lines.append(f"# {note}")
    if plan.optional_query:
        lines.append(f"# Optional query params: {plan.optional_names}")
    if plan.pagination:
        lines.append('# Paginated: request each response\'s "next" URL until it is null')
    params = {p.name: p for p in plan.path_params}
    # A value is one path segment, percent-encoded; a multi-segment one keeps its slashes.
    path = "".join(
        dq(
            quote(
                query_value(example_value(params[text])),
                safe="/" if keeps_slashes(params[text]) else "",
            )
        )
        if is_param
        else dq(text)
        for text, is_param in split_path(plan.path)
    )
    pairs = [pair for q in plan.query for pair in _query_pairs(q)]
    query = dq(urlencode(pairs))
    auth = plan.auth
    url = f'"$BASE_URL{path}{"?" + query if query else ""}'
    if auth and auth.kind == "query":
        lines.append(f"# {_auth_comment(auth)}")
        pair = ("&" if query else "?") + f"{dq(quote(auth.name))}=${TOKEN_VAR}"
        url += f"${{{TOKEN_VAR}:+{pair}}}" if auth.optional else pair
    url += '"'
    options = [("-I " if plan.method == "HEAD" else f"-X {plan.method} ") + url]
    if auth:
        option = _auth_option(auth)
        if option and auth.optional:
            guard = auth.guard
            lines.append(f"# Auth is optional: the credential is sent only when ${guard} is set")
            option = f"${{{guard}:+{option}}}"
        if option:
            options.append(option)
    if plan.body_kind in ("json", "raw"):
        options.append(f'-H "Content-Type: {dq(plan.content_type or "")}"')
    options += [f'-H "{dq(name)}: {dq(value)}"' for name, value in plan.headers]
    options += _body(plan)
    return "\n".join([*lines, "curl " + " \\\n  ".join(options)]) + "\n"


def _auth_comment(auth: Auth) -> str:
    return f"{auth.scheme}: the API key goes in the query parameter {auth.name!r}"


def _auth_option(auth: Auth) -> str:
    if auth.kind == "basic":
        return f'-u "${USER_VAR}:${PASSWORD_VAR}"'
    if auth.kind == "cookie":
        return f'-b "{dq(auth.name)}=${TOKEN_VAR}"'
    if auth.kind == "header":
        prefix, suffix = dq(auth.prefix), dq(auth.suffix)
        return f'-H "{dq(auth.name)}: {prefix}${TOKEN_VAR}{suffix}"'
    return ""


def _query_pairs(query: Query) -> list[tuple[str, str]]:
    value = example_value(query.param)
    if query.shape == "array" and isinstance(value, list):
        if not query.explode:
            return [(query.name, query.separator.join(query_value(v) for v in value))]
        if query.style == "deepObject":
            return form_pairs(query.name, value, True)
        return [(query.name, query_value(v)) for v in value]
    if query.shape == "object" and isinstance(value, dict):
        if query.style == "deepObject":
            return form_pairs(query.name, value, True)
        if query.explode:
            return [(str(k), query_value(v)) for k, v in value.items()]
        flat = [query_value(x) for pair in value.items() for x in pair]
        return [(query.name, ",".join(flat))]
    return [(query.name, query_value(value))]


def _body(plan: Plan) -> list[str]:
    kind, example = plan.body_kind, plan.body_example
    if kind == "json":
        return ["--data " + sq(json.dumps(example, separators=(",", ":"), ensure_ascii=False))]
    if kind == "raw":
        return ["--data-binary @body.bin"]
    if kind not in ("form", "multipart") or not isinstance(example, dict):
        return []
    out = []
    for key, value in example.items():
        if isinstance(value, FileValue) or (
            isinstance(value, list) and value and isinstance(value[0], FileValue)
        ):
            out.append("-F " + sq(f"{key}=@{key}.bin"))
            continue
        if kind == "form":
            pairs = form_pairs(key, value, key in plan.form_deep)
            out += ["--data-urlencode " + sq(f"{k}={v}") for k, v in pairs]
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            text = (
                json.dumps(item, ensure_ascii=False)
                if isinstance(item, (dict, list))
                else query_value(item)
            )
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
