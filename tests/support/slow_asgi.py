"""The example project's mounted application with one slow tool, ``slow(seconds)``.

For the tests of clients that leave before the answer: the tool is still working when the
connection closes, whatever the machine's speed.
"""

import anyio

from drf_mcp_docs.server import get_mcp_server
from example_project.asgi import application

__all__ = ["application"]


@get_mcp_server().tool()
async def slow(seconds: float = 2.0) -> str:
    """Answer after ``seconds``."""
    await anyio.sleep(seconds)
    return "done"
