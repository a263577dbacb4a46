"""System checks of API_VERSIONS and the per-caller schema settings (E030-E032, W030)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from drf_mcp_docs.checks.versions import check_variants, check_versions


def ids(messages: list[Any]) -> list[str]:
    return [m.id for m in messages]


def test_served_versions_pass(versioned: Any) -> None:
    versioned.DRF_MCP_DOCS = {**versioned.DRF_MCP_DOCS, "API_VERSIONS": ["v2"]}
    assert check_versions() == []


def test_a_version_not_served_is_named_with_the_served_ones(versioned: Any) -> None:
    versioned.DRF_MCP_DOCS = {**versioned.DRF_MCP_DOCS, "API_VERSIONS": ["v2", "v3"]}
    (error,) = check_versions()
    assert error.id == "drf_mcp_docs.E030"
    assert "'v3'" in error.msg and "serves: v1, v2" in error.msg


def test_versions_on_an_unversioned_api_warn(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"API_VERSIONS": ["v1"]}
    assert ids(check_versions()) == ["drf_mcp_docs.W030"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"API_VERSIONS": "v1"}, "drf_mcp_docs.E003"),
        ({"SCHEMA_VARIANT_KEY": "no.such.module.key"}, "drf_mcp_docs.E031"),
        ({"SCHEMA_VARIANT_KEY": "drf_mcp_docs.conf.SETTINGS_NAME"}, "drf_mcp_docs.E031"),
        ({"SCHEMA_VARIANTS": 0}, "drf_mcp_docs.E032"),
        ({"SCHEMA_VARIANT_TTL": 0}, "drf_mcp_docs.E032"),
    ],
)
def test_bad_values_fail_manage_py_check(
    settings: Any, value: dict[str, Any], expected: str
) -> None:
    settings.DRF_MCP_DOCS = value
    with pytest.raises(SystemCheckError, match=expected.replace(".", r"\.")):
        call_command("check")


def test_a_variant_key_function_passes(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"SCHEMA_VARIANT_KEY": "drf_mcp_docs.conf.get"}
    assert check_variants() == []
