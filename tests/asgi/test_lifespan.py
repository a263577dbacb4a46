"""The lifespan state machine, driven with scripted receive/send for every transition."""

from __future__ import annotations

import logging
from typing import Any

import anyio
import pytest

from drf_mcp_docs.asgi.mcp_side import TRANSITIONS, IllegalTransition, MCPSide, State
from tests.support.asgi_doubles import FakeSessions, LifespanServer, Recorder, call_http, fake_mount


class InnerLifespan:
    """An inner app with a lifespan, scripted to complete, fail or hang."""

    def __init__(self, startup: str = "complete", shutdown: str = "complete") -> None:
        self.startup = startup
        self.shutdown = shutdown
        self.events: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await Recorder()(scope, receive, send)
            return
        assert (await receive())["type"] == "lifespan.startup"
        self.events.append("startup")
        scope["state"]["inner"] = "up"
        if self.startup == "raise":
            raise RuntimeError("db is down")
        await send({"type": f"lifespan.startup.{self.startup}", "message": "db is down"})
        if self.startup == "failed":
            return
        assert (await receive())["type"] == "lifespan.shutdown"
        self.events.append("shutdown")
        try:
            if self.shutdown == "hang":
                await anyio.sleep(3600)
            if self.shutdown == "return":
                return
            if self.shutdown == "linger":
                await send({"type": "lifespan.shutdown.complete"})
                await anyio.sleep(0.05)  # still tidying up after its reply
                return
            await send({"type": f"lifespan.shutdown.{self.shutdown}", "message": "flush failed"})
        except anyio.get_cancelled_exc_class():
            self.events.append("cancelled")
            raise


