"""Per-caller schema variants in this process: keys, bounds (LRU, TTL), SCHEMA_VARIANT_KEY,
and the shared cache's per-variant keys (no raw caller key ever stored)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import RequestFactory

import drf_mcp_docs.endpoint.auth  # noqa: F401  (registers how callers are identified)
from drf_mcp_docs.schema.variants import schema_caches, shared_key
from drf_mcp_docs.server.caller import caller_document, caller_variant


def group_key(request: Any) -> str:
    """A SCHEMA_VARIANT_KEY: staff or not (what the example's permissions tell apart)."""
    return "staff" if request.user.is_staff else "member"


@pytest.fixture
def per_user(settings: Any) -> Iterator[Any]:
    settings.SPECTACULAR_SETTINGS = {**settings.SPECTACULAR_SETTINGS, "SERVE_PUBLIC": False}
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "CACHE_SCHEMA": True}
    schema_caches.clear()
    yield settings
    schema_caches.clear()


def django_request(user: Any) -> Any:
    request = RequestFactory().post("/mcp/")
    request.user = user
    request.session = {}  # type: ignore[attr-defined]
    request.csrf_processing_done = True  # type: ignore[attr-defined]  (as caller.py does)
    return request


@pytest.mark.django_db
def test_the_default_key_is_the_user(per_user: Any) -> None:
    alice, bob = User(pk=1, username="alice"), User(pk=2, username="bob")
    assert caller_variant(None)[0] == "anonymous"
    assert caller_variant(django_request(AnonymousUser()))[0] == "anonymous"
    keys = {caller_variant(django_request(u))[0] for u in (alice, bob)}
    assert keys == {"u:1", "u:2"}


@pytest.mark.django_db
def test_a_variant_key_function_shares_variants(per_user: Any) -> None:
    per_user.DRF_MCP_DOCS = {
        **per_user.DRF_MCP_DOCS,
        "SCHEMA_VARIANT_KEY": "tests.peruser.test_variants.group_key",
    }
    staff = [User(pk=i, username=f"s{i}", is_staff=True) for i in (1, 2)]
    assert {caller_variant(django_request(u))[0] for u in staff} == {"k:staff"}
    assert caller_variant(django_request(User(pk=3, username="m")))[0] == "k:member"


def test_documents_differ_per_user(per_user: Any) -> None:
    from rest_framework.views import APIView

    def operations(user: Any) -> set[str]:
        request = APIView().initialize_request(django_request(user))
        paths = caller_document(None, request)["paths"]
        return {f"{m} {p}" for p, ops in paths.items() for m in ops}

    anonymous, member = operations(AnonymousUser()), operations(User(pk=5, username="m"))
    assert anonymous < member and "post /api/books/" in member - anonymous


def test_variants_are_bounded_lru_and_ttl(per_user: Any, monkeypatch: Any) -> None:
    per_user.DRF_MCP_DOCS = {**per_user.DRF_MCP_DOCS, "SCHEMA_VARIANTS": 2}
    first = schema_caches.get(None, "u:1", dict)
    schema_caches.get(None, "u:2", dict)
    assert schema_caches.get(None, "u:1", dict) is first  # used: now the most recent
    schema_caches.get(None, "u:3", dict)  # evicts u:2, the least recently used
    assert schema_caches.variants() == 2
    assert schema_caches.get(None, "u:1", dict) is first
    per_user.DRF_MCP_DOCS = {**per_user.DRF_MCP_DOCS, "SCHEMA_VARIANT_TTL": 0.001}
    import time

    time.sleep(0.01)
    assert schema_caches.get(None, "u:1", dict) is not first  # expired: a new one


def test_shared_keys_hold_a_digest_never_the_caller_key() -> None:
    import hashlib

    key = shared_key("v2", "u:42")
    assert key == "v=v2:u=" + hashlib.sha256(b"u:42").hexdigest()[:32]
    assert shared_key(None, "u:42") != shared_key(None, "u:43")
    assert "secret" not in shared_key(None, "k:secret-group")
