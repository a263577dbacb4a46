"""The boundary with the ``mcp`` SDK: every place this package works around its behaviour.

Each workaround below is named ``SDK-n``, says which SDK behaviour it handles, and has a
test in ``tests/sdk/test_boundary.py`` that fails when the SDK stops behaving that way (so
a new SDK release shows which workaround to revisit). Where the SDK gives an exception
type or a status code, that is what is matched; its message text is matched once (SDK-6),
where it gives nothing else.

SDK-1  ``MCPServer()`` calls ``logging.basicConfig()``: ``new_server`` restores the root
       logger, which belongs to the host project.
SDK-2  There is no public constructor for a ``StreamableHTTPSessionManager`` bound to an
       ``MCPServer``: ``streamable_http_app()`` builds one and leaves it in
       ``mcp.session_manager``, which ``session_factory`` takes at once.
SDK-3  A session manager's ``run()`` may be entered only once: ``session_factory`` makes a
       new manager for every run of the mount's MCP side.
SDK-4  The SDK's own DNS-rebinding protection allows only localhost by default: it is off,
       and the mount applies the project's ``ALLOWED_HOSTS`` (``asgi/hosts.py``) instead.
SDK-5  ``MCPServer(auth=...)`` wires token checks into the SDK's own Starlette routes, which
       the mount bypasses: ``check_mountable`` refuses such a server.
SDK-6  A request that arrives while the manager's ``run()`` is exiting fails with a bare
       ``RuntimeError`` ("Task group is not initialized") after the SDK read the body:
       ``fix_answers`` turns it into ``MCPUnavailable`` (a 503 JSON-RPC error).
SDK-7  A POST without ``Content-Type: application/json`` gets a plain-text 400: ``fix_answers``
       answers it first, with a 415 JSON-RPC error.
SDK-8  An over-long body gets a plain-text 413: ``fix_answers`` rewrites it (by status) into a
       JSON-RPC error naming the limit.
SDK-9  A JSON body that is not JSON-RPC gets a 400 whose message is a pydantic dump:
       ``fix_answers`` rewrites it (by status 400, code ``INVALID_PARAMS`` and no id) into one
       sentence.
SDK-10 Malformed tool arguments get a pydantic dump as the tool error: ``add_middleware``
       installs ``server/arguments.py``'s rewording as SDK server middleware, and
       ``tool_error_result`` is the result shape that middleware answers with.
SDK-11 A tool that raises anything but ``ToolError`` is a crash: the SDK logs its traceback
       and answers the tool error ``Error executing tool <name>``. ``server/tools.py``'s
       ``_tool`` catches first, to name the endpoint too; this is the net under any tool
       registered without it. See ``test_sdk_reports_a_crashing_tool_by_name``.
SDK-12 ``handle_request`` may return in the middle of an SSE response when the manager
       shuts down: the mount ends such a response (``asgi/middleware.py``, generic ASGI).
SDK-13 In stateless mode the SDK still answers ``GET`` with an SSE stream nothing can write
       to: ``session_factory`` refuses it with 405 (``stateless.py``).
SDK-14 At ``max_sessions`` the SDK answers a new session's request 503 "Too many open
       sessions", with no ``Retry-After`` and nothing on what to do: ``fix_answers`` rewrites it
       (by status 503 on a request without a session id) into a 503 with ``Retry-After``
       and a message that says when to retry and how a client frees its place.
SDK-15 The SDK's idle timeout counts an open ``GET`` stream as a request in flight, so a
       session whose client holds one (or went away without the server noticing) never
       expires: ``session_factory`` wraps stateful handlers in ``sessions.IdleSessions``,
       which ends such a session once its client has sent nothing for the idle timeout.
SDK-16 The SDK's own errors echo the caller's value in full ("Unknown tool: <name>",
       "Unknown resource: <uri>" in the message and again in ``data``, "Unknown prompt:
       <name>", the JSON-RPC method in ``data`` of "Method not found"): a 900 KB name came
       back as up to 1.8 MB. ``sdk.errors.bound_errors`` (server middleware, outermost) keeps the
       SDK's wording but cuts the value with ``text.clip`` (its first 100 characters and
       its length), and cuts any other error text to ``MAX_ERROR_TEXT`` characters.
SDK-17 ``prompts/get`` with an unknown name or bad arguments raises a bare ``ValueError``,
       which the SDK's dispatcher logs with a traceback (``handler for 'prompts/get'
       raised``) and answers with code 0: ``sdk.errors.bound_errors`` answers it as the
       ``INVALID_PARAMS`` error it is, so bad input logs nothing. Any handler that does
       crash (a prompt with a bug) is logged with its traceback and answered
       ``INTERNAL_ERROR`` naming what failed, never code 0 with the exception's text.
SDK-18 A client that leaves before its POST body is complete makes the SDK log ``Error
       handling POST request`` with a ``ClientDisconnect`` traceback: ``fix_answers`` reads the
       body first (``asgi/disconnects.py``), so a client that leaves is logged once at
       INFO (``drf_mcp_docs.disconnects``) and the SDK never sees the request. One that
       leaves before (or during) the answer is logged the same way.
SDK-19 Tool input schemas are pydantic's ``model_json_schema()`` as is: a ``title`` on every
       argument and on the object, and every optional argument as ``anyOf [X, null]`` with
       ``default: null``; the list an agent reads once per task doubled in size.
       ``sdk.schemas.compact_input_schemas`` rewrites the registered tools' schemas (no
       titles, an optional argument as just its type); validation, done by the SDK's
       pydantic model, is untouched.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from mcp.types import INVALID_PARAMS

from drf_mcp_docs.asgi.disconnects import Watched
from drf_mcp_docs.asgi.headers import header
from drf_mcp_docs.asgi.mcp_side import MCPUnavailable
from drf_mcp_docs.asgi.responses import INTERNAL_ERROR, INVALID_REQUEST, send_json_error
from drf_mcp_docs.asgi.sessions import IdleSessions, session_id
from drf_mcp_docs.asgi.stateless import refuse_streams
from drf_mcp_docs.asgi.types import ASGIApp, Message, Receive, Scope, Send, SessionFactory
from drf_mcp_docs.text import quote

__all__ = [
    "CONTENT_TYPE_MESSAGE",
    "NOT_JSON_RPC_MESSAGE",
    "TOO_MANY_SESSIONS_MESSAGE",
    "add_middleware",
    "check_mountable",
    "fix_answers",
    "is_not_running_error",
    "new_server",
    "retry_after",
    "session_factory",
    "tool_error_result",
]

CONTENT_TYPE_MESSAGE = "Unsupported Media Type: send Content-Type: application/json"
NOT_JSON_RPC_MESSAGE = (
    "Invalid Request: the body is not a JSON-RPC 2.0 request, notification or response"
)
TOO_LARGE_MESSAGE = "Request body too large: the limit is {limit} bytes"
TOO_MANY_SESSIONS_MESSAGE = (
    "Too many open sessions: this server holds at most {limit} MCP sessions at once. "
    "Retry in {retry_after} seconds (Retry-After); a client that is done should end its "
    "session with an HTTP DELETE to free its place"
)
#: The longest ``Retry-After`` of the session limit's 503, in seconds.
MAX_RETRY_AFTER = 60


# -- SDK-1: the server object -----------------------------------------------------------


def new_server(**kwargs: Any) -> MCPServer[Any]:
    """``MCPServer(**kwargs)`` without the SDK's ``logging.basicConfig()`` side effect."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        return MCPServer(**kwargs)
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers


