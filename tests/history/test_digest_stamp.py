"""Every answer of this package's tools names the schema it was read from; a project's own
tools are left as they are."""

from __future__ import annotations

import json
from typing import Any

from mcp import Client

from drf_mcp_docs.server.changes import DIGEST_KEY, _stamped_text


async def test_own_tools_are_stamped_and_a_projects_tools_are_not(api: Any) -> None:
    from drf_mcp_docs.server import build_mcp_server

    server = build_mcp_server()

    def shelf_count(shelf: str) -> dict[str, int]:
        """A project's own tool."""
        return {"books": 3}

    server.add_tool(shelf_count)
    async with Client(server) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert DIGEST_KEY in tools["get_schema_detail"].output_schema["properties"]
        assert DIGEST_KEY not in (tools["shelf_count"].output_schema or {}).get("properties", {})
        own = await client.call_tool("get_schema_detail", {"name": "Book"})
        overview = json.loads((await client.read_resource("api://overview")).contents[0].text)
        assert own.structured_content[DIGEST_KEY] == overview["schemaDigest"] == api.digest
        theirs = await client.call_tool("shelf_count", {"shelf": "a"})
        assert DIGEST_KEY not in (theirs.structured_content or {})
        assert DIGEST_KEY not in theirs.content[0].text
        failed = await client.call_tool("get_schema_detail", {"name": "Bok"})
        assert failed.is_error and DIGEST_KEY not in failed.content[0].text


def test_a_text_block_that_is_not_the_json_gets_a_line() -> None:
    structured = {"a": 1}
    as_json = _stamped_text([{"type": "text", "text": '{"a":1}'}], structured, "abc")
    assert json.loads(as_json[0]["text"]) == {"a": 1, DIGEST_KEY: "abc"}
    prose = _stamped_text([{"type": "text", "text": "A summary."}], structured, "abc")
    assert prose == [{"type": "text", "text": f"A summary.\n{DIGEST_KEY}: abc"}]
    assert _stamped_text([], structured, "abc") == [{"type": "text", "text": f"{DIGEST_KEY}: abc"}]
