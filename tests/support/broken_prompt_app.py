"""The example project mounted with one more prompt, which has a bug (it always raises).

Served by ``tests/sdk/test_prompt_errors.py``; a module of its own so the process-wide
MCP server of other tests never gets the broken prompt.
"""

from __future__ import annotations

import django

django.setup()

from django.core.asgi import get_asgi_application  # noqa: E402

from drf_mcp_docs.server import get_mcp_server  # noqa: E402
from drf_mcp_docs.urls import mount_mcp  # noqa: E402

#: What the broken prompt raises; the client must never see it.
SECRET = "a prompt bug with an internal detail: /srv/secret.cfg"


def broken_prompt(topic: str = "books") -> str:
    """A prompt with a bug."""
    raise RuntimeError(SECRET)


server = get_mcp_server()
server.prompt(name="broken_prompt")(broken_prompt)
application = mount_mcp(get_asgi_application(), mcp=server)
