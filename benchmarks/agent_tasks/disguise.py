"""Build the disguised OpenAPI document of the agent-task benchmark.

    python benchmarks/agent_tasks/disguise.py [OUT] [--suite NAME]  # OUT: build/api.json

A suite is a word map and its tasks: the default one, ``verdant`` (NetBox), in this
directory; the others in ``suites/<name>/`` (``wordmap.json``, ``tasks.json``), each built
to its own ``build/api.json``. The source is a real public document fetched by
``tests.support.realworld`` (named in ``wordmap.json``); nothing of it is committed. The
transform is fixed and deterministic: every key and string of the document is split into
word pieces (snake_case, kebab-case, CamelCase, acronyms, digits) and each piece found in
the word map is replaced, keeping its case. Keys and ``$ref`` targets go through the same
function, so references still resolve. The map's targets never occur in the source, so two
different names never meet.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

HERE = Path(__file__).resolve().parent
WORDMAP = HERE / "wordmap.json"
DEFAULT_OUT = HERE / "build" / "api.json"
DEFAULT_SUITE = "verdant"
SUITES = HERE / "suites"


@dataclass(frozen=True)
class Suite:
    """One suite: a word map, its tasks and where its disguised document is built."""

    name: str
    directory: Path

    @property
    def wordmap(self) -> Path:
        return self.directory / "wordmap.json"

    @property
    def tasks(self) -> Path:
        return self.directory / "tasks.json"

    @property
    def document(self) -> Path:
        return self.directory / "build" / "api.json"


def suite_names() -> list[str]:
    others = sorted(p.parent.name for p in SUITES.glob("*/wordmap.json"))
    return [DEFAULT_SUITE, *others]


def suite(name: str | None = None) -> Suite:
    """The suite called ``name`` (None: the default one); ValueError names the known ones."""
    if name is None or name == DEFAULT_SUITE:
        return Suite(DEFAULT_SUITE, HERE)
    directory = SUITES / name
    if "/" in name or not (directory / "wordmap.json").is_file():
        raise ValueError(f"no suite {name!r} (suites: {', '.join(suite_names())})")
    return Suite(name, directory)


def api_prefix(document: dict[str, Any]) -> str:
    """The path of the document's server URL (``/api``, or ``""`` when it has none)."""
    servers = document.get("servers") or [{"url": ""}]
    return urlsplit(str(servers[0].get("url", ""))).path.rstrip("/")


_PIECE = re.compile(r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^A-Za-z\d]+")
#: vendor traces the word map cannot reach: dropped from ``info`` outright.
_DROPPED_INFO = ("termsOfService", "contact", "x-origin", "x-providerName", "x-apisguru-categories")


def load_wordmap(name: str | None = None) -> dict[str, Any]:
    return json.loads(suite(name).wordmap.read_text())  # type: ignore[no-any-return]


