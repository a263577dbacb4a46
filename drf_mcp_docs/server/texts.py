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


#: A sentence that only sends the reader to a linked page ("For more information, see
#: [Pagination](url).", "Related guide: [..](..).", "See the [docs](..) for details."):
#: it opens with a pointer and holds a link; nothing in it says what to send.
_POINTER = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?] )|(?<=[.!?][\"')] ))[ \t]*"
    r"(?:For (?:more )?(?:information|details|info)\b|To learn more\b|Learn more\b"
    r"|Related guides?:|See(?: also)?\b)"
    rf"(?:[^.!?\n\[<`]|{_LINK.pattern})*?(?:{_LINK.pattern})(?:[^.!?\n\[<`]|{_LINK.pattern})*"
    r"(?:[.!?][\"')]*(?=\s|$)|(?=\n)|$)[ \t]*",
    re.IGNORECASE,
)


def unlinked(text: str) -> str:
    """``text`` with each link reduced to its words, and each sentence that only points to
    a linked page left out: a folded answer has no room for pages an agent cannot open (the
    part's ``field=`` answer keeps them)."""
    if "](" not in text and "</" not in text:
        return text
    return _LINK.sub(_words, _POINTER.sub("", text)).strip()


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
