"""The bodies of the example and snippet tools, run in worker threads (see ``offload``).

Records keep named schemas as ``{"$ref": "Name"}`` leaves; the example builder and the
snippet generators get them expanded a bounded number of levels (``ApiSchema.inline``,
shared and cached), and an example too big for one answer is rebuilt shallower.
"""

from __future__ import annotations

from typing import Any

import drf_mcp_docs.server.fold as fold
from drf_mcp_docs.schema.examples import build_example
from drf_mcp_docs.schema.records import (
    INLINE_DEPTH,
    ApiSchema,
    Endpoint,
    Response,
)

#: Nested named schemas expanded in the endpoint given to the snippet generators.


def path_params(api: ApiSchema, endpoint: Endpoint) -> dict[str, Any]:
    return {
        p.name: build_example(api.inline(p.schema), for_request=True, name=p.name)
        for p in endpoint.parameters
        if p.location == "path"
    }


def request_example(api: ApiSchema, endpoint: Endpoint) -> dict[str, Any]:
    out: dict[str, Any] = {"method": endpoint.method, "path": endpoint.path}
    params = path_params(api, endpoint)
    if params:
        out["pathParams"] = params
    query = {
        p.name: build_example(api.inline(p.schema), for_request=True, name=p.name)
        for p in endpoint.parameters
        if p.location == "query" and p.required
    }
    if query:
        out["query"] = query
    if endpoint.request_body is not None:
        out["contentType"] = endpoint.request_body.content_type
        out["body"] = bounded_example(api, endpoint.request_body.schema, True, out)
    return out


def bounded_example(api: ApiSchema, schema: Any, for_request: bool, rest: dict[str, Any]) -> Any:
    """An example of ``schema`` whose answer fits the budget: nested schemas cut shallower."""
    room = fold.ANSWER_BUDGET - fold.size(rest)
    example: Any = None
    for depth in range(INLINE_DEPTH, -1, -1):
        example = build_example(api.inline(schema, depth), for_request=for_request)
        if fold.size(example) <= room:
            return example
    return example


def response_example(api: ApiSchema, endpoint: Endpoint, response: Response) -> dict[str, Any]:
    out: dict[str, Any] = {"method": endpoint.method, "path": endpoint.path}
    out["status"] = response.status
    if response.description:
        out["description"] = response.description[:2000]
    if response.schema:
        out["contentType"] = response.content_type
        out["body"] = bounded_example(api, response.schema, False, out)
    return out
