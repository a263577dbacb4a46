"""The URLconf view answers a 900 KB value as briefly as the mount does (issue 10)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import BadRequest
from django.test import Client

from tests.support.big_values import LIMIT, cases

pytestmark = pytest.mark.urls("tests.support.deploy_urls")

START = "a" * 50


def meta(headers: dict[str, str]) -> dict[str, str]:
    """Request headers as Django's test client takes them."""
    found = {"HTTP_ACCEPT": "application/json, text/event-stream"}
    found["HTTP_MCP_PROTOCOL_VERSION"] = "2025-06-18"
    for name, value in headers.items():
        if name == "Content-Type":
            found["content_type"] = value
        else:
            found["HTTP_" + name.upper().replace("-", "_")] = value
    return found


def test_every_answer_to_a_900_kb_value_is_small() -> None:
    client = Client()
    sizes: dict[str, int] = {}
    unnamed: list[str] = []
    for name, body, headers, named in cases():
        if "Host" in headers:
            continue  # Django's CommonMiddleware refuses it before the view (DisallowedHost)
        extra = meta(headers)
        extra.setdefault("content_type", "application/json")
        try:
            response = client.post("/mcp/", data=json.dumps(body), **extra)  # type: ignore[arg-type]
        except BadRequest:
            # Django 6 refuses a Content-Type over 10,000 characters while it builds the
            # request, before any middleware or view (``parse_header_parameters``).
            assert "Content-Type" in headers, name
            continue
        answer = json.loads(response.content)
        failed = "error" in answer or answer.get("result", {}).get("isError")
        if response.status_code < 400 and not failed:
            continue  # a header the view ignores
        sizes[name] = len(response.content)
        if named and START not in response.content.decode():
            unnamed.append(name)
    assert len(sizes) > 60
    assert {n: s for n, s in sizes.items() if s >= LIMIT} == {}
    assert unnamed == []