# -- SDK-5: what the mount can serve ----------------------------------------------------


def check_mountable(server: object) -> MCPServer[Any]:
    """``server`` if the mount can serve it, else ``TypeError`` / ``ValueError`` saying why."""
    if not isinstance(server, MCPServer):
        raise TypeError(f"mcp must be an mcp.server.mcpserver.MCPServer, got {quote(server)}")
    if server.settings.auth is not None:
        raise ValueError(
            "mount_mcp() cannot serve an MCPServer configured with auth=...: its token "
            "checks live in the SDK's Starlette app, which the mount does not use"
        )
    return server


# -- SDK-2, SDK-3, SDK-4: one session manager per run --------------------------------------


def session_factory(
    mcp: MCPServer[Any],
    *,
    path: str,
    max_request_body_size: int,
    max_sessions: int | None = None,
    session_idle_timeout: float | None = None,
    stateless: bool = False,
) -> SessionFactory:
    """A factory of ``(handle_request, run_context)`` pairs, one new session manager each."""
    # SDK-4: Host/Origin are checked by the mount against Django's settings first.
    security = TransportSecuritySettings(enable_dns_rebinding_protection=False)

    def new_session() -> tuple[ASGIApp, AbstractAsyncContextManager[Any]]:
        # SDK-2: streamable_http_app() is the public way to build a manager; it leaves the
        # new one in mcp.session_manager, taken here before anything else can replace it.
        mcp.streamable_http_app(
            streamable_http_path=path,
            transport_security=security,
            max_request_body_size=max_request_body_size,
            max_sessions=max_sessions,
            session_idle_timeout=session_idle_timeout,
            # STATELESS: no server-side sessions, one JSON answer per POST (any worker).
            stateless_http=stateless,
            json_response=stateless,
        )
        manager = mcp.session_manager
        handle = fix_answers(
            manager.handle_request,
            max_request_body_size,
            max_sessions=max_sessions,
            retry_seconds=retry_after(session_idle_timeout),
        )
        if stateless:
            # SDK-13: in stateless mode the SDK still answers GET with an SSE stream that
            # nothing can ever write to (no session); it is refused with 405 instead.
            handle = refuse_streams(handle)
        elif session_idle_timeout is not None:
            # SDK-15: an open GET stream must not keep an idle session alive.
            handle = IdleSessions(handle, session_idle_timeout)
        # SDK-3: run() is single-use, so this pair serves exactly one run.
        return handle, manager.run()

    return new_session


