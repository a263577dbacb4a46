"""Folded texts (server/texts.py, and fold.Folder.text): links reduced to their words,
cuts at a sentence's end, and every such cut named."""

from __future__ import annotations

from typing import Any

import pytest

from drf_mcp_docs.schema.processor import process_schema
from drf_mcp_docs.server import render
from drf_mcp_docs.server.fold import Folder, Level
from drf_mcp_docs.server.pages import PAGE_CHARS
from drf_mcp_docs.server.texts import cut, unlinked


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Mind the [rate limits](https://x.test/a#b) first.", "Mind the rate limits first."),
        ('[ISO 8601](https://en.wikipedia.org/wiki/ISO_(8601) "title") format', "ISO 8601 format"),
        ("![diagram](img/flow.png) shows it", "diagram shows it"),
        ('Read <a href="/docs/keys">the keys guide</a>.', "Read the keys guide."),
        ("Arrays use [a, b] (not a link).", "Arrays use [a, b] (not a link)."),
        ("No link here: (see) [this].", "No link here: (see) [this]."),
        # Code spans are kept as written: an index call, a regex, a link shown as code.
        ("call `fn[i](arg)` here", "call `fn[i](arg)` here"),
        (
            "`[a-z0-9]([-a-z0-9]*[a-z0-9])?` and [docs](http://d)",
            "`[a-z0-9]([-a-z0-9]*[a-z0-9])?` and docs",
        ),
    ],
)
def test_unlinked_keeps_the_words_of_each_link(text: str, words: str) -> None:
    assert unlinked(text) == words


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # GitHub's, Stripe's and Jira's ways of sending the reader to another page.
        (
            'Results per page (max 100). For more information, see "[Using pagination in '
            'the REST API](https://docs.x.test/rest/pagination)."',
            "Results per page (max 100).",
        ),
        (
            "Creates a charge. Related guide: [Charges](https://x.test/charges). Then it.",
            "Creates a charge. Then it.",
        ),
        ("See the [guide](https://x.test/g) for details.\nReturns [pages](#p).", "Returns pages."),
        # A pointer alone between paragraphs leaves one paragraph break, not two (\r\n too).
        ("Alpha.\n\nSee [x](http://a.test).\n\nBeta.", "Alpha.\n\nBeta."),
        ("Alpha.\r\n\r\nSee [x](http://a.test).\r\n\r\nBeta.", "Alpha.\r\n\r\nBeta."),
        ("Alpha.\n\nSee also [y](http://y.test). Next one.", "Alpha.\n\nNext one."),
        # A line opening with a capital starts a sentence: a pointer without a stop ends there.
        (
            "Alpha. See [x](http://u.test) for details\nThe value must be positive.",
            "Alpha.\nThe value must be positive.",
        ),
        # Kept: a pointer within the document (another endpoint: the agent can read it), or
        # one holding code (a format, a value).
        (
            "Items. See [Get versions](#api-versions-get) for all.",
            "Items. See Get versions for all.",
        ),
        ("For more on `x`, see [a](http://a.test/a.html).", "For more on `x`, see a."),
        (
            'For more, see the "[List apps](https://x.test/apps)" endpoint.',
            'For more, see the "List apps" endpoint.',
        ),
        (
            "Dates. See [x](http://x.test) for the format: `YYYY-MM-DD`.",
            "Dates. See x for the format: `YYYY-MM-DD`.",
        ),
        # Without a link there is nothing to leave out: the text comes back as it is.
        ("Terms <b>bold</b>\n", "Terms <b>bold</b>\n"),
        ("To learn more about tokens, see [tokens](http://t). Tokens expire.", "Tokens expire."),
        # Not a pointer: a link inside a sentence that says something, or no link at all.
        (
            "Set of [key-value pairs](https://x.test/metadata) to attach.",
            "Set of key-value pairs to attach.",
        ),
        ("Seeds are [seeds](http://s). See below.", "Seeds are seeds. See below."),
        # "e.g." ends no sentence; the stops inside a link's URL or a code span end none.
        ("For more information, see e.g. [x](http://y.test/a.b). Kept.", "Kept."),
        ("Use `a.b`. See [v1.2](http://x.test/v1.2) first.\nNext line.", "Use `a.b`.\nNext line."),
    ],
)
def test_unlinked_leaves_out_sentences_that_only_point_to_a_page(text: str, kept: str) -> None:
    assert unlinked(text) == kept


def test_a_folded_text_without_its_links_is_named_as_cut() -> None:
    api = process_schema({"openapi": "3.0.3", "info": {}, "paths": {}})
    folder = Folder(api, Level(refs=1, nesting=2, description=200, examples=False))
    assert folder.text("Short [guide](https://x.test/g).", "parameters.q") == "Short guide."
    assert folder.text("Plain text.", "parameters.page") == "Plain text."
    assert list(folder.cut_texts) == ["parameters.q"]
    # A level without a limit (a field= answer) gives the text whole, links included.
    whole = Folder(api, Level(refs=1, nesting=2, description=None, examples=False))
    assert whole.text("Short [guide](https://x.test/g).", "q") == "Short [guide](https://x.test/g)."
    assert not whole.cut_texts


