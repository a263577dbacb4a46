"""The SDK behaviours ``drf_mcp_docs/sdk/__init__.py`` works around, one test each (SDK-n).

Each ``test_sdk_*`` test asserts what the SDK itself does today, without this package's
workaround: when a new SDK release changes that behaviour, the test fails and names the
workaround to revisit. The ``test_guard_*`` tests check the workarounds themselves.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import anyio
import pytest
from mcp import Client
from mcp.server.auth.provider import AccessToken
from mcp.server.auth.settings import AuthSettings
from mcp.server.mcpserver import MCPServer
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from mcp.types import INVALID_PARAMS
from pydantic import AnyHttpUrl, Field

from drf_mcp_docs import sdk
from drf_mcp_docs.asgi.mcp_side import MCPUnavailable
from drf_mcp_docs.asgi.sessions import IdleSessions
from drf_mcp_docs.sdk import errors as sdk_errors
from drf_mcp_docs.sdk.schemas import compact_input_schemas
from tests.support.servers import INITIALIZE

LIMIT = 4096
JSON_HEADERS = [
    (b"host", b"testserver"),
    (b"accept", b"application/json, text/event-stream"),
    (b"content-type", b"application/json"),
]


def small_server() -> MCPServer[Any]:
    server = sdk.new_server(name="sdk-boundary")

    @server.tool()
    def echo(text: str) -> str:
        """Return the text."""
        return text

    @server.tool()
    def boom() -> str:
        """Fail like a bug would."""
        raise RuntimeError("secret internals")

    return server


async def call(
    app: Any, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
) -> tuple[int, dict[bytes, bytes], bytes]:
    """One in-memory POST /mcp; returns (status, headers, body)."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/mcp",
        "raw_path": b"/mcp",
        "root_path": "",
        "query_string": b"",
        "headers": [*(JSON_HEADERS if headers is None else headers)],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    scope["headers"].append((b"content-length", str(len(body)).encode()))
    sent = False
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    await app(scope, receive, send)
    start = next(m for m in messages if m["type"] == "http.response.start")
    out = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], dict(start.get("headers", [])), out


@asynccontextmanager
async def running_manager(
    server: MCPServer[Any], security: TransportSecuritySettings | None = None
) -> AsyncIterator[StreamableHTTPSessionManager]:
    """A session manager built the SDK's way, with the SDK's own defaults unless given."""
    server.streamable_http_app(
        streamable_http_path="/mcp", max_request_body_size=LIMIT, transport_security=security
    )
    manager = server.session_manager
    async with manager.run():
        yield manager


OPEN = TransportSecuritySettings(enable_dns_rebinding_protection=False)


# -- SDK-1 ------------------------------------------------------------------------------


def test_sdk_server_configures_root_logging() -> None:
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    root.handlers[:] = []
    try:
        MCPServer(name="raw")
        assert root.handlers, "MCPServer() no longer calls basicConfig: drop SDK-1"
        root.handlers[:] = []
        sdk.new_server(name="wrapped")
        assert root.handlers == []
    finally:
        root.setLevel(saved[0])
        root.handlers[:] = saved[1]


# -- SDK-2, SDK-3 -----------------------------------------------------------------------


async def test_sdk_builds_a_new_manager_per_streamable_http_app_call() -> None:
    server = small_server()
    server.streamable_http_app()
    first = server.session_manager
    server.streamable_http_app()
    assert isinstance(first, StreamableHTTPSessionManager)
    assert server.session_manager is not first


async def test_sdk_manager_runs_only_once() -> None:
    server = small_server()
    server.streamable_http_app()
    manager = server.session_manager
    async with manager.run():
        pass
    with pytest.raises(RuntimeError):
        async with manager.run():
            pass


async def test_session_factory_gives_a_fresh_manager_each_run() -> None:
    factory = sdk.session_factory(small_server(), path="/mcp", max_request_body_size=LIMIT)
    for _ in range(2):
        handle, run = factory()
        async with run:
            status, _, _ = await call(handle, json.dumps(INITIALIZE).encode())
        assert status == 200


# -- SDK-4 ------------------------------------------------------------------------------


