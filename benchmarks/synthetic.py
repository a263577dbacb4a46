"""Synthetic DRF projects of any size, generated in code, for ``schema_scale.py``.

``configure()`` sets up Django with a minimal settings module (no database access is
needed: drf-spectacular only inspects serializers, views and URL patterns). Then
``make_urlconf(operations)`` builds a fresh module of serializers, viewsets and a router
with exactly that many operations (five per resource: list, create, retrieve,
partial_update, destroy) and installs it as the ROOT_URLCONF.

Every resource has its own serializer (read-only id and timestamp, text, an enum shared
by all resources, a decimal, a list, a nested read-only owner shared by all, and a nested
previous resource in chains of up to four), page number pagination and search/ordering
filters: a typical drf-spectacular project, five operations per resource.
"""

from __future__ import annotations

import sys
import types
from typing import Any

OPERATIONS_PER_RESOURCE = 5
#: A resource nests the previous one except every NESTING-th: $ref chains up to 4 deep.
NESTING = 4
_WORDS = (
    "account address alert article asset audit basket batch billing booking brand budget "
    "campaign card cart catalog category channel checkout city claim client comment "
    "contract coupon course credit customer dashboard delivery device discount document "
    "donation driver event expense export feature feedback file fleet folder forecast "
    "gateway grant group import incident inventory invoice issue item journal ledger "
    "lesson license listing location machine mailbox manifest media member message meter "
    "milestone module note notice offer order organisation package parcel partner "
    "payment payout permit photo plan playlist policy portfolio position post price "
    "product profile project promotion purchase quote rate receipt recipe refund region "
    "release report request reservation resource review reward role route rule sale "
    "schedule season seat segment sensor service session setting shift shipment shop sku "
    "slot snapshot source sponsor store subscription supplier survey tag task team "
    "template tenant ticket token topic tour trade transfer trip unit upload vehicle "
    "vendor venue voucher wallet warehouse webhook widget workflow zone"
)
WORDS = tuple(_WORDS.split())


def configure() -> None:
    """Configure Django for the synthetic projects (once per process)."""
    import django
    from django.conf import settings

    if settings.configured:
        return
    settings.configure(
        DEBUG=False,
        SECRET_KEY="benchmarks-only",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "rest_framework",
            "drf_spectacular",
            "drf_mcp_docs",
        ],
        DATABASES={},
        ROOT_URLCONF="synthetic_urls_0",
        USE_TZ=True,
        REST_FRAMEWORK={
            "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
            "DEFAULT_AUTHENTICATION_CLASSES": [
                "rest_framework.authentication.TokenAuthentication",
                "rest_framework.authentication.SessionAuthentication",
            ],
            "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        },
        SPECTACULAR_SETTINGS={
            "TITLE": "Synthetic API",
            "VERSION": "1.0.0",
            "COMPONENT_SPLIT_REQUEST": True,
            "DISABLE_ERRORS_AND_WARNINGS": True,
        },
        DRF_MCP_DOCS={"SERVER_NAME": "synthetic-docs", "CACHE_SCHEMA": True},
    )
    django.setup()


def resource_name(index: int) -> str:
    """``customer``, ``order``, ... then ``customer-2``: unique, readable URL segments."""
    word = WORDS[index % len(WORDS)]
    lap = index // len(WORDS)
    return word if lap == 0 else f"{word}-{lap + 1}"


def _camel(name: str) -> str:
    return "".join(part.title() for part in name.replace("-", " ").split())


_OWNER: list[Any] = []


def _owner() -> Any:
    """The user serializer every resource nests (one component, used by every operation)."""
    if not _OWNER:
        from rest_framework import serializers

        fields = {
            "id": serializers.IntegerField(read_only=True),
            "username": serializers.CharField(),
            "email": serializers.EmailField(),
        }
        _OWNER.append(type("OwnerSerializer", (serializers.Serializer,), fields))
    return _OWNER[0]


def _serializer(index: int, previous: Any) -> Any:
    from rest_framework import serializers

    label = resource_name(index)
    fields: dict[str, Any] = {
        "id": serializers.IntegerField(read_only=True),
        "name": serializers.CharField(max_length=120, help_text=f"Name of the {label}."),
        "description": serializers.CharField(allow_blank=True, required=False),
        "status": serializers.ChoiceField(
            choices=[("draft", "Draft"), ("active", "Active"), ("archived", "Archived")]
        ),
        "price": serializers.DecimalField(max_digits=10, decimal_places=2, required=False),
        "labels": serializers.ListField(child=serializers.CharField(), required=False),
        "created": serializers.DateTimeField(read_only=True),
    }
    fields["owner"] = _owner()(read_only=True)
    if previous is not None and index % NESTING:
        fields["parent"] = previous(required=False, allow_null=True)
    return type(f"{_camel(label)}Serializer", (serializers.Serializer,), fields)


def _viewset(index: int, serializer: Any) -> Any:
    from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
    from rest_framework import filters, mixins, pagination, viewsets

    label = resource_name(index)
    noun = label.replace("-", " ")
    by_id = [OpenApiParameter("id", int, OpenApiParameter.PATH, description=f"The {noun} id.")]
    decorate = extend_schema_view(
        list=extend_schema(summary=f"List {noun}s", description=f"Paginated {noun}s."),
        create=extend_schema(summary=f"Create a {noun}"),
        retrieve=extend_schema(summary=f"Get a {noun}", parameters=by_id),
        partial_update=extend_schema(summary=f"Update a {noun}", parameters=by_id),
        destroy=extend_schema(summary=f"Delete a {noun}", parameters=by_id),
    )
    cls = type(
        f"{_camel(label)}ViewSet",
        (
            mixins.ListModelMixin,
            mixins.CreateModelMixin,
            mixins.RetrieveModelMixin,
            mixins.UpdateModelMixin,
            mixins.DestroyModelMixin,
            viewsets.GenericViewSet,
        ),
        {
            "__doc__": f"The {noun}s of the synthetic API.",
            "serializer_class": serializer,
            "pagination_class": pagination.PageNumberPagination,
            "filter_backends": [filters.SearchFilter, filters.OrderingFilter],
            "search_fields": ["name", "description"],
            "ordering_fields": ["name", "created"],
            "http_method_names": ["get", "post", "patch", "delete", "head", "options"],
        },
    )
    extend_schema(tags=[label.split("-")[0]])(cls)
    return decorate(cls)


_counter = 0


def make_urlconf(operations: int) -> str:
    """Install a new ROOT_URLCONF with ``operations`` operations; returns its module name."""
    global _counter
    from django.conf import settings
    from django.urls import clear_url_caches, include, path
    from rest_framework.routers import SimpleRouter

    if operations % OPERATIONS_PER_RESOURCE:
        raise ValueError(f"operations must be a multiple of {OPERATIONS_PER_RESOURCE}")
    router = SimpleRouter(trailing_slash=True)
    previous = None
    for index in range(operations // OPERATIONS_PER_RESOURCE):
        serializer = _serializer(index, previous)
        router.register(resource_name(index), _viewset(index, serializer), basename=f"r{index}")
        previous = serializer
    _counter += 1
    name = f"synthetic_urls_{_counter}"
    module = types.ModuleType(name)
    module.urlpatterns = [path("api/", include(router.urls))]  # type: ignore[attr-defined]
    sys.modules[name] = module
    settings.ROOT_URLCONF = name
    clear_url_caches()
    return name
