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


#: The opening of a sentence that only sends the reader to a linked page ("For more
#: information, see [Pagination](url).", "Related guide: [..](..).", "See the [docs](..)
#: for details."): with a link in it, nothing in it says what to send.
_POINTER = re.compile(
    r"\s*(?:For (?:more )?(?:information|details|info)\b|To learn more\b|Learn more\b"
    r"|Related guides?:|See(?: also)?\b)",
    re.IGNORECASE,
)
#: Where a sentence ends, in a text whose links and code spans are masked: a stop (and the
#: quotes or brackets closing on it) before a space or a tag, or a line's end before a
#: blank line, a list item, a heading, a table row or a tag (a line wrapped inside a
#: paragraph ends no sentence).
_BOUNDARY = re.compile(r"[.!?][\"')]*(?=\s|$|<)|\n(?=[ \t]*(?:\n|[-*+•] |\d+[.)] |[#|<]|$))")


def unlinked(text: str) -> str:
    """``text`` with each link reduced to its words, and each sentence that only points to
    a linked page left out: a folded answer has no room for pages an agent cannot open (the
    part's ``field=`` answer keeps them)."""
    if "](" not in text and "</" not in text:
        return text
    return _LINK.sub(_words, _without_pointers(text)).strip()


def _without_pointers(text: str) -> str:
    # Links (\x01) and code spans (\x02) are masked so that the stops inside their URLs
    # and code end no sentence; each step is one linear scan, whatever the text holds.
    masked = _LINK.sub(
        lambda m: ("\x02" if m.group(0)[0] == "`" else "\x01") * len(m.group(0)), text
    )
    if "\x01" not in masked:
        return text
    pieces, start = [], 0
    for match in _BOUNDARY.finditer(masked):
        if match.group(0) != "\n" and _NOT_AN_END.search(
            text[max(0, match.start() - 16) : match.start() + 1]
        ):
            continue
        pieces.extend(
            [(start, match.start()), (match.start(), match.end())]
            if match.group(0) == "\n"
            else [(start, match.end())]
        )
        start = match.end()
    pieces.append((start, len(text)))
    kept: list[str] = []
    dropped = False
    for begin, end in pieces:
        piece = text[begin:end]
        if not piece:
            continue
        if dropped and piece == "\n" and (not kept or kept[-1].endswith("\n")):
            dropped = False  # the line was the left-out sentence alone
            continue
        dropped = "\x01" in masked[begin:end] and _POINTER.match(piece) is not None
        if not dropped:
            kept.append(piece)
        elif "\n" in piece[: len(piece) - len(piece.lstrip())]:
            kept.append("\n")  # the paragraph it opened still ends what came before
    return "".join(kept)


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
