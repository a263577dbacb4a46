"""One field's notation string: its type, constraints, flags and description.

``"integer|null, 1..65536, required // Physical port speed"`` (see ``server/notation.py``
for objects, lists and variants). Values are written bare when they read as themselves
and as JSON otherwise (``"1"`` for the string, ``1`` for the number); nothing before the
description holds `` //``, which starts it.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Keys said in a leaf's string (everything else keeps the node as JSON Schema).
LEAF_KEYS = frozenset(
    (  # noqa: SIM905 (27 names, one line each, would be 27 lines)
        "type format enum enumCount const default minimum maximum exclusiveMinimum "
        "exclusiveMaximum minLength maxLength pattern multipleOf nullable x-nullable readOnly "
        "writeOnly deprecated description title example examples x-multi-segment x-subtypes "
        # Array keys on a scalar (Kubernetes' parameters): said like an array's.
        "minItems maxItems uniqueItems"
    ).split()
)
#: What an enum value or default must not hold to be written bare (else it is JSON).
_SPECIAL = re.compile(r'^$|^"|\||, | //|…')


def leaf(schema: dict[str, Any], required: bool = False, described: bool = True) -> str:
    """A scalar field's string: type, constraints, flags and (``described``) description."""
    parts = [type_text(schema), *constraints(schema), *flags(schema, required)]
    return joined(parts, description_of(schema) if described else "")


def kind(schema: Any) -> str | None:
    """The type of ``schema`` but ``null`` (3.1's ``["array", "null"]`` is ``"array"``)."""
    found = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(found, list):
        kinds = [k for k in found if k != "null"]
        found = kinds[0] if len(kinds) == 1 else None
    return found if isinstance(found, str) else None


def nullable(schema: dict[str, Any]) -> bool:
    found = schema.get("type")
    return (
        schema.get("nullable") is True
        or schema.get("x-nullable") is True
        or (isinstance(found, list) and "null" in found)
    )


def type_text(schema: dict[str, Any]) -> str:
    """The type part: ``integer|null``, ``string(date-time)``, ``enum: a|b``, ``const: x``."""
    null = nullable(schema)
    if "const" in schema:
        return "const: " + value_text(schema["const"]) + ("|null" if null else "")
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        values = [v for v in enum if v is not None]
        null = null or len(values) < len(enum)
        count = schema.get("enumCount")
        head = f"enum({count})" if isinstance(count, int) else "enum"
        text = head + ": " + "|".join(value_text(v) for v in values)
        if isinstance(count, int):
            text += "|…"
        return text + ("|null" if null else "")
    found = schema.get("type")
    if isinstance(found, list):
        kinds = [str(k) for k in found if k != "null"]
        text = "|".join(kinds) if kinds else "null"
    elif isinstance(found, str):
        text = found
    else:
        text = "object" if "additionalProperties" in schema else "any"
    if isinstance(schema.get("format"), str):
        text += f"({schema['format']})"
    return text + ("|null" if null and text != "null" else "")


def value_text(value: Any) -> str:
    """An enum value as written: bare when a plain word (or a number, boolean...), else JSON:
    a string that would read as something else (``"1"``, ``"null"``, ``"a|b"``) is quoted."""
    if isinstance(value, str) and value.strip() == value and not _SPECIAL.search(value):
        try:
            json.loads(value)
        except ValueError:
            return value
    return as_json(value)


def as_json(value: Any) -> str:
    """``value`` as JSON, with no `` //`` in it (that starts a description)."""
    return json.dumps(value, ensure_ascii=False).replace("//", "\\/\\/")


def constraints(schema: dict[str, Any]) -> list[str]:
    out = []
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low or high is not None:
        out.append("len " + _range(low or 0, high))
    low, high = schema.get("minItems"), schema.get("maxItems")
    if low or high is not None:
        out.append("items " + _range(low or 0, high))
    low, high = schema.get("minProperties"), schema.get("maxProperties")
    if low or high is not None:
        out.append("fields " + _range(low or 0, high))
    bounds = _bounds(schema)
    if bounds:
        out.append(bounds)
    if schema.get("multipleOf") is not None:
        out.append(f"multipleOf {value_text(schema['multipleOf'])}")
    if isinstance(schema.get("pattern"), str):
        out.append(f"pattern {schema['pattern']}")
    if "default" in schema:
        out.append("default " + as_json(schema["default"]))
    if schema.get("uniqueItems") is True:
        out.append("unique")
    return out


def _range(low: Any, high: Any) -> str:
    if high is None:
        return f">={low}"
    return f"<={high}" if not low else f"{low}..{high}"


def _bounds(schema: dict[str, Any]) -> str:
    """``minimum``/``maximum`` (exclusive in 3.0's boolean or 3.1's number form)."""
    low, high = schema.get("minimum"), schema.get("maximum")
    ex_low, ex_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    said = []
    if _number(ex_low):  # 3.1: the exclusive bound is a number of its own
        said.append(f">{value_text(ex_low)}")
    if _number(ex_high):
        said.append(f"<{value_text(ex_high)}")
    if said:
        if low is not None:
            said.insert(0, f">={value_text(low)}")
        if high is not None:
            said.append(f"<={value_text(high)}")
        return " ".join(said)
    if low is not None and high is not None and not ex_low and not ex_high:
        return f"{value_text(low)}..{value_text(high)}"
    said = []
    if low is not None:
        said.append((">" if ex_low else ">=") + value_text(low))
    if high is not None:
        said.append(("<" if ex_high else "<=") + value_text(high))
    return " ".join(said)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def names(values: Any) -> list[str]:
    """The field names of a ``required`` list (anything else in it is not a name)."""
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def flags(schema: dict[str, Any], required: bool) -> list[str]:
    out = []
    if required:
        out.append("required")
    if schema.get("readOnly") is True:
        out.append("read-only")
    if schema.get("writeOnly") is True:
        out.append("write-only")
    if schema.get("deprecated") is True:
        out.append("deprecated")
    if schema.get("x-multi-segment") is True:
        out.append("multi-segment")
    if isinstance(schema.get("x-subtypes"), list):  # server.subtypes: a base's
        out.append("subtypes: " + "|".join(map(str, schema["x-subtypes"])))
    if "example" in schema:
        out.append("e.g. " + as_json(schema["example"]))
    elif isinstance(schema.get("examples"), list) and schema["examples"]:
        out.append("e.g. " + as_json(schema["examples"][0]))
    return out


def description_of(schema: dict[str, Any]) -> str:
    title, text = schema.get("title"), schema.get("description")
    title = title if isinstance(title, str) else ""
    text = text if isinstance(text, str) else ""
    if title and text and not text.startswith(title):
        return f"{title}: {text}"
    return text or title


def joined(parts: list[str], description: str = "") -> str:
    """``"a, b // description"``: the parts that say something, then the description."""
    text = ", ".join(p for p in parts if p)
    if not description:
        return text
    return f"{text} // {description}" if text else f"// {description}"


def split_said(said: str) -> tuple[str, str]:
    """:func:`joined` read back: ``"a, b // text"`` -> ``("a, b", "text")``."""
    head, _, description = said.partition(" // ")
    if head.startswith("// "):
        return "", head[3:]
    return head, description
