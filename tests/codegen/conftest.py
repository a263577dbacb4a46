"""Sample API records for the snippet tests: built by hand, no Django needed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drf_mcp_docs.codegen import LANGUAGES, generate_snippet
from drf_mcp_docs.schema.records import (
    ApiSchema,
    AuthScheme,
    Component,
    Endpoint,
    Pagination,
    Parameter,
    RequestBody,
    Response,
)

COMBOS = [(lang, client) for lang, clients in LANGUAGES.items() for client in clients]

BOOK = {
    "type": "object",
    "properties": {
        "id": {"type": "integer", "readOnly": True},
        "title": {"type": "string", "example": "It's a book"},
        "status": {"type": "string", "enum": ["draft", "published"]},
        "author": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "email": {"type": "string"}},
            "required": ["name"],
        },
        "subtitle": {"type": "string", "nullable": True},
        "published_on": {"type": ["string", "null"], "format": "date"},
        "genre": {"oneOf": [{"enum": ["fiction", "poetry"]}, {"enum": [""]}, {"enum": [None]}]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "metadata": {"type": "object", "additionalProperties": {"type": "integer"}},
        "created_at": {"type": "string", "format": "date-time", "readOnly": True},
        "password": {"type": "string", "writeOnly": True},
        "related": {"$ref": "Book"},
    },
    "required": ["id", "title", "author", "created_at"],
}
PAGE = {
    "type": "object",
    "properties": {
        "count": {"type": "integer"},
        "next": {"type": "string", "nullable": True},
        "previous": {"type": "string", "nullable": True},
        "results": {"type": "array", "items": BOOK},
    },
}
TOKEN = AuthScheme("tokenAuth", "apiKey", "", "header", "Authorization", "Token <token>")
COOKIE = AuthScheme("cookieAuth", "apiKey", "", "cookie", "sessionid", "<session cookie>")
BEARER = AuthScheme("jwtAuth", "http", "", "header", "Authorization", "Bearer <token>")
KEY = AuthScheme("keyAuth", "apiKey", "", "header", "X-API-Key", "<api key>")


def endpoint(method: str, path: str, op: str, **kwargs) -> Endpoint:
    defaults = dict(
        summary="",
        description="",
        tags=("books",),
        parameters=(),
        request_body=None,
        responses=(Response("200", "OK", "application/json", {"type": "object"}),),
        security=("cookieAuth", "tokenAuth"),
        auth_optional=False,
        deprecated=False,
        pagination=None,
    )
    return Endpoint(method=method, path=path, operation_id=op, **{**defaults, **kwargs})


ID = Parameter("id", "path", True, {"type": "integer"})
ENDPOINTS = {
    "list": endpoint(
        "GET",
        "/api/books/",
        "books_list",
        parameters=(
            Parameter("author", "query", True, {"type": "integer"}),
            Parameter("search", "query", False, {"type": "string"}),
            Parameter("page", "query", False, {"type": "integer"}),
        ),
        responses=(Response("200", "OK", "application/json", PAGE),),
        pagination=Pagination("page_number", ("page",)),
    ),
    "create": endpoint(
        "POST",
        "/api/books/",
        "books_create",
        request_body=RequestBody("application/json", BOOK, True),
        responses=(Response("201", "Created", "application/json", BOOK),),
    ),
    "delete": endpoint(
        "DELETE",
        "/api/books/{id}/",
        "books_destroy",
        parameters=(ID,),
        request_body=RequestBody("application/json", BOOK, True),
        responses=(Response("204", "No content", None, None),),
    ),
    "upload": endpoint(
        "PUT",
        "/api/books/{id}/cover/",
        "books_cover_update",
        parameters=(ID,),
        request_body=RequestBody(
            "multipart/form-data",
            {
                "type": "object",
                "properties": {
                    "cover": {"type": "string", "format": "binary"},
                    "caption": {"type": "string", "example": "@front; it's"},
                },
                "required": ["cover"],
            },
            True,
        ),
    ),
    "form": endpoint(
        "POST",
        "/api/login/",
        "login_create",
        request_body=RequestBody(
            "application/x-www-form-urlencoded",
            {"type": "object", "properties": {"username": {"type": "string"}}},
            True,
        ),
        security=("jwtAuth",),
    ),
    "public": endpoint(
        "GET",
        "/status/{slug}",
        "status-check",
        parameters=(Parameter("slug", "path", True, {"type": "string"}),),
        responses=(Response("200", "OK", "application/json", {"type": "array", "items": BOOK}),),
        security=(),
    ),
    "cursor": endpoint(
        "GET",
        "/api/events/",
        "events_list",
        parameters=(Parameter("cursor", "query", False, {"type": "string"}),),
        responses=(Response("200", "OK", "application/json", PAGE),),
        pagination=Pagination("cursor", ("cursor",)),
        security=("keyAuth",),
    ),
    "cookie": endpoint("GET", "/api/me/", "me_retrieve", security=("cookieAuth",)),
}
API = ApiSchema(
    title="Books",
    version="1",
    description="",
    base_url="",
    endpoints=tuple(ENDPOINTS.values()),
    components={"Book": Component("Book", "", BOOK, ())},
    auth_schemes={s.name: s for s in (TOKEN, COOKIE, BEARER, KEY)},
)
REMOTE = ApiSchema("Remote", "1", "", "https://api.example.com/v1/", (), {}, {})


@pytest.fixture
def remote_api() -> ApiSchema:
    """An API whose schema names an absolute server URL with a path."""
    return REMOTE


def make_snippet(name: str, language: str, client: str, api: ApiSchema = API) -> str:
    return generate_snippet(api, ENDPOINTS[name], language, client)


@pytest.fixture
def snippet() -> Callable[..., str]:
    """``snippet(name, language, client)``: the code for one sample endpoint."""
    return make_snippet


@pytest.fixture
def api() -> ApiSchema:
    """The sample API (empty base URL, four auth schemes, a ``Book`` component)."""
    return API


@pytest.fixture
def endpoints() -> dict[str, Endpoint]:
    """The sample endpoints by short name."""
    return ENDPOINTS
