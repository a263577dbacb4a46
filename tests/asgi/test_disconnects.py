"""A client that leaves mid-request: one quiet log line on real servers, never a traceback."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.support.rawhttp import leave, open_session
from tests.support.servers import Served, terminate

pytestmark = pytest.mark.servers

LINE = "drf-mcp-docs: the client closed the connection {when} ({method} /mcp/)"
APP = "tests.support.slow_asgi:application"


@pytest.mark.parametrize(
    ("server", "stateless", "how", "when"),
    [
        ("uvicorn", "1", "post", "before the answer"),
        ("uvicorn", "1", "half", "before sending the whole request"),
        ("uvicorn", "0", "post", "during the answer"),  # stateful: an SSE answer
        ("uvicorn", "0", "half", "before sending the whole request"),
        ("uvicorn", "0", "get", "during the answer"),  # the server-to-client stream
        ("hypercorn", "1", "post", "before the answer"),
        ("hypercorn", "1", "half", "before sending the whole request"),
        ("hypercorn", "0", "get", "during the answer"),
    ],
)
def test_a_client_that_leaves_is_one_quiet_line(
    serve: Callable[..., Served], server: str, stateless: str, how: str, when: str
) -> None:
    served = serve(server, APP, TEST_STATELESS=stateless, TEST_LOG_LEVEL="DEBUG")
    session = None if stateless == "1" else open_session(served.port)
    leave(served.port, how, session)
    time.sleep(2.5)  # the slow tool (2 s) answers: into a closed connection
    _, _, err, _ = terminate(served.process)
    method = "GET" if how == "get" else "POST"
    lines = [line for line in err.splitlines() if "closed the connection" in line]
    assert lines == [LINE.format(when=when, method=method)], err
    assert "Traceback" not in err and "Error handling" not in err, err


def test_clients_that_finish_leave_no_line(serve: Callable[..., Served]) -> None:
    """The official client's whole session (stateful, GET stream included) logs nothing."""
    import anyio

    from tests.support.servers import exercise_mcp

    served = serve("uvicorn", APP, TEST_STATELESS="0")
    anyio.run(exercise_mcp, f"{served.url}/mcp/")
    _, _, err, _ = terminate(served.process)
    assert "closed the connection" not in err, err
    assert "Traceback" not in err, err
