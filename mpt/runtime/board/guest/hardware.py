"""Per-interpreter glue between the board and guest code: callbacks, the port, bindings."""

from __future__ import annotations

import threading
from collections import deque
from typing import Any, Callable

from mpt.runtime.board.board import Board, BoardResetRequest
from mpt.runtime.library.clock import NS_PER_MS, Clock

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
        self.port = board.profile.port  # the port's constants and behaviour
        self._pending: deque[tuple[Callable, tuple]] = deque()
        self._running = False
        board.clock.pending_hook = self.run_pending
        self.irq_depth = 0
        self.timed_events: list = []  # the guest's Timer/WDT events, cancelled on soft reset
        self._stopped = threading.Event()
        if not board.clock.virtual:
            threading.Thread(target=self._watch_real_time, daemon=True,
                             name="mpt-board-timers").start()

    # --- real time: events due while the guest computes ---------------------------------
    def _runtime(self):
        return getattr(getattr(self.ctx, "interpreter", None), "runtime", None)

    def _interrupt_cell(self):
        return getattr(self._runtime(), "interrupt_cell", None)

    def _watch_real_time(self) -> None:
        """Ask the VM to poll the clock at its next loop iteration when an event is due.

        In real time, timers and scheduled inputs must fire even while the guest runs a
        loop that never sleeps; the VM checks a shared cell at every loop iteration, and
        this thread puts a poll there (unless a Ctrl-C is already waiting in it).
        """
        clock = self.clock
        while not self._stopped.is_set():
            due = clock.peek_next_due_ns()
            now = clock.peek_ns()
            if due is not None and due <= now:
                runtime = self._runtime()
                cell = getattr(runtime, "interrupt_cell", None)
                if cell is not None and cell.cell_contents is runtime.idle_check:
                    cell.cell_contents = self._poll_from_guest
                self._stopped.wait(0.001)
            elif due is not None:
                self._stopped.wait(min(0.02, (due - now) / 1e9))
            else:
                self._stopped.wait(0.02)

    def _poll_from_guest(self) -> None:
        cell = self._interrupt_cell()
        if cell is not None and cell.cell_contents == self._poll_from_guest:
            self._runtime().rearm()
        self.clock.run_due()

    def request_reset(self, cause: str, message: str):
        """Reset the board: guest code cannot catch this for good. The request is raised
        now, again at every loop iteration and hardware access, and the run that made it
        ends as a reset (see session.GuestSession._run)."""
        request = BoardResetRequest(cause, message)
        self.board.pending_reset = request
        cell = self._interrupt_cell()
        if cell is not None:
            cell.cell_contents = self._raise_pending_reset
        raise request

    def _raise_pending_reset(self) -> None:
        if self.board.pending_reset is not None:
            raise self.board.pending_reset

    def check_interrupt(self) -> None:
        """Raise a pending reset or Ctrl-C now (called while sleeping or reading the clock)."""
        self._raise_pending_reset()
        cell = self._interrupt_cell()
        if cell is not None:
            pending = cell.cell_contents
            if pending is not None and pending != self._poll_from_guest:
                pending()

    def shutdown(self) -> None:
        """A soft reset: the old program's timers and queued callbacks go away."""
        self._stopped.set()
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
        self.check_interrupt()
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

    def touch(self) -> None:
        """A hardware access: in virtual time it costs a moment (so polling loops that wait
        for a scheduled input see time pass); in real time it gives due events a chance."""
        self.clock.now_ns()

    def call_hard_irq(self, fn: Callable, *args) -> bool:
        """Run a hard IRQ handler now; False (after printing it) if it raised."""
        try:
            self.ctx.call_guest(fn, *args)
        except Exception as exc:
            self.ctx.write_stdout("Uncaught exception in IRQ callback handler\n"
                                  + self.ctx.format_exception(exc))
            return False
        return True

    def pin_constant(self, name: str) -> int:
        return self.port.pin_constants[name]

    def sleep_ms(self, ms: float) -> None:
        self.clock.sleep_ns(int(ms * NS_PER_MS))


def guest_classes(attrs: dict[str, Any]) -> dict[str, Any]:
    """Make host classes print as MicroPython prints built-in types: <class 'Pin'>."""
    for value in attrs.values():
        if isinstance(value, type):
            value.__module__ = "builtins"
            value.__qualname__ = value.__name__
    return attrs


def bind(cls: type, hw: GuestHardware, mixins: tuple[type, ...] = (),
         omit: tuple[str, ...] = (), **attrs: Any) -> type:
    """The guest class ``cls`` (defined once, at module level) bound to one interpreter's
    hardware: a fresh subclass that carries ``hw`` and the per-interpreter state in
    ``attrs`` as class attributes, so interpreters never share state or constants.
    ``mixins`` are the port's extra methods for this class (they come first in the MRO);
    ``omit`` names methods the port's class lacks (then the class is a copy of ``cls``
    without them rather than a subclass)."""
    if not omit:
        return type(cls.__name__, (*mixins, cls), {"_hw": hw, **attrs})
    namespace = {name: value for name, value in vars(cls).items()
                 if name not in omit and name not in ("__dict__", "__weakref__")}
    return type(cls.__name__, (*mixins, *cls.__bases__), {**namespace, "_hw": hw, **attrs})


def hardware_for(ctx: Any) -> GuestHardware:
    """The GuestHardware of this interpreter (created on first use)."""
    hw = ctx.extra.get("board_hardware")
    if hw is None:
        if ctx.board is None:
            raise ImportError("no module named 'machine'")
        hw = ctx.extra["board_hardware"] = GuestHardware(ctx, ctx.board)
        ctx.extra["board_poll"] = hw.poll
    return hw
