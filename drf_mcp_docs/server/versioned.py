"""Which schema(s) a call reads: each documented API version, or the one unversioned schema.

Tools and resources ask here instead of the schema cache: ``documents(version)`` gives the
schemas a call spans (every version, or only ``version``), ``locate`` finds an endpoint
(``version`` given: in that version; else in the default version first, then the others,
so a path that only one version has needs no version), and the answers say the version of
every versioned endpoint. An unknown version is a tool error naming it and the known ones.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import partial
from itertools import zip_longest
from typing import Any

import drf_mcp_docs.server.caller as caller
import drf_mcp_docs.server.render as render
from drf_mcp_docs.schema.records import ApiSchema, Component, Endpoint
from drf_mcp_docs.schema.search import passes
from drf_mcp_docs.schema.variants import schema_caches
from drf_mcp_docs.schema.versions import ApiVersions, api_versions, known_versions
from drf_mcp_docs.schema.words import words
from drf_mcp_docs.server.errors import LookupFailed, closest, did_you_mean, find_endpoint
from drf_mcp_docs.server.shapes import Versioned
from drf_mcp_docs.text import quote
from drf_mcp_docs.threads import run_in_thread

__all__ = [
    "Versioned",
    "documents",
    "find_component",
    "locate",
    "merged_tags",
    "search_page",
    "version_of",
    "versions",
    "with_version",
]


#: How each style receives the version, as the overview tells an agent.
HOW = {
    "url_path": "in the path: call the version's own paths (e.g. /api/v2/...)",
    "namespace": "in the path: call the version's own paths (its URL namespace)",
    "accept_header": "in the Accept header: Accept: application/json; version=<version>",
    "query_parameter": "as the query parameter: ?version=<version>",
    "host_name": "by the host name the request is sent to (e.g. v2.api.example.com)",
}


async def versions() -> ApiVersions:
    """The documented versions (discovered in a thread the first time)."""
    known = known_versions()
    return known if known is not None else await run_in_thread(api_versions)


def _check(known: ApiVersions, version: str | None) -> str | None:
    if version is None or not str(version).strip():
        return None
    wanted = str(version).strip()
    if not known.versions:
        raise LookupFailed(f"unknown version {quote(wanted)}: this API is not versioned")
    if wanted not in known.versions:
        raise LookupFailed(
            f"unknown version {quote(wanted)}; versions: {', '.join(known.versions)}"
        )
    return wanted


#: What the current tool call read: ``{"digest": ...}`` of the schema its answer comes from
#: (set up per call by ``changes.DigestStamp``; a dict, so a write in any task reaches it).
reading: ContextVar[dict[str, str] | None] = ContextVar("drf_mcp_docs_reading", default=None)


def read_from(api: ApiSchema) -> ApiSchema:
    """Note that the current call's answer comes from ``api`` (its digest is stamped on it)."""
    noted = reading.get()
    if noted is not None and api.digest:
        noted["digest"] = api.digest
    return api


async def documents(version: str | None = None) -> list[ApiSchema]:
    """The schemas a call spans, the default version first (one when unversioned)."""
    apis = await _documents(version)
    read_from(apis[0])
    return apis


async def _documents(version: str | None = None) -> list[ApiSchema]:
    from drf_mcp_docs.schema.versions import versioned_document

    known = await versions()
    wanted = _check(known, version)
    others = [v for v in known.versions if v != known.default]
    chosen = ([wanted] if wanted else [known.default, *others]) if known.versions else [None]
    if caller.per_user():  # each caller's own schema, as the project's schema view shows it
        variant, request = await run_in_thread(caller.caller_variant, caller.current_request())
        return [
            await schema_caches.get(v, variant, partial(caller.caller_document, v, request)).aget()
            for v in chosen
        ]
    if not known.versions:
        return [await schema_caches.get(None, None, _unused).aget()]
    return [
        await schema_caches.get(v, None, partial(versioned_document, v)).aget()
        for v in chosen
        if v is not None
    ]


def _unused() -> dict[str, Any]:  # the unversioned cache loads through the adapter
    raise AssertionError("unreachable")


def version_of(api: ApiSchema, endpoint: Endpoint) -> str | None:
    """The version of a versioned endpoint; None for one every version serves alike."""
    if api.api_version is not None and endpoint.operation_id in api.version_styles:
        return api.api_version
    return None


