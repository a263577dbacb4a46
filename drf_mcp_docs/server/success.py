"""The success part of the default endpoint answer, and where its responses are read.

The status a client reads, its media type when not JSON and a compact shape of its body;
the other successes (2xx) the call may answer (an asynchronous ``202`` beside the ``200``, a
``204``), each said in a line, as client code must handle each; and ``more.responses``,
the argument that returns each response whole.
"""

from __future__ import annotations

from typing import Any

import drf_mcp_docs.server.compact as compact
import drf_mcp_docs.server.fold as fold
from drf_mcp_docs.schema.records import ApiSchema, Endpoint, Response
from drf_mcp_docs.server.leaves import leaf
from drf_mcp_docs.server.pages import field_arg
from drf_mcp_docs.server.texts import cut as cut_text
from drf_mcp_docs.server.texts import unlinked

#: Largest compact shape of the success body, in bytes of JSON: a read's (what the call is
#: for) and a write's (most often the object just written, whose fields the agent sent:
#: past this it is named, ``{"$ref": "Name"}``).
SHAPE_BUDGET = 600
WRITE_SHAPE_BUDGET = 300
#: Responses besides the success named one by one in ``more.responses``; past this many,
#: by status (see :func:`responses_note`).
NAMED_RESPONSES = 2
#: The keys a shape's leaf shows (its enums cut like a body field's: past 30 values).
_LEAF_SHAPE = ("type", "format", "enum", "const", "nullable", "x-nullable", "additionalProperties")
_JSON = (None, "application/json")


def responses_note(endpoint: Endpoint, success: Response | None) -> str:
    """Where the responses are read whole: each by its own part, and all of them at once:
    ``field="responses.201" (success), field="responses.404", all: field="responses"``.
    Past :data:`NAMED_RESPONSES` others (GitHub's often have six), those are said by their
    statuses, ``400 403 404 422 503: field="responses" (all)``, in a third of the bytes.
    A bodiless success whose description the answer gives whole (``said_whole``) holds
    nothing more to read and is not named (agents read such parts for nothing), nor is
    another success said whole in ``success.also``."""
    said = []
    if success is not None and (
        success.schema is not None
        or success.examples
        or (success.description.strip() and not said_whole(success))
    ):
        said.append(f"{field_arg(f'responses.{success.status}')} (success)")
    others = [r.status for r in endpoint.responses if r is not success and not _told(r)]
    if len(others) > NAMED_RESPONSES:
        return "; ".join([*said, f"{' '.join(others)}: {field_arg('responses')} (all)"])
    said += [field_arg(f"responses.{status}") for status in others]
    if len(said) > 1:
        said.append(f"all: {field_arg('responses')}")
    return ", ".join(said)


#: A bodiless success's description up to this long is given in the answer, whole
#: (drf-spectacular's "No response body", GitHub's "Response", Jira's "Returned if the
#: request is successful."): its part then has nothing more to say. Naming the part
#: instead costs about as many bytes, and a call to read it.
SUCCESS_TEXT = 60


#: Another success's description is said in ``success.also`` up to this long (past it,
#: cut, and its part named in ``more.responses``).
ALSO_TEXT = 200


def also(endpoint: Endpoint, success: Response | None) -> dict[str, str]:
    """The other successes (2xx; a redirect or "not modified" is the client library's, and
    Zoom's 300s are errors) the call may answer, each by its description:
    ``{"202": "In the Location header, the URL to poll for the merge status"}``. Agents
    read every response of Bitbucket's merge (7.4 KB, mostly the 200's model) to learn what
    its 202 meant; one with a body says where it is read."""
    said: dict[str, str] = {}
    for response in endpoint.responses:
        if response is success or not response.status.startswith("2"):
            continue
        text = unlinked(response.description.strip())
        line = cut_text(text, ALSO_TEXT) if len(text) > ALSO_TEXT else text
        if response.schema is not None or response.examples:
            body = f"body: {field_arg(f'responses.{response.status}')}"
            line = f"{line} ({body})" if line else body
        said[response.status] = line or "no description"
    return said


