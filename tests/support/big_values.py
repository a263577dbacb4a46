"""900 KB values in every place a request can carry one, for the bounded-error tests.

Each case is ``(name, JSON-RPC body, extra headers, named)``: ``named`` says whether the
answer names the bad value (then it shows its first characters, at most ~100 of them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["BIG", "LIMIT", "cases", "rpc"]

BIG = "a" * 900_000
#: The most error text a 900 KB value may cost.
LIMIT = 4096

TOOLS: dict[str, dict[str, Any]] = {
    "search_endpoints": {"query": "books", "method": None, "tag": None},
    "get_endpoint_detail": {
        "path": "/api/books/",
        "method": "GET",
        "field": None,
        "language": None,
        "client": None,
        "endpoints": None,  # several at once: given alone (ALONE)
    },
    "get_request_example": {"path": "/api/books/", "method": "POST"},
    "get_response_example": {"path": "/api/books/", "method": "GET", "status_code": None},
    "generate_code_snippet": {
        "path": "/api/books/",
        "method": "GET",
        "language": None,
        "client": None,
    },
    "list_schemas": {"query": None, "offset": 0, "limit": 10},
    "get_schema_detail": {"name": "Book", "field": None},
}
#: Arguments whose over-long value is refused without naming it ("query is too long").
UNNAMED = {
    ("search_endpoints", "query"),
    ("get_endpoint_detail", "field"),
    ("get_schema_detail", "field"),
    ("list_schemas", "query"),
}
#: Arguments that replace others: their cases leave those out.
ALONE = {("get_endpoint_detail", "endpoints"): ("path", "method")}
PROMPTS = {
    "typed_client": {"path": "/api/books/", "method": "GET", "language": "python"},
    "client_for_tag": {"tag": "books", "language": "python"},
}
URIS = [
    "api://schemas/" + BIG,
    "api://endpoints/GET/" + BIG,
    "api://endpoints/" + BIG + "/api/books/",
    "x://" + BIG,
    "api://endpoints?tag=" + BIG,
    "api://endpoints?offset=" + BIG,
]


def rpc(method: str, params: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"jsonrpc": "2.0", "id": 1, "method": method}
    if params is not None:
        body["params"] = params
    return body


Case = tuple[str, dict[str, Any], dict[str, str], bool]


def cases() -> Iterator[Case]:
    for tool, defaults in TOOLS.items():
        for arg in defaults:
            named = (tool, arg) not in UNNAMED
            given = {
                k: v
                for k, v in defaults.items()
                if v is not None and k not in ALONE.get((tool, arg), ())
            }
            call = {"name": tool, "arguments": {**given, arg: BIG}}
            yield f"{tool}({arg}=900 KB)", rpc("tools/call", call), {}, named
            call = {"name": tool, "arguments": {**given, arg: [BIG]}}
            yield f"{tool}({arg}=[900 KB])", rpc("tools/call", call), {}, True
        given = {k: v for k, v in defaults.items() if v is not None}
        call = {"name": tool, "arguments": {**given, BIG: 1}}
        yield f"{tool}(<900 KB name>=1)", rpc("tools/call", call), {}, True
    yield "tool name", rpc("tools/call", {"name": BIG, "arguments": {}}), {}, True
    for uri in URIS:
        yield f"resource {uri[:24]}", rpc("resources/read", {"uri": uri}), {}, True
    yield "prompt name", rpc("prompts/get", {"name": BIG, "arguments": {}}), {}, True
    for prompt, defaults in PROMPTS.items():
        for arg in defaults:
            call = {"name": prompt, "arguments": {**defaults, arg: BIG}}
            yield f"prompt {prompt}({arg}=900 KB)", rpc("prompts/get", call), {}, True
        call = {"name": prompt, "arguments": {**defaults, BIG: "x"}}
        yield f"prompt {prompt}(<900 KB name>)", rpc("prompts/get", call), {}, True
    yield "JSON-RPC method", rpc(BIG, {}), {}, True
    yield "JSON-RPC version", {"jsonrpc": BIG, "id": 1, "method": "tools/list"}, {}, False
    for header in ("Mcp-Protocol-Version", "Content-Type", "Accept", "Mcp-Session-Id"):
        yield f"header {header}", rpc("tools/list", {}), {header: BIG}, False
    yield "header Host", rpc("tools/list", {}), {"Host": BIG}, True
    yield "header Origin", rpc("tools/list", {}), {"Origin": BIG}, True