async def test_sdk_default_host_check_allows_only_localhost() -> None:
    async with running_manager(small_server()) as manager:
        status, _, _ = await call(manager.handle_request, json.dumps(INITIALIZE).encode())
    assert status == 421, "the SDK's default Host check changed: revisit SDK-4"
    async with running_manager(small_server(), OPEN) as manager:
        status, _, _ = await call(manager.handle_request, json.dumps(INITIALIZE).encode())
    assert status == 200


# -- SDK-5 ------------------------------------------------------------------------------


class _Verifier:
    async def verify_token(self, token: str) -> AccessToken | None:
        return None


def test_sdk_keeps_auth_in_its_settings_and_the_mount_refuses_it() -> None:
    auth = AuthSettings(
        issuer_url=AnyHttpUrl("https://auth.example.com"),
        resource_server_url=AnyHttpUrl("https://api.example.com/mcp"),
        validate_token_resource=True,
    )
    server: MCPServer[Any] = MCPServer(name="auth", auth=auth, token_verifier=_Verifier())
    assert server.settings.auth is auth
    with pytest.raises(ValueError, match="auth="):
        sdk.check_mountable(server)
    with pytest.raises(TypeError, match="MCPServer"):
        sdk.check_mountable(object())
    assert sdk.check_mountable(small_server()).name == "sdk-boundary"


# -- SDK-6 ------------------------------------------------------------------------------


async def test_sdk_raises_a_bare_runtime_error_when_not_running() -> None:
    server = small_server()
    server.streamable_http_app(transport_security=OPEN)
    manager = server.session_manager
    with pytest.raises(RuntimeError) as before:
        await call(manager.handle_request, json.dumps(INITIALIZE).encode())
    assert type(before.value) is RuntimeError
    assert sdk.is_not_running_error(before.value), "reworded: revisit SDK-6"
    async with manager.run():
        pass
    with pytest.raises(RuntimeError) as after:
        await call(manager.handle_request, json.dumps(INITIALIZE).encode())
    assert sdk.is_not_running_error(after.value)


