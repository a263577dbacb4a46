"""The API at a glance, as ``api://overview`` and the ``get_api_overview`` tool both answer it.

One function renders it (:func:`overview_answer`), so the resource and the tool can never
drift apart: clients that use tools only (many do) see every fact the resource holds.
"""

from __future__ import annotations

from typing import Any

from typing_extensions import NotRequired, TypedDict

import drf_mcp_docs.server.render as render
import drf_mcp_docs.server.versioned as versioned
from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.server.origin import api_base_url

__all__ = ["PUBLIC_LISTED", "ApiOverview", "auth_answer", "overview_answer"]


class ApiOverview(TypedDict):
    """The output schema of ``get_api_overview``."""

    title: NotRequired[str]
    version: NotRequired[str]
    description: NotRequired[str]
    baseUrl: NotRequired[str]
    endpoints: int
    pathsOutsidePrefix: NotRequired[int]
    schemas: int
    tags: dict[str, int]
    auth: list[dict[str, Any]]
    pagination: NotRequired[list[str]]
    publicEndpoints: list[str]
    publicEndpointCount: NotRequired[int]
    versions: NotRequired[list[str]]
    defaultVersion: NotRequired[str]
    versioning: NotRequired[dict[str, str]]


#: Public endpoints listed by name (the count is given past it): by ``api://auth``, and by
#: the overview, which every agent reads once (GitHub's document declares no security:
#: its first 100 took 5 of the overview's 6.2 KB). Each endpoint's ``auth`` says it too.
PUBLIC_LISTED = 100
PUBLIC_IN_OVERVIEW = 10


def public_endpoints(api: ApiSchema, listed: int = PUBLIC_LISTED) -> dict[str, Any]:
    """The endpoints that need no credential: their keys (up to ``listed``) and, past that,
    a count."""
    public = [e.key for e in api.endpoints if not e.security]
    answer: dict[str, Any] = {"publicEndpoints": public[:listed]}
    if len(public) > listed:
        answer["publicEndpointCount"] = len(public)
    return answer


def auth_answer(api: ApiSchema) -> dict[str, Any]:
    """``api://auth``: each security scheme, how to send it, and the public endpoints."""
    schemes = [render.auth_scheme(s) for s in api.auth_schemes.values()]
    return {"schemes": schemes, **public_endpoints(api)}


async def overview_answer() -> dict[str, Any]:
    """Title, version, base URL, counts, tags with counts, auth schemes, paging styles and
    the public endpoints: what ``api://overview`` and ``get_api_overview`` return.

    A versioned API adds ``versions``, ``defaultVersion`` and ``versioning`` (how each
    versioning style receives the version), and counts endpoints over every version."""
    apis = await versioned.documents()
    api = apis[0]
    answer = {
        **render.overview(api, api_base_url(api)[0]),
        **public_endpoints(api, PUBLIC_IN_OVERVIEW),
    }
    answer.update(versioned.overview_versions(await versioned.versions(), apis))
    return answer
