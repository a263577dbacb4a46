""" "Did you mean ...?": the closest valid names to a bad one, worded for a message.

One helper for every message that suggests a fix (tool errors, system checks, snippet
errors). A leaf: imports nothing of this package.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


#: Characters of a value compared with the choices: a name longer than this is no typo of one.
MAX_COMPARED = 1000


def closest(value: str, choices: Iterable[str], n: int = 3, cutoff: float = 0.5) -> list[str]:
    """Up to ``n`` of ``choices`` most like ``value``, best first (only the first
    ``MAX_COMPARED`` characters of ``value`` are compared, so a huge value costs little)."""
    return difflib.get_close_matches(value[:MAX_COMPARED], list(choices), n=n, cutoff=cutoff)


def did_you_mean(options: list[str], *, quoted: bool = False, sentence: bool = False) -> str:
    """``"; did you mean a, b or c?"`` (or ``" Did you mean ...?"`` as its own sentence);
    empty when there is nothing to suggest."""
    if not options:
        return ""
    shown = [repr(o) if quoted else o for o in options]
    phrase = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" or {shown[-1]}"
    return f" Did you mean {phrase}?" if sentence else f"; did you mean {phrase}?"
