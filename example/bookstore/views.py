"""API views for the bookstore.

Every endpoint is annotated with drf-spectacular so the generated OpenAPI document carries
summaries, descriptions, tags and query parameter documentation.
"""

from django.db.models import Avg, Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import (
    action,
    api_view,
    authentication_classes,
    permission_classes,
)
from rest_framework.request import Request
from rest_framework.response import Response

from .models import Author, Book, BookStatus, Genre, Publisher, Review
from .serializers import AuthorSerializer, BookSerializer, PublisherSerializer, ReviewSerializer

BESTSELLERS_LIMIT = 10


class IsReviewerOrReadOnly(permissions.BasePermission):
    """Only the user who wrote a review may change or delete it."""

    def has_object_permission(self, request: Request, view, obj: Review) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return obj.user_id == request.user.id


@extend_schema(tags=["authors"])
@extend_schema_view(
    list=extend_schema(
        summary="List authors",
        description="Paginated list of authors with the number of books each has written.",
    ),
    retrieve=extend_schema(summary="Get an author"),
    create=extend_schema(summary="Create an author", description="Requires authentication."),
    update=extend_schema(summary="Replace an author", description="Requires authentication."),
    partial_update=extend_schema(
        summary="Update an author", description="Requires authentication."
    ),
    destroy=extend_schema(
        summary="Delete an author",
        description="Requires authentication. Also deletes the author's books.",
    ),
)
class AuthorViewSet(viewsets.ModelViewSet):
    """Authors of the books in the catalogue."""

    serializer_class = AuthorSerializer
    search_fields = ["name", "bio"]
    ordering_fields = ["name", "birth_date", "books_count"]
    ordering = ["name"]

    def get_queryset(self):
        return Author.objects.annotate(books_count=Count("books"))

    def perform_create(self, serializer: AuthorSerializer) -> None:
        author = serializer.save()
        author.books_count = 0


@extend_schema(tags=["publishers"])
@extend_schema_view(
    list=extend_schema(summary="List publishers"),
    retrieve=extend_schema(summary="Get a publisher"),
    create=extend_schema(summary="Create a publisher", description="Requires authentication."),
    update=extend_schema(summary="Replace a publisher", description="Requires authentication."),
    partial_update=extend_schema(
        summary="Update a publisher", description="Requires authentication."
    ),
    destroy=extend_schema(
        summary="Delete a publisher",
        description="Requires authentication. The publisher's books are kept, without publisher.",
    ),
)
class PublisherViewSet(viewsets.ModelViewSet):
    """Publishing houses."""

    queryset = Publisher.objects.all()
    serializer_class = PublisherSerializer
    search_fields = ["name", "country"]
    ordering_fields = ["name", "country"]
    ordering = ["name"]


