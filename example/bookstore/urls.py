"""URL routes of the bookstore API (mounted under ``/api/``)."""

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("authors", views.AuthorViewSet, basename="author")
router.register("publishers", views.PublisherViewSet, basename="publisher")
router.register("books", views.BookViewSet, basename="book")
router.register("reviews", views.ReviewViewSet, basename="review")


@extend_schema_view(
    post=extend_schema(
        tags=["auth"],
        auth=[],
        summary="Obtain an API token",
        description=(
            "Exchange a username and password for a token. Send it on later requests as "
            "`Authorization: Token <key>`."
        ),
    )
)
class TokenView(ObtainAuthToken):
    """DRF's token endpoint, annotated for the schema."""


urlpatterns = [
    path("stats/", views.stats, name="stats"),
    path("ping/", views.ping, name="ping"),
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    *router.urls,
]
