"""Per-interpreter glue between the board and guest code: callbacks and port constants."""

from __future__ import annotations

from collections import deque
from typing import Any, Callable

from mpt.runtime.board.board import Board
from mpt.runtime.board.clock import NS_PER_MS, Clock

# per-port constant tables (the values the real ports export)
PIN_CONSTANTS = {
    "esp32": {"IN": 1, "OUT": 3, "OPEN_DRAIN": 7, "PULL_UP": 2, "PULL_DOWN": 1,
              "IRQ_RISING": 1, "IRQ_FALLING": 2, "WAKE_LOW": 4, "WAKE_HIGH": 5,
              "DRIVE_0": 0, "DRIVE_1": 1, "DRIVE_2": 2, "DRIVE_3": 3},
    "rp2": {"IN": 0, "OUT": 1, "OPEN_DRAIN": 2, "ALT": 3, "PULL_UP": 1, "PULL_DOWN": 2,
            "IRQ_RISING": 8, "IRQ_FALLING": 4},
    "pyboard": {"IN": 0, "OUT": 1, "OPEN_DRAIN": 0x11, "ALT": 2, "ALT_OPEN_DRAIN": 0x12,
                "ANALOG": 3, "PULL_NONE": 0, "PULL_UP": 1, "PULL_DOWN": 2,
                "IRQ_RISING": 0x10110000, "IRQ_FALLING": 0x10210000, "OUT_PP": 1,
                "OUT_OD": 0x11, "AF_PP": 2, "AF_OD": 0x12},
}
RESET_CAUSES = {
    "esp32": {"PWRON_RESET": 1, "HARD_RESET": 2, "WDT_RESET": 3, "DEEPSLEEP_RESET": 4,
              "SOFT_RESET": 5},
    "rp2": {"PWRON_RESET": 1, "WDT_RESET": 3},
    "pyboard": {"PWRON_RESET": 1, "HARD_RESET": 2, "WDT_RESET": 3, "DEEPSLEEP_RESET": 4,
                "SOFT_RESET": 0},
}


class GuestHardware:
    """What the guest modules of one interpreter share.

    Guest callbacks (pin IRQs, timers) are queued and run by :meth:`run_pending`, which the
    board clock calls while the guest sleeps or reads the time, like MicroPython's scheduler
    runs them between bytecodes and while waiting. An exception in a callback is printed and
    the program continues, as on a real board.
    """

    def __init__(self, ctx: Any, board: Board):
        self.ctx = ctx
        self.board = board
        self.port = board.profile.platform
        self._pending: deque[tuple[Callable, tuple]] = deque()
        self._running = False
        board.clock.pending_hook = self.run_pending
        self.irq_depth = 0
        self.timed_events: list = []  # the guest's Timer/WDT events, cancelled on soft reset

    def shutdown(self) -> None:
        """A soft reset: the old program's timers and queued callbacks go away."""
        for event in self.timed_events:
            event.cancel()
        self.timed_events.clear()
        self._pending.clear()
        if self.board.clock.pending_hook == self.run_pending:
            self.board.clock.pending_hook = None

    @property
    def clock(self) -> Clock:
        return self.board.clock

    def schedule(self, fn: Callable, *args) -> None:
        self._pending.append((fn, args))

    def run_pending(self) -> None:
        if self._running or self.irq_depth:
            return
        self._running = True
        try:
            while self._pending:
                fn, args = self._pending.popleft()
                self.call_protected(fn, *args)
        finally:
            self._running = False

    def poll(self) -> None:
        """Give due timed events and queued callbacks a chance to run."""
        self.clock.run_due()

    def call_protected(self, fn: Callable, *args) -> None:
        try:
            self.ctx.call_guest(fn, *args)
        except Exception as exc:  # guest exceptions are host exception instances
            self.ctx.write_stdout(self.ctx.format_exception(exc))

    def pin_constant(self, name: str) -> int:
        return PIN_CONSTANTS[self.port][name]

    def sleep_ms(self, ms: float) -> None:
        self.clock.sleep_ns(int(ms * NS_PER_MS))


def hardware_for(ctx: Any) -> GuestHardware:
    """The GuestHardware of this interpreter (created on first use)."""
    hw = ctx.extra.get("board_hardware")
    if hw is None:
        if ctx.board is None:
            raise ImportError("no module named 'machine'")
        hw = ctx.extra["board_hardware"] = GuestHardware(ctx, ctx.board)
        ctx.extra["board_poll"] = hw.poll
    return hw
