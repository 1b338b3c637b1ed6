"""Per-interpreter glue between the board and guest code: callbacks, the port, bindings."""

from __future__ import annotations

import threading
import weakref
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
        self._watch_lock = threading.Lock()
        self._watcher: threading.Thread | None = None
        # what else ends with the program (its open sockets): called by shutdown()
        self.shutdown_hooks: list[Callable[[], None]] = []
        if not board.clock.virtual:
            board.clock.schedule_hook = self._arm_watcher
            self._arm_watcher()  # events the board scheduled before (board-file inputs)

    # --- check points: events due and callbacks queued while the guest computes ----------
    def _runtime(self):
        return getattr(getattr(self.ctx, "interpreter", None), "runtime", None)

    def _interrupt_cell(self):
        return getattr(self._runtime(), "interrupt_cell", None)

    def _request_poll(self) -> None:
        """Have the VM run :meth:`poll` at its next check point (a loop back-edge)."""
        runtime = self._runtime()
        if runtime is not None:
            if runtime.poll_hook is None:
                runtime.poll_hook = self.poll
            runtime.request_poll()

    def _arm_watcher(self) -> None:
        """Real time: make sure a thread watches the clock while events are scheduled.

        The thread ends when no live event is left, when the hardware shuts down, and when
        the hardware itself is garbage (it holds only a weak reference between looks), so
        a board nobody closed keeps no thread alive.
        """
        if self._stopped.is_set() or self.clock.peek_next_live_due_ns() is None:
            return
        with self._watch_lock:
            if self._watcher is None:
                self._watcher = threading.Thread(
                    target=_watch_real_time, args=(weakref.ref(self), self._stopped),
                    daemon=True, name="mpt-board-timers")
                self._watcher.start()

    def _watch_once(self) -> float | None:
        """One look at the clock for the watcher: seconds to wait, or None to end.

        In real time, timers and scheduled inputs must fire even while the guest runs a
        loop that never sleeps; the VM checks a shared cell at every loop iteration, and
        the watcher asks the runtime to put a poll there when an event is due.
        """
        clock = self.clock
        with self._watch_lock:
            due = clock.peek_next_live_due_ns()
            if due is None:
                self._watcher = None  # the next event scheduled starts a new one
                return None
        now = clock.peek_ns()
        if due <= now:
            self._request_poll()
            return 0.001
        return min(0.02, (due - now) / 1e9)

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
            if pending is not None:
                pending()

    def shutdown(self) -> None:
        """A soft reset: the old program's timers and queued callbacks go away."""
        self._stopped.set()
        for hook in self.shutdown_hooks:
            hook()
        self.shutdown_hooks.clear()
        for event in self.timed_events:
            event.cancel()
        self.timed_events.clear()
        self._pending.clear()
        runtime = self._runtime()
        if runtime is not None and runtime.poll_hook == self.poll:
            runtime.poll_hook = None
        if self.board.clock.pending_hook == self.run_pending:
            self.board.clock.pending_hook = None
        if self.board.clock.schedule_hook == self._arm_watcher:
            self.board.clock.schedule_hook = None

    @property
    def clock(self) -> Clock:
        return self.board.clock

    def schedule(self, fn: Callable, *args) -> None:
        """Queue a soft IRQ callback: it runs at the guest's next check point (a loop
        back-edge, a sleep, a clock read), as mp_sched_schedule's callbacks do."""
        self._pending.append((fn, args))
        self._request_poll()

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

    def sleep_ms(self, ms: float) -> None:
        self.clock.sleep_ns(int(ms * NS_PER_MS))


def _watch_real_time(hardware: weakref.ref, stopped: threading.Event) -> None:
    """The watcher thread of one GuestHardware (see GuestHardware._arm_watcher)."""
    while not stopped.is_set():
        hw = hardware()
        if hw is None:
            return
        wait = hw._watch_once()
        del hw  # no strong reference while waiting: an unreferenced board can go
        if wait is None:
            return
        stopped.wait(wait)


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
