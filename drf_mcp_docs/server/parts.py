"""One part of an endpoint in full: ``get_endpoint_detail(path, method, field, page)``.

``description`` (a page of it), ``parameters`` (all of them, whole descriptions),
``parameters.q`` (one, with its whole description and schema), ``requestBody`` and
``requestBody.card.address``, ``responses`` (every response with its schema) and
``responses.404`` or ``responses.200.data``. The main text of a part (the description
it is about) is given whole, a page at a time; what the part itself still shortens is
named in ``more`` by the exact argument that returns it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import drf_mcp_docs.server.compact as compact
import drf_mcp_docs.server.families as families
import drf_mcp_docs.server.fold as fold
from drf_mcp_docs.schema.records import ApiSchema, Component, Endpoint, Parameter
from drf_mcp_docs.server.contract import add_notes, body_meta
from drf_mcp_docs.server.errors import LookupFailed, ToolInputError, closest, did_you_mean
from drf_mcp_docs.server.fields import MAX_FIELD_LENGTH, choices, field_schema, walk
from drf_mcp_docs.server.fold import Folder
from drf_mcp_docs.server.notation import notation
from drf_mcp_docs.server.pages import field_arg, text_page
from drf_mcp_docs.server.parameters import encoding, parameters
from drf_mcp_docs.text import clip, quote

_JSON = (None, "application/json")


def endpoint_part(endpoint: Endpoint, api: ApiSchema, field: str, page: int) -> dict[str, Any]:
    """The part ``field`` names, its main text at ``page``; a tool error for a bad name."""
    if len(field) > MAX_FIELD_LENGTH:
        raise LookupFailed(f"field is too long: at most {MAX_FIELD_LENGTH} characters")
    field = ".".join(p for p in field.strip().split(".") if p)
    head = {"method": endpoint.method, "path": endpoint.path, "field": field}
    if field == "description":
        if not endpoint.description:
            raise LookupFailed(f"{endpoint.key} has no description; valid: {_valid(endpoint)}")
        text, pages = text_page(endpoint.description, page, "the description")
        return {**head, **_paged("description", text, page, pages, field)}
    if field == "parameters":
        _only_page_one(page, field)
        if not endpoint.parameters:
            raise LookupFailed(f"{endpoint.key} has no parameters; valid: {_valid(endpoint)}")

        def every_parameter(folder: Folder) -> dict[str, Any]:
            shown, _, lookups = parameters(api, endpoint.parameters, folder, whole=True)
            notes = {"parameters": families.note(lookups)} if lookups else {}
            return {"parameters": shown, "more": notes}

        return _fit(api, head, every_parameter)
    if field.startswith("parameters."):
        param, rest = _parameter(endpoint, field[len("parameters.") :])
        if not rest:
            return _parameter_whole(api, head, param, page, field)
        schema = walk(api, param.schema, rest.split("."), ["parameters", param.name])
        return _schema_part(api, head, schema, page, field)
    if field == "requestBody":
        body = endpoint.request_body
        if body is None:
            raise LookupFailed(f"{endpoint.key} has no request body; valid: {_valid(endpoint)}")
        return _schema_part(api, {**head, **body_meta(body)}, body.schema, page, field)
    if field == "responses":
        _only_page_one(page, field)
        if not endpoint.responses:
            raise LookupFailed(f"{endpoint.key} documents no responses")

        def every(folder: Folder) -> dict[str, Any]:
            shown = {}
            named: list[str] = []
            for r in endpoint.responses:
                entry: dict[str, Any] = {}
                if r.description:
                    entry["description"] = folder.text(r.description, f"responses.{r.status}")
                if r.content_type not in _JSON:
                    entry["contentType"] = r.content_type
                if r.schema:
                    where = f"responses.{r.status}"
                    # Named schemas stay names: each response's own part expands them.
                    part = enums_named(_read(folder, r.schema, where, refs=0), where)
                    entry["schema"] = part["schema"]
                    named += part["more"].get("shortened", [])
                shown[r.status] = entry
            return {"responses": shown, "more": {"shortened": named} if named else {}}

        return _fit(api, head, every)
    if field.startswith("responses."):
        status, _, rest = field[len("responses.") :].partition(".")
        response = endpoint.response(status)
        if response is None:
            documented = ", ".join(r.status for r in endpoint.responses) or "none"
            raise LookupFailed(
                f"{endpoint.key} documents no {clip(status)} response; documented: {documented}"
            )
        if rest:
            schema = walk(api, response.schema or {}, rest.split("."), ["responses", status])
            return _schema_part(api, head, schema, page, field, read=True)
        meta = {"status": response.status}
        if response.content_type not in _JSON:
            meta["contentType"] = response.content_type
        text, pages = text_page(response.description, page, f"response {response.status}")
        main = _paged("description", text, page, pages, field) if response.description else {}
        more = main.pop("more", None)
        schema = response.schema
        return _fit(
            api,
            {**head, **meta, **main},
            lambda f: enums_named(_read(f, schema, field), field) if schema else {},
            more=more,
        )
    if field.startswith("requestBody."):
        schema = field_schema(api, endpoint, field)
        return _schema_part(api, head, schema, page, field)
    raise LookupFailed(f"no field {quote(field)} in {endpoint.key}; valid: {_valid(endpoint)}")


def schema_part(component: Component, api: ApiSchema, field: str, page: int) -> dict[str, Any]:
    """``get_schema_detail(name, field)``: the component's ``description`` (a page of it),
    or one of its fields (``address.city``) whole."""
    if len(field) > MAX_FIELD_LENGTH:
        raise LookupFailed(f"field is too long: at most {MAX_FIELD_LENGTH} characters")
    field = ".".join(p for p in field.strip().split(".") if p)
    head = {"name": component.name, "field": field}
    if field == "description":
        if not component.description:
            raise LookupFailed(f"schema {component.name} has no description")
        text, pages = text_page(component.description, page, "the description")
        return {**head, **_paged("description", text, page, pages, field)}
    schema = walk(api, component.schema, field.split("."), [component.name])
    return _schema_part(api, head, schema, page, field)


def _valid(endpoint: Endpoint) -> str:
    valid = choices(endpoint)
    return ", ".join(valid[:40]) + (f", … ({len(valid)} in all)" if len(valid) > 40 else "")


def _only_page_one(page: int, field: str) -> None:
    if page != 1:
        raise ToolInputError(
            f"page {page} is out of range: field {quote(field)} has one page (page=1); pages "
            'are for long texts, e.g. field="description"'
        )


def _parameter(endpoint: Endpoint, rest: str) -> tuple[Parameter, str]:
    """The parameter ``rest`` starts with (names may hold dots: the longest wins)."""
    found = [p for p in endpoint.parameters if rest == p.name or rest.startswith(p.name + ".")]
    if not found:
        names = [p.name for p in endpoint.parameters]
        hint = did_you_mean(closest(rest, names)) or (
            f"; its parameters: {', '.join(names[:40])}" if names else "; it has none"
        )
        raise LookupFailed(f"{endpoint.key} has no parameter {quote(rest)}{hint}")
    param = max(found, key=lambda p: len(p.name))
    return param, rest[len(param.name) + 1 :]


def _parameter_whole(
    api: ApiSchema, head: dict[str, Any], param: Parameter, page: int, field: str
) -> dict[str, Any]:
    schema = api.deref(param.schema)
    text = param.description
    if not text and isinstance(schema, dict) and isinstance(schema.get("description"), str):
        text = schema["description"]
    main: dict[str, Any] = {"name": param.name, "in": param.location}
    if param.required:
        main["required"] = True
    main.update(encoding(param, schema))
    more = None
    if text or page > 1:
        piece, pages = text_page(text, page, f"parameter {param.name}'s description")
        paged = _paged("description", piece, page, pages, field)
        more = paged.pop("more", None)
        main.update(paged)
    return _fit(
        api,
        {**head, **main},
        lambda f: enums_named(f.schema(param.schema, where=field), field),
        more=more,
    )


def _schema_part(
    api: ApiSchema, head: dict[str, Any], schema: Any, page: int, field: str, read: bool = False
) -> dict[str, Any]:
    """A schema, its own description given whole (paged) and the rest folded to fit
    (``read``: a response's, see :func:`_read`)."""
    schema = api.deref(schema)
    text = schema.get("description") if isinstance(schema, dict) else None
    main: dict[str, Any] = {}
    more = None
    if isinstance(text, str) and text:
        schema = {k: v for k, v in schema.items() if k != "description"}
        piece, pages = text_page(text, page, f"{field}'s description")
        main = _paged("description", piece, page, pages, field)
        more = main.pop("more", None)
    else:
        _only_page_one(page, field)

    def build(folder: Folder) -> dict[str, Any]:
        folded = _read(folder, schema, field) if read else folder.schema(schema, where=field)
        return enums_named(folded, field)

    return _fit(api, {**head, **main}, build, more=more)


def _read(folder: Folder, schema: Any, where: str, refs: int | None = None) -> Any:
    """A response's schema folded: an object of more than ``fold.WIDE_SCHEMA`` fields in it
    names the schemas it uses (a list of NetBox's planters: 4.9 -> 2 KB) where a request
    body shows them, as a body's nested objects are what an agent writes."""
    folder.wide = fold.WIDE_SCHEMA
    with folder.naming(folder.is_wide(schema)):
        return folder.schema(schema, refs=refs, where=where)


def enums_named(folded: Any, field: str) -> dict[str, Any]:
    """A part's folded schema in notation, each long enum inside it cut and named by the
    argument that lists it (the part's own enum, when it is one, is given whole)."""
    tidied = compact.Tidied()
    shown = compact.tidy(folded, field, tidied, request=False, whole=field)
    named = [field_arg(where) for where in tidied.enums]
    return {"schema": notation(shown), "more": {"shortened": named} if named else {}}


def _paged(key: str, text: str, page: int, pages: int, field: str) -> dict[str, Any]:
    """``{key: text}`` with the page numbers and the call for the next page, if any."""
    if pages == 1:
        return {key: text}
    out: dict[str, Any] = {key: text, "page": page, "pages": pages}
    if page < pages:
        out["more"] = {"nextPage": field_arg(field, page + 1)}
    return out


def _fit(
    api: ApiSchema,
    head: dict[str, Any],
    build: Callable[[Folder], dict[str, Any]],
    more: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``head`` and what ``build`` renders, folded to fit, with ``more`` naming the rest."""

    def render(folder: Folder) -> dict[str, Any]:
        built = build(folder)
        notes: dict[str, Any] = {**(more or {}), **built.pop("more", {})}
        answer = {**head, **built}
        shortened = list(notes.pop("shortened", []))
        add_notes(notes, folder, shortened, skip={str(head.get("field", ""))})
        if notes:
            answer["more"] = notes
        return answer

    return fold.fit(api, render, notes=False)
