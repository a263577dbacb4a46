"""Schema adapters: each returns the project's API as an OpenAPI 3 ``dict``.

``SCHEMA_ADAPTER = None`` picks drf-spectacular, then drf-yasg, then DRF's own generator.
A dotted path selects any class with ``get_schema() -> dict`` (e.g. a static file).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings as django_settings
from django.core.serializers.json import DjangoJSONEncoder

from drf_mcp_docs.text import clip, quote


class SchemaAdapter(Protocol):
    """What ``SCHEMA_ADAPTER`` must name: a class whose instances produce OpenAPI 3."""

    def get_schema(self) -> dict[str, Any]: ...


class AdapterError(ImportError):
    """``SCHEMA_ADAPTER`` names nothing usable; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def _to_json(document: Any) -> dict[str, Any]:
    """Plain JSON types only: generators may hold lazy strings, Decimals or OrderedDicts."""
    plain: dict[str, Any] = json.loads(json.dumps(document, cls=DjangoJSONEncoder, default=str))
    return plain


#: What a DRF ``<path:name>`` converter is documented as, unless ``SPECTACULAR_SETTINGS``
#: overrides it: a string whose pattern admits ``/``, so that snippets keep its slashes.
#: (drf-spectacular's own mapping gives a bare string, the same as ``<str:name>``.)
PATH_CONVERTER_SCHEMA = {"type": "string", "pattern": "^.+$"}


class SpectacularAdapter:
    """drf-spectacular's generator, configured by ``SPECTACULAR_SETTINGS``."""

    def get_schema(self) -> dict[str, Any]:
        from drf_spectacular.settings import patched_settings, spectacular_settings

        overrides = dict(spectacular_settings.PATH_CONVERTER_OVERRIDES or {})
        if "path" in overrides:
            return self._generate()
        overrides["path"] = dict(PATH_CONVERTER_SCHEMA)
        with patched_settings({"PATH_CONVERTER_OVERRIDES": overrides}):
            return self._generate()

    def _generate(self) -> dict[str, Any]:
        from drf_spectacular.settings import spectacular_settings

        generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
        return _to_json(generator.get_schema(request=None, public=True))


class YasgAdapter:
    """drf-yasg's Swagger 2.0 output, converted to OpenAPI 3."""

    def get_schema(self) -> dict[str, Any]:
        from drf_yasg import openapi
        from drf_yasg.generators import OpenAPISchemaGenerator

        from drf_mcp_docs.schema.swagger2 import swagger2_to_openapi3

        info = openapi.Info(title=_title(), default_version="")
        swagger = OpenAPISchemaGenerator(info).get_schema(request=None, public=True)
        return swagger2_to_openapi3(_to_json(swagger))


class DRFAdapter:
    """Django REST framework's built-in OpenAPI generator (the fallback)."""

    def get_schema(self) -> dict[str, Any]:
        from rest_framework.schemas.openapi import SchemaGenerator

        return _to_json(SchemaGenerator(title=_title()).get_schema(request=None, public=True))


class OpenAPIFileAdapter:
    """A static OpenAPI 3 file (JSON, or YAML when PyYAML is installed).

    Subclass it and set ``path``; name the subclass in ``SCHEMA_ADAPTER``.
    """

    path: str | Path = ""

    def get_schema(self) -> dict[str, Any]:
        if not self.path:
            raise AdapterError(f"{type(self).__name__}.path is not set")
        text = Path(self.path).read_text(encoding="utf-8")
        if str(self.path).endswith((".yaml", ".yml")):
            loaded: dict[str, Any] = yaml_document(text)
            return loaded
        parsed: dict[str, Any] = json.loads(text)
        return parsed


def yaml_document(text: str) -> Any:
    """A YAML document as the JSON it stands for (OpenAPI's YAML is YAML 1.2's JSON schema):
    ``200:`` is the key "200" (beside ``default:``, PyYAML's int keys crashed processing),
    ``2020-01-01`` and ``no`` stay strings (YAML 1.1 made them a date and ``False``: an
    ``enum`` of country codes lost Norway), ``true``/``false`` are booleans."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [
            (tag, _YAML_BOOL if tag == "tag:yaml.org,2002:bool" else regexp)
            for tag, regexp in resolvers
            if tag != "tag:yaml.org,2002:timestamp"
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _to_json(yaml.load(text, Loader=Loader))  # a SafeLoader: no Python objects


_YAML_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _title() -> str:
    from drf_mcp_docs.conf import conf

    return conf.SERVER_NAME


def _spectacular_configured() -> bool:
    if importlib.util.find_spec("drf_spectacular") is None:
        return False
    schema_class = getattr(django_settings, "REST_FRAMEWORK", {}).get("DEFAULT_SCHEMA_CLASS", "")
    return "drf_spectacular" in django_settings.INSTALLED_APPS or "drf_spectacular" in str(
        schema_class
    )


def resolve_adapter_class(dotted: str | None) -> type:
    """The adapter class for a ``SCHEMA_ADAPTER`` value; raises :class:`AdapterError`."""
    if dotted is None:
        if _spectacular_configured():
            return SpectacularAdapter
        if "drf_yasg" in django_settings.INSTALLED_APPS:
            return YasgAdapter
        return DRFAdapter
    module_name, _, class_name = dotted.rpartition(".")
    if not module_name:
        raise AdapterError(
            f"SCHEMA_ADAPTER {quote(dotted)} is not a dotted path to a class.",
            hint="Use e.g. 'myproject.schema.StaticSchemaAdapter'.",
        )
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise AdapterError(
            f"SCHEMA_ADAPTER {quote(dotted)} cannot be imported: {clip(str(exc), 300)}.",
            hint="Check the module path, and that the package is installed.",
        ) from exc
    adapter = getattr(module, class_name, None)
    if not isinstance(adapter, type):
        raise AdapterError(
            f"SCHEMA_ADAPTER {quote(dotted)}: module {quote(module_name)} has no class "
            f"{quote(class_name)}.",
            hint="Name a class that defines get_schema() -> dict.",
        )
    if not callable(getattr(adapter, "get_schema", None)):
        raise AdapterError(
            f"SCHEMA_ADAPTER {quote(dotted)} has no get_schema() method.",
            hint="The class must define get_schema() returning an OpenAPI 3 dict.",
        )
    return adapter


def load_document() -> dict[str, Any]:
    """Run the configured adapter and return its OpenAPI 3 document."""
    from drf_mcp_docs.conf import conf

    document: dict[str, Any] = resolve_adapter_class(conf.SCHEMA_ADAPTER)().get_schema()
    if isinstance(document, dict) and str(document.get("swagger", "")).startswith("2"):
        from drf_mcp_docs.schema.swagger2 import swagger2_to_openapi3

        document = swagger2_to_openapi3(document)
    return document
