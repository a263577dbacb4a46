"""Search ranking: stemming, synonyms, implied methods, exact matches, and quality on real APIs.

The ranking is checked on the example project's schema and on small hand-made documents;
the realworld test replays the request sets of ``benchmarks/search_quality.py`` and holds
recall@5 above a floor measured on them.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Any

import pytest

from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.schema.records import ApiSchema
from drf_mcp_docs.schema.search import SearchIndex
from drf_mcp_docs.schema.words import (
    alternatives,
    identifier_words,
    implied_methods,
    request_words,
    stem,
)

ROOT = Path(__file__).resolve().parents[2]


def document(*operations: tuple[str, str, str, str]) -> ApiSchema:
    """An API from (method, path, operationId, summary) tuples."""
    paths: dict[str, Any] = {}
    for method, path, operation_id, summary in operations:
        params = [
            {"name": part[1:-1], "in": "path", "required": True, "schema": {"type": "string"}}
            for part in path.split("/")
            if part.startswith("{")
        ]
        paths.setdefault(path, {})[method.lower()] = {
            "operationId": operation_id,
            "summary": summary,
            "parameters": params,
            "responses": {"200": {"description": "OK"}},
        }
    doc = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths}
    return process_schema(doc, path_prefix="/", exclude_paths=[])


def keys(api: ApiSchema, query: str, limit: int = 5, **filters: Any) -> list[str]:
    return [e.key for e in api.search_index.search(query, limit=limit, **filters)[1]]


REPOS = document(
    ("GET", "/repos/{owner}/{repo}", "repos/get", "Get a repository"),
    ("PATCH", "/repos/{owner}/{repo}", "repos/update", "Update a repository"),
    ("DELETE", "/repos/{owner}/{repo}", "repos/delete", "Delete a repository"),
    ("GET", "/orgs/{org}/repos", "repos/list-for-org", "List organization repositories"),
    ("POST", "/orgs/{org}/repos", "repos/create-in-org", "Create an organization repository"),
    ("GET", "/repos/{owner}/{repo}/pulls", "pulls/list", "List pull requests"),
    ("POST", "/repos/{owner}/{repo}/pulls", "pulls/create", "Create a pull request"),
    (
        "POST",
        "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
        "pulls/create-review",
        "Create a review for a pull request",
    ),
    (
        "DELETE",
        "/orgs/{org}/members/{username}",
        "orgs/remove-member",
        "Remove an organization member",
    ),
    ("GET", "/orgs/{org}/members", "orgs/list-members", "List organization members"),
    ("GET", "/users/{owner}", "users/get-by-username", "Get a user"),
    ("GET", "/repos/{owner}/{repo}/deployments", "repos/list-deployments", "List deployments"),
)


# --- words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("repository", "repositories"), True),
        (("policy", "policies"), True),
        (("status", "statuses"), True),
        (("address", "addresses"), True),
        (("box", "boxes"), True),
        (("create", "created", "creating", "creates"), True),
        (("map", "mapping", "mapped"), True),
        (("deploy", "deployment", "deployments"), True),
        (("person", "people"), True),
        (("organisation", "organization", "organizations"), True),
        (("string", "str"), True),  # the price of a light stemmer, known and harmless
        (("pull", "poll"), False),
        (("user", "use"), False),
        (("address", "add"), False),
    ],
)
def test_stem_folds_inflections_only(words: tuple[str, ...], same: bool) -> None:
    stems = {stem(w) for w in words}
    assert (len(stems) == 1) is same, stems


def test_identifier_words_split_humps_and_separators() -> None:
    assert identifier_words("getPullRequest") == ("getpullrequest", "get", "pull", "request")
    assert identifier_words("node_pools") == ("node", "pools")
    assert identifier_words("repos/list-for-org") == ("repos", "list", "for", "org")
    assert identifier_words("OAuthApp")[0] == "oauthapp"


def test_verbs_have_synonyms_and_imply_methods() -> None:
    assert ("list",) in [stems for stems, _ in alternatives("fetch")]
    assert (stem("create"),) in [stems for stems, _ in alternatives("add")]
    assert ("pull", stem("request")) in [stems for stems, _ in alternatives("PR".lower())]
    assert implied_methods("kick") == ("DELETE",)
    assert implied_methods("edit")[0] == "PATCH"
    assert implied_methods("unfollow") == ("DELETE",)
    assert implied_methods("repository") == ()


def test_developer_words_find_what_documents_say() -> None:
    """Words agents use for what git-hosting documents name otherwise (found on the
    Bitbucket and GitLab request sets' tuning parts)."""
    assert implied_methods("trigger") == ("POST",)  # start, run, launch, dispatch...
    assert (stem("start"),) in [stems for stems, _ in alternatives("run")]
    assert (stem("hook"),) in [stems for stems, _ in alternatives("webhook")]
    assert (stem("directory"),) in [stems for stems, _ in alternatives("folder")]
    assert (stem("member"),) in [stems for stems, _ in alternatives("who")]
    assert (stem("permission"),) in [stems for stems, _ in alternatives("access")]
    # One way: a document's "collaborator" or "permission" keeps its own meaning (Box's
    # "change a collaborator's permission" fell from 1st to 5th with two-way groups).
    assert [stems for stems, _ in alternatives("collaborator")] == [(stem("collaborator"),)]
    assert [stems for stems, _ in alternatives("permission")] == [(stem("permission"),)]


def test_a_verb_ending_in_s_is_the_noun() -> None:
    """Requests are imperative: "runs", "posts", "triggers" are things (GitHub's workflow
    runs), not verbs implying a POST."""
    assert implied_methods("run") == ("POST",) and implied_methods("runs") == ()
    assert [stems for stems, _ in alternatives("runs")] == [(stem("run"),)]
    assert implied_methods("posts") == () and implied_methods("updates") == ()


def test_an_operation_without_a_summary_is_covered_by_its_operation_id() -> None:
    """DRF's operations often have no summary: "create a repository" still finds
    ``repositories_create`` before the repository's variables."""
    api = document(
        ("POST", "/repositories/", "repositories_create", ""),
        ("POST", "/repositories/{id}/variables/", "vars", "Create a variable for a repository"),
        ("POST", "/repositories/{id}/hooks/", "hooks", "Create a hook for a repository"),
    )
    assert keys(api, "create a repository")[0] == "POST /repositories/"


def test_two_word_phrases_read_as_what_they_mean() -> None:
    # "kick" alone removes a member; "kick off" a build starts it.
    assert request_words("kick off a CI build") == ["start", "a", "ci", "build"]
    assert request_words("who am I logged in as") == ["me", "i", "authenticated", "as"]
    assert request_words("give a thumbs up") == ["give", "a", "reaction"]
    assert request_words("kick a user") == ["kick", "a", "user"]


# --- ranking on hand-made documents ---------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("get a repository", "GET /repos/{owner}/{repo}"),
        ("fetch a repo", "GET /repos/{owner}/{repo}"),
        ("show repository", "GET /repos/{owner}/{repo}"),
        ("edit a repo", "PATCH /repos/{owner}/{repo}"),
        ("modify repository settings", "PATCH /repos/{owner}/{repo}"),
        ("remove a repository", "DELETE /repos/{owner}/{repo}"),
        ("destroy repo", "DELETE /repos/{owner}/{repo}"),
        ("list repositories of an org", "GET /orgs/{org}/repos"),
        ("add a repo to an organisation", "POST /orgs/{org}/repos"),
        ("open a PR", "POST /repos/{owner}/{repo}/pulls"),
        ("list PRs", "GET /repos/{owner}/{repo}/pulls"),
        ("review a pull request", "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"),
        ("kick a user out of an organization", "DELETE /orgs/{org}/members/{username}"),
        ("deploy", "GET /repos/{owner}/{repo}/deployments"),
    ],
)
def test_natural_requests(query: str, first: str) -> None:
    assert keys(REPOS, query)[0] == first, keys(REPOS, query)


