"""Serializers for the bookstore API.

Read responses embed small summaries of related objects; writes take their primary keys
through separate ``*_id`` fields.
"""

from django.db.models import Avg
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Author, Book, Publisher, Review


class AuthorSummarySerializer(serializers.ModelSerializer):
    """Compact author representation embedded in books."""

    class Meta:
        model = Author
        fields = ["id", "name"]
        read_only_fields = fields


class PublisherSummarySerializer(serializers.ModelSerializer):
    """Compact publisher representation embedded in books."""

    class Meta:
        model = Publisher
        fields = ["id", "name", "country"]
        read_only_fields = fields


class AuthorSerializer(serializers.ModelSerializer):
    """An author, with the number of books they have in the catalogue."""

    books_count = serializers.IntegerField(
        read_only=True, help_text="Number of books by this author in the catalogue."
    )

    class Meta:
        model = Author
        fields = ["id", "name", "bio", "birth_date", "books_count"]


class PublisherSerializer(serializers.ModelSerializer):
    """A publishing house."""

    class Meta:
        model = Publisher
        fields = ["id", "name", "website", "country"]


class BookSerializer(serializers.ModelSerializer):
    """A book with its author, publisher and average review rating."""

    author = AuthorSummarySerializer(read_only=True)
    author_id = serializers.PrimaryKeyRelatedField(
        source="author",
        queryset=Author.objects.all(),
        write_only=True,
        help_text="Primary key of the book's author.",
    )
    publisher = PublisherSummarySerializer(read_only=True, allow_null=True)
    publisher_id = serializers.PrimaryKeyRelatedField(
        source="publisher",
        queryset=Publisher.objects.all(),
        write_only=True,
        allow_null=True,
        required=False,
        help_text="Primary key of the publisher, or null if self-published.",
    )
    average_rating = serializers.SerializerMethodField(
        allow_null=True, help_text="Mean review rating (1-5), or null when the book has no reviews."
    )

    class Meta:
        model = Book
        fields = [
            "id",
            "title",
            "isbn",
            "author",
            "author_id",
            "publisher",
            "publisher_id",
            "genre",
            "status",
            "price",
            "published_on",
            "page_count",
            "average_rating",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]

    @extend_schema_field(OpenApiTypes.FLOAT)
    def get_average_rating(self, obj: Book) -> float | None:
        # Views annotate ``avg_rating``; fall back to a query for freshly saved objects.
        if hasattr(obj, "avg_rating"):
            value = obj.avg_rating
        else:
            value = obj.reviews.aggregate(avg=Avg("rating"))["avg"]
        return None if value is None else round(float(value), 2)

    def validate_isbn(self, value: str) -> str:
        if len(value) != 13 or not value.isdigit():
            raise serializers.ValidationError("ISBN must be exactly 13 digits.")
        return value


class ReviewSerializer(serializers.ModelSerializer):
    """A user's review of a book. The author of the review is the requesting user."""

    user = serializers.CharField(
        source="user.username", read_only=True, help_text="Username of the reviewer."
    )

    class Meta:
        model = Review
        fields = ["id", "book", "user", "rating", "body", "created_at"]
        read_only_fields = ["id", "created_at"]
