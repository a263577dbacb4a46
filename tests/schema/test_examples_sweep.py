"""Every request and response example validates against its own schema.

On the example project (drf-spectacular's document), and on real public documents
(``@pytest.mark.realworld``): 0 crashes, fewer than 1% invalid examples among those this
package generated. Examples written by the vendor that do not validate, and vendor schemas
that contradict themselves or are not valid JSON Schema, are counted apart (see
``examples_sweep``) and bounded here so a regression still shows.
"""

from __future__ import annotations

import pytest

from drf_mcp_docs.schema.adapters import load_document
from drf_mcp_docs.schema.cache import build_api_schema
from tests.schema.examples_sweep import Counts, sweep
from tests.support.realworld import SOURCES, available, load


def _report(counts: Counts) -> str:
    lines = [counts.summary()]
    lines += [f"  {f.where} [{f.source}] {f.message}" for f in counts.failures[:20]]
    return "\n".join(lines)


def test_every_example_of_the_example_project_validates() -> None:
    api = build_api_schema()
    counts = sweep(load_document(), api=api)
    assert counts.requests >= 5 and counts.responses >= 10, counts.summary()
    assert counts.crashes == 0, _report(counts)
    assert counts.invalid_requests == 0 and counts.invalid_responses == 0, _report(counts)
    assert counts.parameters >= 5 and counts.invalid_parameters == 0, _report(counts)
    assert counts.contradictions == 0 and counts.uncheckable == 0, _report(counts)


#: Documents swept, with the most vendor-written examples each may show that do not
#: validate (they are shown because nothing fits: the schema contradicts itself).
REALWORLD = {
    "github": 0,
    "stripe": 0,
    "jira": 5,
    "kubernetes": 0,
    "digitalocean": 0,
    "zoom": 3,
    "netbox": 0,
    "box": 0,
    "spotify": 0,
    "vercel": 0,
    "adyen-management": 0,
    "codat-accounting": 0,
    "discourse": 0,
}


@pytest.mark.realworld
@pytest.mark.parametrize("name", sorted(REALWORLD))
def test_realworld_examples_validate(name: str) -> None:
    assert name in SOURCES
    if not available(name):
        pytest.skip(f"{name}: not cached and npm is not available")
    counts = sweep(load(name))
    assert counts.crashes == 0, _report(counts)
    assert counts.generated > 0, counts.summary()
    assert counts.invalid_generated <= counts.generated // 100, _report(counts)
    assert counts.invalid_parameters <= counts.parameters // 100, _report(counts)
    assert counts.invalid_documented <= REALWORLD[name], _report(counts)
