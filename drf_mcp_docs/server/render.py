"""Compact, JSON-ready views of the schema records, as tools and resources return them.

Empty and default-valued facts are left out: an agent's context window is the scarce
resource, so every key must carry information.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import drf_mcp_docs.server.fold as fold
import drf_mcp_docs.server.notation as notation
from drf_mcp_docs.schema.records import ApiSchema, AuthScheme, Component, Endpoint
from drf_mcp_docs.server.contract import add_notes, contract
from drf_mcp_docs.server.errors import ToolInputError
from drf_mcp_docs.server.fold import Folder
from drf_mcp_docs.server.parts import endpoint_part, enums_named, schema_part
from drf_mcp_docs.server.subtypes import sent_tag, with_subtypes
from drf_mcp_docs.server.texts import unlinked

_JSON = (None, "application/json")


def compact_json(value: Any) -> str:
    """JSON without whitespace, non-ASCII kept as is."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def present(**fields: Any) -> dict[str, Any]:
    """``fields`` without those that say nothing (None, False, "", [], {}); 0 is kept."""
    return {
        key: value
        for key, value in fields.items()
        if value or (isinstance(value, int) and not isinstance(value, bool))
    }


#: Longest summary of a search hit (an operation without one: its description's start).
BRIEF_SUMMARY = 120


def endpoint_brief(endpoint: Endpoint) -> dict[str, Any]:
    """One line of a listing: method, path, summary (and ``deprecated`` when it is)."""
    summary = endpoint.summary or unlinked(endpoint.description).strip().split("\n", 1)[0]
    if len(summary) > BRIEF_SUMMARY:
        summary = summary[: BRIEF_SUMMARY - 1].rstrip() + "…"
    return present(
        method=endpoint.method,
        path=endpoint.path,
        summary=summary,
        deprecated=endpoint.deprecated,
    )


def search_hit(endpoint: Endpoint, version: str | None = None, summary: bool = True) -> str:
    """One search hit as one line: ``METHOD path summary``, then ``[version v2]`` for a
    versioned endpoint and ``[deprecated]`` when it is (``GET /books/ List books``);
    without its summary when ``summary`` is False."""
    brief = str(endpoint_brief(endpoint).get("summary", "")) if summary else ""
    summary_text = " ".join(brief.split())
    line = f"{endpoint.method} {endpoint.path}" + (f" {summary_text}" if summary_text else "")
    marks = ([f"version {version}"] if version else []) + (
        ["deprecated"] if endpoint.deprecated else []
    )
    return line + (f" [{', '.join(marks)}]" if marks else "")


def endpoint_detail(endpoint: Endpoint, api: ApiSchema) -> dict[str, Any]:
    """What it takes to send a request to ``endpoint`` and read its success (``contract``)."""
    return contract(endpoint, api)


def endpoint_field(endpoint: Endpoint, api: ApiSchema, field: str, page: int = 1) -> dict[str, Any]:
    """One part of ``endpoint`` in full (see ``parts``): a text a page at a time."""
    return endpoint_part(endpoint, api, field, page)


#: Said of an API key sent in ``Authorization`` whose document gives no prefix: agents
#: otherwise go looking for one (``Token``? the scheme's name, ``Bearer``?), as the ones
#: that read the raw file do too.
NO_PREFIX = "the key is the whole header value: the document gives no prefix"


def auth_scheme(scheme: AuthScheme) -> dict[str, Any]:
    """One security scheme and how to send it (``api://auth``, the overview)."""
    bare_key = (
        scheme.type == "apiKey"
        and scheme.location == "header"
        and (scheme.param_name or "").lower() == "authorization"
        and scheme.value_template == "<api key>"
    )
    return present(
        name=scheme.name,
        type=scheme.type,
        **{"in": scheme.location},
        param=scheme.param_name,
        value=scheme.value_template,
        note=NO_PREFIX if bare_key else None,
        description=scheme.description,
    )


#: How a schema is folded: the schemas it names expanded one level deep (the folder's
#: first level would expand two): the fields of what it holds, not of what that holds in
#: turn (Bitbucket's pull request endpoint: its branch, not the branch's repository's
#: owner's links). p95 of a schema's answer: GitHub 9.9 -> 5.3 KB, Jira 5.1 -> 3.5 KB.
SCHEMA_LEVELS = fold.LEVELS[1:]
#: Longest first line of a description in a schema listing.
BRIEF_DESCRIPTION = 120
#: How a schema of more than ``fold.WIDE_SCHEMA`` fields is folded: it names the schemas
#: it uses (``{"$ref": "Name"}``, listed in ``more.schemas``) instead of expanding them,
#: however small, and lists its inline objects' fields by type and enum: NetBox's planter,
#: 40 fields each with a nested object or two, is 2.1 KB with every choice's values,
#: instead of 3.4 KB without.
WIDE_LEVELS = tuple(replace(level, nesting=min(level.nesting, 1)) for level in SCHEMA_LEVELS)
#: Most paths listed in a schema's ``usedBy``; past it (a shared piece such as a tag, used
#: by hundreds of operations) only the first USED_BY_SHOWN, and the count of operations.
USED_BY_LIMIT = 10
USED_BY_SHOWN = 3


def used_by(operations: tuple[str, ...] | list[str]) -> list[str]:
    """``["GET /a/", "POST /a/"]`` said once per path: ``["GET,POST /a/"]``, in order."""
    methods: dict[str, list[str]] = {}
    for operation in operations:
        method, _, path = operation.partition(" ")
        methods.setdefault(path, []).append(method)
    return [f"{','.join(verbs)} {path}" for path, verbs in methods.items()]


