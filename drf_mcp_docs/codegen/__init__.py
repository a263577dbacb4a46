"""Client code snippets for one endpoint, per language and HTTP client.

The generators are imported when a snippet is generated, so importing this package (the
settings do, for ``LANGUAGES``) stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from drf_mcp_docs.codegen.languages import LANGUAGES
from drf_mcp_docs.suggestions import closest, did_you_mean
from drf_mcp_docs.text import quote

if TYPE_CHECKING:
    from drf_mcp_docs.schema.records import ApiSchema, Endpoint

__all__ = ["LANGUAGES", "SnippetError", "check_client", "generate_snippet"]


class SnippetError(ValueError):
    """An unsupported language, or a client the language does not offer."""


def check_client(language: str, client: str) -> None:
    """The one check of a (language, client) pair; raises :class:`SnippetError` naming the bad
    value, the closest valid one and the supported ones."""
    if language not in LANGUAGES:
        raise SnippetError(
            f"unknown language {quote(language)}{_hint(language, LANGUAGES)} "
            f"(supported: {', '.join(LANGUAGES)})"
        )
    clients = LANGUAGES[language]
    if client not in clients:
        owners = [lang for lang, names in LANGUAGES.items() if client in names]
        note = f" ({client!r} is a {owners[0]} client)" if owners else ""
        raise SnippetError(
            f"unknown client {quote(client)} for {language}{note}{_hint(client, clients)} "
            f"(supported: {', '.join(clients)})"
        )


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
    check_client(language, client)
    return _generator(language)(api, endpoint, language, client, base)


Generator = Callable[["ApiSchema", "Endpoint", str, str, "tuple[str, str] | None"], str]


def _generator(language: str) -> Generator:
    from drf_mcp_docs.codegen import curl, javascript, python

    generators: dict[str, Generator] = {
        "javascript": javascript.generate,
        "typescript": javascript.generate,
        "python": python.generate,
        "curl": curl.generate,
    }
    return generators[language]


def _hint(value: str, valid: tuple[str, ...] | dict[str, tuple[str, ...]]) -> str:
    return did_you_mean(closest(str(value).lower(), valid, n=1, cutoff=0.6))
