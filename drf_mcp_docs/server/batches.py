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
    if len(words) < 2:
        raise LookupFailed(f'{quote(item)} is not "METHOD /path", e.g. "GET /api/books/"')
    return words[0], words[1]


def _more(name: str, left: list[str]) -> str:
    listed = json.dumps(left, ensure_ascii=False, separators=(",", ":"))
    return f"{name}={listed} (left out: this answer's size limit; the other arguments alike)"


#: What a batch gathered, in order: ``(name, value)`` for an item that answers (``name`` as
#: ``more`` lists it), ``(None, entry)`` for one that answers its error.
Found = list[tuple[str | None, Any]]


async def details(values: Any, detail: Detail, version: str | None) -> dict[str, Any]:
    """The default answer of each endpoint ``values`` names, under ``endpoints``."""
    items = _items(values, "endpoints", '["GET /api/books/", "POST /api/books/"]')
    await versioned.documents(version)  # an unknown version: one error, not one per item
    found: Found = []
    failed: list[str] = []
    seen: set[str] = set()
    for item in items:
        try:
            method, path = parse_endpoint(item)
            api, endpoint = await versioned.locate(path, method, version)
        except LookupFailed as exc:
            found.append((None, {"endpoint": clip(item), "error": str(exc)}))
            failed.append(str(exc))
            continue
        if endpoint.key not in seen:
            seen.add(endpoint.key)
            found.append((endpoint.key, (api, endpoint)))

    async def answer(located: tuple[ApiSchema, Endpoint]) -> dict[str, Any]:
        api, endpoint = located
        return versioned.with_version(await detail(api, endpoint), api, endpoint)

    answers, left = await _pack(found, failed, answer)
    shared = share(answers)
    packed: dict[str, Any] = {"shared": shared} if shared else {}
    packed["endpoints"] = answers
    if left:
        packed["more"] = {"endpoints": _more("endpoints", left)}
    return packed


async def searches(values: Any, search: Search) -> dict[str, Any]:
    """One search page per query of ``values``, under ``searches``. Every query is run (a
    search costs well under a millisecond), so a query ``more`` names is a valid one."""
    found: Found = []
    failed: list[str] = []
    for query in _items(values, "query", '["create a book", "list authors"]'):
        try:
            found.append((query, {"query": clip(query), **search(query)}))
        except LookupFailed as exc:
            found.append((None, {"query": clip(query), "error": str(exc)}))
            failed.append(f"query {quote(query)}: {exc}")

    async def page(ready: dict[str, Any]) -> dict[str, Any]:
        return ready

    pages, left = await _pack(found, failed, page)
    packed: dict[str, Any] = {"searches": pages}
    if left:
        packed["more"] = {"query": _more("query", left)}
    return packed


async def _pack(
    found: Found, failed: list[str], answer: Callable[[Any], Awaitable[dict[str, Any]]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The answers that fit the size limit, in order, errors in their place, and the names
    of the items left out. The errors and those names are counted first; an item that
    doesn't fit is named (asked alone, it answers as its own call does), unless it is the
    only one. Every item an error: one error naming each."""
    if len(failed) == len(found):
        raise LookupFailed("; ".join(failed))
    names = [name for name, _ in found if name is not None]
    errors = sum(size(value) for name, value in found if name is None)
    room = ANSWER_BUDGET - errors - size(names)
    answers: list[dict[str, Any]] = []
    left: list[str] = []
    for name, value in found:
        if name is None:
            answers.append(value)
        elif left:
            left.append(name)
        else:
            made = await answer(value)
            needed = size(made)
            if needed > room and len(found) > 1:
                left.append(name)
            else:
                room -= needed
                answers.append(made)
    return answers, left