@extend_schema(tags=["books"])
@extend_schema_view(
    list=extend_schema(
        summary="List books",
        description=(
            "Paginated list of books. Filter with `genre`, `status` and `author`, "
            "search with `search` and sort with `ordering`."
        ),
        parameters=[
            OpenApiParameter(
                name="genre",
                type=OpenApiTypes.STR,
                enum=Genre.values,
                description="Only return books of this genre.",
            ),
            OpenApiParameter(
                name="status",
                type=OpenApiTypes.STR,
                enum=BookStatus.values,
                description="Only return books with this publication status.",
            ),
            OpenApiParameter(
                name="author",
                type=OpenApiTypes.INT,
                description="Only return books written by the author with this id.",
            ),
        ],
    ),
    retrieve=extend_schema(summary="Get a book"),
    create=extend_schema(summary="Create a book", description="Requires authentication."),
    update=extend_schema(summary="Replace a book", description="Requires authentication."),
    partial_update=extend_schema(summary="Update a book", description="Requires authentication."),
    destroy=extend_schema(summary="Delete a book", description="Requires authentication."),
)
class BookViewSet(viewsets.ModelViewSet):
    """Books in the catalogue, with nested author and publisher summaries."""

    serializer_class = BookSerializer
    search_fields = ["title", "isbn", "author__name", "publisher__name"]
    ordering_fields = ["title", "price", "published_on", "page_count", "created_at"]
    ordering = ["title"]

    def get_queryset(self):
        queryset = Book.objects.select_related("author", "publisher").annotate(
            avg_rating=Avg("reviews__rating")
        )
        if self.action == "list":
            params = self.request.query_params
            if genre := params.get("genre"):
                queryset = queryset.filter(genre=genre)
            if status := params.get("status"):
                queryset = queryset.filter(status=status)
            if (author := params.get("author")) and author.isdigit():
                queryset = queryset.filter(author_id=int(author))
        return queryset

    @extend_schema(
        summary="List a book's reviews",
        description="Paginated reviews of one book, newest first.",
        responses=ReviewSerializer(many=True),
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def reviews(self, request: Request, pk: str | None = None) -> Response:
        book = self.get_object()
        queryset = book.reviews.select_related("user")
        page = self.paginate_queryset(queryset)
        serializer = ReviewSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        summary="List bestsellers",
        description=(
            f"The {BESTSELLERS_LIMIT} best-rated published books that have at least one review. "
            "Not paginated."
        ),
        responses=BookSerializer(many=True),
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def bestsellers(self, request: Request) -> Response:
        queryset = (
            self.get_queryset()
            .filter(status=BookStatus.PUBLISHED)
            .annotate(review_count=Count("reviews"))
            .filter(review_count__gt=0)
            .order_by("-avg_rating", "-review_count", "title")[:BESTSELLERS_LIMIT]
        )
        serializer = self.get_serializer(queryset, many=True)
        return Response(serializer.data)


@extend_schema(tags=["reviews"])
@extend_schema_view(
    list=extend_schema(
        summary="List reviews",
        parameters=[
            OpenApiParameter(
                name="book",
                type=OpenApiTypes.INT,
                description="Only return reviews of the book with this id.",
            ),
        ],
    ),
    retrieve=extend_schema(summary="Get a review"),
    create=extend_schema(
        summary="Write a review",
        description="Requires authentication. The review is attributed to the requesting user.",
    ),
    update=extend_schema(
        summary="Replace a review", description="Only the review's author may do this."
    ),
    partial_update=extend_schema(
        summary="Update a review", description="Only the review's author may do this."
    ),
    destroy=extend_schema(
        summary="Delete a review", description="Only the review's author may do this."
    ),
)
class ReviewViewSet(viewsets.ModelViewSet):
    """Reviews that users write about books."""

    serializer_class = ReviewSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsReviewerOrReadOnly]
    search_fields = ["body", "book__title", "user__username"]
    ordering_fields = ["rating", "created_at"]
    ordering = ["-created_at"]

    def get_queryset(self):
        queryset = Review.objects.select_related("book", "user")
        if self.action == "list":
            book = self.request.query_params.get("book")
            if book and book.isdigit():
                queryset = queryset.filter(book_id=int(book))
        return queryset

    def perform_create(self, serializer: ReviewSerializer) -> None:
        serializer.save(user=self.request.user)


@extend_schema(
    tags=["meta"],
    summary="Catalogue statistics",
    description="Counts of the main objects in the bookstore. Public.",
    responses=inline_serializer(
        name="BookstoreStats",
        fields={
            "authors": serializers.IntegerField(help_text="Number of authors."),
            "publishers": serializers.IntegerField(help_text="Number of publishers."),
            "books": serializers.IntegerField(help_text="Number of books."),
            "reviews": serializers.IntegerField(help_text="Number of reviews."),
            "average_rating": serializers.FloatField(
                allow_null=True, help_text="Mean rating over all reviews, or null if none."
            ),
        },
    ),
)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def stats(request: Request) -> Response:
    """Return object counts for the whole catalogue."""
    average = Review.objects.aggregate(avg=Avg("rating"))["avg"]
    return Response(
        {
            "authors": Author.objects.count(),
            "publishers": Publisher.objects.count(),
            "books": Book.objects.count(),
            "reviews": Review.objects.count(),
            "average_rating": None if average is None else round(float(average), 2),
        }
    )


@extend_schema(
    tags=["meta"],
    summary="Health check",
    description="Cheap liveness probe; touches neither the database nor authentication.",
    auth=[],
    responses=inline_serializer(
        name="Ping",
        fields={"status": serializers.CharField(help_text='Always "ok".')},
    ),
)
@api_view(["GET"])
@authentication_classes([])
@permission_classes([permissions.AllowAny])
def ping(request: Request) -> Response:
    """Return a constant payload."""
    return Response({"status": "ok"})
