"""A tiny DRF project for snippet tests: a polymorphic body (drf-spectacular's
``PolymorphicProxySerializer`` with a ``type`` discriminator and its mapping), a
``<path:...>`` converter, a plain ``<str:...>`` segment and a bodiless (204) success."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class LegalPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    company_name = serializers.CharField(max_length=30)
    type = serializers.CharField(read_only=True)


class NaturalPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    first_name = serializers.CharField(max_length=30)
    last_name = serializers.CharField(max_length=30)
    type = serializers.CharField(read_only=True)


PERSON = PolymorphicProxySerializer(
    component_name="MetaPerson",
    serializers={"legal": LegalPersonSerializer, "natural": NaturalPersonSerializer},
    resource_type_field_name="type",
)


class FileSerializer(serializers.Serializer):
    path = serializers.CharField()


class PersonView(APIView):
    @extend_schema(request=PERSON, responses=PERSON)
    def post(self, request: Request) -> Response:
        return Response(request.data)


class FileView(APIView):
    @extend_schema(responses=FileSerializer)
    def get(self, request: Request, file_path: str) -> Response:
        return Response({"path": file_path})


class LabelView(APIView):
    @extend_schema(request=None, responses={204: OpenApiResponse(description="Removed")})
    def delete(self, request: Request, name: str) -> Response:
        return Response(status=204)


urlpatterns: list[Any] = [
    path("api/persons/", PersonView.as_view()),
    path("api/files/<path:file_path>", FileView.as_view()),
    path("api/labels/<str:name>", LabelView.as_view()),
]
