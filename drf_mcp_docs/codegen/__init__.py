"""Client code snippets for one endpoint, per language and HTTP client.

The generators are imported when a snippet is generated, so importing this package (the
settings do, for ``LANGUAGES``) stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from drf_mcp_docs.codegen.languages import LANGUAGES
from drf_mcp_docs.suggestions import closest, did_you_mean

if TYPE_CHECKING:
    from drf_mcp_docs.schema.records import ApiSchema, Endpoint

__all__ = ["LANGUAGES", "SnippetError", "generate_snippet"]


class SnippetError(ValueError):
    """An unsupported language, or a client the language does not offer."""


def generate_snippet(api: ApiSchema, endpoint: Endpoint, language: str, client: str) -> str:
    """Code calling ``endpoint`` in ``language`` with ``client``; raises SnippetError if unknown."""
    if language not in LANGUAGES:
        raise SnippetError(f"unknown language {language!r}{_hint(language, LANGUAGES)}")
    clients = LANGUAGES[language]
    if client not in clients:
        owners = [lang for lang, names in LANGUAGES.items() if client in names]
        note = f" ({client!r} is a {owners[0]} client)" if owners else ""
        raise SnippetError(
            f"unknown client {client!r} for {language}{note}{_hint(client, clients)}"
        )
    return _generator(language)(api, endpoint, language, client)


def _generator(language: str) -> Callable[[ApiSchema, Endpoint, str, str], str]:
    from drf_mcp_docs.codegen import curl, javascript, python

    generators: dict[str, Callable[[ApiSchema, Endpoint, str, str], str]] = {
        "javascript": javascript.generate,
        "typescript": javascript.generate,
        "python": python.generate,
        "curl": curl.generate,
    }
    return generators[language]


def _hint(value: str, valid: tuple[str, ...] | dict[str, tuple[str, ...]]) -> str:
    guess = did_you_mean(closest(str(value).lower(), valid, n=1, cutoff=0.6), quoted=True)
    return f"{guess or ';'} Valid: {', '.join(valid)}"