async def test_guard_turns_not_running_into_mcp_unavailable() -> None:
    server = small_server()
    server.streamable_http_app(transport_security=OPEN)
    guarded = sdk.fix_answers(server.session_manager.handle_request, LIMIT)
    with pytest.raises(MCPUnavailable, match="shutting down"):
        await call(guarded, json.dumps(INITIALIZE).encode())

    async def other_bug(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("something else")

    with pytest.raises(RuntimeError, match="something else"):
        await call(sdk.fix_answers(other_bug, LIMIT), b"{}")


# -- SDK-7, SDK-8, SDK-9 ------------------------------------------------------------------


def text_plain(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [(k, b"text/plain" if k == b"content-type" else v) for k, v in headers]


def rpc_error(body: bytes) -> dict[str, Any]:
    data = json.loads(body)
    assert data["jsonrpc"] == "2.0" and data["id"] is None
    error: dict[str, Any] = data["error"]
    return error


async def test_sdk_answers_a_wrong_content_type_in_plain_text() -> None:
    async with running_manager(small_server(), OPEN) as manager:
        status, _, body = await call(manager.handle_request, b"{}", text_plain(JSON_HEADERS))
    assert status == 400
    with pytest.raises(ValueError):
        json.loads(body)  # not JSON-RPC: SDK-7 is still needed


async def test_sdk_answers_an_oversized_body_in_plain_text() -> None:
    async with running_manager(small_server(), OPEN) as manager:
        status, _, body = await call(manager.handle_request, b"x" * (LIMIT + 1))
    assert status == 413
    with pytest.raises(ValueError):
        json.loads(body)  # not JSON-RPC: SDK-8 is still needed


async def test_sdk_answers_a_non_json_rpc_body_with_a_pydantic_dump() -> None:
    async with running_manager(small_server(), OPEN) as manager:
        status, _, body = await call(manager.handle_request, b'{"hello": "world"}')
    assert status == 400
    error = rpc_error(body)
    assert error["code"] == INVALID_PARAMS, "the SDK's code changed: revisit SDK-9"
    assert len(error["message"]) > 200  # the pydantic dump SDK-9 replaces


async def test_guard_answers_the_transport_errors_as_json_rpc() -> None:
    async with running_manager(small_server(), OPEN) as manager:
        guarded = sdk.fix_answers(manager.handle_request, LIMIT)
        status, _, body = await call(guarded, b"{}", text_plain(JSON_HEADERS))
        assert (status, rpc_error(body)["message"]) == (415, sdk.CONTENT_TYPE_MESSAGE)
        status, _, body = await call(guarded, b"x" * (LIMIT + 1))
        assert status == 413
        assert rpc_error(body)["message"] == f"Request body too large: the limit is {LIMIT} bytes"
        status, _, body = await call(guarded, b'{"hello": "world"}')
        assert (status, rpc_error(body)["message"]) == (400, sdk.NOT_JSON_RPC_MESSAGE)
        # a parse error keeps the SDK's own (short, JSON-RPC) answer
        status, _, body = await call(guarded, b"{not json")
        assert status == 400 and rpc_error(body)["message"].startswith("Parse error")
        # and a good request passes untouched
        status, _, body = await call(guarded, json.dumps(INITIALIZE).encode())
        assert status == 200


# -- SDK-10, SDK-11 -------------------------------------------------------------------------


async def test_sdk_reports_bad_tool_arguments_as_a_pydantic_dump() -> None:
    async with Client(small_server()) as client:
        result = await client.call_tool("echo", {})
    assert result.is_error
    text = result.content[0].text  # type: ignore[union-attr]
    assert "validation error" in text.lower(), "reworded: revisit SDK-10"
    assert isinstance(small_server().middleware, list)


async def test_middleware_result_shape_is_what_the_sdk_sends() -> None:
    class Reword:
        async def __call__(self, ctx: Any, call_next: Any) -> Any:
            result = await call_next(ctx)
            if ctx.method == "tools/call" and isinstance(result, dict):
                return sdk.tool_error_result(result, "reworded")
            return result

    server = small_server()
    sdk.add_middleware(server, Reword())
    async with Client(server) as client:
        result = await client.call_tool("echo", {"text": "hi"})
    assert result.is_error and result.content[0].text == "reworded"  # type: ignore[union-attr]
    assert result.structured_content is None


async def test_sdk_reports_a_crashing_tool_by_name(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR)
    async with Client(small_server()) as client:
        result = await client.call_tool("boom", {})
    assert result.is_error
    text = result.content[0].text  # type: ignore[union-attr]
    assert "boom" in text and "secret internals" not in text, "revisit SDK-11"
    crash = [
        r
        for r in caplog.records
        if r.exc_info and "secret internals" in str(r.exc_info[1].__cause__)  # type: ignore[union-attr]
    ]
    assert crash, "the SDK no longer logs a crashing tool's traceback: revisit SDK-11"


# -- SDK-14: the session limit's 503 ---------------------------------------------------------


def session_headers(session: str) -> list[tuple[bytes, bytes]]:
    return [
        *JSON_HEADERS,
        (b"mcp-session-id", session.encode()),
        (b"mcp-protocol-version", b"2025-06-18"),
    ]


async def test_sdk_answers_the_session_limit_without_retry_after() -> None:
    server = small_server()
    server.streamable_http_app(transport_security=OPEN, max_sessions=1)
    manager = server.session_manager
    async with manager.run():
        first = await call(manager.handle_request, json.dumps(INITIALIZE).encode())
        status, headers, body = await call(manager.handle_request, json.dumps(INITIALIZE).encode())
        assert first[0] == 200 and status == 503
        assert b"retry-after" not in headers, "the SDK sends Retry-After now: revisit SDK-14"
        assert rpc_error(body)["message"] == "Too many open sessions", "reworded: revisit SDK-14"

        guarded = sdk.fix_answers(manager.handle_request, LIMIT, max_sessions=1, retry_seconds=42)
        status, headers, body = await call(guarded, json.dumps(INITIALIZE).encode())
        assert (status, headers[b"retry-after"]) == (503, b"42")
        message = rpc_error(body)["message"]
        assert message == sdk.TOO_MANY_SESSIONS_MESSAGE.format(limit=1, retry_after=42)
        assert "DELETE" in message and "Retry in 42 seconds" in message
        # the open session goes on, untouched by the guard
        session = first[1][b"mcp-session-id"].decode()
        listing = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}).encode()
        status, _, _ = await call(guarded, listing, session_headers(session))
        assert status == 200


def test_retry_after_is_a_minute_or_the_idle_timeout() -> None:
    assert [sdk.retry_after(t) for t in (600, 60.5, 30, 0.2, None)] == [60, 60, 30, 1, 60]


# -- SDK-15: an open GET stream holds a session ---------------------------------------------


