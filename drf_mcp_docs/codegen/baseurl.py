"""The base URL a snippet calls, from the setting, the request, or the schema's servers.

Precedence (first that applies):

1. the ``BASE_URL`` setting, when set: the operator's word (e.g. behind a proxy whose
   internal host name the request would show);
2. the origin the agent reached (scheme and host of the HTTP request, with the ASGI
   ``root_path``), plus the path of the schema's first server URL, if it has one;
3. the schema's first server URL (the processor replaces its variables by their defaults);
4. ``http://localhost:8000``, with a note saying so.

Nothing here knows about HTTP: the server hands the request's origin in as a string.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

DEFAULT_BASE_URL = "http://localhost:8000"
_ABSOLUTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_VARIABLE = re.compile(r"\{([^{}]+)\}")


def resolve_base_url(
    schema_url: str, *, setting: str | None = None, request_origin: str | None = None
) -> tuple[str, str]:
    """The base URL (no trailing slash) and a note ("" unless it is a guess)."""
    if setting:
        return setting.strip().rstrip("/"), ""
    schema_url = (schema_url or "").strip()
    if request_origin:
        origin = request_origin.strip().rstrip("/")
        path = urlsplit(schema_url).path if schema_url else ""
        if path and not path.startswith("/"):
            path = "/" + path
        return (origin + path).rstrip("/"), ""
    if _ABSOLUTE.match(schema_url) and not _VARIABLE.search(schema_url):
        return schema_url.rstrip("/"), ""
    if schema_url and not _VARIABLE.search(schema_url):
        joined = urljoin(DEFAULT_BASE_URL + "/", schema_url.lstrip("/"))
        return joined.rstrip("/"), _GUESS
    return DEFAULT_BASE_URL, _GUESS


_GUESS = "Base URL assumed (the schema names no server): adjust BASE_URL to your API"
