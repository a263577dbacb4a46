"""What several answers of one call say word for word is said once (server/shared.py)."""

from __future__ import annotations

from typing import Any

from drf_mcp_docs.server.shared import share

OWNER = "string // The account owner of the repository."
OTHER = "string // Someone else entirely, said at length."
AUTH = ["header Authorization: Bearer <token>"]


def test_only_the_same_text_in_two_answers_is_shared() -> None:
    answers: list[dict[str, Any]] = [
        {"parameters": {"path": {"owner": OWNER, "id": "integer"}, "query": {"q": OWNER}}},
        {"parameters": {"path": {"owner": OWNER, "id": "integer"}}},
        {"parameters": {"path": {"owner": OTHER}, "filters": {"string": OWNER}}},
        {"parameters": {"path": {"owner": OWNER}}, "more": {"a": OWNER}},
        {"method": "GET"},
    ]
    # "integer" is too short to gain anything; q is once at its place; filters go by type.
    assert share(answers) == {
        "//": 'what the answers below mark "shared"',
        "parameters": {"path": {"owner": OWNER}},
    }
    assert answers == [
        {"parameters": {"path": {"owner": "shared", "id": "integer"}, "query": {"q": OWNER}}},
        {"parameters": {"path": {"owner": "shared", "id": "integer"}}},
        {"parameters": {"path": {"owner": OTHER}, "filters": {"string": OWNER}}},
        {"parameters": {"path": {"owner": "shared"}}, "more": {"a": OWNER}},
        {"method": "GET"},
    ]


def test_the_most_repeated_text_of_a_name_is_the_shared_one() -> None:
    answers: list[dict[str, Any]] = [
        {"parameters": {"path": {"owner": OTHER}}},
        {"parameters": {"path": {"owner": OTHER}}},
        {"parameters": {"path": {"owner": OWNER}}},
        {"parameters": {"path": {"owner": OWNER}}},
        {"parameters": {"path": {"owner": OWNER}}},
    ]
    assert share(answers)["parameters"] == {"path": {"owner": OWNER}}
    marks = [a["parameters"]["path"]["owner"] for a in answers]
    assert marks == [OTHER, OTHER, "shared", "shared", "shared"]


def test_auth_lines_alike_are_said_once() -> None:
    public: list[str] = []
    answers: list[dict[str, Any]] = [
        {"auth": AUTH},
        {"auth": public},
        {"auth": AUTH, "authOptional": True},
        {"auth": ["query key=<k>"]},
    ]
    assert share(answers) == {"//": 'what the answers below mark "shared"', "auth": AUTH}
    assert answers == [
        {"auth": "shared"},
        {"auth": []},
        {"auth": "shared", "authOptional": True},
        {"auth": ["query key=<k>"]},
    ]


def test_nothing_repeated_shares_nothing() -> None:
    answers: list[dict[str, Any]] = [
        {"auth": AUTH, "parameters": {"path": {"owner": OWNER}}},
        {"auth": ["query key=<k>"], "parameters": {"path": {"owner": OTHER}}},
    ]
    before = [dict(a) for a in answers]
    assert share(answers) == {}
    assert answers == before
    assert share([]) == {}
