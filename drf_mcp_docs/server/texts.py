"""Folded texts: what a shortened description keeps.

A folded answer keeps a text's words, not the URLs of pages an agent cannot open, nor the
sentences that only send the reader to such a page ("For more information, see [..](..).",
:func:`unlinked`), and cuts a long one at a sentence's end, else between words
(:func:`cut`). The ``field=`` answers give texts whole; ``fold.Folder.text`` names each
text it shortened so.
"""

from __future__ import annotations

import re

__all__ = ["cut", "unlinked"]

#: A Markdown link or image, ``[text](target "title")`` (one level of parentheses in the
#: target, as Wikipedia's have), or an HTML anchor: a folded text keeps only its words. A
#: code span comes first so that what it holds (``fn[i](arg)``, a regex) is kept as written.
_LINK = re.compile(
    r"`[^`\n]*`"
    r'|!?\[([^\[\]\n]*)\]\((?:[^()\s\[\]]|\([^()\s]*\))+(?:\s+"[^"\n]*")?\)'
    r"|<a\s[^<>]*>([^<>]*)</a>",
    re.IGNORECASE,
)


#: The openings of a sentence that only sends the reader to a linked page ("For more
#: information, see [Pagination](url).", "Related guide: [..](..).", "See the [docs](..)
#: for details."): with a link in it, nothing in it says what to send. One list gives both
#: the pattern and the substring test that passes over texts holding none of them.
_OPENERS = (
    "for more information",
    "for more details",
    "for more info",
    "for information",
    "for details",
    "for info",
    "to learn more",
    "learn more",
    "related guide:",
    "related guides:",
    "see",
)
_POINTER = re.compile(
    r"\s*(?:" + "|".join(re.escape(o) + (r"\b" if o[-1].isalnum() else "") for o in _OPENERS) + ")",
    re.IGNORECASE,
)
#: Where a sentence ends, in a text whose links and code spans are masked: a stop (and the
#: quotes or brackets closing on it) before a space or a tag, or a line's end before a
#: blank line, a list item, a heading, a table row, a tag or a capital (a line wrapped
#: inside a sentence ends none).
_BOUNDARY = re.compile(r"[.!?][\"')]*(?=\s|$|<)|\n(?=[ \t\r]*(?:\n|[-*+•] |\d+[.)] |[#|<A-Z]|$))")
#: An HTML anchor to a place in the same document.
_ANCHOR_HREF = re.compile(r"""href=["']?#""", re.IGNORECASE)
#: A pointer naming another endpoint of the API ("see the "List installations" endpoint")
#: is kept: an agent can search for it.
_ENDPOINT = re.compile(r"\b(?:endpoint|operation)s?\b", re.IGNORECASE)
#: Three or more line ends in a row, where a left-out sentence stood between paragraphs.
_BLANK_LINES = re.compile(r"(?:[ \t]*\r?\n){3,}")


def unlinked(text: str) -> str:
    """``text`` with each link reduced to its words, and each sentence that only points to
    a page outside the document left out: a folded answer has no room for pages an agent
    cannot open (the part's ``field=`` answer keeps them)."""
    if "](" not in text and "</" not in text:
        return text
    return _LINK.sub(_words, _without_pointers(text))


def _mask(match: re.Match[str]) -> str:
    """A link or code span as one run of a marker: ``\x01`` a link to another page,
    ``\x02`` a code span, ``\x03`` a link within the document (another endpoint, a
    section: an agent can read those)."""
    found = match.group(0)
    if found[0] == "`":
        marker = "\x02"
    elif "](#" in found or _ANCHOR_HREF.search(found):
        marker = "\x03"
    else:
        marker = "\x01"
    return marker * len(found)


def _without_pointers(text: str) -> str:
    """``text`` without its sentences that open with a pointer ("For more information,
    see") and hold a link to another page and nothing else: no code span, no link within
    the document, no endpoint named. Links and code spans are masked so that the stops in
    their URLs and code end no sentence; each step is one linear scan, whatever the text
    holds."""
    lowered = text.lower()
    if not any(opener in lowered for opener in _OPENERS):  # most texts: no pointer
        return text
    masked = _LINK.sub(_mask, text)
    if "\x01" not in masked:
        return text
    pieces, start = [], 0
    for match in _BOUNDARY.finditer(masked):
        if match.group(0) != "\n" and _NOT_AN_END.search(
            text[max(0, match.start() - 16) : match.start() + 1]
        ):
            continue
        pieces.append((start, match.end()))
        start = match.end()
    pieces.append((start, len(text)))
    kept: list[str] = []
    dropped = opened_a_line = False
    for begin, end in pieces:
        piece, shape = text[begin:end], masked[begin:end]
        lead = piece[: len(piece) - len(piece.lstrip())]
        if _points_away(piece, shape):
            at_line_start = not kept or kept[-1].endswith("\n")
            ends = lead.replace(" ", "").replace("\t", "")  # its line ends stay
            kept.append(ends or ("\n" if piece.endswith("\n") else ""))
            dropped, opened_a_line = True, at_line_start or "\n" in lead
            continue
        kept.append(piece.lstrip(" \t") if opened_a_line else piece)
        opened_a_line = False
    if not dropped:
        return text
    return _BLANK_LINES.sub(_two_line_ends, "".join(kept)).strip()


def _points_away(piece: str, shape: str) -> bool:
    """Is ``piece`` (``shape`` its masked form) a pointer sentence to leave out: a pointer's
    opening, a link to another page, and no code span, in-document link or endpoint?"""
    return (
        "\x01" in shape
        and not {"\x02", "\x03"} & set(shape)
        and _POINTER.match(piece) is not None
        and not _ENDPOINT.search(piece)
    )


def _two_line_ends(match: re.Match[str]) -> str:
    return "\r\n\r\n" if "\r" in match.group(0) else "\n\n"


def _words(match: re.Match[str]) -> str:
    for group in (1, 2):
        if match.group(group) is not None:
            return match.group(group)
    return match.group(0)  # a code span


#: The end of a sentence: a cut text ends there when it keeps at least half its room...
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
#: ...unless the period ends an abbreviation, an initial or a list's number ("e.g.", "1.").
_NOT_AN_END = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|no|ex)|(?:^|\n)\s*\d+|\b[a-z])\.$",
    re.IGNORECASE,
)


def cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, "…" last: at its last sentence's end when
    that keeps half the room or more, else between words when that does, else where the
    room ends (a long token, a list of codes: half a line rather than none of it)."""
    text = text.lstrip()
    if limit <= 0:
        return ""
    head = text[: limit - 1]
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(text[:limit])
        if m.end() <= limit - 1 and not _NOT_AN_END.search(text[: m.end()])
    ]
    if ends and ends[-1] >= limit // 2:
        return head[: ends[-1]] + "…"
    inside_a_word = len(text) >= limit and head[-1:].isalnum() and text[limit - 1].isalnum()
    if inside_a_word and " " in head:
        words = head.rsplit(" ", 1)[0].rstrip()
        if len(words) >= limit // 2:  # a word left out, not half the room
            head = words
    return head.rstrip() + "…"
