# ruff: noqa: F811  (pytest fixtures imported from deploy_support, then requested by name)
"""The URLconf view when the client leaves mid-request: one quiet line, never a traceback."""

from __future__ import annotations

import io
import json
import logging
import socket
import time
from collections.abc import Callable

import pytest
from django.core.handlers.wsgi import WSGIHandler

from tests.support.deploy_support import deploy, deploy_site  # noqa: F401 (fixtures)
from tests.support.rawhttp import leave, request_bytes
from tests.support.servers import INITIALIZE, Served, terminate

pytestmark = pytest.mark.urls("tests.support.deploy_urls")

LINE = "drf-mcp-docs: the client closed the connection before sending the whole request"
CALL = {
    "jsonrpc": "2.0",
    "id": 7,
    "method": "tools/call",
    "params": {
        "name": "get_endpoint_detail",
        "arguments": {"path": "/api/books/", "method": "GET"},
    },
}


@pytest.mark.django_db  # the view authenticates the request as the schema view would
def test_a_short_body_is_a_client_that_left(caplog: pytest.LogCaptureFixture) -> None:
    """Django's own WSGI handler, fed a body shorter than its Content-Length (as a WSGI
    server does when the connection ends early)."""
    caplog.set_level(logging.INFO)
    body = json.dumps(INITIALIZE).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/mcp/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body) + 10),
        "HTTP_ACCEPT": "application/json, text/event-stream",
    }
    statuses: list[str] = []
    WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    assert statuses == ["400 Bad Request"]
    lines = [r for r in caplog.records if r.name.startswith(("drf_mcp_docs", "django"))]
    assert [(r.name, r.levelno) for r in lines] == [("drf_mcp_docs.disconnects", logging.INFO)]
    assert lines[0].getMessage() == f"{LINE} (POST /mcp/)"


def warm(port: int) -> None:
    """One whole request, so the worker has built its schema and bridge."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request_bytes(port, "POST", CALL))
        sock.recv(65536)


@pytest.mark.servers
@pytest.mark.parametrize("kind", ["gunicorn-sync", "runserver"])
def test_wsgi_servers_log_one_quiet_line(deploy: Callable[..., Served], kind: str) -> None:
    served = deploy(kind, TEST_LOG_LEVEL="DEBUG")
    warm(served.port)
    leave(served.port, "half", call=CALL)
    leave(served.port, "post", call=CALL)  # whole: the answer goes to a closed connection
    time.sleep(1.5)
    _, _, err, _ = terminate(served.process)
    lines = [line for line in err.splitlines() if "closed the connection" in line]
    assert lines == [f"{LINE} (POST /mcp/)"], err
    assert "Traceback" not in err and "Bad Request" not in err, err