# -- SDK-6 to SDK-9, SDK-14: the transport's answers ---------------------------------------


def retry_after(session_idle_timeout: float | None) -> int:
    """SDK-14: seconds a client refused at the session limit should wait before retrying.

    Sessions end as their clients finish (``DELETE``) or go idle; the oldest idle one ends
    within ``session_idle_timeout``. A minute (or the idle timeout, if shorter) spaces a
    client's retries without leaving it waiting long once a place is free.
    """
    if session_idle_timeout is None:
        return MAX_RETRY_AFTER
    return max(1, min(MAX_RETRY_AFTER, math.ceil(session_idle_timeout)))


def is_not_running_error(exc: BaseException) -> bool:
    """SDK-6: the manager's "not running" error (it has no exception type of its own)."""
    return type(exc) is RuntimeError and str(exc).startswith("Task group is not initialized")


def fix_answers(
    handle: ASGIApp,
    body_limit: int,
    *,
    max_sessions: int | None = None,
    retry_seconds: int = MAX_RETRY_AFTER,
) -> ASGIApp:
    """``handle`` (a manager's ``handle_request``) with SDK-6 to SDK-9 and SDK-14 handled."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method") == "POST" and not _json_content_type(scope):
            await send_json_error(send, 415, CONTENT_TYPE_MESSAGE, INVALID_REQUEST)  # SDK-7
            return
        watched = Watched(scope, receive, send)  # SDK-18
        posted = scope.get("method") == "POST"
        if posted and not await watched.read_body(body_limit):
            return  # the client left before sending the whole body: logged, nothing to answer
        answers = _ErrorAnswers(watched.send, body_limit)
        if max_sessions is not None and session_id(scope) is None:
            answers.session_limit = (max_sessions, retry_seconds)  # SDK-14: a new session
        try:
            await _watching(watched, posted, handle(scope, watched.receive, answers))
        except RuntimeError as exc:
            if not is_not_running_error(exc):
                raise
            raise MCPUnavailable("the MCP endpoint is shutting down") from None  # SDK-6

    return guarded


async def _watching(watched: Watched, listen: bool, handling: Awaitable[None]) -> None:
    """SDK-18: await ``handling`` while ``watched`` listens for the client leaving; the
    SDK's exception, if any, is raised as it is (not in an exception group)."""
    failure: Exception | None = None
    async with anyio.create_task_group() as watching:
        if listen:
            watching.start_soon(watched.listen)
        try:
            await handling
        except Exception as exc:
            failure = exc
        watching.cancel_scope.cancel()
    if failure is not None:
        raise failure