def with_version(payload: dict[str, Any], api: ApiSchema, endpoint: Endpoint) -> dict[str, Any]:
    """``payload`` with ``version`` when the endpoint is versioned."""
    version = version_of(api, endpoint)
    return payload if version is None else {**payload, "version": version}


async def locate(path: str, method: str, version: str | None = None) -> tuple[ApiSchema, Endpoint]:
    """The schema and endpoint of ``method path`` (in ``version`` when given)."""
    apis = await documents(version)
    failure: LookupFailed | None = None
    for api in apis:
        try:
            return read_from(api), find_endpoint(api, path, method)
        except LookupFailed as exc:
            failure = failure or exc
    assert failure is not None
    raise failure


def find_component(apis: list[ApiSchema], name: str) -> tuple[ApiSchema, Component]:
    """The first schema (default version first) holding a component ``name`` (any case)."""
    wanted = name.strip() if isinstance(name, str) else ""
    for api in apis:
        component = api.components.get(wanted)
        if component is None:
            lowered = wanted.lower()
            component = next((c for n, c in api.components.items() if n.lower() == lowered), None)
        if component is not None:
            return api, component
    hint = did_you_mean(closest(str(name), apis[0].components))
    raise LookupFailed(f"no schema {quote(name)}{hint}")


def merged_tags(apis: list[ApiSchema]) -> dict[str, int]:
    """Tags with their endpoint counts over every schema (an endpoint counted once)."""
    if len(apis) == 1:
        return apis[0].tags
    tags: dict[str, int] = {}
    for entry in _unique((api, e) for api in apis for e in api.endpoints):
        for tag in entry[1].tags:
            tags[tag] = tags.get(tag, 0) + 1
    return tags


def _unique(pairs: Any) -> list[tuple[ApiSchema, Endpoint]]:
    """Each endpoint once: an unversioned one (in every version) the first time only."""
    seen: set[tuple[str, str, str | None]] = set()
    kept = []
    for api, endpoint in pairs:
        key = (endpoint.method, endpoint.path, version_of(api, endpoint))
        if key not in seen:
            seen.add(key)
            kept.append((api, endpoint))
    return kept


#: Hits of a word search that carry their summary (the first of each page).
SUMMARIZED_HITS = 5


def search_page(
    apis: list[ApiSchema], query: str, verb: str | None, tag: str | None, offset: int, limit: int
) -> dict[str, Any]:
    """A page of search results over every schema, best first (ranks interleaved), each
    hit one line (:func:`render.search_hit`); an empty query (with a method or tag) lists
    what passes the filter in document order. A word search's hits past the first
    :data:`SUMMARIZED_HITS` of its page are ``METHOD path`` alone: the right one is most
    often among the first, and GitHub's summaries doubled a ten-hit answer."""
    listing = not words(query)
    if listing:
        ranked = _unique((api, e) for api in apis for e in api.endpoints if passes(e, verb, tag))
        total = len(ranked)
    elif len(apis) == 1:
        total, found = apis[0].search_index.search(query, verb, tag, offset + limit)
        ranked = [(apis[0], e) for e in found]
    else:
        lists = [
            [(api, e) for e in api.search_index.search(query, verb, tag, len(api.endpoints))[1]]
            for api in apis
        ]
        ranked = _unique(pair for rank in zip_longest(*lists) for pair in rank if pair)
        total = len(ranked)
    if offset and offset >= max(total, 1):
        raise LookupFailed(f"offset {offset} is past the last result: there are {total}")
    shown = ranked[offset : offset + limit]
    answer: dict[str, Any] = {
        "total": total,
        "results": [
            render.search_hit(e, version_of(api, e), summary=listing or i < SUMMARIZED_HITS)
            for i, (api, e) in enumerate(shown)
        ],
    }
    if offset + len(shown) < total:
        answer["nextOffset"] = offset + len(shown)
    return answer


def overview_versions(known: ApiVersions, apis: list[ApiSchema]) -> dict[str, Any]:
    """What the overview adds for a versioned API: the versions, the default one, how each
    style receives the version, and counts over every version."""
    if not known.versions:
        return {}
    styles = sorted({s for api in apis for s in api.version_styles.values()})
    return {
        "versions": list(known.versions),
        "defaultVersion": known.default,
        "versioning": {style: HOW[style] for style in styles if style in HOW},
        "endpoints": len(_unique((api, e) for api in apis for e in api.endpoints)),
        "tags": merged_tags(apis),
    }
