"""System checks for the deployment settings."""

from __future__ import annotations

from typing import Any

import pytest

from drf_mcp_docs.checks.deploy import check_deployment
from drf_mcp_docs.checks.settings import check_settings


def ids(settings: Any, **values: Any) -> list[tuple[str, str]]:
    settings.DRF_MCP_DOCS = values
    return [(m.id or "", m.msg) for m in [*check_settings(), *check_deployment()]]


def test_defaults_and_good_values_pass(settings: Any) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://x",
        },
    }
    assert ids(settings) == []
    assert (
        ids(
            settings,
            STATELESS=False,
            SCHEMA_CACHE_ALIAS="shared",
            AUTHENTICATION_CLASSES=["rest_framework.authentication.TokenAuthentication"],
            PERMISSION_CLASSES=["rest_framework.permissions.IsAuthenticated"],
            OAUTH_AUTHORIZATION_SERVERS=["https://auth.example.com/o"],
        )
        == []
    )


def test_wrong_types_are_e003(settings: Any) -> None:
    found = ids(settings, STATELESS="yes", SCHEMA_CACHE_ALIAS=3)
    assert [i for i, _ in found] == ["drf_mcp_docs.E003", "drf_mcp_docs.E003"]
    assert "STATELESS" in found[0][1] and "bool" in found[0][1]


def test_unknown_alias_names_the_valid_ones(settings: Any) -> None:
    [(check_id, message)] = ids(settings, SCHEMA_CACHE_ALIAS="redis")
    assert check_id == "drf_mcp_docs.E020" and "'redis', which is not in CACHES" in message


def test_a_per_process_cache_alias_is_a_warning(settings: Any) -> None:
    [(check_id, message)] = ids(settings, SCHEMA_CACHE_ALIAS="default")
    assert check_id == "drf_mcp_docs.W020" and "workers will not share" in message


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf")])
def test_a_shared_cache_timeout_that_is_not_a_positive_number_is_e021(
    settings: Any, value: float
) -> None:
    [(check_id, message)] = ids(settings, SCHEMA_CACHE_TIMEOUT=value)
    assert check_id == "drf_mcp_docs.E021"
    assert "'SCHEMA_CACHE_TIMEOUT'" in message and "positive number of seconds" in message


def test_a_shared_cache_timeout_of_the_wrong_type_is_e003(settings: Any) -> None:
    [(check_id, message)] = ids(settings, SCHEMA_CACHE_TIMEOUT="1s")
    assert check_id == "drf_mcp_docs.E003" and "SCHEMA_CACHE_TIMEOUT" in message


def test_a_shared_cache_timeout_as_long_as_tool_timeout_is_w021(settings: Any) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "x"},
    }
    assert ids(settings, SCHEMA_CACHE_ALIAS="shared", SCHEMA_CACHE_TIMEOUT=2.5) == []
    [(check_id, message)] = ids(
        settings, SCHEMA_CACHE_ALIAS="shared", SCHEMA_CACHE_TIMEOUT=10, TOOL_TIMEOUT=10
    )
    assert check_id == "drf_mcp_docs.W021" and "not less than TOOL_TIMEOUT" in message
    assert ids(settings, SCHEMA_CACHE_TIMEOUT=30) == []  # no shared cache: nothing to bound


def test_bad_auth_paths_and_issuers(settings: Any) -> None:
    found = ids(
        settings,
        PERMISSION_CLASSES=["rest_framework.permissions.IsAdmin"],
        OAUTH_AUTHORIZATION_SERVERS=["auth.example.com"],
        SCHEMA_CACHE_LOCK_TIMEOUT=0,
    )
    assert sorted(i for i, _ in found) == [
        "drf_mcp_docs.E021",
        "drf_mcp_docs.E022",
        "drf_mcp_docs.E023",
    ]
    assert any(
        "'rest_framework.permissions.IsAdmin', which cannot be imported" in m for _, m in found
    )


@pytest.mark.parametrize(
    ("backend", "warned"),
    [
        ("django.core.cache.backends.redis.RedisCache", False),
        ("django.core.cache.backends.memcached.PyMemcacheCache", False),
        ("django.core.cache.backends.db.DatabaseCache", False),
        ("django.core.cache.backends.locmem.LocMemCache", True),
        ("django.core.cache.backends.dummy.DummyCache", True),
    ],
)
def test_only_per_process_backends_get_w020(settings: Any, backend: str, warned: bool) -> None:
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "somewhere"}}
    found = ids(settings, SCHEMA_CACHE_ALIAS="default")
    assert found == ([("drf_mcp_docs.W020", found[0][1])] if warned else []), found


def test_a_per_user_schema_warns_of_its_cost_until_variants_are_shared(settings: Any) -> None:
    settings.SPECTACULAR_SETTINGS = {**settings.SPECTACULAR_SETTINGS, "SERVE_PUBLIC": False}
    [(check_id, message)] = ids(settings)
    assert check_id == "drf_mcp_docs.W024" and "SERVE_PUBLIC'] is False" in message
    assert "one schema generation" in message
    assert ids(settings, SCHEMA_VARIANT_KEY="drf_mcp_docs.conf.get") == []
    settings.SPECTACULAR_SETTINGS = {**settings.SPECTACULAR_SETTINGS, "SERVE_PUBLIC": True}
    assert ids(settings) == []
