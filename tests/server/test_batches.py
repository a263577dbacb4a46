"""Several searches or endpoint details in one call (server/batches.py), through the
official MCP client: each item answers as its own call would, bad items say why beside the
others, and what the size limit leaves out is named with the argument that returns it."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from mcp import Client

import drf_mcp_docs.server.batches as batches
from tests.server.test_tools import call, error


async def one_by_one(mcp: Client, asked: list[str]) -> list[dict[str, Any]]:
    """Each endpoint's answer to its own call (``"METHOD /path"`` items)."""
    answers = []
    for item in asked:
        method, path = item.split()
        answers.append(await call(mcp, "get_endpoint_detail", path=path, method=method))
    return answers


def unshared(found: dict[str, Any]) -> list[dict[str, Any]]:
    """A batch's answers with what ``shared`` says put back in place of each mark."""
    shared = found.get("shared", {})
    answers = []
    for answer in found["endpoints"]:
        answer = dict(answer)
        if answer.get("auth") == "shared":
            answer["auth"] = shared["auth"]
        answer["parameters"] = {
            place: {
                n: shared["parameters"][place][n] if t == "shared" else t for n, t in ps.items()
            }
            for place, ps in answer.get("parameters", {}).items()
        }
        answers.append({k: v for k, v in answer.items() if v != {} or k != "parameters"})
    return answers


async def test_a_list_of_queries_answers_each_as_its_own_search(mcp_client: Client) -> None:
    found = await call(mcp_client, "search_endpoints", query=["books", "reviews"], method="GET")
    alone = [
        await call(mcp_client, "search_endpoints", query=q, method="GET")
        for q in ("books", "reviews")
    ]
    assert found == {"searches": [{"query": "books", **alone[0]}, {"query": "reviews", **alone[1]}]}


async def test_a_bad_query_says_why_beside_the_others(mcp_client: Client) -> None:
    found = await call(mcp_client, "search_endpoints", query=["books", "  ", "zzzqqq"])
    first, blank, nothing = found["searches"]
    assert first["query"] == "books" and first["total"] >= 8
    assert blank == {
        "query": "  ",
        "error": "query must contain at least one word, e.g. 'books' (or give a tag or "
        "method to list its endpoints)",
    }
    assert nothing == {"query": "zzzqqq", "total": 0, "results": []}


async def test_a_tag_listing_and_a_search_in_one_call(mcp_client: Client) -> None:
    found = await call(mcp_client, "search_endpoints", query=["", "review"], tag="reviews")
    listing, search = found["searches"]
    assert [line.split()[1] for line in listing["results"]] == [
        "/api/reviews/",
        "/api/reviews/",
        "/api/reviews/{id}/",
        "/api/reviews/{id}/",
        "/api/reviews/{id}/",
        "/api/reviews/{id}/",
    ]
    assert search["total"] >= 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ([], "query must be a non-empty list, e.g. query=["),
        ([f"w{i}" for i in range(21)], "query holds 21 items; at most 20 per call: split them"),
        (["books", 5], "argument 'query' must be a string or a list of strings, got ['books', 5]"),
        (["  ", "x" * 300], "query '  ': query must contain at least one word"),
    ],
)
async def test_bad_query_lists(mcp_client: Client, query: list[Any], message: str) -> None:
    text = await error(mcp_client, "search_endpoints", query=query)
    assert message in text
    if len(query) == 2 and isinstance(query[1], str):  # every query failed: each is named
        assert "query 'xxxx" in text and "query is too long" in text


async def test_several_endpoints_answer_as_their_own_calls(mcp_client: Client) -> None:
    asked = ["GET /api/books/", "POST /api/books/", "DELETE /api/books/{id}/"]
    found = await call(mcp_client, "get_endpoint_detail", endpoints=asked)
    alone = await one_by_one(mcp_client, asked)
    assert list(found) == ["shared", "endpoints"]  # shared is read first
    assert found["shared"]["auth"] == alone[0]["auth"]
    assert all(answer["auth"] == "shared" for answer in found["endpoints"])
    assert unshared(found) == alone


async def test_search_hits_go_in_as_they_are(mcp_client: Client) -> None:
    """A hit's line ("METHOD path summary") names its endpoint; repeats answer once."""
    hits = (await call(mcp_client, "search_endpoints", query="books", method="POST"))["results"]
    found = await call(mcp_client, "get_endpoint_detail", endpoints=[hits[0], "post /api/books"])
    assert [(e["method"], e["path"]) for e in found["endpoints"]] == [("POST", "/api/books/")]


async def test_a_bad_endpoint_says_why_beside_the_others(mcp_client: Client) -> None:
    found = await call(
        mcp_client, "get_endpoint_detail", endpoints=["GET /api/bok/", "GET /api/books/", "books"]
    )
    missing, books, unparsed = found["endpoints"]
    assert missing == {
        "endpoint": "GET /api/bok/",
        "error": "no endpoint GET /api/bok/; did you mean /api/books/, /api/books/{id}/ or "
        "/api/authors/?",
    }
    assert (books["method"], books["path"]) == ("GET", "/api/books/")
    assert unparsed == {
        "endpoint": "books",
        "error": """'books' is not "METHOD /path", e.g. "GET /api/books/\"""",
    }


