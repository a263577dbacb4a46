"""``get_api_changes``: what changed in the API since a recorded schema; and the digest
every tool answer carries (``DigestStamp``).

The history (``drf_mcp_docs.history``) records each distinct schema the project serves;
this tool compares the schema served now with the one ``since`` names and answers the
changes a page at a time, breaking ones first.
"""

from __future__ import annotations

import inspect
import json
from typing import Annotated, Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, ToolAnnotations
from typing_extensions import NotRequired, TypedDict

import drf_mcp_docs.server.caller as caller
import drf_mcp_docs.server.versioned as versioned
from drf_mcp_docs.conf import conf
from drf_mcp_docs.history import report, store
from drf_mcp_docs.history.compare import changes_since
from drf_mcp_docs.schema.hooks import last_digest
from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.sdk import add_middleware
from drf_mcp_docs.server.arguments import ArgumentCheck
from drf_mcp_docs.server.calls import ok, tool_errors
from drf_mcp_docs.server.errors import LookupFailed, ToolInputError
from drf_mcp_docs.server.offload import ToolTimedOut, offload
from drf_mcp_docs.server.params import ChangesOffsetArg, SinceArg, VersionArg
from drf_mcp_docs.server.tools import TOOLS
from drf_mcp_docs.text import quote

#: The key of the digest in every tool answer.
DIGEST_KEY = "schemaDigest"


class ApiChanges(TypedDict):
    since: dict[str, str]
    to: dict[str, str]
    summary: dict[str, int]
    removed: NotRequired[list[dict[str, Any]]]
    changed: NotRequired[list[dict[str, Any]]]
    added: NotRequired[list[dict[str, Any]]]
    note: NotRequired[str]
    offset: NotRequired[int]
    nextOffset: NotRequired[int]


def _answer(since: str, offset: int, api: ApiSchema) -> dict[str, Any]:
    try:
        comparison = changes_since(since, api, version_key=api.api_version)
    except (store.UnknownSchema, store.HistoryUnavailable) as exc:
        raise LookupFailed(str(exc)) from None
    rows = report.rows(comparison.result)
    if offset > len(rows):
        raise ToolInputError(f"offset {offset} is past the last change ({len(rows)} in all)")
    selected, following = report.page(rows, offset)
    answer: dict[str, Any] = {
        "since": comparison.old,
        "to": comparison.new,
        "summary": report.summary(comparison.result),
        **report.group(selected),
    }
    notes = [comparison.note] if comparison.note else []
    if not rows:
        notes.append("no endpoint changed")
    if offset:
        answer["offset"] = offset
    if following is not None:
        answer["nextOffset"] = following
        notes.append(f"more changes: call again with offset={following}")
    if notes:
        answer["note"] = "; ".join(notes)
    return answer


@tool_errors
async def get_api_changes(
    since: SinceArg, offset: ChangesOffsetArg = 0, version: VersionArg = None
) -> Annotated[CallToolResult, ApiChanges]:
    """To update a client written earlier: what changed since, breaking changes first."""
    if isinstance(offset, bool) or offset < 0:
        raise ToolInputError(f"offset must be 0 or more, got {quote(offset)}")
    if len(since) > 200:
        raise ToolInputError(f"since is too long: {quote(since)}")
    if caller.per_user():
        # The history holds whole schemas; each caller here may see only part of one.
        raise ToolInputError(
            "get_api_changes is not served when each caller gets their own schema "
            "(drf-spectacular's SERVE_PUBLIC = False); compare schemas with "
            "`manage.py mcpdocs_changes` instead"
        )
    api = (await versioned.documents(version))[0]
    try:
        what = f"get_api_changes since {quote(since)}"
        answer = await offload(what, _answer, since, offset, api)
    except ToolTimedOut:
        # The comparison goes on in its thread and is cached when done (history/compare.py).
        raise ToolInputError(
            f"comparing with since={quote(since)} takes longer than {conf.TOOL_TIMEOUT:g} s "
            "(the TOOL_TIMEOUT setting) on this API; it goes on in the background: call "
            "again in a few seconds"
        ) from None
    return ok(answer)


#: The tools whose answers carry the digest: this package's (a project's own tools, added
#: to the server before mounting, are left as they are).
STAMPED = frozenset({fn.__name__ for fn in TOOLS} | {"get_api_changes", "get_api_overview"})


class DigestStamp:
    """SDK server middleware: every answer of this package's tools says which schema it was
    read from.

    Adds ``schemaDigest`` to the structured result of each successful call of a tool in
    ``STAMPED``, and to the text block (inside it when it is that result as JSON, else as a
    last line), and to those tools' output schemas in ``tools/list``. The digest is that of
    the schema the tool read (``versioned.read_from``: a caller's own variant, a version's),
    else that of the schema this process built last.
    """

    def __init__(self, names: frozenset[str] = STAMPED) -> None:
        self.names = names

    async def __call__(
        self, ctx: ServerRequestContext[Any, Any], call_next: CallNext
    ) -> HandlerResult:
        token = versioned.reading.set({})
        try:
            result = await call_next(ctx)
            noted = versioned.reading.get() or {}
        finally:
            versioned.reading.reset(token)
        if not isinstance(result, dict):
            return result
        if ctx.method == "tools/list":
            for tool in result.get("tools") or ():
                if tool.get("name") not in self.names:
                    continue
                properties = (tool.get("outputSchema") or {}).get("properties")
                if isinstance(properties, dict):
                    properties.setdefault(DIGEST_KEY, {"type": "string"})
            return result
        params = ctx.params if isinstance(ctx.params, dict) else {}
        if ctx.method != "tools/call" or result.get("isError"):
            return result
        if params.get("name") not in self.names:
            return result
        structured = result.get("structuredContent")
        if not isinstance(structured, dict) or DIGEST_KEY in structured:
            return result
        arguments = params.get("arguments")
        version = arguments.get("version") if isinstance(arguments, dict) else None
        digest = noted.get("digest") or last_digest(version if isinstance(version, str) else None)
        if digest is None:
            return result
        return {
            **result,
            "structuredContent": {**structured, DIGEST_KEY: digest},
            "content": _stamped_text(result.get("content") or [], structured, digest),
        }


def _stamped_text(
    content: list[dict[str, Any]], structured: dict[str, Any], digest: str
) -> list[dict[str, Any]]:
    """The text blocks with the digest: in the JSON object the first block holds, when it is
    the structured result as compact JSON, else as a line after the last text block."""
    compact = json.dumps(structured, separators=(",", ":"), ensure_ascii=False)
    if content and content[0].get("text") == compact:
        text = json.dumps(
            {**structured, DIGEST_KEY: digest}, separators=(",", ":"), ensure_ascii=False
        )
        return [{**content[0], "text": text}, *content[1:]]
    texts = [i for i, block in enumerate(content) if block.get("type") == "text"]
    if not texts:
        return [*content, {"type": "text", "text": f"{DIGEST_KEY}: {digest}"}]
    last = texts[-1]
    block = content[last]
    return [
        *content[:last],
        {**block, "text": f"{block.get('text', '')}\n{DIGEST_KEY}: {digest}"},
        *content[last + 1 :],
    ]


def register_changes(server: MCPServer[Any]) -> None:
    """Add ``get_api_changes`` and the digest stamp to ``server``."""
    check = ArgumentCheck()
    read_only = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)
    server.add_tool(
        get_api_changes,
        description=inspect.cleandoc(get_api_changes.__doc__ or ""),
        annotations=read_only,
    )
    check.register(get_api_changes)
    add_middleware(server, check)
    add_middleware(server, DigestStamp())
