"""``manage.py seed``: fill the database with a small, deterministic demo catalogue."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from rest_framework.authtoken.models import Token

from bookstore.models import Author, Book, BookStatus, Genre, Publisher, Review

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-password"

PUBLISHERS = [
    {"name": "Harbour Lane Press", "website": "https://harbourlane.example", "country": "UK"},
    {"name": "Northwind Books", "website": "https://northwind.example", "country": "USA"},
    {"name": "Atlas & Quill", "website": "", "country": "Canada"},
]

AUTHORS = [
    {
        "name": "Ada Merriweather",
        "bio": "Writes literary fiction.",
        "birth_date": date(1971, 3, 14),
    },
    {"name": "Tomas Okafor", "bio": "Science journalist.", "birth_date": date(1980, 9, 2)},
    {"name": "Lena Varga", "bio": "Historian of central Europe.", "birth_date": date(1965, 1, 30)},
    {"name": "Priya Raman", "bio": "Children's author and illustrator.", "birth_date": None},
    {"name": "Jonah Pike", "bio": "", "birth_date": date(1990, 11, 21)},
]

# (title, isbn, author, publisher or None, genre, status, price, published_on, pages)
BOOKS = [
    (
        "The Salt Orchard",
        "9780000000011",
        "Ada Merriweather",
        "Harbour Lane Press",
        Genre.FICTION,
        BookStatus.PUBLISHED,
        "18.99",
        date(2015, 5, 1),
        342,
    ),
    (
        "Winter Lanterns",
        "9780000000028",
        "Ada Merriweather",
        "Harbour Lane Press",
        Genre.FICTION,
        BookStatus.PUBLISHED,
        "16.50",
        date(2019, 10, 12),
        288,
    ),
    (
        "A House of Small Weather",
        "9780000000035",
        "Ada Merriweather",
        None,
        Genre.FICTION,
        BookStatus.DRAFT,
        "21.00",
        None,
        410,
    ),
    (
        "Tiny Engines",
        "9780000000042",
        "Tomas Okafor",
        "Northwind Books",
        Genre.SCIENCE,
        BookStatus.PUBLISHED,
        "24.00",
        date(2018, 2, 20),
        256,
    ),
    (
        "The Quiet Atom",
        "9780000000059",
        "Tomas Okafor",
        "Northwind Books",
        Genre.SCIENCE,
        BookStatus.PUBLISHED,
        "27.75",
        date(2021, 6, 8),
        312,
    ),
    (
        "Notes on Everyday Physics",
        "9780000000066",
        "Tomas Okafor",
        "Atlas & Quill",
        Genre.NON_FICTION,
        BookStatus.OUT_OF_PRINT,
        "12.00",
        date(2009, 4, 15),
        198,
    ),
    (
        "Rivers of the Empire",
        "9780000000073",
        "Lena Varga",
        "Atlas & Quill",
        Genre.HISTORY,
        BookStatus.PUBLISHED,
        "32.00",
        date(2012, 9, 9),
        520,
    ),
    (
        "The Last Coronation",
        "9780000000080",
        "Lena Varga",
        "Harbour Lane Press",
        Genre.HISTORY,
        BookStatus.PUBLISHED,
        "29.50",
        date(2017, 3, 3),
        464,
    ),
    (
        "Bread and Borders",
        "9780000000097",
        "Lena Varga",
        "Northwind Books",
        Genre.NON_FICTION,
        BookStatus.PUBLISHED,
        "19.95",
        date(2022, 1, 17),
        301,
    ),
    (
        "Milo and the Moon Kite",
        "9780000000103",
        "Priya Raman",
        "Atlas & Quill",
        Genre.CHILDREN,
        BookStatus.PUBLISHED,
        "9.99",
        date(2016, 7, 7),
        40,
    ),
    (
        "The Bus That Sang",
        "9780000000110",
        "Priya Raman",
        "Atlas & Quill",
        Genre.CHILDREN,
        BookStatus.PUBLISHED,
        "8.50",
        date(2020, 11, 1),
        32,
    ),
    (
        "Pockets Full of Stars",
        "9780000000127",
        "Priya Raman",
        None,
        Genre.CHILDREN,
        BookStatus.DRAFT,
        "10.00",
        None,
        36,
    ),
    (
        "Static on the Line",
        "9780000000134",
        "Jonah Pike",
        "Northwind Books",
        Genre.FICTION,
        BookStatus.PUBLISHED,
        "14.99",
        date(2023, 4, 25),
        230,
    ),
    (
        "How Maps Lie",
        "9780000000141",
        "Jonah Pike",
        "Harbour Lane Press",
        Genre.NON_FICTION,
        BookStatus.PUBLISHED,
        "22.40",
        date(2021, 8, 30),
        275,
    ),
    (
        "The Clockmaker's Apprentice",
        "9780000000158",
        "Jonah Pike",
        None,
        Genre.HISTORY,
        BookStatus.OUT_OF_PRINT,
        "11.25",
        date(2011, 12, 12),
        198,
    ),
]

# (book isbn, rating, body) -- all written by the demo user.
REVIEWS = [
    ("9780000000011", 5, "Lyrical and sad in the best way."),
    ("9780000000042", 4, "Clear explanations, a few too many footnotes."),
    ("9780000000073", 5, "Dense but rewarding."),
    ("9780000000103", 4, "My kids ask for it every night."),
    ("9780000000134", 3, "Great premise, uneven ending."),
]


class Command(BaseCommand):
    """Create (or update) the demo user, token and catalogue. Safe to run repeatedly."""

    help = "Seed the database with demo bookstore data and a demo user with an API token."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Only report errors.")

    @transaction.atomic
    def handle(self, *args, quiet: bool = False, **options):
        user, user_created = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
        if user_created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save()
        token, _ = Token.objects.get_or_create(user=user)

        publishers = {}
        for data in PUBLISHERS:
            publishers[data["name"]], _ = Publisher.objects.update_or_create(
                name=data["name"], defaults=data
            )

        authors = {}
        for data in AUTHORS:
            authors[data["name"]], _ = Author.objects.update_or_create(
                name=data["name"], defaults=data
            )

        books = {}
        books_created = 0
        for title, isbn, author, publisher, genre, status, price, published, pages in BOOKS:
            books[isbn], created = Book.objects.update_or_create(
                isbn=isbn,
                defaults={
                    "title": title,
                    "author": authors[author],
                    "publisher": publishers[publisher] if publisher else None,
                    "genre": genre,
                    "status": status,
                    "price": Decimal(price),
                    "published_on": published,
                    "page_count": pages,
                },
            )
            books_created += created

        reviews_created = 0
        for isbn, rating, body in REVIEWS:
            _, created = Review.objects.update_or_create(
                book=books[isbn], user=user, defaults={"rating": rating, "body": body}
            )
            reviews_created += created

        if not quiet:
            self.stdout.write(
                f"User {DEMO_USERNAME!r} ({'created' if user_created else 'already present'}), "
                f"password {DEMO_PASSWORD!r}."
            )
            self.stdout.write(
                f"Publishers: {len(publishers)}, authors: {len(authors)}, "
                f"books: {len(books)} ({books_created} new), "
                f"reviews: {len(REVIEWS)} ({reviews_created} new)."
            )
            self.stdout.write(self.style.SUCCESS(f"API token for {DEMO_USERNAME!r}: {token.key}"))