def _json_content_type(scope: Scope) -> bool:
    """SDK-7: the test the SDK applies (``application/json``, any parameters)."""
    value = header(scope, b"content-type")
    return value is not None and value.lower().startswith(b"application/json")


class _ErrorAnswers:
    """Wraps ``send``: holds a 400, 413 or 503 answer of the SDK and rewrites it.

    400 and 413: SDK-8, SDK-9. 503: SDK-14, only when ``session_limit`` (the limit and
    the ``Retry-After`` seconds) is set, i.e. for a request that would open a session.
    """

    __slots__ = ("_body", "_held", "body_limit", "send", "session_limit")

    def __init__(self, send: Send, body_limit: int) -> None:
        self.send = send
        self.body_limit = body_limit
        self.session_limit: tuple[int, int] | None = None
        self._held: Message | None = None
        self._body = bytearray()

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start" and (
            message.get("status") in (400, 413)
            or (message.get("status") == 503 and self.session_limit is not None)
        ):
            self._held = message
            return
        if self._held is None or message["type"] != "http.response.body":
            await self.send(message)
            return
        self._body += message.get("body", b"")
        if not message.get("more_body", False):
            await self._answer(self._held["status"])

    async def _answer(self, status: int) -> None:
        if status == 503 and self.session_limit is not None:  # SDK-14
            limit, seconds = self.session_limit
            message = TOO_MANY_SESSIONS_MESSAGE.format(limit=limit, retry_after=seconds)
            headers = [(b"retry-after", str(seconds).encode("ascii"))]
            await send_json_error(self.send, 503, message, INTERNAL_ERROR, headers=headers)
            return
        if status == 413:  # SDK-8
            message = TOO_LARGE_MESSAGE.format(limit=self.body_limit)
            await send_json_error(self.send, 413, message, INVALID_REQUEST)
            return
        if _unparsed_request_error(bytes(self._body)) == INVALID_PARAMS:  # SDK-9
            await send_json_error(self.send, 400, NOT_JSON_RPC_MESSAGE, INVALID_REQUEST)
            return
        assert self._held is not None
        await self.send(self._held)
        await self.send({"type": "http.response.body", "body": bytes(self._body)})


def _unparsed_request_error(body: bytes) -> int | None:
    """The code of a JSON-RPC error without an id (no request was read), if it is one.

    The id tells SDK-9 apart from the 2026 protocol's per-request ``INVALID_PARAMS``
    errors, which the SDK also sends with status 400 but with the request's id.
    """
    try:
        data = json.loads(body)
        return int(data["error"]["code"]) if data["id"] is None else None
    except (ValueError, KeyError, TypeError):
        return None


# -- SDK-10: server middleware ------------------------------------------------------------


def add_middleware(server: MCPServer[Any], middleware: Callable[..., Any]) -> None:
    """Run ``middleware`` around every request the server handles (the SDK's hook)."""
    server.middleware.append(middleware)


def tool_error_result(result: dict[str, Any], text: str) -> dict[str, Any]:
    """A ``tools/call`` result (the SDK's wire dict) turned into a tool error with ``text``."""
    kept = {k: v for k, v in result.items() if k not in ("structuredContent", "content")}
    return {**kept, "content": [{"type": "text", "text": text}], "isError": True}
