"""ASGI applications that the real-server tests serve through the mount."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
import django

django.setup()

from starlette.applications import Starlette  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import JSONResponse  # noqa: E402
from starlette.routing import Route  # noqa: E402

from drf_mcp_docs.urls import mount_mcp  # noqa: E402


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[dict[str, str]]:
    """Startup puts a value into the shared state; shutdown leaves a mark on disk."""
    yield {"greeting": "hello from the inner lifespan"}
    mark = Path(os.environ["SHUTDOWN_MARK"])
    await anyio.to_thread.run_sync(mark.write_text, "inner shutdown ran")


async def greeting(request: Request) -> JSONResponse:
    return JSONResponse({"greeting": request.state.greeting})


starlette_inner = mount_mcp(Starlette(routes=[Route("/hello/", greeting)], lifespan=lifespan))
