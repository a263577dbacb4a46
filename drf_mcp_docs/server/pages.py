"""Long texts a page at a time, and the exact arguments that read what an answer shortened.

A text never vanishes: an answer that shortens one names the call that returns it in
full (``field="description"``), and a text longer than one page is read with ``page=2``,
``page=3``... The pages are contiguous slices: joined, they are the text.
"""

from __future__ import annotations

from drf_mcp_docs.server.errors import ToolInputError
from drf_mcp_docs.text import quote

#: Characters of text per page (3 bytes each at worst: well inside an answer's budget).
PAGE_CHARS = 6000
#: A page ends at the last line break or space within this many characters of its end.
_SOFT_END = 300


def split_pages(text: str) -> list[str]:
    """``text`` in pages of at most :data:`PAGE_CHARS` characters, cut between words."""
    pages: list[str] = []
    start = 0
    while len(text) - start > PAGE_CHARS:
        end = start + PAGE_CHARS
        soft = max(text.rfind("\n", end - _SOFT_END, end), text.rfind(" ", end - _SOFT_END, end))
        if soft > start:
            end = soft + 1
        pages.append(text[start:end])
        start = end
    pages.append(text[start:])
    return pages


def check_page(page: int | None) -> int:
    """``page`` as a page number (1 when not given), or a tool error naming it."""
    if page is None:
        return 1
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise ToolInputError(f"page must be a whole number from 1, got {quote(page)}")
    return page


def text_page(text: str, page: int, what: str) -> tuple[str, int]:
    """Page ``page`` of ``text`` and the number of pages; an error past the last one."""
    pages = split_pages(text)
    if page > len(pages):
        raise ToolInputError(
            f"page {page} is out of range: {what} has {len(pages)} "
            f"page{'s' if len(pages) != 1 else ''} (page=1"
            + (f" to page={len(pages)})" if len(pages) > 1 else ")")
        )
    return pages[page - 1], len(pages)


def field_arg(field: str, page: int | None = None) -> str:
    """The exact arguments that read ``field`` (and a page of it): ``field="x", page=2``."""
    return f'field="{field}"' + (f", page={page}" if page else "")
