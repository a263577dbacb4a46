"""The bodies of the example tools, run in worker threads (see ``offload``).

Bodies come from ``schema.examples`` (the schema's own examples when they fit, else a
value generated from the schema, following ``{"$ref": "Name"}`` leaves through the API's
components). A generated request body is the smallest valid one, its required fields, so
that what an agent copies sends nothing the task did not ask for; the answer counts the
optional fields it left out (the endpoint's detail lists them). An example too big for
one answer is shortened, and the answer says so.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import drf_mcp_docs.server.fold as fold
from drf_mcp_docs.codegen.expand import all_of_parts, expand_ref, merged_object
from drf_mcp_docs.schema.examples import build_example, component_schemas, endpoint_example, trim
from drf_mcp_docs.schema.records import ApiSchema, Endpoint, Response
from drf_mcp_docs.server.contract import PARTIAL_NOTE, puts_body
from drf_mcp_docs.server.subtypes import subtypes

#: Said under ``folded`` when a body had to be cut to a depth to fit one answer.
_FOLD_NOTE = (
    "the example was cut to fit one answer: nested objects past this depth are left out; "
    "call get_schema_detail for their schemas"
)


def param_examples(api: ApiSchema, endpoint: Endpoint, *, required_query: bool) -> dict[str, Any]:
    """Path parameters, or required query parameters, with example values."""
    components = component_schemas(api)
    return {
        p.name: build_example(
            p.schema,
            for_request=True,
            name=p.name,
            components=components,
            openapi_version=api.openapi_version,
        )
        for p in endpoint.parameters
        if ((p.location == "query" and p.required) if required_query else p.location == "path")
    }


def request_example(api: ApiSchema, endpoint: Endpoint) -> dict[str, Any]:
    out: dict[str, Any] = {"method": endpoint.method, "path": endpoint.path}
    path_params = param_examples(api, endpoint, required_query=False)
    if path_params:
        out["pathParams"] = path_params
    query = param_examples(api, endpoint, required_query=True)
    if query:
        out["query"] = query
    if endpoint.request_body is not None:
        out["contentType"] = endpoint.request_body.content_type
        _body(api, endpoint, None, out)
        _required_only(api, endpoint.request_body.schema, out)
        if puts_body(endpoint, api):  # the PUT's required fields are not a PATCH's
            out["partial"] = PARTIAL_NOTE
    return out


def _required_only(api: ApiSchema, schema: Any, out: dict[str, Any]) -> None:
    """Keep a generated object body's required fields, counting the optional ones left out
    (a documented example, a polymorphic body, one with no required field, and one whose
    optional fields take fewer bytes than the note saying so stay whole)."""
    body = out.get("body")
    if out.get("exampleSource") != "generated" or "variants" in out or not isinstance(body, dict):
        return
    schema = expand_ref(api, schema)
    if isinstance(schema, dict) and "allOf" in schema:
        own = {k: v for k, v in schema.items() if k != "allOf"}  # required beside the allOf
        merged = merged_object([*all_of_parts(api, schema), own])
        if merged is None:
            return
        schema = merged
    required = schema.get("required") if isinstance(schema, dict) else None
    props = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(required, list) or not isinstance(props, dict):
        return
    kept = {key: value for key, value in body.items() if key in required}
    if not kept or len(kept) == len(body):
        return
    left = sum(1 for key, prop in props.items() if key not in required and not _read_only(prop))
    note = (
        f"{left} optional field{'s' if left > 1 else ''} left out; "
        "get_endpoint_detail(path, method) lists every field"
    )
    if fold.size(kept) + fold.size(note) < fold.size(body):  # else the whole body is shorter
        out["body"] = kept
        out["optional"] = note


def _read_only(prop: Any) -> bool:
    return isinstance(prop, dict) and prop.get("readOnly") is True


def response_example(api: ApiSchema, endpoint: Endpoint, response: Response) -> dict[str, Any]:
    out: dict[str, Any] = {"method": endpoint.method, "path": endpoint.path}
    out["status"] = response.status
    if response.description:
        out["description"] = response.description[:2000]
    if response.schema or response.examples:
        out["contentType"] = response.content_type
        _body(api, endpoint, response.status, out)
    return out


def _body(api: ApiSchema, endpoint: Endpoint, status: str | None, out: dict[str, Any]) -> None:
    """Add the body example, who wrote it and the polymorphic variants to ``out``."""
    example = endpoint_example(
        endpoint,
        status,
        components=component_schemas(api),
        base_url=api.base_url,
        openapi_version=api.openapi_version,
        subtypes=partial(subtypes, api),
    )
    if example is None:
        return
    if example.variants is not None:
        out["variants"] = example.variants.as_dict()
    out["exampleSource"] = example.source
    out["body"] = _fitted(example.value, out)


def _fitted(value: Any, rest: dict[str, Any]) -> Any:
    """``value`` when the answer fits the budget; else its lists cut to one item; else cut
    to the depth that fits, with a note under ``folded``."""
    room = fold.ANSWER_BUDGET - fold.size(rest)
    if fold.size(value) <= room:
        return value
    value = trim(value)
    if fold.size(value) <= room:
        return value
    for depth in range(6, 0, -1):
        cut = _cut(value, depth)
        if fold.size(cut) <= room - len(_FOLD_NOTE) - 40:
            rest["folded"] = f"{_FOLD_NOTE} (depth {depth})"
            return cut
    rest["folded"] = f"{_FOLD_NOTE} (depth 0)"
    return {}


def _cut(value: Any, depth: int) -> Any:
    if isinstance(value, dict):
        if depth <= 0:
            return {}
        return {k: _cut(v, depth - 1) for k, v in value.items()}
    if isinstance(value, list):
        if depth <= 0:
            return []
        return [_cut(v, depth - 1) for v in value]
    return value