def _document() -> dict[str, Any]:
    q = {
        "name": "q",
        "in": "query",
        "schema": {"type": "string"},
        "description": "Terms; see [search syntax](https://x.test/search).",
    }
    operation = {
        "operationId": "find",
        "description": "Finds things. See [the guide](https://x.test/guide).",
        "parameters": [q],
        "responses": {"200": {"description": "ok"}},
    }
    return {"openapi": "3.0.3", "info": {}, "paths": {"/find": {"get": operation}}}


def test_the_default_answer_drops_link_targets_and_names_where() -> None:
    api = process_schema(_document())
    (endpoint,) = api.endpoints
    detail = render.endpoint_detail(endpoint, api)
    assert detail["description"] == "Finds things."  # the pointer sentence left out
    assert detail["parameters"]["query"]["q"] == "string // Terms; see search syntax."
    # Both named in one line, apart from the texts cut for room (there are none here).
    assert detail["more"]["onlyLinksLeftOut"] == 'field="description", field="parameters.q"'
    assert "shortened" not in detail["more"] and "description" not in detail["more"]
    # The parts named give the texts whole.
    described = render.endpoint_field(endpoint, api, "description")
    assert described["description"] == _document()["paths"]["/find"]["get"]["description"]
    q = render.endpoint_field(endpoint, api, "parameters.q")
    assert q["description"] == "Terms; see [search syntax](https://x.test/search)."


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        # At the last sentence's end within the room, when that keeps half of it...
        ("First sentence here. Second one runs on and on.", 30, "First sentence here.…"),
        # ...else between words, never inside one.
        ("Short. Then a very long second sentence follows.", 30, "Short. Then a very long…"),
        ("abcdefghij", 5, "abcd…"),
        ("anything", 0, ""),
        # Not at an abbreviation's or a list number's period...
        (
            "A long list of the accepted payment method types (e.g. card, bank) to use",
            60,
            "A long list of the accepted payment method types (e.g. card…",
        ),
        ("Conditions:\n\n1. The first one is long enough here", 20, "Conditions:\n\n1. The…"),
        # ...and not at a word's end that keeps less than half the room: a list of codes.
        (
            "Sizes:<br>`1-20`<br>`21-50`<br>`51-100`<br>`101-500`",
            30,
            "Sizes:<br>`1-20`<br>`21-50`<b…",
        ),
        # A sentence's end just inside the room counts; leading blanks do not take it.
        ("Twelve chars. More words after it", 14, "Twelve chars.…"),
        ("          a long text that needs a cut", 10, "a long…"),
    ],
)
def test_a_cut_ends_at_a_sentence_or_a_word(text: str, limit: int, shown: str) -> None:
    assert cut(text, limit) == shown and len(shown) <= max(limit, 0)


def test_a_cut_description_with_links_says_both_and_room_zero_says_none_shown() -> None:
    long = "Finds things. " + "Mind [the guide](https://x.test/guide) for more. " * 320
    document = _document()
    document["paths"]["/find"]["get"]["description"] = long
    api = process_schema(document)
    detail = render.endpoint_detail(api.endpoints[0], api)
    shown, whole = len(detail["description"]) - 1, len(api.endpoints[0].description)
    assert detail["description"].endswith("…") and "https://" not in detail["description"]
    assert detail["more"]["description"] == (
        f'field="description" ({shown:,} of {whole:,} characters shown, links left out)'
    )
    # At the tightest folding (a body too large for the budget) no room is left for it.
    fields = {f"f{i}": {"type": "string", "description": "x" * 80} for i in range(400)}
    document["paths"]["/find"]["get"]["requestBody"] = {
        "content": {"application/json": {"schema": {"type": "object", "properties": fields}}}
    }
    api = process_schema(document)
    tight = render.endpoint_detail(api.endpoints[0], api)
    assert "description" not in tight
    assert tight["more"]["description"] == (
        f'field="description" (0 of {whole:,} characters shown, links left out)'
    )


def test_a_search_hit_from_a_description_keeps_its_links_words() -> None:
    document = _document()
    document["paths"]["/find"]["get"]["description"] = "[Finds](https://x.test/f) things."
    api = process_schema(document)
    assert render.search_hit(api.endpoints[0]) == "GET /find Finds things."


def test_a_text_cut_for_room_is_named_as_cut_links_or_not() -> None:
    """``onlyLinksLeftOut`` names a text whole but for its links' targets; one cut for room
    is named in ``shortened``, whether it had links or not."""
    document = _document()
    q = document["paths"]["/find"]["get"]["parameters"][0]
    q["description"] = "Terms; see [search syntax](https://x.test/search). " + "More words. " * 80
    api = process_schema(document)
    detail = render.endpoint_detail(api.endpoints[0], api)
    assert detail["parameters"]["query"]["q"].endswith("…")
    assert detail["more"]["shortened"] == ['field="parameters.q"']
    assert detail["more"]["onlyLinksLeftOut"] == 'field="description"'  # q is not here


def test_an_operation_description_up_to_a_page_is_whole_by_default() -> None:
    """Bitbucket's pipeline run: 5,300 characters of worked examples, fetched again whole
    in every agent run when cut at 2,400; whole now, up to a page of field= text."""
    document = _document()
    page = ("Send the target as in this example. " * 200)[: PAGE_CHARS - 100]
    document["paths"]["/find"]["get"]["description"] = page
    api = process_schema(document)
    detail = render.endpoint_detail(api.endpoints[0], api)
    assert detail["description"] == page
    assert "description" not in detail.get("more", {})
