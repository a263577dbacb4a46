"""Example strings: by format, by field name, and matching a ``pattern``.

A pattern is parsed with the standard library's own regex parser and walked to its
shortest match (first branch, fewest repetitions, the first character of each class),
then stretched to ``minLength`` by repeating what may repeat; the result is kept only if
``re.search`` finds the pattern in it and the lengths hold.
"""

from __future__ import annotations

import warnings
from typing import Any

from drf_mcp_docs.schema.examples.conformance import compiled

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_parse

#: Longest string a pattern may produce; longer matches are not worth showing.
MAX_PATTERN_LENGTH = 256

FORMATS: dict[str, str] = {
    "date-time": "2024-01-15T09:30:00Z",
    "date": "2024-01-15",
    "time": "09:30:00Z",
    "duration": "P3D",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "iri": "https://example.com/",
    "uri-reference": "https://example.com/",
    "iri-reference": "https://example.com/",
    "uri-template": "https://example.com/{id}",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "json-pointer": "/data/0",
    "relative-json-pointer": "0/data",
    "regex": "^[a-z]+$",
    "binary": "<binary>",
    "byte": "U3dhZ2dlciByb2Nrcw==",
    "base64": "U3dhZ2dlciByb2Nrcw==",
    "password": "********",
    "slug": "example-slug",
    "decimal": "19.99",
    "int32": "1",
    "int64": "1",
    "double": "9.99",
    "float": "9.99",
}

NAME_HINTS: tuple[tuple[str, str], ...] = (
    ("email", "user@example.com"),
    ("url", "https://example.com/"),
    ("website", "https://example.com/"),
    ("username", "jane"),
    ("password", "********"),
    ("isbn", "9780140449136"),
    ("phone", "+1-202-555-0143"),
    ("token", "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"),
    ("slug", "example-slug"),
    ("title", "The Example"),
    ("name", "Example name"),
)

_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "1",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "-",
}
#: Characters tried, in order, for a negated class or ``.``.
_PREFERRED = "a1A-_ x.0"


def example_string(schema: dict[str, Any], name: str, variant: int = 0) -> str | None:
    """A string honouring format, pattern and lengths of ``schema``; None if none is found."""
    low = schema.get("minLength")
    high = schema.get("maxLength")
    low = low if isinstance(low, int) and low > 0 else 0
    high = high if isinstance(high, int) and high >= 0 else None
    pattern = schema.get("pattern")
    regex = compiled(pattern) if isinstance(pattern, str) else None
    candidates: list[str] = []
    fmt = schema.get("format")
    if isinstance(fmt, str) and fmt in FORMATS:
        candidates.append(FORMATS[fmt])
    if isinstance(pattern, str) and regex is not None:
        candidates.extend(pattern_strings(pattern, low, high))
    lowered = name.lower()
    candidates.append(next((v for hint, v in NAME_HINTS if hint in lowered), "string"))
    for candidate in candidates:
        value = _fit_length(_vary(candidate, variant) if variant else candidate, low, high)
        if value is None:
            continue
        if regex is None or regex.search(value) is not None:
            return value
    return None


def _vary(value: str, variant: int) -> str:
    """A distinct string for the n-th item of a ``uniqueItems`` array."""
    if value and value[-1].isdigit():
        return value[:-1] + str((int(value[-1]) + variant) % 10) + str(variant // 10 or "")
    return f"{value}{variant}"


def _fit_length(value: str, low: int, high: int | None) -> str | None:
    if high is not None and len(value) > high:
        value = value[:high]
    if len(value) < low:
        value = value + "x" * (low - len(value))
    if high is not None and len(value) > high:
        return None
    return value


def pattern_strings(pattern: str, low: int = 0, high: int | None = None) -> list[str]:
    """Strings matching ``pattern`` (shortest first, then stretched toward ``low``)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(pattern)
    except Exception:
        return []
    regex = compiled(pattern)
    found: list[str] = []
    for extra in (0, 1, 2, 4, 8, 16, 32, 64):
        try:
            text = _walk(list(parsed), extra, {})  # type: ignore[call-overload]
        except (_Unsupported, RecursionError):
            return found
        if text is None or len(text) > MAX_PATTERN_LENGTH:
            break
        if regex is not None and regex.search(text) is None:
            continue
        if len(text) >= low and (high is None or len(text) <= high):
            return [*found, text]
        if not found or len(text) != len(found[-1]):
            found.append(text)
        if high is not None and len(text) > high:
            break
    return found


class _Unsupported(Exception):
    pass


def _walk(items: list[tuple[Any, Any]], extra: int, groups: dict[int, str]) -> str | None:
    out: list[str] = []
    for op, arg in items:
        kind = str(op)
        if kind == "LITERAL":
            out.append(chr(arg))
        elif kind == "NOT_LITERAL":
            out.append(next(c for c in _PREFERRED if ord(c) != arg))
        elif kind == "ANY":
            out.append("a")
        elif kind == "IN":
            out.append(_in_class(arg))
        elif kind in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = arg
            count = low + extra if high == sre_parse.MAXREPEAT else min(low + extra, high)
            if count > MAX_PATTERN_LENGTH:
                return None
            part = _walk(list(body), extra, groups)
            if part is None:
                return None
            out.append(part * count)
        elif kind == "SUBPATTERN":
            group, body = arg[0], arg[-1]
            part = _walk(list(body), extra, groups)
            if part is None:
                return None
            if group is not None:
                groups[group] = part
            out.append(part)
        elif kind == "ATOMIC_GROUP":
            part = _walk(list(arg), extra, groups)
            if part is None:
                return None
            out.append(part)
        elif kind == "BRANCH":
            part = _walk(list(arg[1][0]), extra, groups)
            if part is None:
                return None
            out.append(part)
        elif kind == "GROUPREF":
            out.append(groups.get(arg, ""))
        elif kind in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        else:
            raise _Unsupported(kind)
        if sum(map(len, out)) > MAX_PATTERN_LENGTH:
            return None
    return "".join(out)


def _in_class(items: list[tuple[Any, Any]]) -> str:
    negated = bool(items) and str(items[0][0]) == "NEGATE"
    if negated:
        allowed = [c for c in _PREFERRED if not _class_has(items[1:], c)]
        if not allowed:
            raise _Unsupported("NEGATE")
        return allowed[0]
    for op, arg in items:
        kind = str(op)
        if kind == "LITERAL":
            return chr(arg)
        if kind == "RANGE":
            start, end = arg
            preferred = next((c for c in "a1A0" if start <= ord(c) <= end), None)
            return preferred or chr(start)
        if kind == "CATEGORY":
            return _CATEGORY_CHARS.get(str(arg), "a")
    raise _Unsupported("IN")


def _class_has(items: list[tuple[Any, Any]], char: str) -> bool:
    code = ord(char)
    for op, arg in items:
        kind = str(op)
        if kind == "LITERAL" and arg == code:
            return True
        if kind == "RANGE" and arg[0] <= code <= arg[1]:
            return True
        if kind == "CATEGORY":
            category = str(arg)
            tests = {
                "CATEGORY_DIGIT": char.isdigit(),
                "CATEGORY_NOT_DIGIT": not char.isdigit(),
                "CATEGORY_SPACE": char.isspace(),
                "CATEGORY_NOT_SPACE": not char.isspace(),
                "CATEGORY_WORD": char.isalnum() or char == "_",
                "CATEGORY_NOT_WORD": not (char.isalnum() or char == "_"),
            }
            if tests.get(category, True):
                return True
    return False
