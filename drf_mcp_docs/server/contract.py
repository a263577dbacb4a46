"""The default endpoint answer: what it takes to send the request and read its success.

Method, path, summary and description; every parameter with its type, required flag,
default, enum, description and encoding; the request body (content type, fields with
types, required flags, enums and descriptions; large shared objects by component name);
the auth to send; the success status with a compact shape of its body. Everything else
(the full response schemas, the error responses) is left out, and ``more`` names the
exact argument that returns each part left out or shortened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import drf_mcp_docs.server.compact as compact
import drf_mcp_docs.server.families as families
import drf_mcp_docs.server.fold as fold
import drf_mcp_docs.server.notation as notation
from drf_mcp_docs.codegen.expand import expand_ref
from drf_mcp_docs.schema.records import ApiSchema, Endpoint, RequestBody
from drf_mcp_docs.schema.refs import leaf_name, refs_in
from drf_mcp_docs.server.fold import Folder, Level
from drf_mcp_docs.server.pages import PAGE_CHARS, field_arg
from drf_mcp_docs.server.parameters import parameters
from drf_mcp_docs.server.subtypes import sent_tag
from drf_mcp_docs.server.success import (
    SHAPE_BUDGET,
    WRITE_SHAPE_BUDGET,
    also,
    responses_note,
    success_part,
)
from drf_mcp_docs.server.texts import unlinked

#: Foldings of the default answer, generous to tight. Descriptions of the operation and
#: of parameters get more room than those of body fields (``OPERATION_TEXT`` and
#: ``parameters.PARAMETER_TEXT`` times the level's length). The first gives nearly every
#: text whole: a text cut to 100 characters was fetched again, whole, by agents who
#: needed it (the sort keys, a query syntax, "-1" for a default), rereading the cut part.
LEVELS = (
    Level(refs=1, nesting=2, description=800, examples=False, defaults=True),
    Level(refs=1, nesting=2, description=400, examples=False, defaults=True),
    Level(refs=1, nesting=2, description=100, examples=False, defaults=True),
    Level(refs=1, nesting=2, description=80, examples=False, defaults=True),
    Level(refs=0, nesting=2, description=60, examples=False, defaults=True),
    Level(refs=0, nesting=1, description=40, examples=False),
    Level(refs=0, nesting=1, description=0, examples=False),
)
#: The default answer's budget: a large body is folded tighter, its parts named in ``more``.
BUDGET = 10 * 1024
OPERATION_TEXT = 3.0
#: At the first folding, the operation's description is whole up to a page of ``field=``
#: text: cut at 2,400 characters, the long ones (Bitbucket's pipeline run, its code
#: search: worked examples of the body and the query syntax) were fetched again in every
#: agent run, rereading what the answer had shown.
OPERATION_WHOLE = PAGE_CHARS
_READS = frozenset({"GET", "HEAD"})
#: Said of a ``PATCH`` body that is its ``PUT``'s (see :func:`puts_body`).
PARTIAL_NOTE = (
    "the PUT body, required flags included; a PATCH is a partial update: send only the "
    "fields to change"
)


@dataclass(frozen=True)
class _Fixed:
    """What the default answer says alike at every folding ``fit()`` tries, computed once:
    whether a PATCH is documented with its PUT's body, the body's discriminator value, the
    success part (with the enums its shape cuts) and where the responses are read."""

    partial: bool
    tag: tuple[str, str] | None
    success: dict[str, Any] | None
    success_cuts: tuple[str, ...]
    responses: str


def contract(endpoint: Endpoint, api: ApiSchema) -> dict[str, Any]:
    """The default answer for ``endpoint``, folded to fit (see the module's docstring)."""
    body = endpoint.request_body
    name = leaf_name(body.schema) if body is not None else None
    success = endpoint.success_response()
    part: dict[str, Any] | None = None
    cuts: list[str] = []
    if success is not None:
        budget = SHAPE_BUDGET if endpoint.method in _READS else WRITE_SHAPE_BUDGET
        part = success_part(api, success, cuts, budget)
        others = also(endpoint, success)
        if others:
            part["also"] = others
    fixed = _Fixed(
        partial=puts_body(endpoint, api),
        tag=sent_tag(api, name) if name else None,
        success=part,
        success_cuts=tuple(field_arg(path) for path in cuts),
        responses=responses_note(endpoint, success),
    )
    return fold.fit(
        api,
        lambda folder: _contract(endpoint, api, folder, fixed),
        BUDGET,
        levels=LEVELS,
        notes=False,
    )


def auth(endpoint: Endpoint, api: ApiSchema) -> list[str]:
    """How to send each accepted credential, one line each ([] for a public operation):
    ``header Authorization: Bearer <token>``. The scheme's name is added, ``(bearerAuth)``,
    only when there is a choice: a name such as "Bearer" on an API key misleads."""
    sent = []
    for name in endpoint.security:
        scheme = api.auth_schemes.get(name)
        if scheme is None or not (scheme.location and scheme.param_name):
            sent.append(name)
            continue
        value = scheme.value_template or "<credential>"
        separator = ": " if scheme.location == "header" else "="
        named = f" ({name})" if len(endpoint.security) > 1 else ""
        sent.append(f"{scheme.location} {scheme.param_name}{separator}{value}{named}")
    return sent


def _shown(text: str, whole: str) -> str:
    """What a cut description shows of its whole text: "598 of 1,478 characters shown",
    and "links left out" when they were (one whole but for its links is named under
    ``onlyLinksLeftOut`` instead, by ``add_notes``)."""
    said = f"{max(len(text) - 1, 0):,} of {len(whole):,} characters shown"
    return f"{said}, links left out" if unlinked(whole) != whole else said


def puts_body(endpoint: Endpoint, api: ApiSchema) -> bool:
    """Is ``endpoint`` a ``PATCH`` documented with its path's ``PUT`` body, required fields
    and all? drf-yasg and DRF's own schema generator document a partial update so
    (drf-yasg #70, #719; DRF #8103), while DRF's ``partial_update`` enforces none of them;
    agents then read the whole model to resend what they do not change."""
    body = endpoint.request_body
    if endpoint.method != "PATCH" or body is None:
        return False
    put = api.find("PUT", endpoint.path)
    if put is None or put.request_body is None or put.request_body.schema != body.schema:
        return False
    schema = expand_ref(api, body.schema)
    return isinstance(schema, dict) and bool(schema.get("required"))


def body_meta(body: RequestBody) -> dict[str, Any]:
    """How a request body is sent: its content type, whether it is required, the other
    content types it accepts and a form's per-field encoding."""
    meta: dict[str, Any] = {"contentType": body.content_type}
    if body.required:
        meta["required"] = True
    if len(body.content_types) > 1:
        meta["alsoAccepts"] = [t for t in body.content_types if t != body.content_type]
    if body.encoding:
        meta["encoding"] = dict(body.encoding)
    return meta


def _contract(endpoint: Endpoint, api: ApiSchema, folder: Folder, fixed: _Fixed) -> dict[str, Any]:
    more: dict[str, Any] = {}
    shortened: list[str] = []
    answer: dict[str, Any] = {"method": endpoint.method, "path": endpoint.path}
    if endpoint.summary:
        answer["summary"] = endpoint.summary
    description = endpoint.description if endpoint.description != endpoint.summary else ""
    if description:
        limit = folder.level.description
        scale = OPERATION_WHOLE / limit if folder.level == LEVELS[0] and limit else OPERATION_TEXT
        answer["description"] = folder.text(description, "description", scale=scale)
        if "description" in folder.cut_texts and "description" not in folder.links_only:
            more["description"] = (
                f"{field_arg('description')} ({_shown(answer['description'], description)})"
            )
        if not answer["description"]:  # no room left for it at the tightest level
            del answer["description"]
    if endpoint.deprecated:
        answer["deprecated"] = True
    answer["auth"] = auth(endpoint, api)  # [] says "public": kept
    if endpoint.security and endpoint.auth_optional:
        answer["authOptional"] = True
    if endpoint.parameters:
        shown, cut, folded_lookups = parameters(api, endpoint.parameters, folder, whole=False)
        answer["parameters"] = shown
        shortened += [field_arg(f"parameters.{name}") for name in cut]
        if folded_lookups:
            # The folding loses nothing: field="parameters" says the same, unless a
            # description or enum was cut (then each is named in "shortened" too).
            rest = f"all whole: {field_arg('parameters')}" if cut else "nothing left out"
            more["parameters"] = f"{families.note(folded_lookups)}; {rest}"
    body = endpoint.request_body
    tidied = compact.Tidied()
    if body is not None:
        level = folder.level
        folded = folder.schema(body.schema, level.refs, where="requestBody", request=True)
        answer["requestBody"] = {
            **body_meta(body),
            **({"partial": PARTIAL_NOTE} if fixed.partial else {}),  # before its flags
            "schema": notation.notation(compact.tidy(folded, "requestBody", tidied)),
        }
        shortened += [field_arg(where) for where in tidied.enums]
        forget(folder, tidied.dropped)
        notation.tag_discriminator(answer["requestBody"]["schema"], fixed.tag)
    if fixed.success is not None:
        answer["success"] = dict(fixed.success)
        shortened += fixed.success_cuts
    if endpoint.pagination is not None:
        page = endpoint.pagination
        answer["pagination"] = {
            "style": page.style,
            "params": list(page.params),
            "resultsKey": page.results_key,
        }
    add_notes(more, folder, shortened, skip={"description"} & set(more), shown=answer)
    if tidied.read_only:
        # Not a cut: a client does not send them (field="requestBody" shows the document's).
        more["readOnly"] = f"{tidied.read_only} read-only fields left out: the server sets them"
    if fixed.responses:
        more["responses"] = fixed.responses
    if more:
        answer["more"] = more
    return answer


def forget(folder: Folder, dropped: list[str]) -> None:
    """Let ``folder`` forget the texts it shortened inside fields the answer then left out
    (a request body's read-only fields): naming them would send an agent after nothing."""
    under = tuple(f"{where}." for where in dropped)  # not "id" for "id_card"
    for record in (folder.cut_texts, folder.typed):
        for where in [w for w in record if w in dropped or w.startswith(under)]:
            del record[where]


def add_notes(
    more: dict[str, Any],
    folder: Folder,
    shortened: list[str],
    skip: set[str],
    shown: dict[str, Any] | None = None,
) -> None:
    """Name in ``more`` what ``folder`` shortened or folded, by the argument returning it;
    with ``shown`` (the answer), only the schemas it still names as ``{"$ref": ...}``.

    Shallow parts come first (``responses.404`` before ``responses.200.data.id``): an
    agent reading the list top down meets the parts it most likely wants first. Texts whole
    but for their links' targets are named apart, in one line (``onlyLinksLeftOut``):
    agents read a bare name as a cut text and fetched it again for nothing, and a mark on
    each name cost GitHub's answers 4% of their bytes.
    """
    links: list[str] = []
    for where in sorted(folder.cut_texts, key=_depth):
        argument = field_arg(where)
        if where in skip or argument in shortened:
            continue
        if where in folder.links_only:
            links.append(where)
        else:
            shortened.append(argument)
    if shortened:
        more["shortened"] = shortened
    if links:
        more["onlyLinksLeftOut"] = ", ".join(field_arg(where) for where in links)
    if folder.typed:
        more["nestedByType"] = [field_arg(where) for where in sorted(folder.typed, key=_depth)]
    folded = folder.left_named()
    if shown is not None and folded:
        named = set(refs_in(shown, prefix=""))
        folded = [name for name in folded if name in named]
    if folded:
        more["schemas"] = "get_schema_detail(name) for " + ", ".join(folded)


def _depth(where: str) -> int:
    return where.count(".")
