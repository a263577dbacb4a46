"""System checks on DRF_MCP_DOCS: the messages a user sees from ``manage.py check``."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from drf_mcp_docs.checks.settings import check_settings


def ids(settings: Any, value: Any) -> list[tuple[str, str]]:
    settings.DRF_MCP_DOCS = value
    return [(m.id, m.msg) for m in check_settings()]


def test_example_settings_pass(settings: Any) -> None:
    assert ids(settings, settings.DRF_MCP_DOCS) == []
    assert ids(settings, {}) == []


@pytest.mark.parametrize(
    ("value", "expected_id", "message"),
    [
        ([], "drf_mcp_docs.E001", "DRF_MCP_DOCS must be a dict, not list."),
        (
            {"MCP_ENDPIONT": "/x/"},
            "drf_mcp_docs.E002",
            "unknown key 'MCP_ENDPIONT'. Did you mean 'MCP_ENDPOINT'?",
        ),
        (
            {"CACHE_TTL": "60"},
            "drf_mcp_docs.E003",
            "DRF_MCP_DOCS['CACHE_TTL'] must be int or float or None, not str ('60').",
        ),
        ({"CACHE_SCHEMA": 1}, "drf_mcp_docs.E003", "must be bool or None, not int"),
        ({"CACHE_TTL": True}, "drf_mcp_docs.E003", "not bool"),
        ({"EXCLUDE_PATHS": "/api/x/"}, "drf_mcp_docs.E003", "must be list or tuple, not str"),
        ({"EXCLUDE_PATHS": [3]}, "drf_mcp_docs.E003", "holds 3"),
        ({"MCP_ENDPOINT": "mcp/"}, "drf_mcp_docs.E004", "must start with '/', got 'mcp/'"),
        ({"DEFAULT_CODE_LANGUAGE": "typscript"}, "drf_mcp_docs.E005", "Did you mean 'typescript'?"),
        ({"DEFAULT_HTTP_CLIENT": "axois"}, "drf_mcp_docs.E006", "Did you mean 'axios'?"),
        ({"DEFAULT_HTTP_CLIENT": "httpx"}, "drf_mcp_docs.W001", "does not apply to 'javascript'"),
        ({"SCHEMA_ADAPTER": "nope.Adapter"}, "drf_mcp_docs.E007", "cannot be imported"),
        ({"TRANSPORT": "sse"}, "drf_mcp_docs.E009", "'sse'"),
        ({"CACHE_TTL": 0}, "drf_mcp_docs.E010", "positive number of seconds"),
        ({"MAX_REQUEST_BODY_SIZE": 0}, "drf_mcp_docs.E011", "positive number of bytes"),
        (
            {"MAX_SESSIONS": 0},
            "drf_mcp_docs.E012",
            "DRF_MCP_DOCS['MAX_SESSIONS'] must be a positive number of sessions, got 0.",
        ),
        ({"SESSION_IDLE_TIMEOUT": -5}, "drf_mcp_docs.E012", "positive number of seconds, got -5"),
        ({"MAX_SESSIONS": "many"}, "drf_mcp_docs.E003", "must be int, not str ('many')"),
        ({"SCHEMA_PATH_PREFIX": "api/"}, "drf_mcp_docs.W002", "does not start with '/'"),
        ({"BASE_URL": "api.example.com"}, "drf_mcp_docs.E013", "got 'api.example.com'"),
        ({"BASE_URL": "ftp://example.com"}, "drf_mcp_docs.E013", "absolute http(s) URL"),
        ({"BASE_URL": "https://x.io/?a=1"}, "drf_mcp_docs.E013", "https://x.io/?a=1"),
        ({"BASE_URL": 8000}, "drf_mcp_docs.E003", "must be str or None, not int"),
    ],
)
def test_bad_settings(settings: Any, value: Any, expected_id: str, message: str) -> None:
    found = ids(settings, value)
    assert any(i == expected_id and message in m for i, m in found), found


def test_spectacular_missing_from_installed_apps(settings: Any) -> None:
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "drf_spectacular"]
    found = ids(settings, {"SCHEMA_ADAPTER": "drf_mcp_docs.schema.adapters.SpectacularAdapter"})
    assert found and found[0][0] == "drf_mcp_docs.E008"


def test_manage_py_check_shows_the_message(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"MCP_ENDPOINT": "mcp/"}
    with pytest.raises(SystemCheckError) as info:
        call_command("check")
    assert "drf_mcp_docs.E004" in str(info.value)
    assert "Use '/mcp/'" in str(info.value)


@pytest.mark.parametrize("value", [None, "https://api.example.com", "http://127.0.0.1:8000/v1/"])
def test_good_base_url_passes(settings: Any, value: str | None) -> None:
    assert ids(settings, {"BASE_URL": value}) == []


@pytest.mark.parametrize(
    "value",
    [
        {"a" * 900_000: 1},
        {"MCP_ENDPOINT": "a" * 900_000},
        {"TRANSPORT": "a" * 900_000},
        {"SERVER_NAME": ["a" * 900_000]},
        {"BASE_URL": "a" * 900_000},
    ],
)
def test_a_900_kb_value_costs_a_short_message(settings: Any, value: dict[str, Any]) -> None:
    settings.DRF_MCP_DOCS = value
    messages = [m.msg + (m.hint or "") for m in check_settings()]
    assert messages and all("a" * 50 in m and len(m) < 1000 for m in messages), [
        m[:300] for m in messages
    ]


def test_runmcpserver_flags_quote_a_short_value() -> None:
    from argparse import ArgumentTypeError

    from drf_mcp_docs.management.commands.runmcpserver import _path, _port

    for check, value in ((_port, "9" * 900_000), (_port, "9" * 4000), (_path, "a?" * 450_000)):
        with pytest.raises(ArgumentTypeError) as caught:
            check(value)
        assert len(str(caught.value)) < 200 and f"({len(value):,} characters)" in str(caught.value)
