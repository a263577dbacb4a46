"""How a snippet sends the endpoint's credential: which scheme, where, in what form.

Every scheme is written in its real form: HTTP Basic as base64 of ``user:password`` (read
from ``API_USERNAME`` / ``API_PASSWORD``), Bearer and DRF's ``Token <key>`` in the
``Authorization`` header, an API key in its header, query parameter or cookie (read from
``API_TOKEN``). When the endpoint's auth is optional, the credential is sent only when
its environment variable is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drf_mcp_docs.schema.records import ApiSchema, AuthScheme, Endpoint

TOKEN_VAR = "API_TOKEN"
USER_VAR = "API_USERNAME"
PASSWORD_VAR = "API_PASSWORD"
_PLACEHOLDER = re.compile(r"<[^<>]*>|\{[^{}]*\}")
#: Preference among alternatives: a header token first, a cookie (a browser session) last.
_RANK = {"header": 0, "basic": 1, "query": 2, "cookie": 3}


@dataclass(frozen=True)
class Auth:
    """The credential one call sends.

    ``kind`` is ``header``, ``basic`` (an ``Authorization: Basic`` header), ``query`` or
    ``cookie``; ``name`` the header, query parameter or cookie name; the value sent is
    ``prefix + credential + suffix``.
    """

    scheme: str
    kind: str
    name: str
    prefix: str
    suffix: str
    optional: bool

    @property
    def variables(self) -> tuple[str, ...]:
        """The environment variables the snippet reads."""
        return (USER_VAR, PASSWORD_VAR) if self.kind == "basic" else (TOKEN_VAR,)

    @property
    def guard(self) -> str:
        """The variable whose presence means "send the credential"."""
        return USER_VAR if self.kind == "basic" else TOKEN_VAR


def choose_auth(api: ApiSchema, endpoint: Endpoint) -> tuple[Auth | None, str]:
    """The credential to send (the most practical alternative), else a note on the auth."""
    schemes = [api.auth_schemes[n] for n in endpoint.security if n in api.auth_schemes]
    options = [a for a in (_plan(s, endpoint.auth_optional) for s in schemes) if a is not None]
    if options:
        best = min(options, key=lambda a: _RANK[a.kind])
        return best, ""
    if not schemes:
        return None, ""
    scheme = schemes[0]
    where = f"{scheme.location} {scheme.param_name!r}" if scheme.param_name else scheme.type
    return None, f"Auth: {scheme.name} ({where}) must be sent by the caller"


def _plan(scheme: AuthScheme, optional: bool) -> Auth | None:
    name = scheme.param_name or ""
    template = scheme.value_template or ""
    if scheme.location == "header" and name:
        if name.lower() == "authorization" and template.lower().startswith("basic"):
            return Auth(scheme.name, "basic", name, "Basic ", "", optional)
        prefix, suffix = _parts(template)
        return Auth(scheme.name, "header", name, prefix, suffix, optional)
    if scheme.location in ("query", "cookie") and name:
        return Auth(scheme.name, str(scheme.location), name, "", "", optional)
    return None


def _parts(template: str) -> tuple[str, str]:
    """The literal text around the credential in a header value: ("Token ", "")."""
    match = _PLACEHOLDER.search(template)
    if match:
        return template[: match.start()], template[match.end() :]
    return (template.rstrip() + " " if template.strip() else ""), ""
