"""Versioned APIs through the official MCP client (in memory), on the versioned test project:
URL-path, namespace, Accept-header and query-parameter versioning, v1 and v2 (v2 adds
``nickname``), no DEFAULT_VERSION."""

from __future__ import annotations

from typing import Any

import pytest
from mcp import Client

from drf_mcp_docs.schema.versions import api_versions
from tests.server.test_tools import call, error, hit

pytestmark = pytest.mark.usefixtures("versioned")


class StaticAdapter:
    """A custom SCHEMA_ADAPTER (no api_version to ask for)."""

    def get_schema(self) -> dict[str, Any]:
        ok = {"responses": {"200": {"description": "ok"}}, "summary": "Health check"}
        return {
            "openapi": "3.0.3",
            "info": {"title": "Static", "version": "1"},
            "paths": {"/api/health/": {"get": ok}},
        }


#: (style, path of v1, path of v2): the paths each versioning style documents.
STYLES = [
    ("url_path", "/api/v1/pets/", "/api/v2/pets/"),
    ("namespace", "/api/ns/v1/pets/", "/api/ns/v2/pets/"),
    ("accept_header", "/api/shelves/", "/api/shelves/"),
    ("query_parameter", "/api/notes/", "/api/notes/"),
]


def body_fields(detail: dict[str, Any]) -> set[str]:
    return set(detail["requestBody"]["schema"]) - {"//"}  # type notation: fields by name


def test_versions_are_discovered_from_classes_settings_and_urlconf(settings: Any) -> None:
    found = api_versions()
    assert found.versions == ("v1", "v2") and found.default == "v2"
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "API_VERSIONS": ["v1"]}
    assert api_versions().versions == ("v1",) and api_versions().default == "v1"


def test_the_urlconf_alone_names_path_versions(settings: Any) -> None:
    """No ALLOWED_VERSIONS anywhere: the regex's alternatives and the namespaces tell."""
    from tests.support import versioned_views as views

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "ALLOWED_VERSIONS": None}
    saved = {c: c.allowed_versions for c in (views.URLPathVersioning, views.NamespaceVersioning)}
    try:
        for cls in saved:
            cls.allowed_versions = None
        assert api_versions().versions == ("v1", "v2")
    finally:
        for cls, value in saved.items():
            cls.allowed_versions = value


@pytest.mark.parametrize(("style", "v1", "v2"), STYLES)
async def test_each_version_has_its_own_fields(
    mcp_client: Client, style: str, v1: str, v2: str
) -> None:
    first = await call(mcp_client, "get_endpoint_detail", path=v1, method="POST", version="v1")
    second = await call(mcp_client, "get_endpoint_detail", path=v2, method="POST", version="v2")
    assert (first["version"], second["version"]) == ("v1", "v2")
    assert body_fields(first) == {"name"}
    assert body_fields(second) == {"name", "nickname"}
    if v1 != v2:  # the path names the version: no version argument needed
        alone = await call(mcp_client, "get_endpoint_detail", path=v1, method="POST")
        assert alone["version"] == "v1" and body_fields(alone) == {"name"}
    else:  # versions share the path: the default version (the latest) unless asked
        shared = await call(mcp_client, "get_endpoint_detail", path=v1, method="POST")
        assert shared["version"] == "v2" and body_fields(shared) == {"name", "nickname"}


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/api/shelves/", "python", '"Accept": "application/json; version=v1"'),
        ("/api/shelves/", "curl", 'Accept: application/json; version=v1"'),
        ("/api/shelves/", "typescript", '"application/json; version=v1"'),
        ("/api/notes/", "curl", "/api/notes/?version=v1"),
        ("/api/notes/", "python", 'api_notes_retrieve("v1")'),
        ("/api/v1/pets/", "curl", "/api/v1/pets/"),
        ("/api/ns/v1/pets/", "javascript", "/api/ns/v1/pets/"),
    ],
)
async def test_snippets_send_the_version_as_the_class_reads_it(
    mcp_client: Client, path: str, language: str, expected: str
) -> None:
    snippet = await call(
        mcp_client,
        "generate_code_snippet",
        path=path,
        method="GET",
        language=language,
        version="v1",
    )
    assert snippet["version"] == "v1"
    assert expected in snippet["code"], snippet["code"]