class Stream:
    """An in-memory GET stream of a session: runs until the server ends it or ``close()``."""

    def __init__(self, app: Any, session: str) -> None:
        self.app, self.session = app, session
        self.status: int | None = None
        self.ended = anyio.Event()
        self._closed = anyio.Event()

    def close(self) -> None:
        self._closed.set()

    async def run(self) -> None:
        headers = [
            (b"host", b"testserver"),
            (b"accept", b"text/event-stream"),
            (b"mcp-session-id", self.session.encode()),
            (b"mcp-protocol-version", b"2025-06-18"),
        ]
        scope: dict[str, Any] = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "path": "/mcp", "raw_path": b"/mcp", "root_path": "",
            "query_string": b"", "headers": headers,
            "client": ("127.0.0.1", 5000), "server": ("testserver", 80),
        }  # fmt: skip

        requested = False

        async def receive() -> dict[str, Any]:
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await self._closed.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                self.status = message["status"]

        try:
            await self.app(scope, receive, send)
        finally:
            self.ended.set()


async def open_session(app: Any) -> str:
    status, headers, _ = await call(app, json.dumps(INITIALIZE).encode())
    assert status == 200
    session = headers[b"mcp-session-id"].decode()
    note = json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}).encode()
    assert (await call(app, note, session_headers(session)))[0] == 202
    return session


LISTING = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}).encode()


async def test_sdk_keeps_a_session_with_an_open_get_stream_past_its_idle_timeout() -> None:
    server = small_server()
    server.streamable_http_app(transport_security=OPEN, session_idle_timeout=0.2)
    manager = server.session_manager
    async with manager.run(), anyio.create_task_group() as tg:
        session = await open_session(manager.handle_request)
        stream = Stream(manager.handle_request, session)
        tg.start_soon(stream.run)
        await anyio.sleep(0.6)  # three idle timeouts with the stream open
        assert not stream.ended.is_set(), "the SDK ends held streams now: revisit SDK-15"
        status, _, _ = await call(manager.handle_request, LISTING, session_headers(session))
        assert status == 200, "the SDK expires sessions with open streams now: revisit SDK-15"
        stream.close()


async def test_idle_sessions_end_a_session_that_holds_only_a_stream() -> None:
    factory = sdk.session_factory(
        small_server(), path="/mcp", max_request_body_size=LIMIT, session_idle_timeout=0.3
    )
    handle, run = factory()
    async with run, anyio.create_task_group() as tg:
        session = await open_session(handle)
        stream = Stream(handle, session)
        tg.start_soon(stream.run)
        await anyio.sleep(0.2)
        # a request resets the countdown: the session outlives its first 0.3 s
        assert (await call(handle, LISTING, session_headers(session)))[0] == 200
        await anyio.sleep(0.2)
        assert not stream.ended.is_set()
        with anyio.fail_after(2):  # then it ends, stream and all, on its own
            await stream.ended.wait()
        assert stream.status == 200
        status, _, body = await call(handle, LISTING, session_headers(session))
        assert status == 404 and "Session not found" in rpc_error(body)["message"]
        # the client re-initializes: a new session, served as usual
        fresh = await open_session(handle)
        assert (await call(handle, LISTING, session_headers(fresh)))[0] == 200


async def test_idle_sessions_wait_for_a_request_in_flight() -> None:
    release = anyio.Event()

    async def slow(scope: Any, receive: Any, send: Any) -> None:
        if scope["method"] == "POST":
            await release.wait()
        elif scope["method"] == "DELETE":
            deleted.append(scope)
            gone.set()
        else:
            await anyio.sleep(5)  # a GET stream that would run for 5 s
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    deleted: list[Any] = []
    gone = anyio.Event()
    idle = IdleSessions(slow, 0.1)
    async with anyio.create_task_group() as tg:
        tg.start_soon(call, idle, b"{}", session_headers("s1"))
        stream = Stream(idle, "s1")
        tg.start_soon(stream.run)
        await anyio.sleep(0.4)
        assert deleted == []  # a POST in flight holds the session
        release.set()
        with anyio.fail_after(2):
            await gone.wait()
        headers = dict(deleted[0]["headers"])
        assert headers[b"mcp-session-id"] == b"s1" and b"accept" not in headers
        tg.cancel_scope.cancel()
    with pytest.raises(ValueError, match="positive"):
        IdleSessions(slow, 0)


