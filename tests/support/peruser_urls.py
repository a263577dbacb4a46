"""URLconf of the per-user test project (``tests.support.peruser_settings``): the example
API, an admin-only endpoint, and the schema view with ``serve_public=False``."""

from typing import Any

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAdminUser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class AdminReportView(APIView):
    """A report only admins may read (so admins see one more endpoint)."""

    permission_classes = [IsAdminUser]

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response({"users": 2})


urlpatterns = [
    path("api/admin-report/", AdminReportView.as_view(), name="admin-report"),
    path("api/schema/", SpectacularAPIView.as_view(serve_public=False), name="schema"),
    path("api/", include("bookstore.urls")),
    path("mcp/", include("drf_mcp_docs.urls")),
]
