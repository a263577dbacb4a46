"""The MCP resources: ``api://overview``, endpoints, schemas and auth, as compact JSON."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote as percent_encode

from mcp.server.mcpserver import MCPServer, ResourceSecurity
from mcp.server.mcpserver.exceptions import ResourceNotFoundError

import drf_mcp_docs.server.render as render
import drf_mcp_docs.server.versioned as versioned
from drf_mcp_docs.server.errors import LookupFailed, closest, did_you_mean
from drf_mcp_docs.server.offload import offload
from drf_mcp_docs.server.overview import auth_answer, overview_answer
from drf_mcp_docs.text import quote

JSON = "application/json"
ENDPOINT_TEMPLATE = "api://endpoints/{method}/{+path}"


async def overview() -> str:
    """The API at a glance: title, version, base URL, counts per tag, auth and paging."""
    return render.compact_json(await overview_answer())


#: Entries per page of ``api://endpoints`` and ``api://schemas``.
PAGE_SIZE = 200


def _offset(value: str | None) -> int:
    if value is None or value == "":
        return 0
    if not value.isdigit():
        raise ResourceNotFoundError(f"offset must be a whole number 0 or more, got {quote(value)}")
    return int(value)


def _listing(answer: dict[str, Any], key: str, base: str, **filters: str | None) -> str:
    """A whole, unfiltered listing as a plain list; otherwise the page object, with the
    URI of the next page (``base`` with ``filters`` and the next offset) while more remain.
    """
    whole = "nextOffset" not in answer and answer["total"] == len(answer[key])
    if whole and not any(filters.values()):
        return render.compact_json(answer[key])
    if "nextOffset" in answer:
        answer["next"] = base + _query(**filters, offset=str(answer["nextOffset"]))
    return render.compact_json(answer)


async def endpoints() -> str:
    """Every endpoint as method, path and summary (paged past 200 or the size budget)."""
    return await endpoints_page()


async def endpoints_page(tag: str | None = None, offset: str | None = None) -> str:
    """Endpoints (of one tag), a page at a time: api://endpoints?tag=T&offset=N."""
    api = (await versioned.documents())[0]  # a versioned API: the default version
    start = _offset(offset)
    if tag and tag.strip().lower() not in (t.lower() for t in api.tags):
        hint = did_you_mean(closest(tag, api.tags))
        raise ResourceNotFoundError(f"no tag {quote(tag)}{hint}")
    answer = await offload("api://endpoints", render.endpoint_page, api, tag, start, PAGE_SIZE)
    return _listing(answer, "endpoints", "api://endpoints", tag=tag)


def _query(**params: str | None) -> str:
    pairs = [f"{k}={percent_encode(v, safe='')}" for k, v in params.items() if v]
    return "?" + "&".join(pairs) if pairs else ""


async def endpoint(method: str, path: str) -> str:
    """One endpoint in full; ``path`` is the documented path without its leading slash."""
    try:
        api, found = await versioned.locate("/" + path.lstrip("/"), method)
    except LookupFailed as exc:
        raise ResourceNotFoundError(str(exc)) from None
    detail = await offload(f"api://endpoints {found.key}", render.endpoint_detail, found, api)
    return render.compact_json(versioned.with_version(detail, api, found))


async def schemas() -> str:
    """Every named data schema with its field count (paged past 200 or the size budget)."""
    return await schemas_page()


async def schemas_page(query: str | None = None, offset: str | None = None) -> str:
    """Schemas whose name or description has every word of the query, a page at a time."""
    api = (await versioned.documents())[0]  # a versioned API: the default version
    start = _offset(offset)
    answer = await offload("api://schemas", render.schema_page, api, query, start, PAGE_SIZE)
    return _listing(answer, "schemas", "api://schemas", query=query)


async def schema(name: str) -> str:
    """One data schema, resolved, with the endpoints that use it."""
    api = (await versioned.documents())[0]  # a versioned API: the default version
    component = api.components.get(name)
    if component is None:
        raise ResourceNotFoundError(
            f"no schema {quote(name)}{did_you_mean(closest(name, api.components))}"
        )
    detail = await offload(f"api://schemas/{name}", render.schema_detail, component, api)
    return render.compact_json(detail)


async def auth() -> str:
    """How to authenticate: each security scheme, where the credential goes, its format."""
    return render.compact_json(auth_answer((await versioned.documents())[0]))


def register_resources(server: MCPServer[Any]) -> None:
    """Add the documentation resources to ``server``."""
    server.resource("api://overview", name="overview", mime_type=JSON)(overview)
    server.resource("api://endpoints", name="endpoints", mime_type=JSON)(endpoints)
    server.resource("api://endpoints{?tag,offset}", name="endpoints_page", mime_type=JSON)(
        endpoints_page
    )
    server.resource(
        ENDPOINT_TEMPLATE,
        name="endpoint",
        description="One endpoint in full, e.g. api://endpoints/GET/api/books/{id}/ (the "
        "documented path after the method).",
        mime_type=JSON,
        # Documented paths are URL paths, never filesystem paths: slashes are expected.
        security=ResourceSecurity(exempt_params={"path"}),
    )(endpoint)
    server.resource("api://schemas", name="schemas", mime_type=JSON)(schemas)
    server.resource("api://schemas{?query,offset}", name="schemas_page", mime_type=JSON)(
        schemas_page
    )
    server.resource("api://schemas/{name}", name="schema", mime_type=JSON)(schema)
    server.resource("api://auth", name="auth", mime_type=JSON)(auth)
