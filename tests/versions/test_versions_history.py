"""The schema history of a versioned API is kept per version, and a caller's own schema
(SERVE_PUBLIC = False) never enters it: the history is read by every caller."""

from __future__ import annotations

from typing import Any

import pytest
from mcp import Client

from drf_mcp_docs.history import store
from tests.server.test_tools import call, error

pytestmark = [pytest.mark.usefixtures("versioned"), pytest.mark.django_db(transaction=True)]


async def test_each_version_is_recorded_under_its_own_key(mcp_client: Client) -> None:
    digests = {}
    for version in ("v1", "v2"):
        detail = await mcp_client.call_tool(
            "get_endpoint_detail", {"path": "/api/shelves/", "method": "POST", "version": version}
        )
        assert not detail.is_error, detail.content[0].text
        digests[version] = detail.structured_content["schemaDigest"]
    assert digests["v1"] != digests["v2"]  # v2's serializer has one more field
    for version, digest in digests.items():
        recorded, _ = await _resolve(digest, version)
        assert recorded.digest == digest and recorded.version_key == version
    # Each version compares with its own history: no change since itself.
    same = await call(mcp_client, "get_api_changes", since=digests["v1"], version="v1")
    assert same["summary"]["breaking"] == 0 and same["summary"]["endpointsChanged"] == 0
    # A digest of v2 is unknown to v1's history, and the message names the version's latest.
    message = await error(mcp_client, "get_api_changes", since=digests["v2"], version="v1")
    assert digests["v2"] in message


async def test_an_unknown_version_is_refused_by_name(mcp_client: Client) -> None:
    message = await error(mcp_client, "get_api_changes", since="2020-01-01", version="v9")
    assert message == "unknown version 'v9'; versions: v1, v2"


async def test_a_callers_own_schema_stays_out_of_the_history(
    mcp_client: Client, settings: Any
) -> None:
    settings.SPECTACULAR_SETTINGS = {**settings.SPECTACULAR_SETTINGS, "SERVE_PUBLIC": False}
    detail = await call(
        mcp_client, "get_endpoint_detail", path="/api/shelves/", method="POST", version="v1"
    )
    assert detail["version"] == "v1"
    assert await _count() == 0
    message = await error(mcp_client, "get_api_changes", since="2020-01-01")
    assert "SERVE_PUBLIC = False" in message and "mcpdocs_changes" in message


async def _resolve(digest: str, version: str) -> tuple[Any, str]:
    from asgiref.sync import sync_to_async

    return await sync_to_async(store.resolve)(digest, version)


async def _count() -> int:
    from asgiref.sync import sync_to_async

    from drf_mcp_docs.models import SchemaRecord

    return await sync_to_async(SchemaRecord.objects.count)()