def no_errors(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not bad, [r.getMessage() for r in bad]


async def test_inner_completes_both_sides_run_and_share_state(
    caplog: pytest.LogCaptureFixture,
) -> None:
    inner = InnerLifespan()
    mount, sessions = fake_mount(inner)
    server = LifespanServer(mount, state={"server": 1})
    async with server.running():
        assert await server.startup() == {"type": "lifespan.startup.complete"}
        assert server.scope["state"] == {"server": 1, "inner": "up"}
        assert mount.side.state is State.RUNNING
        assert await call_http(mount, "/mcp/") == (200, b"mcp run 1")
        assert await server.shutdown() == {"type": "lifespan.shutdown.complete"}
    assert inner.events == ["startup", "shutdown"]
    assert mount.side.state is State.STOPPED
    assert (sessions.entered, sessions.exited, sessions.active) == (1, 1, 0)
    no_errors(caplog)


async def test_inner_startup_failed_is_passed_on_and_mcp_side_stopped() -> None:
    mount, sessions = fake_mount(InnerLifespan(startup="failed"))
    server = LifespanServer(mount)
    async with server.running():
        reply = await server.startup()
    assert reply["type"] == "lifespan.startup.failed"
    assert "the inner app's startup failed: db is down" in reply["message"]
    assert mount.side.state is State.STOPPED
    assert sessions.active == 0


async def test_inner_raising_after_reading_startup_is_a_startup_failure() -> None:
    mount, _ = fake_mount(InnerLifespan(startup="raise"))
    server = LifespanServer(mount)
    async with server.running():
        reply = await server.startup()
    assert reply["type"] == "lifespan.startup.failed"
    assert "raised RuntimeError: db is down" in reply["message"]


@pytest.mark.parametrize("kind", ["raises", "returns"])
async def test_inner_without_lifespan_is_served_without_one(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def returns(scope: Any, receive: Any, send: Any) -> None:
        return None

    inner = Recorder() if kind == "raises" else returns
    mount, _ = fake_mount(inner)
    caplog.set_level(logging.DEBUG, logger="drf_mcp_docs.asgi")
    for _cycle in range(2):
        server = LifespanServer(mount)
        async with server.running():
            assert await server.startup() == {"type": "lifespan.startup.complete"}
            assert await call_http(mount, "/mcp") == (200, f"mcp run {_cycle + 1}".encode())
            assert await server.shutdown() == {"type": "lifespan.shutdown.complete"}
    no_errors(caplog)
    notes = [r for r in caplog.records if "no lifespan support" in r.getMessage()]
    assert len(notes) == 1 and notes[0].levelno == logging.DEBUG and notes[0].exc_info is None


async def test_django_and_channels_inner_apps_raise_on_lifespan_and_are_tolerated(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from channels.routing import ProtocolTypeRouter
    from django.core.asgi import get_asgi_application

    for inner in (get_asgi_application(), ProtocolTypeRouter({"http": Recorder()})):
        mount, _ = fake_mount(inner)
        server = LifespanServer(mount)
        async with server.running():
            assert await server.startup() == {"type": "lifespan.startup.complete"}
            assert await server.shutdown() == {"type": "lifespan.shutdown.complete"}
    no_errors(caplog)


async def test_inner_never_answering_shutdown_is_bounded_and_reported() -> None:
    inner = InnerLifespan(shutdown="hang")
    mount, sessions = fake_mount(inner, shutdown_timeout=0.2)
    server = LifespanServer(mount)
    async with server.running():
        await server.startup()
        with anyio.fail_after(2):
            reply = await server.shutdown()
    assert reply["type"] == "lifespan.shutdown.failed"
    assert "did not finish its lifespan shutdown within 0.2s" in reply["message"]
    assert inner.events == ["startup", "shutdown", "cancelled"]
    assert mount.side.state is State.STOPPED and sessions.active == 0


async def test_inner_shutdown_failed_is_passed_on() -> None:
    mount, sessions = fake_mount(InnerLifespan(shutdown="failed"))
    server = LifespanServer(mount)
    async with server.running():
        await server.startup()
        reply = await server.shutdown()
    assert reply == {
        "type": "lifespan.shutdown.failed",
        "message": "the inner app's shutdown failed: flush failed",
    }
    assert sessions.active == 0


async def test_inner_returning_at_shutdown_counts_as_complete() -> None:
    mount, _ = fake_mount(InnerLifespan(shutdown="return"))
    server = LifespanServer(mount)
    async with server.running():
        await server.startup()
        assert await server.shutdown() == {"type": "lifespan.shutdown.complete"}


async def test_mcp_start_failure_fails_startup_and_shuts_the_inner_app_down() -> None:
    inner = InnerLifespan()
    mount, _ = fake_mount(inner, fail_start=1)
    server = LifespanServer(mount)
    async with server.running():
        reply = await server.startup()
    assert reply["type"] == "lifespan.startup.failed"
    assert "the MCP side failed to start (RuntimeError: run 1 cannot start)" in reply["message"]
    assert inner.events == ["startup", "shutdown"]
    assert mount.side.state is State.FAILED


async def test_session_factory_error_fails_startup() -> None:
    mount, _ = fake_mount(factory_error=ValueError("bad server"))
    server = LifespanServer(mount)
    async with server.running():
        reply = await server.startup()
    assert reply["type"] == "lifespan.startup.failed"
    assert "ValueError: bad server" in reply["message"]


async def test_mcp_stop_error_fails_shutdown_with_message() -> None:
    mount, sessions = fake_mount(fail_stop=True)
    server = LifespanServer(mount)
    async with server.running():
        await server.startup()
        reply = await server.shutdown()
    assert reply["type"] == "lifespan.shutdown.failed"
    assert "the MCP side failed to stop (RuntimeError: run 1 cannot stop)" in reply["message"]
    assert mount.side.state is State.FAILED and sessions.active == 0


async def test_mcp_stop_that_hangs_is_cancelled_after_the_timeout(
    caplog: pytest.LogCaptureFixture,
) -> None:
    mount, sessions = fake_mount(hang_stop=True, shutdown_timeout=0.2)
    server = LifespanServer(mount)
    async with server.running():
        await server.startup()
        with anyio.fail_after(2):
            assert await server.shutdown() == {"type": "lifespan.shutdown.complete"}
    assert mount.side.state is State.STOPPED and sessions.active == 0
    assert any("did not stop in 0.2s" in r.getMessage() for r in caplog.records)


async def test_two_cycles_on_one_loop_use_fresh_session_managers() -> None:
    mount, sessions = fake_mount(InnerLifespan())
    for cycle in (1, 2):
        server = LifespanServer(mount)
        async with server.running():
            assert await server.startup() == {"type": "lifespan.startup.complete"}
            assert await call_http(mount, "/mcp/") == (200, f"mcp run {cycle}".encode())
            assert await server.shutdown() == {"type": "lifespan.shutdown.complete"}
    assert (sessions.created, sessions.active) == (2, 0)


def test_two_cycles_on_two_loops() -> None:
    mount, sessions = fake_mount(InnerLifespan())

    async def cycle(number: int) -> None:
        server = LifespanServer(mount)
        async with server.running():
            assert await server.startup() == {"type": "lifespan.startup.complete"}
            assert await call_http(mount, "/mcp/") == (200, f"mcp run {number}".encode())
            assert await server.shutdown() == {"type": "lifespan.shutdown.complete"}

    anyio.run(cycle, 1)
    anyio.run(cycle, 2)
    assert (sessions.created, sessions.active) == (2, 0)


async def test_startup_while_already_running_is_an_illegal_transition() -> None:
    mount, _ = fake_mount()
    assert await call_http(mount, "/mcp/") == (200, b"mcp run 1")  # lazily started
    server = LifespanServer(mount)
    async with server.running():
        reply = await server.startup()
    assert reply["type"] == "lifespan.startup.failed"
    assert "cannot go from running to starting" in reply["message"]
    assert mount.side.state is State.RUNNING  # the run this startup did not start goes on
    await mount.aclose()


async def test_a_first_message_other_than_startup_ends_the_call() -> None:
    mount, sessions = fake_mount()
    server = LifespanServer(mount)
    async with server.running():
        await server._to_app.send({"type": "lifespan.shutdown"})
    assert sessions.created == 0


def test_transition_table_is_closed_and_enforced() -> None:
    assert set(TRANSITIONS) == set(State)
    assert all(targets <= set(State) for targets in TRANSITIONS.values())
    side = MCPSide(FakeSessions())
    for illegal in (State.RUNNING, State.STOPPING, State.STOPPED, State.FAILED):
        with pytest.raises(IllegalTransition, match=f"from idle to {illegal.value}"):
            side._to(illegal)
    side._to(State.STARTING)
    with pytest.raises(IllegalTransition):
        side._to(State.STOPPED)


@pytest.mark.parametrize("inner", [None, "complete", "linger"])
async def test_shutdown_reply_is_the_last_await(inner: str | None) -> None:
    """Like hypercorn, cancel the lifespan task the moment the shutdown reply arrives:
    the call must already have nothing left to await (no CancelledError escapes)."""
    mount, _ = fake_mount(InnerLifespan(shutdown=inner) if inner else None)
    inbox = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    replies: list[str] = []
    finished = False

    async with anyio.create_task_group() as server:

        async def receive() -> dict[str, Any]:
            return next(inbox)

        async def send(message: dict[str, Any]) -> None:
            replies.append(message["type"])
            if message["type"] == "lifespan.shutdown.complete":
                server.cancel_scope.cancel()  # delivered at the app's next await

        async def run() -> None:
            nonlocal finished
            scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
            await mount(scope, receive, send)
            finished = True

        server.start_soon(run)
    assert replies == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert finished, "the lifespan call awaited something after its shutdown reply"
    assert mount.side.state is State.STOPPED