def schema_brief(component: Component) -> dict[str, Any]:
    schema = component.schema if isinstance(component.schema, dict) else {}
    props = schema.get("properties")
    line = component.description.strip().split("\n", 1)[0]
    if len(line) > BRIEF_DESCRIPTION:
        line = line[: BRIEF_DESCRIPTION - 1].rstrip() + "…"
    return present(
        name=component.name,
        fields=len(props) if isinstance(props, dict) else None,
        enum=len(schema["enum"])
        if not isinstance(props, dict) and isinstance(schema.get("enum"), list)
        else None,
        description=line,
    )


def schema_detail(
    component: Component, api: ApiSchema, field: str | None = None, page: int = 1
) -> dict[str, Any]:
    """One component: its schema (nested named schemas folded) and who uses it; with
    ``field``, one of its fields (or its ``description``) in full (see ``parts``)."""
    if field:
        return schema_part(component, api, field, page)
    if page != 1:
        raise ToolInputError(
            f'page {page} needs a field: pages are for long texts, e.g. field="description"'
        )
    used = used_by(component.used_by)

    def build(folder: Folder) -> dict[str, Any]:
        # The component itself is shown; the schemas it names are expanded one level less.
        folder.shown.add(component.name)
        folder.nested_wide = fold.WIDE_SCHEMA  # a model inside it is named, not expanded
        with folder.naming(wide):
            folded = folder.schema(
                {k: v for k, v in component.schema.items() if k != "description"}
                if isinstance(component.schema, dict)
                else component.schema,
                refs=max(0, folder.level.refs - 1),
                where="",
            )
        # Long enums are cut like a part's, each named by the field= that lists it whole (a
        # component that is itself an enum is the part asked for: whole).
        shown = enums_named(with_subtypes(folded, api, component.name), "")
        notation.tag_discriminator(shown["schema"], tag)
        answer = {
            "name": component.name,
            **present(description=folder.text(component.description, "description")),
            "schema": shown["schema"],
            **present(
                usedBy=used if len(used) <= USED_BY_LIMIT else used[:USED_BY_SHOWN],
                usedByCount=len(component.used_by) if len(used) > USED_BY_LIMIT else None,
            ),
        }
        more: dict[str, Any] = {}
        add_notes(more, folder, shown["more"].get("shortened", []), skip=set())
        if more:
            answer["more"] = more
        return answer

    tag = sent_tag(api, component.name)  # once, not at each folding
    wide = fold.is_wide(component.schema)
    levels = WIDE_LEVELS if wide else SCHEMA_LEVELS
    return fold.fit(api, build, levels=levels, notes=False)


def matches(words: list[str], *texts: str) -> bool:
    """Whether every word of a filter occurs in one of ``texts`` (case-insensitive)."""
    haystack = " ".join(texts).lower()
    return all(word in haystack for word in words)


def schema_page(api: ApiSchema, query: str | None, offset: int, limit: int) -> dict[str, Any]:
    """A page of :func:`schema_brief` entries, filtered by the words of ``query``: those
    whose name holds every word first (Jira's "docket" is in 142 schemas' descriptions,
    and an agent looking for the docket schema wants those named so)."""
    words = (query or "").lower().split()
    chosen = [
        c for c in api.components.values() if not words or matches(words, c.name, c.description)
    ]
    chosen.sort(key=lambda c: not matches(words, c.name))  # stable: document order within
    return page(chosen, offset, limit, schema_brief, "schemas")


def endpoint_page(api: ApiSchema, tag: str | None, offset: int, limit: int) -> dict[str, Any]:
    """A page of :func:`endpoint_brief` entries, optionally of one tag."""
    wanted = (tag or "").strip().lower()
    chosen = [e for e in api.endpoints if not wanted or wanted in (t.lower() for t in e.tags)]
    return page(chosen, offset, limit, endpoint_brief, "endpoints")


def page(items: list[Any], offset: int, limit: int, brief: Any, key: str) -> dict[str, Any]:
    """``items[offset:offset+limit]`` as briefs, cut shorter if over the answer budget."""
    shown = [brief(item) for item in items[offset : offset + limit]]
    budget = fold.ANSWER_BUDGET - 200
    total = 0
    for count, entry in enumerate(shown):
        total += fold.size(entry) + 1
        if total > budget:
            shown = shown[:count]
            break
    answer: dict[str, Any] = {"total": len(items), key: shown}
    if offset + len(shown) < len(items):
        answer["nextOffset"] = offset + len(shown)
    return answer


def overview(api: ApiSchema, base_url: str | None = None) -> dict[str, Any]:
    """The API at a glance (``api://overview``); says so when ``api`` is a stale schema,
    the last good one answering because rebuilding it failed."""
    from drf_mcp_docs.schema.cache import schema_cache

    staleness = schema_cache.stale_since(api)
    return {
        **present(stale=staleness.describe() if staleness is not None else None),
        **present(
            title=api.title,
            version=api.version,
            description=api.description,
            baseUrl=api.base_url if base_url is None else base_url,
        ),
        "endpoints": len(api.endpoints),
        **present(pathsOutsidePrefix=api.paths_outside),
        "schemas": len(api.components),
        "tags": api.tags,
        "auth": [auth_scheme(s) for s in api.auth_schemes.values()],
        **present(pagination=sorted({e.pagination.style for e in api.endpoints if e.pagination})),
        # Which schema this is: get_api_changes(since=<this digest>) later says what moved.
        **present(schemaDigest=api.digest, schemaVersion=api.version),
    }