def _told(response: Response) -> bool:
    """Is ``response`` another success that ``success.also`` says whole (its bodiless
    part then has nothing more to read)?"""
    return (
        response.status.startswith("2")
        and not response.examples
        and bool(not response.description.strip() or said_whole(response, ALSO_TEXT))
    )


def said_whole(response: Response, limit: int = SUCCESS_TEXT) -> str:
    """A bodiless response's description when at most ``limit`` characters and plain
    enough to give whole (no link to drop), else ``""``."""
    text = response.description.strip()
    if response.schema or len(text) > limit or unlinked(text) != text:
        return ""
    return text


def success_part(api: ApiSchema, response: Any, cut: list[str], budget: int) -> dict[str, Any]:
    """The success status, its media type when not JSON, and a compact shape of its body
    within ``budget`` bytes; the field paths of the enums the shape cuts are added to
    ``cut``."""
    out: dict[str, Any] = {"status": response.status}
    if response.content_type not in _JSON:
        out["contentType"] = response.content_type
    if not response.schema:
        out["body"] = "none"
        said = said_whole(response)
        if said:
            out["description"] = said
        return out
    where = f"responses.{response.status}"
    for depth in (2, 1, 0, -1):
        enums: list[str] = []
        shaped = shape(api, response.schema, depth, where=where, cut=enums)
        if fold.size(shaped) <= budget:
            break
    out["shape"] = shaped
    cut += [path for path in enums if path not in cut]
    ref = response.schema.get("$ref") if isinstance(response.schema, dict) else None
    if isinstance(ref, str) and shaped != {"$ref": ref}:
        out["schemaName"] = ref
    return out


def shape(
    api: ApiSchema,
    schema: Any,
    depth: int,
    stack: tuple[str, ...] = (),
    where: str = "",
    cut: list[str] | None = None,
) -> Any:
    """A body's shape: field names with their types, nested ``depth`` levels deep.

    Leaves in type notation without constraints (``"string"``, ``"integer|null"``,
    ``"string(date-time)"``, ``"enum: a|b|c"``); an array is ``[item shape]``; a named
    schema past the depth is ``{"$ref": "Name"}``, an inline object ``"object"``. An object
    of at most 4 fields (an envelope such as ``{count, next, results}``) costs no depth.
    ``where`` is the field path of ``schema``; the paths of the enums cut go to ``cut``.
    """
    if not isinstance(schema, dict):
        return "any"
    ref = schema.get("$ref")
    if isinstance(ref, str):
        component = api.components.get(ref)
        # The body's own schema is shown at depth 0 too (its fields, by type); a nested
        # one past the depth is named.
        if component is None or ref in stack or depth < 0 or (depth == 0 and stack):
            return {"$ref": ref}
        return shape(api, component.schema, depth, (*stack, ref), where, cut)
    for key in ("oneOf", "anyOf"):
        variants = schema.get(key)
        if isinstance(variants, list) and variants:
            shapes = [shape(api, v, depth - 1, stack, where, cut) for v in variants[:6]]
            return shapes[0] if len(shapes) == 1 else {key: shapes}
    if isinstance(schema.get("allOf"), list):
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            part_shape = shape(api, part, depth, stack, where, cut)
            if isinstance(part_shape, dict) and "$ref" not in part_shape:
                merged.update(part_shape)
            elif not merged:
                merged = part_shape if isinstance(part_shape, dict) else {"value": part_shape}
        return merged
    kind = schema.get("type")
    properties = schema.get("properties")
    if isinstance(properties, dict) and properties:
        envelope = len(properties) <= 4
        if depth < 0 and not envelope:
            return "object"
        inner = depth if envelope else depth - 1
        return {
            name: shape(api, value, inner, stack, f"{where}.{name}", cut)
            for name, value in properties.items()
        }
    if kind == "array" or "items" in schema:
        return [shape(api, schema.get("items"), depth, stack, where, cut)]
    kept = compact.cut_enum({k: schema[k] for k in _LEAF_SHAPE if k in schema}, compact.ENUM_LIMIT)
    if "enumCount" in kept and cut is not None and where not in cut:
        cut.append(where)
    return leaf(kept, described=False)
