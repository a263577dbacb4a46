"""Data model of the bookstore: authors write books, publishers print them, users review them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Genre(models.TextChoices):
    """Broad category a book is shelved under."""

    FICTION = "fiction", "Fiction"
    NON_FICTION = "non_fiction", "Non-fiction"
    SCIENCE = "science", "Science"
    HISTORY = "history", "History"
    CHILDREN = "children", "Children"


class BookStatus(models.TextChoices):
    """Publication lifecycle of a book."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    OUT_OF_PRINT = "out_of_print", "Out of print"


class Author(models.Model):
    """A person who writes books."""

    name = models.CharField(max_length=200)
    bio = models.TextField(blank=True)
    birth_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Publisher(models.Model):
    """A publishing house."""

    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(blank=True)
    country = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Book(models.Model):
    """A title in the catalogue."""

    title = models.CharField(max_length=300)
    isbn = models.CharField("ISBN", max_length=13, unique=True, help_text="13-digit ISBN.")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    publisher = models.ForeignKey(
        Publisher,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="books",
    )
    genre = models.CharField(max_length=20, choices=Genre.choices, default=Genre.FICTION)
    status = models.CharField(max_length=20, choices=BookStatus.choices, default=BookStatus.DRAFT)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    published_on = models.DateField(null=True, blank=True)
    page_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Review(models.Model):
    """A user's rating and opinion of a book."""

    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="reviews")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Score from 1 (poor) to 5 (excellent).",
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} on {self.book}: {self.rating}/5"
