"""Example numbers: inside the bounds (3.0 and 3.1 exclusive forms), on ``multipleOf``."""

from __future__ import annotations

import math
from typing import Any, TypeGuard

from drf_mcp_docs.schema.examples.conformance import number_fits, type_matches
from drf_mcp_docs.schema.examples.objects import Impossible


def _numeric(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def example_number(
    schema: dict[str, Any], integer: bool, name: str = "", variant: int = 0
) -> int | float:
    """A number inside the bounds (both exclusive forms), a multiple of ``multipleOf``."""
    raw_step = schema.get("multipleOf")
    step: float | None = raw_step if _numeric(raw_step) and raw_step > 0 else None
    low, high = schema.get("minimum"), schema.get("maximum")
    ex_low, ex_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    lows: list[float] = [v for v in (low, ex_low) if _numeric(v)]
    highs: list[float] = [v for v in (high, ex_high) if _numeric(v)]
    floor = max(lows) if lows else None
    ceiling = min(highs) if highs else None
    preferred: float = 1 if integer else 9.99
    candidates: list[float] = []
    if floor is None and ceiling is None:
        candidates.append(preferred)
    if floor is not None:
        candidates += [floor, floor + 1, floor + 0.5]
        if ceiling is None and floor < preferred:
            candidates.insert(0, preferred)
    if ceiling is not None:
        if floor is None:
            candidates += [min(preferred, ceiling), ceiling, ceiling - 1, ceiling - 0.5]
        else:
            candidates.append((floor + ceiling) / 2)
            candidates.append(ceiling)
    if step is not None:
        candidates = [_multiple(c, step, integer) for c in candidates] + [step]
    for candidate in candidates:
        value = candidate + variant * (step or 1)
        result: int | float = int(value) if integer and float(value).is_integer() else value
        if integer and not isinstance(result, int):
            result = math.ceil(value)
        if isinstance(result, float) and result.is_integer() and not integer:
            result = float(result)
        if number_fits(result, schema) and (not integer or type_matches(result, "integer")):
            return result
    raise Impossible("no number fits")


def _multiple(value: float, step: float, integer: bool) -> float:
    count = math.ceil(value / step)
    result = round(count * step, 10)
    if integer and not float(result).is_integer():
        for extra in range(1, 50):
            candidate = round((count + extra) * step, 10)
            if float(candidate).is_integer():
                return candidate
    return result
