"""The example project's next "release", for the schema-history tests.

Against the example project (release 1) it changes, as a team would in a real release:
- ``DELETE /api/publishers/{id}/`` is removed;
- a book's ``publisher_id`` is now required;
- a book's ``page_count`` is removed;
- a book gains ``cover_url`` (read-only);
- a book's ``status`` no longer accepts ``out_of_print`` (an enum narrowed).
Everything else (authors, reviews, stats, ...) is unchanged.
"""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from bookstore import serializers as release1
from bookstore import views
from bookstore.models import Book, Publisher

STATUSES = [("draft", "Draft"), ("published", "Published")]


class BookSerializer(release1.BookSerializer):
    """Release 2's book (the same component name, ``Book``, as release 1)."""

    publisher_id = serializers.PrimaryKeyRelatedField(
        source="publisher",
        queryset=Publisher.objects.all(),
        write_only=True,
        allow_null=True,
        help_text="Primary key of the publisher, or null if self-published.",
    )
    status = serializers.ChoiceField(choices=STATUSES, required=False)
    cover_url = serializers.SerializerMethodField(help_text="URL of the book's cover image.")

    class Meta(release1.BookSerializer.Meta):
        fields = [f for f in release1.BookSerializer.Meta.fields if f != "page_count"]
        fields.append("cover_url")

    def get_cover_url(self, obj: Book) -> str:
        return f"https://covers.example.com/{obj.isbn}.jpg"


class BookViewSet(views.BookViewSet):
    serializer_class = BookSerializer

    @extend_schema(
        summary="List bestsellers",
        description=(
            f"The {views.BESTSELLERS_LIMIT} best-rated published books that have at least one "
            "review. Not paginated."
        ),
        responses=BookSerializer(many=True),
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def bestsellers(self, request: Request) -> Response:
        return super().bestsellers(request)  # type: ignore[no-any-return]


class PublisherViewSet(views.PublisherViewSet):
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


def api_urlpatterns() -> list:  # type: ignore[type-arg]
    from rest_framework.routers import SimpleRouter

    from bookstore import urls as bookstore_urls

    router = SimpleRouter(trailing_slash=True)
    router.register("authors", views.AuthorViewSet, basename="author")
    router.register("publishers", PublisherViewSet, basename="publisher")
    router.register("books", BookViewSet, basename="book")
    router.register("reviews", views.ReviewViewSet, basename="review")
    kept = [p for p in bookstore_urls.urlpatterns if p not in bookstore_urls.router.urls]
    return [*kept, *router.urls]


def urlpatterns() -> list:  # type: ignore[type-arg]
    """The example project's URLs with release 2's API under ``/api/``."""
    from example_project import urls as root

    patterns = [
        p
        for p in root.urlpatterns
        if getattr(getattr(p, "urlconf_name", None), "__name__", None) != "bookstore.urls"
    ]
    return [*patterns, path("api/", include(api_urlpatterns()))]
