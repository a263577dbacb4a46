"""Bookstore demo app: authors, publishers, books and reviews."""
