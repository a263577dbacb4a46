"""The ASGI type aliases of the mount (a leaf: imports nothing of this package).

The same shapes Starlette's ``starlette.types`` declares, kept here so ``asgi/`` never
imports Starlette.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import AbstractAsyncContextManager
from typing import Any, TypeAlias

__all__ = ["ASGIApp", "Message", "Receive", "Scope", "Send", "SessionFactory"]

Scope: TypeAlias = MutableMapping[str, Any]
Message: TypeAlias = MutableMapping[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
ASGIApp: TypeAlias = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Returns a new ``(handle_request, run_context)`` pair: one SDK session manager per run
#: (the SDK's ``StreamableHTTPSessionManager.run()`` may be entered only once).
SessionFactory: TypeAlias = Callable[[], tuple[ASGIApp, AbstractAsyncContextManager[Any]]]

#: Answers a person's browser at the endpoint (True) or leaves the request alone (False).
PageHandler: TypeAlias = Callable[[Scope, Receive, Send], Awaitable[bool]]