def test_the_summary_a_request_says_whole_comes_first() -> None:
    """A word in nearly every path weighs nearly nothing (Bitbucket's "repositories"): the
    operation whose summary the request says all of wins the tie it leaves."""
    base = "/repositories/{workspace}/{slug}"
    api = document(
        (
            "POST",
            f"{base}/pipelines_config/variables",
            "createVariable",
            "Create a variable for a repository",
        ),
        ("POST", f"{base}/hooks", "createHook", "Create a webhook for a repository"),
        ("POST", f"{base}/issues", "createIssue", "Create an issue"),
        ("POST", f"{base}/refs/branches", "createBranch", "Create a branch"),
        ("POST", base, "createRepository", "Create a repository"),
        ("GET", base, "getRepository", "Get a repository"),
    )
    assert keys(api, "create a new repository")[0] == f"POST {base}"
    assert keys(api, "create a webhook")[0] == f"POST {base}/hooks"


def test_the_implied_method_boosts_but_does_not_filter() -> None:
    found = keys(REPOS, "delete pull requests", limit=20)
    assert "GET /repos/{owner}/{repo}/pulls" in found[:2]  # no DELETE on pulls: still found


def test_path_parameters_do_not_dominate() -> None:
    # {owner} is in most paths; the one operation about owners as users must still lead,
    # and a word that only names a path parameter does not outrank the operation's words.
    assert keys(REPOS, "owner")[0] == "GET /users/{owner}"
    assert keys(REPOS, "get owner repositories")[0] == "GET /repos/{owner}/{repo}"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("pulls/create-review", "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"),
        ("PULLS/CREATE-REVIEW", "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"),
        ("/orgs/{org}/members", "GET /orgs/{org}/members"),
        ("/orgs/{org}/members/", "GET /orgs/{org}/members"),
        ("delete /repos/{owner}/{repo}", "DELETE /repos/{owner}/{repo}"),
    ],
)
def test_exact_operation_id_or_path_comes_first(query: str, first: str) -> None:
    assert keys(REPOS, query)[0] == first


