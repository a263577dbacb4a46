"""The MCP prompts: ready-made requests a person picks in their client (e.g. a slash command).

Each prompt checks its arguments against the API (a wrong path or tag is an error that
names it and suggests valid ones) and hands the agent the exact contract inline, so the
first answer already uses the real field names:

- ``typed_client(path, method, language)``: a typed client function for one endpoint, with
  the endpoint's full detail and a generated snippet to start from.
- ``client_for_tag(tag, language)``: a typed client module for every endpoint of one tag.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.prompts.base import Message, UserMessage
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, EmbeddedResource, TextResourceContents

import drf_mcp_docs.server.render as render
import drf_mcp_docs.server.versioned as versioned
from drf_mcp_docs.conf import CODE_LANGUAGES
from drf_mcp_docs.server.errors import LookupFailed, closest, did_you_mean
from drf_mcp_docs.server.offload import offload
from drf_mcp_docs.text import quote

__all__ = ["register_prompts"]

#: Languages a typed client makes sense in (curl is a command, not a client).
CLIENT_LANGUAGES = tuple(lang for lang in CODE_LANGUAGES if lang != "curl")


def _language(language: str) -> str:
    lang = (language or "typescript").strip().lower()
    if lang not in CLIENT_LANGUAGES:
        hint = did_you_mean(closest(lang, CLIENT_LANGUAGES, n=1))
        raise LookupFailed(
            f"unknown language {quote(language)}{hint} (supported: {', '.join(CLIENT_LANGUAGES)})"
        )
    return lang


def _embedded(uri: str, payload: Any) -> EmbeddedResource:
    return EmbeddedResource(
        type="resource",
        resource=TextResourceContents(
            uri=uri, mime_type="application/json", text=render.compact_json(payload)
        ),
    )


async def typed_client(path: str, method: str, language: str = "typescript") -> list[Message]:
    """Write a typed client function for one endpoint (path, method; language: typescript,
    javascript or python), starting from the endpoint's real contract."""
    from drf_mcp_docs.codegen import generate_snippet

    lang = _language(language)
    api, endpoint = await versioned.locate(path, method)
    snippet = await offload(
        f"typed_client {endpoint.key}",
        generate_snippet,
        api,
        endpoint,
        lang,
        CODE_LANGUAGES[lang][0],
    )
    detail = await offload(f"typed_client {endpoint.key}", render.endpoint_detail, endpoint, api)
    uri = f"api://endpoints/{endpoint.method}{endpoint.path}"
    ask = (
        f"Write a typed {lang} client function for {endpoint.method} {endpoint.path} of this "
        "API. Use exactly the parameters, request body fields and response fields of the "
        "endpoint detail below (read-only fields are never sent; nullable and optional fields "
        "stay so in the types), send the authentication it requires, and turn error "
        "responses into errors the caller can handle. Its 'more' names what it leaves out "
        "and the get_endpoint_detail / get_schema_detail arguments that return it (the error "
        'responses: field="responses"). A generated starting point follows; keep what is '
        "right and fit it to the project's code style."
    )
    return [
        UserMessage(ask),
        UserMessage(_embedded(uri, detail)),
        UserMessage(f"Generated starting point ({lang}):\n\n{snippet}"),
    ]


async def client_for_tag(tag: str, language: str = "typescript") -> list[Message]:
    """Write a typed client module for every endpoint of one tag (language: typescript,
    javascript or python)."""
    lang = _language(language)
    api = (await versioned.documents())[0]  # a versioned API: the default version
    tags = api.tags
    wanted = next((t for t in tags if t.lower() == tag.strip().lower()), None)
    if wanted is None:
        hint = did_you_mean(closest(tag, tags)) or "; tags: " + ", ".join(sorted(tags))
        raise LookupFailed(f"no tag {quote(tag)}{hint}")
    endpoints = [e for e in api.endpoints if wanted in e.tags]
    ask = (
        f"Write a typed {lang} client module for the {wanted!r} endpoints of this API listed "
        "below: one function per endpoint, shared types for the data schemas they use. For "
        "each endpoint call get_endpoint_detail(path, method) and use its exact fields, its "
        "authentication and its pagination; call get_schema_detail for shared schemas."
    )
    listing = [render.endpoint_brief(e) for e in endpoints]
    return [UserMessage(ask), UserMessage(_embedded("api://endpoints", listing))]


PromptFn = Callable[..., Awaitable[list[Message]]]


def _checked(fn: PromptFn) -> PromptFn:
    """Bad arguments become an invalid-params error with our message (the SDK would hide a
    plain exception behind "Internal server error")."""

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> list[Message]:
        try:
            return await fn(*args, **kwargs)
        except (LookupFailed, ValueError) as exc:
            raise MCPError(INVALID_PARAMS, str(exc)) from None

    return wrapper


def register_prompts(server: MCPServer[Any]) -> None:
    """Add the prompts to ``server``."""
    for prompt in (typed_client, client_for_tag):
        description = inspect.cleandoc(prompt.__doc__ or "")
        server.prompt(description=description)(_checked(prompt))
