"""``text.quote`` / ``text.clip``: the one way a message shows a caller's value."""

from __future__ import annotations

from drf_mcp_docs.text import QUOTE_LIMIT, clip, quote


def test_a_short_value_is_its_repr() -> None:
    assert quote("Bok") == "'Bok'"
    assert quote("x" * QUOTE_LIMIT) == repr("x" * QUOTE_LIMIT)
    assert quote(42) == "42" and quote(None) == "None"


def test_a_long_string_shows_its_first_100_characters_and_its_length() -> None:
    assert quote("a" * 900_000) == "'" + "a" * 100 + "…' (900,000 characters)"
    assert quote(b"b" * 5000) == "b'" + "b" * 100 + "…' (5,000 bytes)"


def test_quotes_inside_the_value_stay_escaped() -> None:
    shown = quote("it's " * 100)
    assert shown.startswith("\"it's it's") and shown.endswith('…" (500 characters)')


def test_a_long_container_is_cut_on_its_repr() -> None:
    shown = quote(["a" * 900_000])
    assert shown.startswith("['aaaa") and shown.endswith("… (900,004 characters)")
    assert len(shown) < 150


def test_clip_cuts_unquoted_text() -> None:
    assert clip("/api/books/") == "/api/books/"
    assert clip("/" + "x" * 500, 10) == "/xxxxxxxxx… (501 characters)"