def test_never_empty_when_a_word_matches() -> None:
    assert keys(REPOS, "zebra unicorn deployments") == ["GET /repos/{owner}/{repo}/deployments"]
    # A word the API never uses falls back to the words it begins.
    assert keys(REPOS, "organizat")[0].startswith(("GET /orgs", "POST /orgs", "DELETE /orgs"))
    assert keys(REPOS, "zebra unicorn") == []
    total, found = REPOS.search_index.search("zebra")
    assert (total, found) == (0, [])


def test_total_counts_every_match_and_limit_bounds_the_page() -> None:
    total, found = REPOS.search_index.search("repository", limit=2)
    assert len(found) == 2 and total >= 5


def test_filters_and_empty_queries() -> None:
    assert (
        keys(REPOS, "repository", method="DELETE")
        == [
            "DELETE /repos/{owner}/{repo}",
            "DELETE /orgs/{org}/members/{username}",
        ][:1]
    )
    everything = REPOS.search_index.search("", method="GET", limit=100)
    assert everything[0] == 6 and all(e.method == "GET" for e in everything[1])
    assert REPOS.search_index.search("   ") == (0, [])
    # Only stop words: they are searched rather than dropped ("Get a repository" has "a").
    assert "GET /repos/{owner}/{repo}" in keys(REPOS, "the a of", limit=20)


def test_index_takes_any_endpoint_shaped_objects() -> None:
    index = SearchIndex(REPOS.endpoints[:3])
    assert len(index) == 3
    assert index.search("update")[1][0].key == "PATCH /repos/{owner}/{repo}"


# --- the example project --------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("list books", "GET /api/books/"),
        ("get a book", "GET /api/books/{id}/"),
        ("add a new book", "POST /api/books/"),
        ("remove an author", "DELETE /api/authors/{id}/"),
        ("edit a publisher", "PATCH /api/publishers/{id}/"),
        ("reviews of a book", "GET /api/books/{id}/reviews/"),
        ("best sellers", "GET /api/books/bestsellers/"),
        ("bestseller", "GET /api/books/bestsellers/"),
        ("books_partial_update", "PATCH /api/books/{id}/"),
        ("login token", "POST /api/auth/token/"),
        ("stats", "GET /api/stats/"),
    ],
)
def test_example_project(api: ApiSchema, query: str, first: str) -> None:
    assert keys(api, query)[0] == first, keys(api, query)


# --- real APIs (the quality benchmark's request sets) ---------------------------------


#: recall@5 measured per API with benchmarks/search_quality.py (whole set: 1.00, 0.98, 0.92,
#: 1.00; issue 16's task set: Box 0.93, Zoom 0.90), minus a margin of ~0.08.
RECALL5_FLOOR = {
    "stripe": 0.92,
    "digitalocean": 0.90,
    "jira": 0.84,
    "spotify": 0.92,
    "box": 0.85,
    "zoom": 0.82,
    "bitbucket": 0.70,
    "gitlab": 0.75,
}


@pytest.mark.realworld
@pytest.mark.parametrize("name", sorted(RECALL5_FLOOR))
def test_search_quality_on_real_apis(name: str) -> None:
    from tests.support.realworld import Unavailable, available

    if not available(name):
        pytest.skip(f"{name}: not cached and npm is not installed")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import search_quality
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    try:
        result = search_quality.evaluate(name)
    except Unavailable as exc:
        pytest.skip(str(exc))
    parts = result["parts"]
    n = sum(p["n"] for p in parts.values())
    recall5 = sum(p["ours"]["r5"] * p["n"] for p in parts.values()) / n
    baseline = sum(p["bm25"]["r5"] * p["n"] for p in parts.values()) / n
    assert recall5 >= RECALL5_FLOOR[name], (recall5, parts)
    assert recall5 >= baseline - 0.05, (recall5, baseline)


def test_search_does_not_import_the_records() -> None:
    source = (ROOT / "drf_mcp_docs" / "schema" / "search.py").read_text()
    imported = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "drf_mcp_docs.schema.records" not in imported
