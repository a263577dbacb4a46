"""Root URL configuration of the bookstore example project.

``/`` points to the API root and the MCP endpoint; ``/api/`` lists the API's resources.
"""

from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from drf_mcp_docs.conf import conf

#: The API root's links: name -> URL name of the bookstore's routes.
API_LINKS = {
    "authors": "author-list",
    "publishers": "publisher-list",
    "books": "book-list",
    "reviews": "review-list",
    "stats": "stats",
    "ping": "ping",
    "auth-token": "auth-token",
}


def home(request: HttpRequest) -> JsonResponse:
    """Where to go: the API, its human docs, and the MCP endpoint for AI agents.

    A plain Django view: a DRF view outside /api/ would move drf-spectacular's common path
    prefix to "/" and rename every operationId (books_list -> api_books_list).
    """
    return JsonResponse(
        {
            "api": request.build_absolute_uri(reverse("api-root")),
            "mcp": request.build_absolute_uri(conf.MCP_ENDPOINT),
            "docs": request.build_absolute_uri(reverse("swagger-ui")),
            "schema": request.build_absolute_uri(reverse("schema")),
        }
    )


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request: Request) -> Response:
    """The bookstore API's resources."""
    return Response({name: reverse(url, request=request) for name, url in API_LINKS.items()})


urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("api/", api_root, name="api-root"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/", include("bookstore.urls")),
]
