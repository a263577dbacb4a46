"""Every tool and resource on real public OpenAPI documents (3.0 and 3.1): no crash, no
tool error on valid input, no answer over 24 KB.

Large documents are visited through an evenly spread sample of their operations and
schemas, and snippets on a smaller sample (every language and client), to keep each
document within about a minute. Latency is measured by ``benchmarks/realworld.py``.
"""

from __future__ import annotations

import pytest

from drf_mcp_docs.schema.processor import process_schema
from tests.realworld.sweep import MAX_ANSWER_BYTES, sweep
from tests.support.realworld import available, load

pytestmark = pytest.mark.realworld

#: name -> (operations, schemas, operations given snippets); None visits them all.
DOCUMENTS: dict[str, tuple[int | None, int | None, int]] = {
    "vercel": (None, None, 8),  # 3.1
    "adyen-management": (None, None, 8),  # 3.1
    "codat-accounting": (None, None, 8),  # 3.1
    "discourse": (None, None, 8),  # 3.1
    "github": (300, 300, 4),
    "stripe": (120, 200, 4),
    "kubernetes": (150, 200, 4),
    "jira": (150, 150, 4),
    "zoom": (150, 150, 4),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
async def test_every_tool_answers_within_bounds(name: str) -> None:
    if not available(name):
        pytest.skip(f"{name} is not cached and npm is not installed")
    operations, schemas, snippets = DOCUMENTS[name]
    api = process_schema(load(name), path_prefix="/")
    result = await sweep(
        api,
        operations=operations,
        schemas=schemas,
        snippet_operations=snippets,
        tool_timeout=5,
    )
    assert result.calls > 100
    report = "\n".join(f"{f.kind}: {f.call}: {f.detail}" for f in result.failures[:30])
    assert not result.failures, f"{len(result.failures)} failures on {name}:\n{report}"
    assert max(max(sizes) for sizes in result.sizes.values()) <= MAX_ANSWER_BYTES
