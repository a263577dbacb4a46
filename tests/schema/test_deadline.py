"""``deadline.Deadline``: calls bounded in time, one helper thread, no pile-up when hung."""

from __future__ import annotations

import threading
import time

import pytest

from drf_mcp_docs.schema.deadline import Deadline, TimedOut


def helpers(name: str) -> int:
    return sum(t.name == f"drf-mcp-docs-{name}" for t in threading.enumerate())


def test_a_call_answers_with_its_result_or_its_error() -> None:
    deadline = Deadline("answers")
    assert deadline.call(1.0, sum, [1, 2]) == 3
    with pytest.raises(ZeroDivisionError):
        deadline.call(1.0, lambda: 1 / 0)
    assert deadline.call(1.0, str, 4) == "4" and helpers("answers") == 1


def test_a_hung_call_costs_one_bounded_wait_then_none_until_it_returns() -> None:
    deadline = Deadline("hung")
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(TimedOut, match=r"no answer within 0\.3s"):
        deadline.call(0.3, release.wait, 30)
    assert 0.25 < time.monotonic() - started < 2.0
    assert deadline.hung
    started = time.monotonic()
    for _ in range(50):  # while it hangs: each call fails at once, no thread is added
        with pytest.raises(TimedOut, match="has not returned yet"):
            deadline.call(0.3, sum, [1])
    assert time.monotonic() - started < 1.0
    assert helpers("hung") == 1 and deadline.timeouts == 1
    release.set()  # the backend answers: calls run again at once
    for _ in range(100):
        if not deadline.hung:
            break
        time.sleep(0.01)
    assert deadline.call(0.3, sum, [1, 2]) == 3 and helpers("hung") == 1


def test_concurrent_callers_take_turns_within_their_deadline() -> None:
    deadline = Deadline("turns")
    running, peak, lock = 0, 0, threading.Lock()
    results: list[int] = []

    def work(n: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return n

    threads = [
        threading.Thread(target=lambda n=n: results.append(deadline.call(5.0, work, n)))
        for n in range(10)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(results) == list(range(10)) and peak == 1


def test_a_caller_waiting_behind_a_slow_call_gives_up_at_its_own_deadline() -> None:
    deadline = Deadline("behind")
    release = threading.Event()
    first = threading.Thread(target=lambda: deadline.call(5.0, release.wait, 5))
    first.start()
    time.sleep(0.1)
    started = time.monotonic()
    with pytest.raises(TimedOut, match="busy"):
        deadline.call(0.2, sum, [1])
    assert time.monotonic() - started < 1.0
    release.set()
    first.join(5)


def test_after_a_fork_the_child_starts_afresh() -> None:
    """The reset a fork runs: a hung call of the parent does not block the child."""
    deadline = Deadline("forked")
    release = threading.Event()
    with pytest.raises(TimedOut):
        deadline.call(0.1, release.wait, 30)
    deadline._reset()  # what forksafe runs in the child
    assert not deadline.hung and deadline.call(1.0, sum, [2, 2]) == 4
    release.set()
