"""The guest's `select` module (also `uselect`): poll() and select() on the board clock.

What can be polled, and how its readiness is found:

* guest objects with an ``ioctl(req, flags)`` method (io.IOBase-style streams, such as
  asyncio.ThreadSafeFlag): ``ioctl(3, flags)`` (MicroPython's MP_STREAM_POLL request);
* host objects with a ``_mpt_poll(flags)`` method (board peripherals may provide it; one
  whose readiness comes from the host, a socket, also says ``_mpt_host_io = True``: virtual
  time then runs at the pace of real time while it is watched);
* host objects with ``any()`` (machine.UART): readable when received bytes wait, always
  writable;
* sys.stdin (readable when the host's standard input has data, or, when the embedder
  supplies guest input itself, when ``ctx.extra["stdin_ready"]()`` says so), sys.stdout,
  sys.stderr.

Waiting uses the board clock: in virtual time the clock jumps to the next timed event (a
scheduled UART input, a timer whose callback may set a flag) or to the timeout, so nothing
waits for real; readiness is checked again after each jump.
"""

from __future__ import annotations

import errno
import select as host_select
import sys
import time as host_time
from typing import Callable

from mpt.runtime.library.clock import NS_PER_MS, Clock
from mpt.runtime.library.guestclass import copy_class
from mpt.runtime.vm.native import clock_for
from mpt.runtime.vm.objects import is_guest_object

POLLIN = 0x0001
POLLOUT = 0x0004
POLLERR = 0x0008
POLLHUP = 0x0010
STREAM_POLL = 3  # the ioctl request asking a stream for its readiness
FLAG_ONESHOT = 1
REAL_TIME_SLICE_NS = NS_PER_MS  # how often readiness is checked while waiting in real time
IDLE_SLICE_NS = 20 * NS_PER_MS  # real time, nothing polled: the clock's own sleep slice
IDLE_STEP_NS = 10 * NS_PER_MS  # virtual time: the step when nothing scheduled could wake us
HOST_IDLE_S = 0.001


def _board_clock(ctx):
    return clock_for(ctx) or Clock()


def _not_a_stream() -> OSError:
    return OSError("stream operation not supported")


def _host_io(entries: dict) -> bool:
    """Whether an object watched is made ready by the host (a socket: ``_mpt_host_io``)."""
    return any(getattr(entry[0], "_mpt_host_io", False) for entry in entries.values())


def _timeout_ms(value) -> int:
    """poll()'s timeout argument: None or a negative number mean no timeout (-1)."""
    if value is None:
        return -1
    if isinstance(value, float):
        raise TypeError("can't convert float to int")
    if not isinstance(value, int):
        raise TypeError(f"can't convert {type(value).__name__} to int")
    return value if value >= 0 else -1


class _Poll:
    # each interpreter's select.poll is a copy naming its functions (_build): the readiness
    # function of a polled object, and the wait on the board clock
    _readiness_of: Callable
    _wait_until_ready: Callable

    def __init__(self):
        # id(obj) -> [obj, events, revents, readiness function]
        self._entries: dict[int, list] = {}
        self._flags = 0
        self._iter_left = 0
        self._iter_keys: list[int] = []

    def register(self, obj, eventmask=POLLIN | POLLOUT):
        entry = self._entries.get(id(obj))
        if entry is None:
            self._entries[id(obj)] = [obj, int(eventmask), 0, self._readiness_of(obj)]
        else:
            entry[1] = int(eventmask)
        return None

    def unregister(self, obj):
        self._entries.pop(id(obj), None)
        return None

    def modify(self, obj, eventmask):
        entry = self._entries.get(id(obj))
        if entry is None:
            raise OSError(errno.ENOENT)
        entry[1] = int(eventmask)
        return None

    def _poll_once(self) -> int:
        n_ready = 0
        for entry in list(self._entries.values()):
            entry[2] = entry[3](entry[1])
            if entry[2]:
                n_ready += 1
        return n_ready

    def _wait(self, timeout, flags) -> int:
        self._flags = int(flags)
        return self._wait_until_ready(self._poll_once, _timeout_ms(timeout),
                                      bool(self._entries), _host_io(self._entries))

    def poll(self, timeout=-1):
        self._wait(timeout, 0)
        return [(e[0], e[2]) for e in self._entries.values() if e[2]]

    def ipoll(self, timeout=-1, flags=0):
        self._iter_left = self._wait(timeout, flags)
        self._iter_keys = [k for k, e in self._entries.items() if e[2]]
        return self

    def __iter__(self):
        return self

    def __next__(self):
        while self._iter_left > 0 and self._iter_keys:
            entry = self._entries.get(self._iter_keys.pop(0))
            if entry is None or not entry[2]:
                continue
            self._iter_left -= 1
            if self._flags & FLAG_ONESHOT:
                entry[1] = 0
            return (entry[0], entry[2])
        self._iter_left = 0
        raise StopIteration

    def __repr__(self):
        return "<poll>"


def make_module(ctx):
    # select and uselect are one module: both names get the same objects
    made = ctx.extra.get("select_module")
    if made is None:
        made = ctx.extra["select_module"] = _build(ctx)
    return dict(made)