_REF_HEAD = "#/components/"
#: a JSON pointer into another operation (bundlers write these: DigitalOcean's document
#: refers to parameters, bodies and schemas where they first occur, ``%7B`` for ``{``)
_PATH_REF_HEAD = "#/paths/"
#: what a pointer token keeps unescaped (RFC 3986's pchar, less the ``%`` of an escape)
_POINTER_SAFE = "!$&'()*+,;=:@"
_OPENAPI_ROOT = frozenset(
    ("openapi", "info", "servers", "paths", "components", "security", "tags", "externalDocs")
)


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
        if value.startswith(_REF_HEAD):  # the section names are OpenAPI's, not the vendor's
            return _REF_HEAD + self._text(value[len(_REF_HEAD) :])
        if value.startswith(_PATH_REF_HEAD):
            return self._path_ref(value)
        for pattern, target in self.phrases:
            value = pattern.sub(_replacer(target), value)
        out = []
        for piece in _PIECE.findall(value):
            word = self.words.get(piece.lower())
            out.append(_recase(piece, word) if word else piece)
        return "".join(out)

    def _path_ref(self, value: str) -> str:
        """A ``#/paths/...`` pointer, renamed token by token as the keys it names were."""
        tokens = []
        for token in value[len(_PATH_REF_HEAD) :].split("/"):
            key = unquote(token).replace("~1", "/").replace("~0", "~")
            renamed = self.text(key).replace("~", "~0").replace("/", "~1")
            tokens.append(quote(renamed, safe=_POINTER_SAFE))
        return _PATH_REF_HEAD + "/".join(tokens)

    def node(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {self.text(k): self.node(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.node(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def document(self, source: dict[str, Any]) -> dict[str, Any]:
        # Vendor-only keys the word map cannot usefully reach (logos, prose guides) go.
        dropped_info = (*_DROPPED_INFO, *self.wordmap.get("drop_info", ()))
        source = {k: v for k, v in source.items() if k not in self.wordmap.get("drop_root", ())}
        source["info"] = {k: v for k, v in source.get("info", {}).items() if k not in dropped_info}
        # OpenAPI's own top-level keys (``components``, ``paths``...) are never renamed.
        out: dict[str, Any] = {
            (k if k in _OPENAPI_ROOT else self.text(k)): self.node(v) for k, v in source.items()
        }
        info = out["info"]
        info["title"] = self.wordmap["title"]
        info["description"] = self.wordmap["description"]
        out["servers"] = [{"url": self.wordmap["server"]}]
        _check_one_to_one(source, out)
        _check_refs(out)
        return out


def _check_one_to_one(source: dict[str, Any], out: dict[str, Any]) -> None:
    """Names that were distinct stay distinct (the dict rebuild would silently merge them)."""
    if len(source.get("paths", {})) != len(out.get("paths", {})):
        raise ValueError("two paths collapsed into one under the word map")
    for section, names in source.get("components", {}).items():
        if len(names) != len(out["components"][section]):
            raise ValueError(f"two components.{section} names collapsed under the word map")


def pointer(document: Any, ref: str) -> Any:
    """The node a local ``$ref`` (``#/...``, percent-encoded JSON pointer) names; KeyError
    when there is none."""
    node = document
    for token in ref.removeprefix("#/").split("/"):
        key = unquote(token).replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        elif isinstance(node, dict) and key in node:
            node = node[key]
        else:
            raise KeyError(ref)
    return node


def refs(value: Any) -> Iterator[str]:
    """Every ``$ref`` string in ``value``."""
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str):
            yield ref
        for child in value.values():
            yield from refs(child)
    elif isinstance(value, list):
        for child in value:
            yield from refs(child)


def _check_refs(out: dict[str, Any]) -> None:
    """Every local ``$ref`` of the disguised document still names a node of it."""
    broken = []
    for ref in sorted(set(refs(out))):
        try:
            pointer(out, ref)
        except KeyError:
            broken.append(ref)
    if broken:
        raise ValueError(f"{len(broken)} $ref(s) no longer resolve, e.g. {broken[0]}")


def source_document(name: str | None = None) -> dict[str, Any]:
    """The undisguised document, from the realworld cache (``Unavailable`` if it can't be had)."""
    from tests.support import realworld

    return realworld.load(load_wordmap(name)["source"])


def build(out: Path | None = None, name: str | None = None) -> Path:
    """Write suite ``name``'s disguised document to ``out`` (default: the suite's
    ``build/api.json``; idempotent) and return its path."""
    out = out or suite(name).document
    document = Disguise(load_wordmap(name)).document(source_document(name))
    text = json.dumps(document, indent=1, sort_keys=False) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.exists() or out.read_text() != text:
        out.write_text(text)
    return out


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE.parent.parent))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=None)
    parser.add_argument(
        "--suite", default=DEFAULT_SUITE, help="one of: " + ", ".join(suite_names())
    )
    args = parser.parse_args(argv)
    try:
        print(build(args.out, args.suite))
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
