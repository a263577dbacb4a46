"""Several searches or endpoint details in one call.

An agent with a handful of tasks reads what each needs in one call per step instead of one
per task: ``search_endpoints(query=[...])`` and ``get_endpoint_detail(endpoints=[...])``.
Each item's answer is the one a single call would give, in the order asked; an item that
names nothing gets its own error beside the others' answers. The answers go in while they
fit the design's size limit; the rest are named, with the exact argument that returns them.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import drf_mcp_docs.server.versioned as versioned
from drf_mcp_docs.schema.records import ApiSchema, Endpoint
from drf_mcp_docs.server.errors import LookupFailed, ToolInputError
from drf_mcp_docs.server.fold import ANSWER_BUDGET, size
from drf_mcp_docs.server.shared import share
from drf_mcp_docs.text import clip, quote

#: Items per call: enough for the tasks an agent holds at once, few enough to stay bounded.
MAX_ITEMS = 20

Detail = Callable[[ApiSchema, Endpoint], Awaitable[dict[str, Any]]]
Search = Callable[[str], dict[str, Any]]


def _items(values: Any, name: str, example: str) -> list[str]:
    if not isinstance(values, list) or not values:
        raise ToolInputError(f"{name} must be a non-empty list, e.g. {name}={example}")
    if len(values) > MAX_ITEMS:
        raise ToolInputError(
            f"{name} holds {len(values)} items; at most {MAX_ITEMS} per call: split them"
        )
    for value in values:
        if not isinstance(value, str):
            raise ToolInputError(f"each of {name} must be a string, got {quote(value)}")
    return values


def parse_endpoint(item: str) -> tuple[str, str]:
    """``(method, path)`` of ``"GET /api/books/"``; what follows the path (a search hit's
    summary) is ignored, so a hit's line can be passed as it is."""
    words = item.split()
    if len(words) < 2 or not words[1].startswith("/"):
        raise LookupFailed(f'{quote(item)} is not "METHOD /path", e.g. "GET /api/books/"')
    return words[0], words[1]


def _more(name: str, left: list[str]) -> str:
    listed = json.dumps(left, ensure_ascii=False, separators=(",", ":"))
    return f"{name}={listed} (left out: this answer's size limit)"


async def details(values: Any, detail: Detail, version: str | None) -> dict[str, Any]:
    """The default answer of each endpoint ``values`` names, under ``endpoints``."""
    answers: list[dict[str, Any]] = []
    failed: list[str] = []
    left: list[str] = []
    seen: set[str] = set()
    used = 0
    for item in _items(values, "endpoints", '["GET /api/books/", "POST /api/books/"]'):
        try:
            method, path = parse_endpoint(item)
            api, endpoint = await versioned.locate(path, method, version)
        except LookupFailed as exc:
            answers.append({"endpoint": clip(item), "error": str(exc)})
            failed.append(str(exc))
            continue
        if endpoint.key in seen:
            continue
        seen.add(endpoint.key)
        if left:
            left.append(endpoint.key)
            continue
        answer = versioned.with_version(await detail(api, endpoint), api, endpoint)
        if used and used + size(answer) > ANSWER_BUDGET:
            left.append(endpoint.key)
            continue
        answers.append(answer)
        used += size(answer)
    if len(failed) == len(answers):
        raise LookupFailed("; ".join(failed))
    shared = share(answers)
    found: dict[str, Any] = {"shared": shared} if shared else {}
    found["endpoints"] = answers
    if left:
        found["more"] = {"endpoints": _more("endpoints", left)}
    return found


def searches(values: Any, search: Search) -> dict[str, Any]:
    """One search page per query of ``values``, under ``searches``."""
    pages: list[dict[str, Any]] = []
    failed: list[str] = []
    left: list[str] = []
    used = 0
    for query in _items(values, "query", '["create a book", "list authors"]'):
        if left:
            left.append(query)
            continue
        try:
            page = {"query": clip(query), **search(query)}
        except LookupFailed as exc:
            pages.append({"query": clip(query), "error": str(exc)})
            failed.append(f"query {quote(query)}: {exc}")
            continue
        if used and used + size(page) > ANSWER_BUDGET:
            left.append(query)
            continue
        pages.append(page)
        used += size(page)
    if len(failed) == len(pages):
        raise LookupFailed("; ".join(failed))
    found: dict[str, Any] = {"searches": pages}
    if left:
        found["more"] = {"query": _more("query", left)}
    return found