def _build(ctx):
    clock = _board_clock(ctx)
    interpreter = ctx.interpreter
    runtime = interpreter.runtime

    def guest_sys():
        return runtime.import_name("sys", None, 0, {})

    def stdin_ready() -> bool:
        probe = ctx.extra.get("stdin_ready")
        if probe is not None:
            return bool(probe())
        if getattr(interpreter, "_stdin", None) is not None:
            return True  # a line source given by the embedder, which cannot be asked
        try:
            readable, _, _ = host_select.select([sys.stdin], [], [], 0)
        except (OSError, ValueError, TypeError):
            return True
        return bool(readable)

    def ioctl_readiness(obj):
        def ready(events: int) -> int:
            ret = ctx.call_guest(obj.ioctl, STREAM_POLL, events)
            if not isinstance(ret, int):
                raise TypeError(f"can't convert {type(ret).__name__} to int")
            if ret < 0:
                raise OSError(-ret)  # io.IOBase's convention: a negative errno
            return ret
        return ready

    def receiver_readiness(obj):
        def ready(events: int) -> int:
            return (POLLOUT | (POLLIN if obj.any() else 0)) & events
        return ready

    def stdin_readiness(events: int) -> int:
        return events & POLLIN if stdin_ready() else 0

    def output_readiness(events: int) -> int:
        return events & POLLOUT

    def readiness_of(obj):
        """The function giving ``obj``'s ready events for a mask, or OSError if ``obj`` is
        not a stream."""
        if is_guest_object(obj) and callable(getattr(obj, "ioctl", None)):
            return ioctl_readiness(obj)
        probe = getattr(obj, "_mpt_poll", None)
        if probe is not None:
            return probe
        if callable(getattr(obj, "any", None)):
            return receiver_readiness(obj)
        module = guest_sys()
        for stream, readiness in ((module.stdin, stdin_readiness),
                                  (module.stdout, output_readiness),
                                  (module.stderr, output_readiness)):
            if obj is stream or obj is getattr(stream, "buffer", None):
                return readiness
        raise _not_a_stream()

    def check_interrupt() -> None:
        pending = runtime.interrupt_cell.cell_contents
        if pending is not None:
            pending()  # Ctrl-C (KeyboardInterrupt), scheduled callbacks, due board events

    def wait_until_ready(poll_once, timeout_ms: int, watching: bool = True,
                         host_io: bool = False) -> int:
        """Call ``poll_once()`` (returns how many objects are ready) until some are ready
        or ``timeout_ms`` (-1: none) has passed on the board clock. ``watching``: whether
        any object is polled at all."""
        clock.run_due()
        check_interrupt()  # pending callbacks run first, as mp_handle_pending does
        if timeout_ms == 0:  # (the scheduler's poll between tasks: keep it cheap)
            return poll_once()
        start = clock.now_ns()
        deadline = None if timeout_ms < 0 else start + timeout_ms * NS_PER_MS
        while True:
            n_ready = poll_once()
            now = clock.peek_ns()
            if n_ready or (deadline is not None and now >= deadline):
                return n_ready
            check_interrupt()
            if clock.virtual and host_io:
                # the host's network decides when a socket is ready: virtual time runs
                # alongside real time while one is watched, it cannot jump ahead of it
                host_time.sleep(REAL_TIME_SLICE_NS / 1e9)
                step = REAL_TIME_SLICE_NS
                if deadline is not None:
                    step = min(step, deadline - now)
                clock.sleep_ns(max(0, step))
            elif clock.virtual:
                target = deadline
                upcoming = clock.next_event_ns()
                if upcoming is not None and (target is None or upcoming < target):
                    target = upcoming
                if target is None:
                    # only the host (stdin) could make something ready: let it, without
                    # spinning, while the board idles
                    target = now + IDLE_STEP_NS
                    host_time.sleep(HOST_IDLE_S)
                clock.sleep_ns(max(0, target - now))
            else:
                # with nothing to watch only the clock matters: longer slices (Ctrl-C and
                # board events are still handled between them)
                step = REAL_TIME_SLICE_NS if watching else IDLE_SLICE_NS
                if deadline is not None:
                    step = min(step, deadline - now)
                clock.sleep_ns(step)

    def select(rlist, wlist, xlist, timeout=None):
        if timeout is None:
            timeout_ms = -1
        else:
            if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
                raise TypeError(f"can't convert {type(timeout).__name__} to float")
            timeout_ms = max(-1, int(timeout * 1000))
        wanted: dict[int, list] = {}
        for objs, events in ((rlist, POLLIN), (wlist, POLLOUT), (xlist, POLLERR | POLLHUP)):
            for obj in objs:
                entry = wanted.get(id(obj))
                if entry is None:
                    wanted[id(obj)] = [obj, events, 0, readiness_of(obj)]
                else:
                    entry[1] |= events

        def poll_once() -> int:
            n = 0
            for entry in wanted.values():
                entry[2] = entry[3](entry[1])
                n += bool(entry[2])
            return n

        wait_until_ready(poll_once, timeout_ms, bool(wanted), _host_io(wanted))
        ready_r = [e[0] for e in wanted.values() if e[2] & POLLIN]
        ready_w = [e[0] for e in wanted.values() if e[2] & POLLOUT]
        ready_x = [e[0] for e in wanted.values() if e[2] & ~(POLLIN | POLLOUT)]
        return (ready_r, ready_w, ready_x)

    poll = copy_class(_Poll, "poll", _readiness_of=staticmethod(readiness_of),
                      _wait_until_ready=staticmethod(wait_until_ready))
    return {"poll": poll, "select": select, "POLLIN": POLLIN, "POLLOUT": POLLOUT,
            "POLLERR": POLLERR, "POLLHUP": POLLHUP}
