"""No schema makes the example builder crash, however malformed.

Random schemas mixing every keyword with values of the wrong type (bool, nan, huge
numbers, bad regexes, dangling references): each must give a value or None. (The sizes
that could hang it, such as ``minProperties: 1000000``, are refused by the builder.)
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from drf_mcp_docs.schema.examples import build_example, describe_variants

KEYS = [
    "type",
    "properties",
    "items",
    "required",
    "enum",
    "const",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "nullable",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "discriminator",
    "additionalProperties",
    "patternProperties",
    "propertyNames",
    "minProperties",
    "maxProperties",
    "$ref",
    "example",
    "examples",
    "default",
    "format",
    "prefixItems",
    "contains",
    "readOnly",
    "writeOnly",
]
ATOMS: tuple[Any, ...] = (
    None, True, False, 0, -1, 3, 1.5, 1e308, -1e308, float("nan"), "", "x", "[", "^(a|b)+$",
    "\\p{L}", "(?P<n>a)(?P=n)", [], {}, "string", "object", "array", "integer", "number",
    "null", "boolean", ["string", "null"], [1, "a", None], "#/components/schemas/A", "A",
    10**6, 0.0001,
)  # fmt: skip


def schema(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.3:
        return rng.choice(ATOMS)
    if roll < 0.4:
        return [schema(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    out: dict[str, Any] = {}
    for _ in range(rng.randint(0, 6)):
        key = rng.choice(KEYS)
        if key == "properties":
            out[key] = {rng.choice("abcde"): schema(rng, depth + 1) for _ in range(3)}
        elif key in ("allOf", "oneOf", "anyOf", "prefixItems"):
            out[key] = [schema(rng, depth + 1) for _ in range(rng.randint(0, 3))]
        elif key == "discriminator":
            mapping = rng.choice([{"x": "A", "y": "#/components/schemas/B"}, {"z": 3}, "bad"])
            out[key] = {"propertyName": rng.choice(["a", 5, None]), "mapping": mapping}
        else:
            out[key] = schema(rng, depth + 1)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_malformed_schemas_never_crash_or_hang(seed: int) -> None:
    rng = random.Random(seed)
    components = {
        "A": schema(rng),
        "B": {"type": "object", "required": ["a"], "properties": {"a": {"$ref": "A"}}},
    }
    for _ in range(400):
        candidate = schema(rng)
        for for_request in (True, False):
            build_example(
                candidate,
                for_request=for_request,
                components=components,
                openapi_version=rng.choice(["3.0.3", "3.1.0"]),
            )
            describe_variants(candidate, components)