async def test_a_snippet_for_each_endpoint(mcp_client: Client) -> None:
    asked = {"endpoints": ["GET /api/books/", "DELETE /api/books/{id}/"], "language": "python"}
    result = await mcp_client.call_tool("get_endpoint_detail", asked)
    assert not result.is_error, result.content[0].text
    codes = [e["snippet"]["code"] for e in result.structured_content["endpoints"]]
    assert "requests.get(" in codes[0] and "requests.delete(" in codes[1]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"endpoints": []}, "endpoints must be a non-empty list, e.g. endpoints=["),
        ({"endpoints": "GET /api/books/"}, "argument 'endpoints' must be a list of strings"),
        ({"endpoints": [1]}, "argument 'endpoints' must be a list of strings, got [1]"),
        (
            {"endpoints": ["GET /api/books/"] * 21},
            "endpoints holds 21 items; at most 20 per call: split them",
        ),
        (
            {"endpoints": ["GET /api/books/"], "path": "/api/books/"},
            "endpoints replaces path and method",
        ),
        (
            {"endpoints": ["GET /api/books/"], "field": "description"},
            "field and page go with one endpoint",
        ),
        ({}, 'give path and method, e.g. path="/api/books/", method="GET" (or several: '),
        (
            {"endpoints": ["GET /api/bok/", "FETCH /api/books/"]},
            "did you mean /api/books/, /api/books/{id}/ or /api/authors/?; 'FETCH' is not an "
            "HTTP method; did you mean PATCH?",
        ),
        (
            {"endpoints": ["GET /api/books/"], "language": "cobol"},
            "cobol",
        ),
    ],
)
async def test_bad_endpoint_lists(
    mcp_client: Client, arguments: dict[str, Any], message: str
) -> None:
    assert message in await error(mcp_client, "get_endpoint_detail", **arguments)


async def test_what_the_size_limit_leaves_out_is_named_and_returned_next(
    mcp_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = ["GET /api/books/", "POST /api/books/", "DELETE /api/books/{id}/", "GET /api/ping/"]
    whole = await call(mcp_client, "get_endpoint_detail", endpoints=asked)
    sizes = [batches.size(e) for e in unshared(whole)]  # as the limit counts them
    keys = [" ".join(item.split()) for item in asked]  # the names 'more' may have to list
    monkeypatch.setattr(batches, "ANSWER_BUDGET", sizes[0] + sizes[1] + batches.size(keys))
    first = await call(mcp_client, "get_endpoint_detail", endpoints=asked)
    assert unshared(first) == unshared(whole)[:2]
    named = first["more"]["endpoints"]
    assert named == (
        'endpoints=["DELETE /api/books/{id}/","GET /api/ping/"] (left out: this answer\'s size '
        "limit; the other arguments alike)"
    )
    argument = json.loads(re.match(r"endpoints=(\[.*?\])", named)[1])  # type: ignore[index]
    rest = await call(mcp_client, "get_endpoint_detail", endpoints=argument)
    assert unshared(rest) == unshared(whole)[2:]


async def test_searches_past_the_size_limit_are_named(
    mcp_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = ["books", "reviews", "ping"]
    first = await call(mcp_client, "search_endpoints", query="books")
    room = batches.size({"query": "books", **first}) + batches.size(asked)
    monkeypatch.setattr(batches, "ANSWER_BUDGET", room)
    found = await call(mcp_client, "search_endpoints", query=asked)
    assert [page["query"] for page in found["searches"]] == ["books"]
    assert found["more"] == {
        "query": 'query=["reviews","ping"] (left out: this answer\'s size limit; the other '
        "arguments alike)"
    }
    # Nothing fits: every query is named; one asked alone always answers.
    monkeypatch.setattr(batches, "ANSWER_BUDGET", 10)
    found = await call(mcp_client, "search_endpoints", query=asked)
    assert found["searches"] == [] and 'query=["books","reviews","ping"]' in found["more"]["query"]
    assert (await call(mcp_client, "search_endpoints", query=["books"]))["searches"][0]["total"]


async def test_a_parameter_several_answers_give_word_for_word_is_said_once(
    mcp_client: Client,
) -> None:
    asked = ["GET /api/books/{id}/", "DELETE /api/books/{id}/", "GET /api/books/"]
    found = await call(mcp_client, "get_endpoint_detail", endpoints=asked)
    alone = await one_by_one(mcp_client, asked)
    text = alone[0]["parameters"]["path"]["id"]
    assert text.startswith("integer // ")
    assert found["shared"] == {
        "//": 'what the answers below mark "shared"',
        "parameters": {"path": {"id": text}},
        "auth": alone[0]["auth"],
    }
    assert [a["parameters"]["path"]["id"] for a in found["endpoints"][:2]] == ["shared"] * 2
    assert "path" not in found["endpoints"][2]["parameters"]
    assert unshared(found) == alone


async def test_errors_and_the_names_left_count_against_the_size_limit(
    mcp_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many bad items beside good ones: the answer still keeps to the limit (the design's
    24 KB), every error in its place, the endpoints past the limit named."""
    monkeypatch.setattr(batches, "ANSWER_BUDGET", 4000)
    bad = [f"GET /api/{'x' * 80}{i}/" for i in range(14)]
    good = ["GET /api/books/", "POST /api/books/", "GET /api/reviews/", "GET /api/authors/"]
    result = await mcp_client.call_tool("get_endpoint_detail", {"endpoints": good + bad})
    assert not result.is_error
    found = result.structured_content
    assert len(result.content[0].text.encode()) <= 4000 + 300  # the wrapper and the digest
    assert sum("error" in e for e in found["endpoints"]) == 14
    assert "endpoints=[" in found["more"]["endpoints"]


async def test_an_endpoint_named_as_a_single_call_takes_it(mcp_client: Client) -> None:
    """A path without its leading slash, as path= takes it."""
    found = await call(mcp_client, "get_endpoint_detail", endpoints=["get api/books/"])
    assert [(e["method"], e["path"]) for e in found["endpoints"]] == [("GET", "/api/books/")]