async def test_examples_follow_the_version(mcp_client: Client) -> None:
    one = await call(
        mcp_client, "get_request_example", path="/api/shelves/", method="POST", version="v1"
    )
    two = await call(
        mcp_client, "get_request_example", path="/api/shelves/", method="POST", version="v2"
    )
    assert set(one["body"]) == {"name"} and set(two["body"]) == {"name", "nickname"}
    reply = await call(
        mcp_client, "get_response_example", path="/api/notes/", method="GET", version="v1"
    )
    assert reply["version"] == "v1" and set(reply["body"]) == {"name"}


async def test_search_spans_versions_and_filters_by_one(mcp_client: Client) -> None:
    found = await call(mcp_client, "search_endpoints", query="pets", limit=20)
    pairs = {(hit(r)["path"], hit(r).get("version")) for r in found["results"]}
    assert {("/api/v1/pets/", "v1"), ("/api/v2/pets/", "v2")} <= pairs
    assert {("/api/ns/v1/pets/", "v1"), ("/api/ns/v2/pets/", "v2")} <= pairs
    assert any(
        r.startswith("GET /api/v1/pets/ ") and r.endswith(" [version v1]") for r in found["results"]
    )
    only = await call(mcp_client, "search_endpoints", query="pets", version="v1")
    assert {hit(r)["version"] for r in only["results"]} == {"v1"}
    listed = await call(mcp_client, "search_endpoints", query="", method="GET")
    hits = [hit(r) for r in listed["results"]]
    shelves = [h for h in hits if h["path"] == "/api/shelves/"]
    assert sorted(h["version"] for h in shelves) == ["v1", "v2"]
    health = [h for h in hits if h["path"] == "/api/health/"]
    assert len(health) == 1 and "version" not in health[0]  # unversioned: once, no version


async def test_a_versioned_api_lists_the_version_argument(mcp_client: Client) -> None:
    """v1 and v2: every tool that takes ``version`` lists it, described."""
    tools = {t.name: t for t in (await mcp_client.list_tools()).tools}
    listed = {name for name, t in tools.items() if "version" in t.input_schema["properties"]}
    assert listed == set(tools) - {"get_api_overview"}
    assert len(listed) == 8
    version = tools["search_endpoints"].input_schema["properties"]["version"]
    assert version["type"] == "string" and "default" in version["description"]


async def test_unknown_version_is_refused_by_name(mcp_client: Client) -> None:
    for tool, arguments in [
        ("get_endpoint_detail", {"path": "/api/shelves/", "method": "GET"}),
        ("generate_code_snippet", {"path": "/api/shelves/", "method": "GET"}),
        ("search_endpoints", {"query": "pets"}),
        ("get_schema_detail", {"name": "PetV2"}),
        # Several at once: the version is refused once, not once per item.
        ("get_endpoint_detail", {"endpoints": ["GET /api/shelves/", "GET /api/health/"]}),
        ("search_endpoints", {"query": ["pets", "shelves"]}),
    ]:
        message = await error(mcp_client, tool, version="v9", **arguments)
        assert message == "unknown version 'v9'; versions: v1, v2", (tool, message)


async def test_overview_names_the_versions(mcp_client: Client) -> None:
    overview = await call(mcp_client, "get_api_overview")
    assert overview["versions"] == ["v1", "v2"] and overview["defaultVersion"] == "v2"
    assert set(overview["versioning"]) == {
        "url_path",
        "namespace",
        "accept_header",
        "query_parameter",
    }
    assert "version=<version>" in overview["versioning"]["accept_header"]
    # 4 versioned views x 2 methods x 2 versions + 1 unversioned GET
    assert overview["endpoints"] == 17
    resource = await mcp_client.read_resource("api://overview")
    import json

    listed = json.loads(resource.contents[0].text)
    assert len(listed.pop("schemaDigest")) == 16  # `call` checked and dropped the tool's
    assert listed == overview


