"""The clock guest code runs on: real or virtual time, ticks arithmetic and timed events.

It sits in the library, below the board, because time and select wait on it with or
without a board; a board owns one and schedules its peripherals' events on it.

In virtual time nothing waits: a sleep moves the clock forward at once, running every
timed event that falls inside the slept interval at its own instant, in order. Each read
of the clock in virtual time also advances it by one microsecond, so a guest that polls
ticks in a busy loop still sees time pass (deterministically).
"""

from __future__ import annotations

import heapq
import itertools
import time as host_time
from typing import Callable

TICKS_PERIOD = 1 << 30  # small-int range of a 32-bit port
_TICKS_MASK = TICKS_PERIOD - 1
_HALF = TICKS_PERIOD // 2

NS_PER_US = 1_000
NS_PER_MS = 1_000_000
NS_PER_S = 1_000_000_000
VIRTUAL_READ_COST_NS = 1_000


class TicksOverflow(ValueError):
    """ticks_add was given a delta outside what ticks_diff can represent."""


def ticks_diff(end: int, start: int) -> int:
    return ((end - start + _HALF) & _TICKS_MASK) - _HALF


def ticks_add(ticks: int, delta: int) -> int:
    if not (-_HALF < delta < _HALF):
        raise TicksOverflow("ticks interval overflow")
    return (ticks + delta) & _TICKS_MASK


class TimedEvent:
    __slots__ = ("due_ns", "action", "cancelled")

    def __init__(self, due_ns: int, action: Callable[[], None]):
        self.due_ns = due_ns
        self.action = action
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class Clock:
    """Nanoseconds since boot, plus a queue of events due at given instants.

    ``pending_hook`` is called after events run and while sleeping, so the VM can run
    scheduled guest callbacks (as MicroPython does while it waits).
    """

    def __init__(self, virtual: bool = False, *, start_wall_ns: int | None = None):
        self.virtual = virtual
        self._virtual_ns = 0
        self._real_start = host_time.monotonic_ns()
        if start_wall_ns is None:
            start_wall_ns = host_time.time_ns()
        self._wall_at_boot_ns = start_wall_ns
        self._events: list[tuple[int, int, TimedEvent]] = []
        self._seq = itertools.count()
        self.pending_hook: Callable[[], None] | None = None
        # called (from the thread that schedules) after an event is scheduled
        self.schedule_hook: Callable[[], None] | None = None
        self._running_events = False
        self._in_hook = False
        # the guest's threads (the _thread module) while there are any: a sleep lets the
        # others run (yield_now in virtual time; outside() while the host sleeps in real time)
        self.threads = None

    # --- reading -----------------------------------------------------------------------
    def peek_ns(self) -> int:
        """Time since boot without the virtual read cost (for trace stamps)."""
        if self.virtual:
            return self._virtual_ns
        return host_time.monotonic_ns() - self._real_start

    def now_ns(self) -> int:
        if self.virtual:
            self._advance_to(self._virtual_ns + VIRTUAL_READ_COST_NS)
            return self._virtual_ns
        self.run_due()
        return host_time.monotonic_ns() - self._real_start

    def ticks_ms(self) -> int:
        return (self.now_ns() // NS_PER_MS) & _TICKS_MASK

    def ticks_us(self) -> int:
        return (self.now_ns() // NS_PER_US) & _TICKS_MASK

    def ticks_cpu(self) -> int:
        return self.ticks_us()

    def wall_ns(self) -> int:
        """Host-epoch (1970) nanoseconds of the board's wall clock."""
        return self._wall_at_boot_ns + self.now_ns()

    def set_wall_ns(self, wall_ns: int) -> None:
        self._wall_at_boot_ns = wall_ns - self.peek_ns()

    # --- waiting -----------------------------------------------------------------------
    def sleep_ns(self, duration_ns: int) -> None:
        if duration_ns <= 0:
            self.run_due()
            if self.threads is not None:
                self.threads.yield_now()
            return
        target = self.peek_ns() + duration_ns
        if self.virtual:
            if self.threads is None or not self.threads.sleep_virtual(target):
                self._advance_to(target)
            return
        while True:
            self.run_due()
            now = self.peek_ns()
            if now >= target:
                return
            wake = target
            if self._events:
                wake = min(wake, self._events[0][0])
            # short slices keep timers and Ctrl-C responsive
            if self.threads is None:
                host_time.sleep(max(0, min(wake - now, 20 * NS_PER_MS)) / NS_PER_S)
            else:  # the other threads run meanwhile: fewer, longer slices
                with self.threads.outside():
                    host_time.sleep(max(0, min(wake - now, 100 * NS_PER_MS)) / NS_PER_S)

    def advance_virtual(self, target_ns: int) -> None:
        """Virtual time: move on to ``target_ns`` (if later), running the events on the way."""
        self._advance_to(target_ns)

    # --- events ------------------------------------------------------------------------
    def call_at(self, due_ns: int, action: Callable[[], None]) -> TimedEvent:
        event = TimedEvent(due_ns, action)
        heapq.heappush(self._events, (due_ns, next(self._seq), event))
        if self.schedule_hook is not None:
            self.schedule_hook()
        return event

    def call_later(self, delay_ns: int, action: Callable[[], None]) -> TimedEvent:
        return self.call_at(self.peek_ns() + delay_ns, action)

    def peek_next_due_ns(self) -> int | None:
        """The earliest scheduled instant (maybe of a cancelled event); safe from any thread."""
        events = self._events
        try:
            return events[0][0] if events else None
        except IndexError:
            return None

    def peek_next_live_due_ns(self) -> int | None:
        """The earliest instant of an event not cancelled (None: there is none); safe from
        any thread."""
        return min((entry[0] for entry in list(self._events) if not entry[2].cancelled),
                   default=None)

    def next_event_ns(self) -> int | None:
        self._drop_cancelled()
        return self._events[0][0] if self._events else None

    def run_due(self) -> None:
        """Run events whose time has come (real time) or equals the virtual now."""
        if self._running_events:
            return
        self._running_events = True
        try:
            now = self.peek_ns()
            while True:
                self._drop_cancelled()
                if not self._events or self._events[0][0] > now:
                    break
                _, _, event = heapq.heappop(self._events)
                event.action()
        finally:
            self._running_events = False
        self._call_pending_hook()

    def _advance_to(self, target_ns: int) -> None:
        while True:
            self._drop_cancelled()
            if self._running_events or not self._events or self._events[0][0] > target_ns:
                break
            self._virtual_ns = max(self._virtual_ns, self._events[0][0])
            self.run_due()
        self._virtual_ns = max(self._virtual_ns, target_ns)
        if not self._running_events:
            self._call_pending_hook()

    def _call_pending_hook(self) -> None:
        if self.pending_hook is None or self._in_hook:
            return
        self._in_hook = True
        try:
            self.pending_hook()
        finally:
            self._in_hook = False

    def _drop_cancelled(self) -> None:
        while self._events and self._events[0][2].cancelled:
            heapq.heappop(self._events)
