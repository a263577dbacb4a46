"""Views of the versioned test project: one per DRF versioning style, each with a v2 that
adds a field to v1's serializer, plus one unversioned view (served in every version)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers, versioning
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

VERSIONS = ("v1", "v2")


class PetV1Serializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=50)


class PetV2Serializer(PetV1Serializer):
    nickname = serializers.CharField(max_length=50, help_text="Added in v2.")


class _Versioned(GenericAPIView[Any]):
    """A resource whose shape follows ``request.version``: v2 adds ``nickname``."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    pagination_class = None

    def get_serializer_class(self) -> type[serializers.Serializer[Any]]:
        return PetV2Serializer if self.request.version == "v2" else PetV1Serializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pet = {"name": "Rex", "nickname": "R"} if request.version == "v2" else {"name": "Rex"}
        return Response({**pet, "version": request.version})

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response({**serializer.data, "version": request.version}, status=201)


class URLPathVersioning(versioning.URLPathVersioning):
    allowed_versions = VERSIONS


class NamespaceVersioning(versioning.NamespaceVersioning):
    allowed_versions = VERSIONS


class AcceptHeaderVersioning(versioning.AcceptHeaderVersioning):
    allowed_versions = VERSIONS


class QueryParameterVersioning(versioning.QueryParameterVersioning):
    allowed_versions = VERSIONS


class PathPetView(_Versioned):
    """Pets, versioned by a path segment: /api/v1/pets/, /api/v2/pets/."""

    versioning_class = URLPathVersioning


class NamespacePetView(_Versioned):
    """Pets, versioned by URL namespace: /api/ns/v1/pets/, /api/ns/v2/pets/."""

    versioning_class = NamespaceVersioning


class ShelfView(_Versioned):
    """Shelves, versioned by the Accept header's version parameter."""

    versioning_class = AcceptHeaderVersioning


class NoteView(_Versioned):
    """Notes, versioned by the version query parameter."""

    versioning_class = QueryParameterVersioning


class HealthView(GenericAPIView[Any]):
    """Unversioned: the same in every version."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    serializer_class = PetV1Serializer

    def get(self, request: Request) -> Response:
        return Response({"name": "ok"})
