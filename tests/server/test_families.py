"""Filter families (django-filter's ``name``, ``name__ic``, ...) are said once in a default
answer with many query parameters, and every parameter stays one named call away."""

from __future__ import annotations

import re
from typing import Any

import pytest

from drf_mcp_docs.server import families, render
from tests.support import realworld

_FAMILY = re.compile(r"^([^\[\]]+)(?:\[([^\]]*)\])?$")


def names(said: str) -> set[str]:
    """The parameter names ``x`` or ``x[a,b]`` stands for: x, x__a, x__b."""
    match = _FAMILY.match(said)
    assert match, said
    base, lookups = match.group(1), match.group(2)
    return {
        base,
        *(f"{base}{families.LOOKUP}{lookup}" for lookup in (lookups or "").split(",") if lookup),
    }


def listed(parameters: dict[str, Any]) -> set[str]:
    """Every parameter name an answer's ``parameters`` says, families expanded."""
    found: set[str] = set()
    for place, entries in parameters.items():
        if place == "filters":
            for line in entries.values():
                groups = line if isinstance(line, dict) else {"": line}
                for lookups, group in groups.items():
                    for said in group.split(" "):
                        found |= names(f"{said}[{lookups}]" if lookups else said)
        else:
            for said in entries:
                found |= names(said)
    return found


def test_few_query_parameters_are_listed_as_they_are() -> None:
    query = {"name": "string", "name__ic": "string"}
    assert families.fold(query, set(query)) == (query, {}, 0)


def test_a_family_folds_only_what_takes_the_same_as_its_base() -> None:
    query: dict[str, Any] = {f"f{i}": "string" for i in range(families.FOLD_AT)}
    query.update(
        {
            "name": "string // The name.",
            "name__ic": "string // The name.",
            "name__n": "string // The name.",
            "name__empty": "boolean // The name.",  # another type
            "orphan__ic": "string",  # no base parameter: nothing to fold into
            "id": "string",
            "id__n": "string, required",  # required: never folded
        }
    )
    optional = set(query) - {"id__n"}
    kept, filters, count = families.fold(query, optional)
    assert count == 2
    assert kept == {
        "name[ic,n]": "string // The name.",  # said with its description, once
        "name__empty": "boolean // The name.",
        "id__n": "string, required",
    }
    assert filters["string"].split(" ")[: families.FOLD_AT] == [
        f"f{i}" for i in range(families.FOLD_AT)
    ]
    assert {"orphan__ic", "id"} <= set(filters["string"].split(" "))
    assert listed({"query": kept, "filters": filters}) == set(query)  # none lost


@pytest.mark.realworld
def test_netbox_list_endpoints_fold_and_every_parameter_is_one_named_call_away() -> None:
    from drf_mcp_docs.schema.processor import process_schema

    if not realworld.available("netbox"):
        pytest.skip("the NetBox document cannot be had here (no cache, no npm)")
    api = process_schema(realworld.load("netbox"), path_prefix="", exclude_paths=())
    endpoint = max(api.endpoints, key=lambda e: len(e.parameters))
    answer = render.endpoint_detail(endpoint, api)
    assert "filters" in answer["parameters"]
    assert answer["more"]["parameters"].endswith("nothing left out")  # lossless
    assert listed(answer["parameters"]) == {p.name for p in endpoint.parameters}  # none lost
    whole = render.endpoint_field(endpoint, api, "parameters")
    assert listed(whole["parameters"]) == {p.name for p in endpoint.parameters}
    assert len(render.compact_json(whole).encode()) <= 24 * 1024
    # Said once: the default answer is a fraction of the parameters listed one by one.
    assert len(render.compact_json(answer["parameters"])) < 40 * len(endpoint.parameters)


def test_filters_taking_the_same_lookups_are_said_together() -> None:
    query: dict[str, Any] = {f"f{i}": "string" for i in range(families.FOLD_AT)}
    for base in ("name", "serial", "id", "created"):
        query[base] = "string"
    for lookup in ("n", "ic"):
        query[f"name__{lookup}"] = query[f"serial__{lookup}"] = "string"
    for lookup in ("lte", "gte"):
        query[f"id__{lookup}"] = query[f"created__{lookup}"] = "string"
    kept, filters, count = families.fold(query, set(query))
    assert kept == {} and count == 8
    groups = filters["string"]
    assert groups["n,ic"] == "name serial" and groups["lte,gte"] == "id created"
    assert groups[""].split(" ") == [f"f{i}" for i in range(families.FOLD_AT)]
    assert listed({"filters": filters}) == set(query)


def test_a_lookup_with_lookups_of_its_own_stays_a_base() -> None:
    query: dict[str, Any] = {f"f{i}": "string" for i in range(families.FOLD_AT)}
    query.update({"created": "string", "created__date": "string", "created__date__gte": "string"})
    kept, filters, count = families.fold(query, set(query))
    assert count == 1 and listed({"query": kept, "filters": filters}) == set(query)
    assert "created__date[gte]" in filters["string"].split(" ")


def test_names_with_brackets_are_grouped_not_run_together() -> None:
    query: dict[str, Any] = {f"filter[f{i}]": "string" for i in range(families.FOLD_AT + 1)}
    kept, filters, count = families.fold(query, set(query))
    assert count == 0 and kept == {} and filters == {"string": {"": " ".join(query)}}
