"""Identifiers and value literals for generated JavaScript and Python source."""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Callable, Iterable
from typing import Any

# fmt: off
JS_RESERVED = frozenset((
    "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger",
    "default", "delete", "do", "else", "enum", "eval", "export", "extends", "false", "finally",
    "for", "function", "if", "implements", "import", "in", "instanceof", "interface", "let",
    "new", "null", "package", "private", "protected", "public", "return", "static", "super",
    "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
))
# fmt: on
IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


class FileValue:
    """Stands for a file part in a multipart example body."""

    def __init__(self, field: str) -> None:
        self.field = field


def words(text: str) -> list[str]:
    """Lower-case words of an identifier or phrase, splitting camelCase and punctuation."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", text) if w]


def identifier(text: str, style: str) -> str:
    """``text`` as a safe identifier in ``style``: camel, pascal or snake."""
    parts = words(text) or ["value"]
    if style == "snake":
        name = "_".join(parts)
    else:
        name = "".join(p.capitalize() for p in parts)
        if style == "camel":
            name = name[0].lower() + name[1:]
    if name[0].isdigit():
        name = ("_" if style == "snake" else "n") + name
    reserved = keyword.kwlist if style == "snake" else JS_RESERVED
    return name + "_" if name in reserved else name


def allocate(names: Iterable[str], style: str, taken: Iterable[str] = ()) -> list[str]:
    """Distinct identifiers for ``names``, avoiding ``taken`` (local names of the snippet)."""
    used = set(taken)
    out: list[str] = []
    for name in names:
        candidate = identifier(name, style)
        while candidate in used:
            candidate += "_"
        used.add(candidate)
        out.append(candidate)
    return out


def literal(
    value: Any, style: str, *, file: Callable[[FileValue], str], level: int = 0, width: int = 80
) -> str:
    """``value`` as a JavaScript (style "js") or Python ("py") literal, wrapped when long."""
    unit = "  " if style == "js" else "    "
    flat = _flat(value, style, file)
    if len(flat) + len(unit) * level <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = unit * (level + 1)
    if isinstance(value, dict):
        items = [
            f"{_key(k, style)}: {literal(v, style, level=level + 1, file=file)}"
            for k, v in value.items()
        ]
        open_, close = "{", "}"
    else:
        items = [literal(v, style, level=level + 1, file=file) for v in value]
        open_, close = "[", "]"
    body = "".join(f"{pad}{item},\n" for item in items)
    return f"{open_}\n{body}{unit * level}{close}"


def _flat(value: Any, style: str, file: Callable[[FileValue], str]) -> str:
    if isinstance(value, FileValue):
        return file(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = ", ".join(f"{_key(k, style)}: {_flat(v, style, file)}" for k, v in value.items())
        return f"{{ {inner} }}" if style == "js" else f"{{{inner}}}"
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v, style, file) for v in value) + "]"
    if value is None:
        return "null" if style == "js" else "None"
    if isinstance(value, bool):
        return ("true" if value else "false") if style == "js" else str(value)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(str(value), ensure_ascii=False)


def _key(key: Any, style: str) -> str:
    text = str(key)
    if style == "js" and IDENTIFIER.fullmatch(text):
        return text
    return json.dumps(text, ensure_ascii=False)
