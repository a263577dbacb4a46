"""Bookstore example project for drf-mcp-docs."""