async def test_schemas_per_version(mcp_client: Client) -> None:
    two = await call(mcp_client, "get_schema_detail", name="PetV2")
    assert two["version"] == "v2" and "nickname" in two["schema"]
    assert (await call(mcp_client, "list_schemas", version="v1"))["version"] == "v1"
    names = {s["name"] for s in (await call(mcp_client, "list_schemas", version="v1"))["schemas"]}
    assert "PetV2" not in names and "PetV1" in names


async def test_an_unversioned_api_refuses_a_version(mcp_client: Client, settings: Any) -> None:
    settings.ROOT_URLCONF = "example_project.urls"
    message = await error(
        mcp_client, "get_endpoint_detail", path="/api/books/", method="GET", version="v1"
    )
    assert message == "unknown version 'v1': this API is not versioned"
    found = await call(mcp_client, "get_endpoint_detail", path="/api/books/", method="GET")
    assert "version" not in found


async def test_the_shared_cache_holds_one_document_per_version(
    mcp_client: Client, settings: Any
) -> None:
    from django.core.cache import caches

    from drf_mcp_docs.schema.variants import schema_caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "schema": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "v17"},
    }
    settings.DRF_MCP_DOCS = {**settings.DRF_MCP_DOCS, "SCHEMA_CACHE_ALIAS": "schema"}
    await call(mcp_client, "search_endpoints", query="pets")
    stored = [k for k in caches["schema"]._cache if ":doc" in k]  # type: ignore[attr-defined]
    assert any(":v=v1:" in k for k in stored) and any(":v=v2:" in k for k in stored), stored
    # Another process (here: fresh caches) reads both versions from the shared cache.
    schema_caches.clear()
    for version in ("v1", "v2"):
        detail = await call(
            mcp_client, "get_endpoint_detail", path="/api/shelves/", method="GET", version=version
        )
        assert detail["version"] == version
    shared = [schema_caches.get(v, None, lambda: {}).shared() for v in ("v1", "v2")]
    assert [s.generated for s in shared if s is not None] == [0, 0]


async def test_other_adapters_stay_unversioned(mcp_client: Client, settings: Any) -> None:
    """drf-yasg, DRF's generator or a custom adapter have no api_version: one schema."""
    settings.DRF_MCP_DOCS = {
        **settings.DRF_MCP_DOCS,
        "SCHEMA_ADAPTER": "tests.versions.test_versions_tools.StaticAdapter",
    }
    assert api_versions().versions == ()
    overview = await call(mcp_client, "get_api_overview")
    assert "versions" not in overview
    found = await call(mcp_client, "search_endpoints", query="health")
    assert found["results"][0] == "GET /api/health/ Health check"
    assert all("[version" not in r for r in found["results"])
    # Unversioned now: the listing drops ``version`` (decided per list, from the settings).
    tools = (await mcp_client.list_tools()).tools
    assert all("version" not in t.input_schema["properties"] for t in tools)


@pytest.mark.django_db
async def test_per_user_schemas_of_each_version(mcp_client: Client, settings: Any) -> None:
    """SERVE_PUBLIC = False on a versioned API: the caller's schema of each version."""
    from drf_mcp_docs.schema.variants import schema_caches

    settings.SPECTACULAR_SETTINGS = {**settings.SPECTACULAR_SETTINGS, "SERVE_PUBLIC": False}
    for version, fields in (("v1", {"name"}), ("v2", {"name", "nickname"})):
        detail = await call(
            mcp_client, "get_endpoint_detail", path="/api/shelves/", method="POST", version=version
        )
        assert detail["version"] == version and body_fields(detail) == fields
    assert schema_caches.variants() == 2  # (v1, anonymous) and (v2, anonymous)