# -- SDK-16, SDK-17 -------------------------------------------------------------------------

BIG = "b" * 900_000


def prompt_server(bounded: bool) -> MCPServer[Any]:
    server = small_server()

    @server.prompt()
    def greet(who: str) -> str:
        """Greet someone."""
        return f"Hello {who}"

    @server.prompt()
    def broken() -> str:
        """A prompt with a bug."""
        raise RuntimeError("a prompt bug")

    if bounded:
        sdk_errors.bound_errors(server)
    return server


async def answers_to_big_names(server: MCPServer[Any]) -> dict[str, str]:
    """What the server answers to a 900 KB tool name, resource URI and prompt name."""
    from mcp.shared.exceptions import MCPError

    answers: dict[str, str] = {}
    async with Client(server) as client:
        result = await client.call_tool(BIG, {})
        answers["tool"] = result.content[0].text  # type: ignore[union-attr]
        for kind, read in (
            ("resource", lambda: client.read_resource("x://" + BIG)),
            ("prompt", lambda: client.get_prompt(BIG)),
            ("prompt argument", lambda: client.get_prompt("greet", {"who": "x", BIG: "x"})),
        ):
            with pytest.raises(MCPError) as caught:
                await read()
            error = caught.value.error
            answers[kind] = error.message + json.dumps(error.data)
            answers[kind + " code"] = str(error.code)
    return answers


async def test_sdk_echoes_unknown_names_in_full(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR)
    answers = await answers_to_big_names(prompt_server(bounded=False))
    assert BIG in answers["tool"], "the SDK bounds it now: revisit SDK-16"
    assert answers["resource"].count(BIG) == 2, "message and data: revisit SDK-16"
    # SDK-17: bad prompt input is not INVALID_PARAMS but a crash, logged with its traceback
    # (and the whole name); in memory the client sees "Internal server error", over HTTP
    # "Unknown prompt: <the whole name>" with code 0.
    assert answers["prompt code"] != str(INVALID_PARAMS), "revisit SDK-17"
    assert answers["prompt argument code"] != str(INVALID_PARAMS), "revisit SDK-17"
    logged = [r for r in caplog.records if r.exc_info and BIG in str(r.exc_info[1])]
    assert logged, "no traceback logged: revisit SDK-17"


