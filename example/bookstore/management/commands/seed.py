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

# Keyed by a short handle that the BOOKS table refers to.
PUBLISHERS = {
    "harbour": ("Harbour Lane Press", "https://harbour.example", "UK"),
    "northwind": ("Northwind Books", "https://northwind.example", "USA"),
    "atlas": ("Atlas & Quill", "", "Canada"),
}

# handle: (name, bio, birth date)
AUTHORS = {
    "ada": ("Ada Merriweather", "Writes literary fiction.", "1971-03-14"),
    "tomas": ("Tomas Okafor", "Science journalist.", "1980-09-02"),
    "lena": ("Lena Varga", "Historian of central Europe.", "1965-01-30"),
    "priya": ("Priya Raman", "Author of children's picture books.", None),
    "jonah": ("Jonah Pike", "", "1990-11-21"),
}

# title; isbn; author; publisher ("-" for none); genre; status; price; published on ("-"); pages
BOOKS = """
The Salt Orchard; 9780000000011; ada; harbour; fiction; published; 18.99; 2015-05-01; 342
Winter Lanterns; 9780000000028; ada; harbour; fiction; published; 16.50; 2019-10-12; 288
A House of Small Weather; 9780000000035; ada; -; fiction; draft; 21.00; -; 410
Tiny Engines; 9780000000042; tomas; northwind; science; published; 24.00; 2018-02-20; 256
The Quiet Atom; 9780000000059; tomas; northwind; science; published; 27.75; 2021-06-08; 312
Everyday Physics; 9780000000066; tomas; atlas; non_fiction; out_of_print; 12.00; 2009-04-15; 198
Rivers of the Empire; 9780000000073; lena; atlas; history; published; 32.00; 2012-09-09; 520
The Last Coronation; 9780000000080; lena; harbour; history; published; 29.50; 2017-03-03; 464
Bread and Borders; 9780000000097; lena; northwind; non_fiction; published; 19.95; 2022-01-17; 301
Milo and the Moon Kite; 9780000000103; priya; atlas; children; published; 9.99; 2016-07-07; 40
The Bus That Sang; 9780000000110; priya; atlas; children; published; 8.50; 2020-11-01; 32
Pockets Full of Stars; 9780000000127; priya; -; children; draft; 10.00; -; 36
Static on the Line; 9780000000134; jonah; northwind; fiction; published; 14.99; 2023-04-25; 230
How Maps Lie; 9780000000141; jonah; harbour; non_fiction; published; 22.40; 2021-08-30; 275
The Clockmaker's Apprentice; 9780000000158; jonah; -; history; out_of_print; 11.25; 2011-12-12; 198
"""

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
        for key, (name, website, country) in PUBLISHERS.items():
            publishers[key], _ = Publisher.objects.update_or_create(
                name=name, defaults={"website": website, "country": country}
            )

        authors = {}
        for key, (name, bio, born) in AUTHORS.items():
            authors[key], _ = Author.objects.update_or_create(
                name=name,
                defaults={"bio": bio, "birth_date": date.fromisoformat(born) if born else None},
            )

        books = {}
        books_created = 0
        for line in BOOKS.strip().splitlines():
            title, isbn, author, publisher, genre, status, price, published, pages = (
                part.strip() for part in line.split(";")
            )
            books[isbn], created = Book.objects.update_or_create(
                isbn=isbn,
                defaults={
                    "title": title,
                    "author": authors[author],
                    "publisher": None if publisher == "-" else publishers[publisher],
                    "genre": Genre(genre),
                    "status": BookStatus(status),
                    "price": Decimal(price),
                    "published_on": None if published == "-" else date.fromisoformat(published),
                    "page_count": int(pages),
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
