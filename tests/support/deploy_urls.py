"""The example project's URLs plus the MCP endpoint as Django views (WSGI, runserver)."""

from django.conf import settings
from django.urls import include, path, re_path

from drf_mcp_docs.endpoint.oauth import metadata_view
from example_project.urls import urlpatterns as example_urlpatterns

urlpatterns = [
    path("mcp/", include("drf_mcp_docs.urls")),
    re_path(r"^\.well-known/oauth-protected-resource/(?P<endpoint>.*)$", metadata_view),
    *example_urlpatterns,
]
if "oauth2_provider" in settings.INSTALLED_APPS:
    urlpatterns.append(path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")))
