"""App configuration for the bookstore demo app."""

from django.apps import AppConfig


class BookstoreConfig(AppConfig):
    """Registers the bookstore app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "bookstore"
    verbose_name = "Bookstore"
