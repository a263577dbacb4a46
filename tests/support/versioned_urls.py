"""URLconf of the versioned test project (``tests.support.versioned_settings``)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from tests.support import versioned_views as views

namespaced = [path("pets/", views.NamespacePetView.as_view(), name="ns-pets")]

urlpatterns = [
    re_path(r"^api/(?P<version>(v1|v2))/pets/$", views.PathPetView.as_view(), name="path-pets"),
    path("api/ns/v1/", include((namespaced, "pets"), namespace="v1")),
    path("api/ns/v2/", include((namespaced, "pets"), namespace="v2")),
    path("api/shelves/", views.ShelfView.as_view(), name="shelves"),
    path("api/notes/", views.NoteView.as_view(), name="notes"),
    path("api/health/", views.HealthView.as_view(), name="health"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("mcp/", include("drf_mcp_docs.urls")),
]