async def test_bound_errors_quotes_at_most_100_characters(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    answers = await answers_to_big_names(prompt_server(bounded=True))
    cut = "b" * 100 + "… (900,000 characters)"
    assert answers["tool"] == f"Unknown tool: {cut}"
    assert answers["resource"] == f"Unknown resource: x://{'b' * 96}… (900,004 characters)" + (
        json.dumps({"uri": f"x://{'b' * 96}… (900,004 characters)"})
    )
    assert answers["prompt"] == f"Unknown prompt: {cut}null"
    assert answers["prompt code"] == str(INVALID_PARAMS)
    assert answers["prompt argument"].startswith(
        "Error rendering prompt greet: unexpected keyword argument 'bbbb"
    )
    assert len(answers["prompt argument"]) < 300
    assert answers["prompt argument code"] == str(INVALID_PARAMS)
    assert not [r for r in caplog.records if r.exc_info], "bad input logs no traceback"


async def test_bound_errors_leaves_a_crashing_prompt_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from mcp.shared.exceptions import MCPError

    caplog.set_level(logging.ERROR)
    async with Client(prompt_server(bounded=True)) as client:
        with pytest.raises(MCPError) as caught:
            await client.get_prompt("broken")
    assert caught.value.error.code != INVALID_PARAMS
    assert [r for r in caplog.records if r.exc_info], "a bug is logged with its traceback"


async def test_bound_errors_keeps_short_answers_as_the_sdk_words_them() -> None:
    async with Client(prompt_server(bounded=True)) as client:
        result = await client.call_tool("ech", {})
    assert result.content[0].text == "Unknown tool: ech; did you mean echo?"  # type: ignore[union-attr]


async def test_bound_errors_cuts_the_method_of_method_not_found() -> None:
    server = prompt_server(bounded=True)
    handle, run = sdk.session_factory(
        server, path="/mcp", max_request_body_size=2_000_000, stateless=True
    )()
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": BIG}).encode()
    async with run:
        status, _, out = await call(handle, body, [*JSON_HEADERS, PROTOCOL])
    error = json.loads(out)["error"]
    assert status == 200 and error["message"] == "Method not found"
    assert error["data"] == "b" * 100 + "… (900,000 characters)"


PROTOCOL = (b"mcp-protocol-version", b"2025-06-18")


# -- SDK-18 -------------------------------------------------------------------------------


def leaving(body: bytes) -> Any:
    """A ``receive`` whose client leaves after the first half of ``body``."""
    messages = [
        {"type": "http.request", "body": body[: len(body) // 2], "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if len(messages) > 1 else messages[0]

    return receive


def scope_of(body: bytes) -> dict[str, Any]:
    headers = [*JSON_HEADERS, PROTOCOL, (b"content-length", str(len(body)).encode())]
    return {
        "type": "http",
        "method": "POST",
        "path": "/mcp",
        "raw_path": b"/mcp",
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 5000),
    }


async def test_sdk_logs_a_traceback_when_the_client_leaves(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    server = small_server()
    server.streamable_http_app(
        streamable_http_path="/mcp",
        transport_security=OPEN,
        stateless_http=True,
        json_response=True,
    )
    body = json.dumps(INITIALIZE).encode()
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async with server.session_manager.run():
        await server.session_manager.handle_request(scope_of(body), leaving(body), send)
    logged = [r for r in caplog.records if r.exc_info and r.name.startswith("mcp")]
    assert logged, "the SDK no longer logs a traceback for a client that left: drop SDK-18"
    assert "ClientDisconnect" in type(logged[0].exc_info[1]).__name__  # type: ignore[index]


async def test_guard_logs_a_client_that_leaves_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    handle, run = sdk.session_factory(
        small_server(), path="/mcp", max_request_body_size=LIMIT, stateless=True
    )()
    body = json.dumps(INITIALIZE).encode()
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async with run:
        await handle(scope_of(body), leaving(body), send)
    assert sent == []  # nobody to answer
    assert not [r for r in caplog.records if r.exc_info]
    lines = [
        (r.name, r.levelno, r.getMessage()) for r in caplog.records if "closed" in r.getMessage()
    ]
    assert lines == [
        (
            "drf_mcp_docs.disconnects",
            logging.INFO,
            "drf-mcp-docs: the client closed the connection before sending the whole request "
            "(POST /mcp)",
        )
    ]


# -- SDK-19 ---------------------------------------------------------------------------------


def optional_server() -> MCPServer[Any]:
    server = sdk.new_server(name="sdk-schemas")

    @server.tool()
    def find(
        query: Annotated[str, Field(description="Words to find.")],
        tag: Annotated[str | None, Field(description="Only this tag.")] = None,
        limit: Annotated[int, Field(description="Most hits.")] = 5,
    ) -> str:
        """Find things."""
        return f"{query} {tag} {limit}"

    return server


async def test_sdk_lists_input_schemas_with_titles_and_null_options() -> None:
    async with Client(optional_server()) as client:
        (tool,) = (await client.list_tools()).tools
    schema = tool.input_schema
    tag = schema["properties"]["tag"]
    assert "title" in schema and tag["title"] == "Tag", "titles gone: revisit SDK-19"
    assert tag["anyOf"] == [{"type": "string"}, {"type": "null"}], "revisit SDK-19"
    assert tag["default"] is None
    # The path SDK-19 takes to the registered tools' schemas.
    server = optional_server()
    assert [t.parameters for t in server._tool_manager.list_tools()] == [schema]


async def test_compact_input_schemas_say_each_constraint_once() -> None:
    server = optional_server()
    compact_input_schemas(server)
    async with Client(server) as client:
        (tool,) = (await client.list_tools()).tools
        given = await client.call_tool("find", {"query": "a", "tag": None})
        bad = await client.call_tool("find", {"query": "a", "limit": "many"})
    assert tool.input_schema == {
        "type": "object",
        "properties": {
            "query": {"type": "string", "description": "Words to find."},
            "tag": {"type": "string", "description": "Only this tag."},
            "limit": {"type": "integer", "description": "Most hits.", "default": 5},
        },
        "required": ["query"],
    }
    # Validation is the pydantic model's, untouched: null is still accepted for an
    # optional argument, and a wrong type still refused.
    assert not given.is_error and given.content[0].text == "a None 5"  # type: ignore[union-attr]
    assert bad.is_error
