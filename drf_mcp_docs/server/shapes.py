"""The tools' output shapes: the ``structuredContent`` each tool returns, as its output
schema publishes it."""

from __future__ import annotations

from typing import Any

from typing_extensions import NotRequired, TypedDict


class Versioned(TypedDict):
    """The base of every tool answer that may name an API version (a versioned endpoint's,
    or the version a schema listing comes from)."""

    version: NotRequired[str]


class SearchResult(TypedDict):
    """``results``: one line per hit, ``METHOD path summary [version v2, deprecated]``
    (``render.search_hit``; a word search's hits past the fifth of a page without their
    summary). A list of queries answers ``searches``: each query's page, or its error."""

    total: NotRequired[int]
    results: NotRequired[list[str]]
    nextOffset: NotRequired[int]
    searches: NotRequired[list[dict[str, Any]]]
    more: NotRequired[dict[str, Any]]


class EndpointDetail(Versioned):
    method: NotRequired[str]
    path: NotRequired[str]
    # Several endpoints (``endpoints=[...]``): each one's default answer, or its error.
    endpoints: NotRequired[list[dict[str, Any]]]
    shared: NotRequired[dict[str, Any]]
    field: NotRequired[str]
    schema: NotRequired[Any]
    summary: NotRequired[str]
    description: NotRequired[str]
    tags: NotRequired[list[str]]
    auth: NotRequired[list[str]]
    authOptional: NotRequired[bool]
    deprecated: NotRequired[bool]
    # Type notation by location ({"path": {"id": "integer"}, "query": {...}, "filters": ...}).
    parameters: NotRequired[dict[str, Any]]
    requestBody: NotRequired[dict[str, Any]]
    success: NotRequired[dict[str, Any]]
    responses: NotRequired[dict[str, Any]]
    pagination: NotRequired[dict[str, Any]]
    snippet: NotRequired[dict[str, Any]]
    more: NotRequired[dict[str, Any]]
    # A part (``field``): its text a page at a time, or its schema.
    name: NotRequired[str]
    status: NotRequired[str]
    contentType: NotRequired[str]
    required: NotRequired[bool]
    page: NotRequired[int]
    pages: NotRequired[int]


class RequestExample(Versioned):
    method: str
    path: str
    pathParams: NotRequired[dict[str, Any]]
    query: NotRequired[dict[str, Any]]
    contentType: NotRequired[str]
    body: NotRequired[Any]
    exampleSource: NotRequired[str]
    optional: NotRequired[str]
    partial: NotRequired[str]
    variants: NotRequired[dict[str, Any]]
    folded: NotRequired[str]


class ResponseExample(Versioned):
    method: str
    path: str
    status: str
    description: NotRequired[str]
    contentType: NotRequired[str]
    body: NotRequired[Any]
    exampleSource: NotRequired[str]
    variants: NotRequired[dict[str, Any]]
    folded: NotRequired[str]


class CodeSnippet(Versioned):
    language: str
    client: str
    code: str


class SchemaBrief(TypedDict):
    name: str
    fields: NotRequired[int]
    enum: NotRequired[int]
    description: NotRequired[str]


class SchemaList(Versioned):
    total: int
    schemas: list[SchemaBrief]
    nextOffset: NotRequired[int]


class SchemaDetail(Versioned):
    name: str
    field: NotRequired[str]
    description: NotRequired[str]
    page: NotRequired[int]
    pages: NotRequired[int]
    schema: NotRequired[Any]
    usedBy: NotRequired[list[str]]
    usedByCount: NotRequired[int]
    more: NotRequired[dict[str, Any]]
