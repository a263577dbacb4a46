"""Admin registrations for the bookstore models."""

from django.contrib import admin

from .models import Author, Book, Publisher, Review


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    """Admin for authors."""

    list_display = ["name", "birth_date"]
    search_fields = ["name"]


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    """Admin for publishers."""

    list_display = ["name", "country", "website"]
    search_fields = ["name", "country"]


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    """Admin for books."""

    list_display = ["title", "author", "publisher", "genre", "status", "price"]
    list_filter = ["genre", "status"]
    search_fields = ["title", "isbn", "author__name"]
    list_select_related = ["author", "publisher"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Admin for reviews."""

    list_display = ["book", "user", "rating", "created_at"]
    list_filter = ["rating"]
