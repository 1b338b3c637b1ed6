"""Waiting for an event with a deadline, the one way tests synchronise with other threads and
processes (a fixed sleep fails under load and wastes time when idle)."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")

DEADLINE_S = 30.0   # generous: only a broken program takes this long
POLL_S = 0.01


def wait_until(condition: Callable[[], T], timeout: float = DEADLINE_S, what: str = "") -> T:
    """Call ``condition`` until it returns a true value and return that value; fail the test
    if it has not within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"gave up after {timeout} s waiting for "
                                 f"{what or getattr(condition, '__name__', 'the condition')}")
        time.sleep(POLL_S)


def _cpu_ticks_and_state(pid: int) -> tuple[int, str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12]), fields[0]


def wait_until_blocked(pid: int, timeout: float = DEADLINE_S) -> None:
    """Wait until process ``pid`` sleeps (blocked in a wait, using no CPU), e.g. a program that
    printed its last line and went into time.sleep(). Needs Linux's /proc; elsewhere it
    returns at once (the callers have already seen the output that precedes the wait)."""
    if _cpu_ticks_and_state(pid) is None:
        return
    samples: list[tuple[int, str] | None] = []

    def idle() -> bool:
        samples.append(_cpu_ticks_and_state(pid))
        recent = samples[-10:]  # 0.1 s of samples: sleeping all along, no CPU used
        return (len(recent) == 10 and all(s is not None and s[1] == "S" for s in recent)
                and recent[0][0] == recent[-1][0])

    wait_until(idle, timeout, f"process {pid} to block")


__all__ = ["wait_until", "wait_until_blocked", "guest_code_running", "DEADLINE_S"]


def guest_code_running(session) -> bool:
    """A BoardSession (mpt.runtime.board.repl) is executing guest code and has consumed every byte
    fed so far: a Ctrl-C now interrupts that code."""
    return session._executing and not session._input
