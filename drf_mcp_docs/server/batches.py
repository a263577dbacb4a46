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


async def details(values: Any, detail: Detail, version: str | None) -> dict[str, Any]:
    """The default answer of each endpoint ``values`` names, under ``endpoints``."""
    items = _items(values, "endpoints", '["GET /api/books/", "POST /api/books/"]')
    await versioned.documents(version)  # an unknown version: one error, not one per item
    found: list[tuple[str, Any]] = []  # ("error", entry) or ("endpoint", (api, endpoint))
    failed: list[str] = []
    seen: set[str] = set()
    for item in items:
        try:
            method, path = parse_endpoint(item)
            api, endpoint = await versioned.locate(path, method, version)
        except LookupFailed as exc:
            found.append(("error", {"endpoint": clip(item), "error": str(exc)}))
            failed.append(str(exc))
            continue
        if endpoint.key not in seen:
            seen.add(endpoint.key)
            found.append(("endpoint", (api, endpoint)))
    if len(failed) == len(found):
        raise LookupFailed("; ".join(failed))
    room = _room(found, [e.key for kind, (_, e) in _endpoints(found)])
    answers: list[dict[str, Any]] = []
    left: list[str] = []
    for kind, value in found:
        if kind == "error":
            answers.append(value)
            continue
        api, endpoint = value
        if left:
            left.append(endpoint.key)
            continue
        answer = versioned.with_version(await detail(api, endpoint), api, endpoint)
        if room.full(size(answer)):
            left.append(endpoint.key)
            continue
        answers.append(answer)
    shared = share(answers)
    answer_: dict[str, Any] = {"shared": shared} if shared else {}
    answer_["endpoints"] = answers
    if left:
        answer_["more"] = {"endpoints": _more("endpoints", left)}
    return answer_


def _endpoints(found: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(kind, value) for kind, value in found if kind == "endpoint"]


class _Room:
    """What is left of the answer's budget. An item that doesn't fit is named in ``more``
    (asked alone, it answers as its own call does), unless it is the only one."""

    def __init__(self, budget: int, alone: bool) -> None:
        self.left = budget
        self.alone = alone

    def full(self, needed: int) -> bool:
        if needed > self.left and not self.alone:
            return True
        self.left -= needed
        return False


def _room(found: list[tuple[str, Any]], names: list[str]) -> _Room:
    """The budget for the answers: what the errors and the names ``more`` may list leave."""
    errors = sum(size(value) for kind, value in found if kind == "error")
    return _Room(ANSWER_BUDGET - errors - size(names), alone=len(found) == 1)


def searches(values: Any, search: Search) -> dict[str, Any]:
    """One search page per query of ``values``, under ``searches``. Every query is run (a
    search costs well under a millisecond), so a query ``more`` names is a valid one."""
    found: list[tuple[str, Any]] = []
    failed: list[str] = []
    for query in _items(values, "query", '["create a book", "list authors"]'):
        try:
            found.append(("page", {"query": clip(query), **search(query)}))
        except LookupFailed as exc:
            found.append(("error", {"query": clip(query), "error": str(exc)}))
            failed.append(f"query {quote(query)}: {exc}")
    if len(failed) == len(found):
        raise LookupFailed("; ".join(failed))
    queries = [q for q, (kind, _) in zip(values, found, strict=True) if kind == "page"]
    room = _room(found, queries)
    pages: list[dict[str, Any]] = []
    left: list[str] = []
    for query, (kind, page) in zip(values, found, strict=True):
        if kind == "error":
            pages.append(page)
        elif left or room.full(size(page)):
            left.append(query)
        else:
            pages.append(page)
    answer: dict[str, Any] = {"searches": pages}
    if left:
        answer["more"] = {"query": _more("query", left)}
    return answer
