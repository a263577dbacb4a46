"""Schema adapters: drf-spectacular (default), drf-yasg, DRF's generator, a custom class."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from drf_mcp_docs.schema.adapters import (
    AdapterError,
    DRFAdapter,
    OpenAPIFileAdapter,
    SpectacularAdapter,
    YasgAdapter,
    load_document,
    resolve_adapter_class,
)
from drf_mcp_docs.schema.cache import build_api_schema
from drf_mcp_docs.schema.processor import process_schema


def test_auto_detects_spectacular() -> None:
    assert resolve_adapter_class(None) is SpectacularAdapter


def test_spectacular_honours_its_settings() -> None:
    # drf-spectacular reads SPECTACULAR_SETTINGS once, at import; patch its live object.
    from drf_spectacular.settings import patched_settings

    with patched_settings({"TITLE": "Renamed API", "VERSION": "9.9"}):
        document = SpectacularAdapter().get_schema()
    assert (document["info"]["title"], document["info"]["version"]) == ("Renamed API", "9.9")
    assert document["openapi"].startswith("3.")
    json.dumps(document)  # plain JSON types only


PLAIN_URLS = """
from rest_framework import routers, viewsets

from bookstore.models import Author, Book
from bookstore.serializers import AuthorSerializer, BookSerializer


class BookViewSet(viewsets.ModelViewSet):
    queryset = Book.objects.all()
    serializer_class = BookSerializer


class AuthorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Author.objects.all()
    serializer_class = AuthorSerializer


router = routers.SimpleRouter()
router.register("api/books", BookViewSet)
router.register("api/authors", AuthorViewSet)
urlpatterns = router.urls
"""


@pytest.fixture
def plain_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Any) -> Any:
    """A project whose views carry no drf-spectacular decorations, as yasg/DRF users have."""
    (tmp_path / "plain_urls.py").write_text(PLAIN_URLS)
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.ROOT_URLCONF = "plain_urls"
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_SCHEMA_CLASS": "rest_framework.schemas.openapi.AutoSchema",
    }
    return settings


def test_yasg_is_converted_to_openapi3(plain_project: Any) -> None:
    settings = plain_project
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "drf_spectacular"] + [
        "drf_yasg"
    ]
    assert resolve_adapter_class(None) is YasgAdapter
    document = YasgAdapter().get_schema()
    assert document["openapi"] == "3.0.3"
    api = process_schema(document, path_prefix="/api/")
    create = api.find("POST", "/api/books/")
    assert create is not None and create.request_body is not None
    body = api.deref(create.request_body.schema)
    assert "title" in body["properties"] and "author_id" in body["properties"]
    listing = api.find("GET", "/api/books/")
    assert listing is not None and listing.pagination is not None


def test_drf_generator_fallback(plain_project: Any) -> None:
    settings = plain_project
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "drf_spectacular"]
    assert resolve_adapter_class(None) is DRFAdapter
    api = process_schema(DRFAdapter().get_schema(), path_prefix="/api/")
    listing = api.find("GET", "/api/books/")
    assert listing is not None and listing.pagination is not None
    assert api.find("DELETE", "/api/books/{id}/") is not None


def test_custom_adapter_with_static_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Static", "version": "9"},
        "paths": {"/api/things/": {"get": {"responses": {"200": {"description": "ok"}}}}},
    }
    (tmp_path / "static_spec.json").write_text(json.dumps(spec))
    (tmp_path / "my_adapters.py").write_text(
        textwrap.dedent(
            f"""
            from drf_mcp_docs.schema.adapters import OpenAPIFileAdapter

            class StaticSchema(OpenAPIFileAdapter):
                path = {str(tmp_path / "static_spec.json")!r}
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.DRF_MCP_DOCS = {"SCHEMA_ADAPTER": "my_adapters.StaticSchema"}
    assert load_document()["info"]["title"] == "Static"
    api = build_api_schema()
    assert [e.key for e in api.endpoints] == ["GET /api/things/"]


YAML_SPEC = """
openapi: 3.0.3
info: {title: Yaml, version: "1"}
paths:
  /api/trips/:
    get:
      parameters:
        - name: country
          in: query
          schema: {type: string, enum: [NO, SE, yes], example: 2020-01-01}
      responses:
        200:
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  on: {type: boolean, default: false}
                  day: {type: string, format: date, example: 2021-02-03}
        default:
          description: an error
"""


def test_a_hand_written_yaml_file_reads_as_its_json(tmp_path: Path) -> None:
    """YAML as OpenAPI files are written: unquoted ``200:`` beside ``default:`` (PyYAML's
    int key beside a string one crashed processing with a TypeError), dates and YAML 1.1's
    booleans (``NO``, ``yes``, ``on``) that are strings in YAML 1.2's JSON schema."""
    (tmp_path / "spec.yaml").write_text(YAML_SPEC)

    class Static(OpenAPIFileAdapter):
        path = tmp_path / "spec.yaml"

    document = Static().get_schema()
    assert json.loads(json.dumps(document)) == document  # plain JSON throughout
    api = process_schema(document, path_prefix="/api/")
    (endpoint,) = api.endpoints
    assert [r.status for r in endpoint.responses] == ["200", "default"]
    (country,) = endpoint.parameters
    assert country.schema == {
        "type": "string",
        "enum": ["NO", "SE", "yes"],
        "example": "2020-01-01",
    }
    fields = endpoint.response("200").schema["properties"]
    assert fields["on"] == {"type": "boolean", "default": False}
    assert fields["day"]["example"] == "2021-02-03"


@pytest.mark.parametrize(
    ("dotted", "message"),
    [
        ("nodots", "is not a dotted path to a class"),
        ("no_such_module_xyz.Adapter", "cannot be imported"),
        ("drf_mcp_docs.schema.adapters.Nope", "has no class 'Nope'"),
        ("drf_mcp_docs.conf.Settings", "has no get_schema() method"),
    ],
)
def test_bad_adapter_paths(dotted: str, message: str) -> None:
    with pytest.raises(AdapterError) as info:
        resolve_adapter_class(dotted)
    assert message in str(info.value)
