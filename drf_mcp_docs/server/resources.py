"""The MCP resources: ``api://overview``, endpoints, schemas and auth, as compact JSON."""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver import MCPServer, ResourceSecurity
from mcp.server.mcpserver.exceptions import ResourceNotFoundError

from drf_mcp_docs.schema.cache import schema_cache
from drf_mcp_docs.server import render
from drf_mcp_docs.server.errors import LookupFailed, closest, did_you_mean, find_endpoint
from drf_mcp_docs.server.origin import api_base_url

JSON = "application/json"
ENDPOINT_TEMPLATE = "api://endpoints/{method}/{+path}"


async def overview() -> str:
    """The API at a glance: title, version, base URL, counts per tag, auth and paging."""
    api = await schema_cache.aget()
    return render.compact_json(render.overview(api, api_base_url(api)[0]))


async def endpoints() -> str:
    """Every endpoint as method, path and summary."""
    api = await schema_cache.aget()
    return render.compact_json([render.endpoint_brief(e) for e in api.endpoints])


async def endpoint(method: str, path: str) -> str:
    """One endpoint in full; ``path`` is the documented path without its leading slash."""
    api = await schema_cache.aget()
    try:
        found = find_endpoint(api, "/" + path.lstrip("/"), method)
    except LookupFailed as exc:
        raise ResourceNotFoundError(str(exc)) from None
    return render.compact_json(render.endpoint_detail(found))


async def schemas() -> str:
    """Every named data schema with its field count."""
    api = await schema_cache.aget()
    return render.compact_json([render.schema_brief(c) for c in api.components.values()])


async def schema(name: str) -> str:
    """One data schema, resolved, with the endpoints that use it."""
    api = await schema_cache.aget()
    component = api.components.get(name)
    if component is None:
        raise ResourceNotFoundError(
            f"no schema {name!r}{did_you_mean(closest(name, api.components))}"
        )
    return render.compact_json(render.schema_detail(component))


async def auth() -> str:
    """How to authenticate: each security scheme, where the credential goes, its format."""
    api = await schema_cache.aget()
    schemes: list[dict[str, Any]] = [render.auth_scheme(s) for s in api.auth_schemes.values()]
    public = [e.key for e in api.endpoints if not e.security]
    return render.compact_json({"schemes": schemes, "publicEndpoints": public})


def register_resources(server: MCPServer[Any]) -> None:
    """Add the documentation resources to ``server``."""
    server.resource("api://overview", name="overview", mime_type=JSON)(overview)
    server.resource("api://endpoints", name="endpoints", mime_type=JSON)(endpoints)
    server.resource(
        ENDPOINT_TEMPLATE,
        name="endpoint",
        mime_type=JSON,
        # Documented paths are URL paths, never filesystem paths: slashes are expected.
        security=ResourceSecurity(exempt_params={"path"}),
    )(endpoint)
    server.resource("api://schemas", name="schemas", mime_type=JSON)(schemas)
    server.resource("api://schemas/{name}", name="schema", mime_type=JSON)(schema)
    server.resource("api://auth", name="auth", mime_type=JSON)(auth)
