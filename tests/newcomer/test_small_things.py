"""What an MCP client shows a newcomer: clean descriptions, prompts that help, suggestions
that work, and ``manage.py check`` reporting every mistake at once."""

from __future__ import annotations

from typing import Any

import pytest
from mcp.shared.exceptions import MCPError
from mcp.types import EmbeddedResource

from drf_mcp_docs.checks.settings import check_settings


async def test_tool_descriptions_have_no_docstring_indentation(mcp_client: Any) -> None:
    tools = (await mcp_client.list_tools()).tools
    multi_line = [t for t in tools if "\n" in (t.description or "")]
    assert {t.name for t in multi_line} >= {"search_endpoints", "get_request_example"}
    for tool in tools:
        lines = (tool.description or "").splitlines()
        assert lines and all(line == line.lstrip() for line in lines), tool.name


async def test_resource_descriptions_are_plain_words(mcp_client: Any) -> None:
    resources = (await mcp_client.list_resources()).resources
    templates = (await mcp_client.list_resource_templates()).resource_templates
    described = [r.description or "" for r in [*resources, *templates]]
    assert all(d and "``" not in d for d in described), described
    (endpoint,) = [t for t in templates if t.name == "endpoint"]
    assert "api://endpoints/GET/api/books/{id}/" in (endpoint.description or "")


async def test_prompts_are_offered_with_their_arguments(mcp_client: Any) -> None:
    prompts = {p.name: p for p in (await mcp_client.list_prompts()).prompts}
    assert set(prompts) == {"typed_client", "client_for_tag"}
    arguments = {a.name: a.required for a in prompts["typed_client"].arguments or []}
    assert arguments == {"path": True, "method": True, "language": False}
    assert "\n " not in (prompts["typed_client"].description or "")


async def test_typed_client_prompt_carries_the_real_contract(mcp_client: Any) -> None:
    result = await mcp_client.get_prompt(
        "typed_client", {"path": "/api/books/", "method": "post", "language": "TypeScript"}
    )
    ask, detail, snippet = result.messages
    assert "typed typescript client function for POST /api/books/" in ask.content.text
    assert isinstance(detail.content, EmbeddedResource)
    assert detail.content.resource.uri == "api://endpoints/POST/api/books/"
    assert '"isbn"' in detail.content.resource.text  # a real field of the Book serializer
    assert "/api/books/" in snippet.content.text and "fetch(" in snippet.content.text


async def test_client_for_tag_prompt_lists_the_tags_endpoints(mcp_client: Any) -> None:
    result = await mcp_client.get_prompt("client_for_tag", {"tag": "Books", "language": "python"})
    ask, listing = result.messages
    assert "typed python client module for the 'books' endpoints" in ask.content.text
    assert '"path":"/api/books/{id}/"' in listing.content.resource.text
    assert "/api/authors/" not in listing.content.resource.text


@pytest.mark.parametrize(
    ("name", "arguments", "message"),
    [
        ("typed_client", {"path": "/api/bok/", "method": "GET"}, "did you mean /api/books/,"),
        (
            "typed_client",
            {"path": "/api/books/", "method": "GET", "language": "rust"},
            "unknown language 'rust' (supported: javascript, typescript, python)",
        ),
        ("client_for_tag", {"tag": "bok"}, "no tag 'bok'; did you mean books?"),
    ],
)
async def test_prompt_arguments_are_checked(
    mcp_client: Any, name: str, arguments: dict[str, str], message: str
) -> None:
    with pytest.raises(MCPError) as raised:
        await mcp_client.get_prompt(name, arguments)
    assert message in str(raised.value)
    assert "Traceback" not in str(raised.value)


async def test_did_you_mean_suggests_only_paths_with_that_method(mcp_client: Any) -> None:
    result = await mcp_client.call_tool(
        "get_endpoint_detail", {"path": "/api/bok/", "method": "GET"}
    )
    text = result.content[0].text
    assert result.is_error and text.startswith("no endpoint GET /api/bok/; did you mean")
    assert "/api/books/" in text
    assert "/api/auth/token/" not in text  # it has POST only
    posted = await mcp_client.call_tool(
        "get_endpoint_detail", {"path": "/api/auth/tokn/", "method": "POST"}
    )
    assert "did you mean /api/auth/token/," in posted.content[0].text


def test_check_reports_every_mistake_at_once(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {
        "MCP_ENDPIONT": "/x/",  # unknown key
        "CACHE_TTL": "60",  # wrong type
        "MCP_ENDPOINT": "mcp/",  # bad value
        "DEFAULT_CODE_LANGUAGE": "rust",  # bad value
    }
    found = sorted(m.id for m in check_settings())
    assert found == [
        "drf_mcp_docs.E002",
        "drf_mcp_docs.E003",
        "drf_mcp_docs.E004",
        "drf_mcp_docs.E005",
    ]


def test_a_mistyped_key_is_not_checked_twice(settings: Any) -> None:
    settings.DRF_MCP_DOCS = {"MAX_SESSIONS": "many", "SCHEMA_ADAPTER": 3}
    assert sorted(m.id for m in check_settings()) == ["drf_mcp_docs.E003", "drf_mcp_docs.E003"]
