"""This package's version (a leaf module: the schema cache's shared keys name it too)."""

__version__ = "0.2.0.dev0"
