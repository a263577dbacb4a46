"""Nothing cut out of reach, on real public documents, through the official MCP client.

For every operation, the default ``get_endpoint_detail`` answer is read; then the calls
its ``more`` names (``field="..."``, ``page=N``) are followed mechanically, breadth first,
and the calls those answers name in turn, until every description of the operation, of
each of its parameters and of each of its responses has been seen whole (the pages of a
paged text joined). Each must be reached within 4 follow-up calls of the default answer,
and no answer on the way may exceed 24 KB. The test knows nothing of the answers' layout but the ``more`` naming
convention and that a text is a ``description`` or follows `` // `` in type notation.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

import pytest
from mcp import Client

from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.schema.records import ApiSchema, Endpoint
from tests.realworld.sweep import MAX_ANSWER_BYTES, serving
from tests.support.realworld import available, load

pytestmark = pytest.mark.realworld

#: Big real documents with long operation and parameter descriptions.
DOCUMENTS = ("github", "stripe", "jira", "zoom")
MAX_FOLLOW_UPS = 4
#: Calls one operation may make while following (a bound on the test's own cost).
MAX_CALLS = 40
#: In type notation (``"string, required // The query."``) a field's description follows this.
NOTATION_TEXT = " // "
_NAMED = re.compile(r'field="([^"]+)"(?:, page=(\d+))?')


def _text(result: Any) -> str:
    """The text block of a tool result."""
    return "".join(getattr(block, "text", "") for block in result.content)


def named_calls(answer: Any) -> list[tuple[str, int | None]]:
    """Every ``field="..."`` (with its ``page=N``) named in the answer's ``more``."""
    found: list[tuple[str, int | None]] = []
    stack = [answer.get("more")] if isinstance(answer, dict) else []
    while stack:
        item = stack.pop(0)
        if isinstance(item, str):
            found += [(f, int(p) if p else None) for f, p in _NAMED.findall(item)]
        elif isinstance(item, dict):
            stack += list(item.values())
        elif isinstance(item, list):
            stack += item
    return found


def texts(answer: Any, pieces: dict[tuple[str, int], str]) -> set[str]:
    """The descriptions an answer holds whole, and those its pages complete with others."""
    seen: set[str] = set()
    stack = [answer]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "description" and isinstance(value, str):
                    seen.add(value)
                elif key == "also" and isinstance(value, dict):  # other successes, said
                    seen.update(v for v in value.values() if isinstance(v, str))
                else:
                    stack.append(value)
        elif isinstance(item, str) and item.startswith(NOTATION_TEXT.lstrip()):
            seen.add(item[len(NOTATION_TEXT.lstrip()) :])  # type notation: "// description"
        elif isinstance(item, str) and NOTATION_TEXT in item:
            seen.add(item.partition(NOTATION_TEXT)[2])  # type notation: "type // description"
        elif isinstance(item, list):
            stack += item
    if isinstance(answer, dict) and isinstance(answer.get("pages"), int):
        field, pages = str(answer.get("field")), answer["pages"]
        pieces[(field, answer["page"])] = answer["description"]
        if all((field, n) in pieces for n in range(1, pages + 1)):
            seen.add("".join(pieces[(field, n)] for n in range(1, pages + 1)))
    return seen


def targets(endpoint: Endpoint) -> dict[str, str]:
    """What must be reachable: the operation's description, its parameters' and its
    responses'."""
    wanted = {}
    if endpoint.description and endpoint.description != endpoint.summary:
        wanted["description"] = endpoint.description
    for param in endpoint.parameters:
        if param.description:
            wanted[f"parameter {param.name} ({param.location})"] = param.description
    for response in endpoint.responses:
        if response.description:
            wanted[f"response {response.status}"] = response.description
    return wanted


async def follow(client: Client, endpoint: Endpoint) -> tuple[dict[str, int], list[str]]:
    """The follow-up depth at which each target was reached, and the problems met."""
    args = {"path": endpoint.path, "method": endpoint.method}
    wanted = targets(endpoint)
    reached: dict[str, int] = {}
    problems: list[str] = []
    pieces: dict[tuple[str, int], str] = {}
    queue: deque[tuple[dict[str, Any], int]] = deque([(args, 0)])
    asked: set[tuple[str, int | None]] = set()
    calls = 0
    while queue and len(reached) < len(wanted) and calls < MAX_CALLS:
        arguments, depth = queue.popleft()
        calls += 1
        result = await client.call_tool("get_endpoint_detail", arguments)
        text = _text(result)
        if result.is_error:
            problems.append(f"{arguments}: {text[:200]}")
            continue
        if len(text.encode()) > MAX_ANSWER_BYTES:
            problems.append(f"{arguments}: {len(text.encode()):,} bytes")
        seen = texts(result.structured_content, pieces)
        for name, full in wanted.items():
            if name not in reached and full in seen:
                reached[name] = depth
        if depth == MAX_FOLLOW_UPS:
            continue
        for field, page in named_calls(result.structured_content):
            if (field, page) not in asked:
                asked.add((field, page))
                extra = {"field": field, **({"page": page} if page else {})}
                queue.append(({**args, **extra}, depth + 1))
    for name in wanted:
        if name not in reached:
            problems.append(f"{name} not reached whole within {MAX_FOLLOW_UPS} follow-ups")
    return reached, problems


@pytest.fixture(scope="module", params=DOCUMENTS)
def document(request: pytest.FixtureRequest) -> tuple[str, ApiSchema]:
    name = request.param
    if not available(name):
        pytest.skip(f"{name} is not cached and npm is not installed")
    return name, process_schema(load(name), path_prefix="/")


