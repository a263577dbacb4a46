"""Client code snippets for one endpoint, per language and HTTP client."""

from __future__ import annotations

import difflib

from drf_mcp_docs.codegen import curl, javascript, python
from drf_mcp_docs.codegen.languages import LANGUAGES
from drf_mcp_docs.schema.records import ApiSchema, Endpoint

__all__ = ["LANGUAGES", "SnippetError", "generate_snippet"]

_GENERATORS = {
    "javascript": javascript.generate,
    "typescript": javascript.generate,
    "python": python.generate,
    "curl": curl.generate,
}


class SnippetError(ValueError):
    """An unsupported language, or a client the language does not offer."""


def generate_snippet(
    api: ApiSchema,
    endpoint: Endpoint,
    language: str,
    client: str,
    base: tuple[str, str] | None = None,
) -> str:
    """Code calling ``endpoint`` in ``language`` with ``client``; raises SnippetError if unknown.

    ``base`` is the (base URL, note) to call; default: the schema's servers, else localhost.
    """
    if language not in LANGUAGES:
        raise SnippetError(f"unknown language {language!r}{_hint(language, LANGUAGES)}")
    clients = LANGUAGES[language]
    if client not in clients:
        owners = [lang for lang, names in LANGUAGES.items() if client in names]
        note = f" ({client!r} is a {owners[0]} client)" if owners else ""
        raise SnippetError(
            f"unknown client {client!r} for {language}{note}{_hint(client, clients)}"
        )
    return _GENERATORS[language](api, endpoint, language, client, base)


def _hint(value: str, valid: tuple[str, ...] | dict[str, tuple[str, ...]]) -> str:
    match = difflib.get_close_matches(str(value).lower(), list(valid), n=1)
    guess = f"; did you mean {match[0]!r}?" if match else ";"
    return f"{guess} Valid: {', '.join(valid)}"
