"""Build the disguised OpenAPI document of the agent-task benchmark.

    python benchmarks/agent_tasks/disguise.py [OUT]   # default: build/api.json here

The source is a real public document fetched by ``tests.support.realworld`` (named in
``wordmap.json``); nothing of it is committed. The transform is fixed and deterministic:
every key and string of the document is split into word pieces (snake_case, kebab-case,
CamelCase, acronyms, digits) and each piece found in the word map is replaced, keeping its
case. Keys and ``$ref`` targets go through the same function, so references still resolve.
The map's targets never occur in the source, so two different names never meet.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WORDMAP = HERE / "wordmap.json"
DEFAULT_OUT = HERE / "build" / "api.json"

_PIECE = re.compile(r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^A-Za-z\d]+")
#: vendor traces the word map cannot reach: dropped from ``info`` outright.
_DROPPED_INFO = ("termsOfService", "contact", "x-origin", "x-providerName", "x-apisguru-categories")


def load_wordmap() -> dict[str, Any]:
    return json.loads(WORDMAP.read_text())  # type: ignore[no-any-return]


def _recase(original: str, word: str) -> str:
    if len(original) > 1 and original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _replacer(target: str) -> Callable[[re.Match[str]], str]:
    return lambda match: _recase(match.group(0), target)


class Disguise:
    """The fixed transform of one word map."""

    def __init__(self, wordmap: dict[str, Any]) -> None:
        self.words: dict[str, str] = wordmap["words"]
        self.phrases = [
            (re.compile(pattern, re.IGNORECASE), target)
            for pattern, target in wordmap["phrases"].items()
        ]
        self.wordmap = wordmap
        self.text = cache(self._text)

    def _text(self, value: str) -> str:
        for pattern, target in self.phrases:
            value = pattern.sub(_replacer(target), value)
        out = []
        for piece in _PIECE.findall(value):
            word = self.words.get(piece.lower())
            out.append(_recase(piece, word) if word else piece)
        return "".join(out)

    def node(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {self.text(k): self.node(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.node(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def document(self, source: dict[str, Any]) -> dict[str, Any]:
        source = dict(source)
        source["info"] = {k: v for k, v in source.get("info", {}).items() if k not in _DROPPED_INFO}
        out: dict[str, Any] = self.node(source)
        info = out["info"]
        info["title"] = self.wordmap["title"]
        info["description"] = self.wordmap["description"]
        out["servers"] = [{"url": self.wordmap["server"]}]
        _check_one_to_one(source, out)
        return out


def _check_one_to_one(source: dict[str, Any], out: dict[str, Any]) -> None:
    """Names that were distinct stay distinct (the dict rebuild would silently merge them)."""
    if len(source.get("paths", {})) != len(out.get("paths", {})):
        raise ValueError("two paths collapsed into one under the word map")
    for section, names in source.get("components", {}).items():
        if len(names) != len(out["components"][section]):
            raise ValueError(f"two components.{section} names collapsed under the word map")


def source_document() -> dict[str, Any]:
    """The undisguised document, from the realworld cache (``Unavailable`` if it can't be had)."""
    from tests.support import realworld

    return realworld.load(load_wordmap()["source"])


def build(out: Path = DEFAULT_OUT) -> Path:
    """Write the disguised document to ``out`` (idempotent) and return its path."""
    document = Disguise(load_wordmap()).document(source_document())
    text = json.dumps(document, indent=1, sort_keys=False) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.exists() or out.read_text() != text:
        out.write_text(text)
    return out


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE.parent.parent))
    out = Path(argv[0]) if argv else DEFAULT_OUT
    print(build(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