async def test_every_description_is_reachable_whole(document: tuple[str, ApiSchema]) -> None:
    from drf_mcp_docs.server import get_mcp_server

    name, api = document
    problems: list[str] = []
    depths: list[int] = []
    with serving(api):
        async with Client(get_mcp_server()) as client:
            for endpoint in api.endpoints:
                reached, found = await follow(client, endpoint)
                depths += reached.values()
                problems += [f"{endpoint.key}: {p}" for p in found]
    assert len(depths) > 1000, f"{name}: too few texts checked ({len(depths)})"
    # Long texts exist in these documents and are cut in the default answer: the test
    # really follows named calls (not only reading default answers).
    assert max(depths) >= 1, name
    report = "\n".join(problems[:20])
    assert not problems, f"{len(problems)} problems on {name}:\n{report}"


async def test_every_part_of_an_operation_fits_one_answer(document: tuple[str, ApiSchema]) -> None:
    """Every field an operation offers (``choices``), through the client, on a spread
    sample of operations: no error, no answer over 24 KB."""
    from drf_mcp_docs.server import get_mcp_server
    from drf_mcp_docs.server.fields import choices
    from tests.realworld.sweep import sample

    name, api = document
    problems: list[str] = []
    calls = 0
    with serving(api):
        async with Client(get_mcp_server()) as client:
            for endpoint in sample(list(api.endpoints), 120):
                args = {"path": endpoint.path, "method": endpoint.method}
                for field in choices(endpoint):
                    if "<" in field:  # requestBody.<field>: a placeholder, not a name
                        continue
                    calls += 1
                    result = await client.call_tool("get_endpoint_detail", {**args, "field": field})
                    size = len(_text(result).encode())
                    if result.is_error or size > MAX_ANSWER_BYTES:
                        problems.append(f"{endpoint.key} {field}: {size:,} B {_text(result)[:100]}")
    assert calls > 500, name
    assert not problems, f"{len(problems)} problems on {name}:\n" + "\n".join(problems[:20])


def enums(answer: Any) -> list[tuple[int, bool]]:
    """Every enum an answer shows in type notation (``"enum: a|b"``, or cut:
    ``"enum(197): a|b|…"``): its full length, and whether it is cut."""
    found: list[tuple[int, bool]] = []
    stack = [answer]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += list(item.values())
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, str):
            for match in _ENUM.finditer(item):
                if match.group(1):
                    found.append((int(match.group(1)), True))
                else:
                    values = _VALUE.findall(match.group(2))
                    found.append((len([v for v in values if v != "null"]), False))
    return found


#: An enum in type notation; its values are bare words or JSON strings, split by ``|``.
_VALUE_TEXT = r'(?:"(?:[^"\\]|\\.)*"|(?:(?! //)[^|",])+)'
_ENUM = re.compile(rf"enum(?:\((\d+)\))?: ({_VALUE_TEXT}(?:\|{_VALUE_TEXT})*)")
_VALUE = re.compile(_VALUE_TEXT)


def cut_enums(answer: Any) -> list[int]:
    """The full lengths of the enums an answer shows cut."""
    return [length for length, cut in enums(answer) if cut]


def enum_lengths(answer: Any) -> set[int]:
    """The lengths of every enum an answer shows whole."""
    return {length for length, cut in enums(answer) if not cut}


async def test_every_cut_enum_is_one_named_call_away(document: tuple[str, ApiSchema]) -> None:
    """An enum the default answer cuts (its first values and ``enumCount``) is whole in the
    answer of one of the calls its ``more`` names."""
    from drf_mcp_docs.server import get_mcp_server

    name, api = document
    problems: list[str] = []
    checked = 0
    with serving(api):
        async with Client(get_mcp_server()) as client:
            for endpoint in api.endpoints:
                args = {"path": endpoint.path, "method": endpoint.method}
                detail = (await client.call_tool("get_endpoint_detail", args)).structured_content
                wanted = cut_enums(detail)
                if not wanted:
                    continue
                whole: set[int] = set()
                for field, _ in named_calls(detail):
                    if field.startswith(("requestBody", "parameters", "responses")):
                        part = await client.call_tool(
                            "get_endpoint_detail", {**args, "field": field}
                        )
                        whole |= enum_lengths(part.structured_content)
                checked += len(wanted)
                problems += [
                    f"{endpoint.key}: enum of {n} not whole" for n in wanted if n not in whole
                ]
    if name == "stripe":  # Stripe's bodies have enums of countries, currencies...
        assert checked > 0, f"{name}: no enum was cut"
    assert not problems, f"{len(problems)} problems on {name}:\n" + "\n".join(problems[:20])


def test_every_part_a_default_answer_names_answers(document: tuple[str, ApiSchema]) -> None:
    """Each ``field=`` a default answer names (a shortened text, a cut enum, a part nested
    by type, a response) answers, without an error: on Stripe's prices a map's values
    (``currency_options``' ``"<any name>"``) were named but not looked through."""
    from drf_mcp_docs.server import render
    from drf_mcp_docs.server.errors import ToolInputError

    name, api = document
    problems: list[str] = []
    named = 0
    for endpoint in api.endpoints:
        for field, page in named_calls(render.endpoint_detail(endpoint, api)):
            named += 1
            try:
                render.endpoint_field(endpoint, api, field, page or 1)
            except ToolInputError as exc:
                problems.append(f"{endpoint.key} field={field}: {exc}")
    assert named > 100, f"{name}: only {named} parts named"
    assert not problems, f"{len(problems)} problems on {name}:\n" + "\n".join(problems[:20])
