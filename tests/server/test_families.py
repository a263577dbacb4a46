"""Filter families (django-filter's ``name``, ``name__ic``, ...) are said once in a default
answer with many query parameters, and every parameter stays one named call away."""

from __future__ import annotations

from typing import Any

import pytest

from drf_mcp_docs.server import families, render
from tests.support import realworld


def param(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "type": "string", **extra}


def test_few_query_parameters_are_listed_as_they_are() -> None:
    shown = [param("name"), param("name__ic")]
    assert families.fold(shown) == (shown, 0)


def test_a_family_folds_only_what_takes_the_same_as_its_base() -> None:
    shown = [param(f"f{i}") for i in range(families.FOLD_AT)]
    shown += [
        param("name", description="The name."),
        param("name__ic", description="The name."),
        param("name__n", description="The name."),
        param("name__empty", type="boolean", description="The name."),  # another type
        param("orphan__ic"),  # no base parameter: nothing to fold into
        {"name": "id__n", "in": "query", "type": "string", "required": True},  # required
        {"name": "id", "in": "path", "type": "integer", "required": True},
    ]
    folded, count = families.fold(shown)
    assert count == 2
    names = [entry["name"] for entry in folded]
    assert "name__ic" not in names and "name__n" not in names
    assert {"name__empty", "orphan__ic", "id__n", "id"} <= set(names)
    (name,) = (entry for entry in folded if entry["name"] == "name")
    assert name["lookups"] == ["ic", "n"] and name["description"] == "The name."
    kept, plain = families.plain_filters(folded)
    assert plain["string"]["f0"] == [] and "name" not in plain["string"]  # it has a description
    assert {entry["name"] for entry in kept} >= {"name", "name__empty", "id__n", "id"}


@pytest.mark.realworld
def test_netbox_list_endpoints_fold_and_every_parameter_is_one_named_call_away() -> None:
    from drf_mcp_docs.schema.processor import process_schema

    if not realworld.available("netbox"):
        pytest.skip("the NetBox document cannot be had here (no cache, no npm)")
    api = process_schema(realworld.load("netbox"), path_prefix="", exclude_paths=())
    endpoint = max(api.endpoints, key=lambda e: len(e.parameters))
    answer = render.endpoint_detail(endpoint, api)
    assert "filters" in answer and 'field="parameters"' in answer["more"]["parameters"]
    listed = {entry["name"] for entry in answer["parameters"]}
    for kind in answer["filters"].values():
        for base, lookups in kind.items():
            listed |= {base, *(f"{base}__{lookup}" for lookup in lookups)}
    listed |= {
        f"{entry['name']}__{lookup}"
        for entry in answer["parameters"]
        for lookup in entry.get("lookups", ())
    }
    assert listed == {p.name for p in endpoint.parameters}  # said once, none lost
    whole = render.endpoint_field(endpoint, api, "parameters")
    text = render.compact_json(whole)
    assert all(p.name in text for p in endpoint.parameters)
    assert len(text.encode()) <= 24 * 1024
