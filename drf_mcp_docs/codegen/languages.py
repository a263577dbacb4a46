"""The snippet languages and their HTTP clients: one table for the settings and codegen."""

LANGUAGES: dict[str, tuple[str, ...]] = {
    "javascript": ("fetch", "axios", "ky"),
    "typescript": ("fetch", "axios", "ky"),
    "python": ("requests", "httpx"),
    "curl": ("curl",),
}
