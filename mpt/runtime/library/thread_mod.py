"""The guest's `_thread` module (py/modthread.c) on the ports built with MICROPY_PY_THREAD.

Each guest thread is a host thread, but only one of them runs guest code at a time: they pass
a baton (:class:`GuestThreads`), as threads pass the GIL on the esp32. The baton changes hands
at the same points in every run -- every ``switch_every`` backward jumps of the running thread
(the VM's interrupt cell, see Runtime.idle_check), a sleep, a lock that is taken, a thread's
end -- and always to the thread waiting longest, so a program under ``--virtual-time`` prints
the same thing each run. In real time a sleeping thread leaves the baton while the host sleeps.

How many threads may run, their idents and stack sizes are the port's (a :class:`ThreadPolicy`
on its Port class): the rp2 runs one extra thread on core1 ("core1 in use" while it runs),
the esp32 as many as memory allows. When the program ends (or the board soft-resets) the
threads still running are stopped, as the firmware cancels them: each gets the baton once
more and leaves guest code through :class:`~mpt.runtime.vm.helpers.ThreadExit`, which no
guest handler catches.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from contextlib import contextmanager

from mpt.runtime.library.thread_policy import ThreadPolicy
from mpt.runtime.vm import native
from mpt.runtime.vm.builtins_table import OSError as GuestOSError
from mpt.runtime.vm.exceptions import fix_exception
from mpt.runtime.vm.helpers import ThreadExit
from mpt.runtime.vm.objects import mp_repr

POLL_SECONDS = 0.05  # how often a waiting main thread looks for a Ctrl-C
STOP_DEADLINE_SECONDS = 2.0  # how long a stopped thread may take to leave guest code
# Address space for a guest thread's host stack (committed only as used). Smaller than the
# REPL's thread (mpt.runtime.vm.stack.THREAD_STACK_BYTES): the confined process's address
# space has room for a dozen of these besides the heap, and firmware threads recurse less
# deeply than the main one anyway (their stacks are a few KB).
GUEST_THREAD_STACK_BYTES = 32 << 20
# Virtual time: what a turn of ``switch_every`` backward jumps costs while a thread sleeps
# (roughly that many loop iterations of MicroPython on a microcontroller)
TURN_COST_NS = 100_000
HOST_SWITCH_INTERVAL_S = 0.0005  # CPython's GIL hand-over interval while guest threads run


_ALLOCATE = object()  # the key allocate_lock() makes locks with
DEFAULT_POLICY = ThreadPolicy()  # an interpreter without a board (the unix port's threads)


class _Thread:
    __slots__ = ("ident", "killed", "blocked_on", "wake_at")

    def __init__(self, ident: int):
        self.ident = ident
        self.killed = False
        self.blocked_on = None  # the lock it waits for
        self.wake_at: int | None = None  # virtual time: the instant its sleep ends


class GuestThreads:
    """The guest's threads and the baton they pass (see the module's docstring)."""

    def __init__(self, runtime, clock, policy: ThreadPolicy):
        self._runtime = runtime
        self._clock = clock
        self.policy = policy
        self._cond = threading.Condition(threading.Lock())
        self.main = _Thread(policy.main_ident)
        self._by_host: dict[int, _Thread] = {threading.get_ident(): self.main}
        self.current: _Thread | None = self.main
        self._ready: deque[_Thread] = deque()
        self._sleepers: list[tuple[int, int, _Thread]] = []  # virtual time: (wake, seq, thread)
        self._sleep_seq = 0
        self._started: list[_Thread] = []  # threads started and not finished
        self._serial = 0
        self._count = 0
        self._closed = False
        self._switch_interval: float | None = None  # the host's, while threads run

    # --- who runs -----------------------------------------------------------------------
    def me(self) -> _Thread | None:
        return self._by_host.get(threading.get_ident())

    def on_main(self) -> bool:
        return self._by_host.get(threading.get_ident()) is self.main

    def runs_scheduled(self) -> bool:
        """Whether the running thread may run micropython.schedule()'s callbacks."""
        return self.policy.gil or self.on_main()

    def tick(self) -> None:
        """A backward jump of the running thread (the cell's idle value while threads run)."""
        self._count += 1
        if self._count >= self.policy.switch_every:
            self._count = 0
            clock = self._clock
            if clock is not None and clock.virtual and self._sleepers:
                # in virtual time a turn costs time, so sleeping threads wake even while
                # the others compute
                clock.advance_virtual(clock.peek_ns() + TURN_COST_NS)
            self.yield_now()

    def sleep_virtual(self, target_ns: int) -> bool:
        """Virtual time: sleep until ``target_ns`` while the other threads run; False when
        no other thread could run before then (the caller just moves the clock on)."""
        me = self.me()
        if me is None:
            return False
        with self._cond:
            if me.killed:
                raise ThreadExit()
            if not self._ready and (not self._sleepers or self._sleepers[0][0] > target_ns):
                return False
            me.wake_at = target_ns
            self._sleepers.append((target_ns, self._sleep_seq, me))
            self._sleep_seq += 1
            self._sleepers.sort(key=lambda entry: entry[:2])
            self._pass_on()
            self._wait_turn(me)
        self._clock.advance_virtual(target_ns)
        return True

    def yield_now(self) -> None:
        """Let the thread waiting longest run (if any), then carry on."""
        me = self.me()
        if me is None:
            return
        with self._cond:
            if me.killed:
                raise ThreadExit()
            if not self._ready and not self._sleeper_due():
                return
            self._ready.append(me)
            self._pass_on()
            self._wait_turn(me)

    @contextmanager
    def outside(self):
        """Host code that waits (a real-time sleep) runs without the baton."""
        me = self.me()
        if me is None:
            yield
            return
        with self._cond:
            self._pass_on()
        try:
            yield
        finally:
            with self._cond:
                self._make_ready(me)
                self._wait_turn(me)

    def _pass_on(self) -> None:
        """(Holding the condition) the baton goes to the thread waiting longest (a sleeper
        whose time has come first), else to the sleeper due first (virtual time), else to
        nobody: the next thread that becomes ready takes it."""
        sleepers = self._sleepers
        if sleepers:
            now = self._clock.peek_ns()
            due = 0
            while due < len(sleepers) and sleepers[due][0] <= now:
                due += 1
            if due or not self._ready:
                entry = sleepers.pop(0)
                entry[2].wake_at = None
                self.current = entry[2]
                self._cond.notify_all()
                return
        self.current = self._ready.popleft() if self._ready else None
        self._cond.notify_all()

    def _sleeper_due(self) -> bool:
        return bool(self._sleepers) and self._sleepers[0][0] <= self._clock.peek_ns()

    def _forget_sleeper(self, thread: _Thread) -> None:
        if thread.wake_at is not None:
            self._sleepers = [e for e in self._sleepers if e[2] is not thread]
            thread.wake_at = None

    def _make_ready(self, thread: _Thread) -> None:
        if self.current is None:
            self.current = thread
            self._cond.notify_all()
        else:
            self._ready.append(thread)

    def _wait_turn(self, me: _Thread) -> None:
        while self.current is not me:
            self._cond.wait(POLL_SECONDS)
            if me is self.main and self._runtime.interrupt_pending and \
                    (me.blocked_on is not None or me.wake_at is not None):
                if me.blocked_on is not None:  # Ctrl-C ends the main thread's wait
                    me.blocked_on._remove_waiter(me)
                    me.blocked_on = None
                self._forget_sleeper(me)
                self._make_ready(me)
        if me.killed:
            raise ThreadExit()

    # --- locks --------------------------------------------------------------------------
    def wait_for(self, lock) -> None:
        """Block until ``lock`` is free and take it (the running thread holds the baton)."""
        me = self.me()
        with self._cond:
            while lock._is_taken():
                if me is None:  # not a guest thread: nothing can ever release it for us
                    raise RuntimeError("lock taken")
                lock._add_waiter(me)
                me.blocked_on = lock
                self._pass_on()
                self._wait_turn(me)
                if me is self.main and self._runtime.interrupt_pending:
                    self._runtime.interrupt_pending = False
                    self._runtime.rearm()
                    raise KeyboardInterrupt()
            lock._take()

    def wake(self, waiters: deque) -> None:
        """A lock was released: the threads waiting for it may run again."""
        with self._cond:
            while waiters:
                thread = waiters.popleft()
                thread.blocked_on = None
                self._make_ready(thread)

    # --- starting and stopping ----------------------------------------------------------
    def start(self, fn, args: tuple, kwargs: dict, report) -> int:
        policy = self.policy
        with self._cond:
            if self._closed or (policy.max_extra is not None and
                                len(self._started) >= policy.max_extra):
                raise GuestOSError(policy.busy_message)
            thread = _Thread(policy.ident(self._serial))
            self._serial += 1
            self._started.append(thread)
            self._ready.append(thread)
            if len(self._started) == 1:
                # the host hands its own GIL round faster, so a thread whose sleep ended
                # (real time) gets the baton soon after the running one offers it
                self._switch_interval = sys.getswitchinterval()
                sys.setswitchinterval(HOST_SWITCH_INTERVAL_S)
                self._runtime.idle_check = self.tick
                if self._runtime.interrupt_cell.cell_contents is None:
                    self._runtime.rearm()
                if self._clock is not None:
                    self._clock.threads = self
        old_size = threading.stack_size()
        threading.stack_size(GUEST_THREAD_STACK_BYTES)
        try:
            threading.Thread(target=self._entry, args=(thread, fn, args, kwargs, report),
                             daemon=True, name="mpt-guest-thread").start()
        except RuntimeError:  # no room for another host thread (the address-space cap)
            with self._cond:
                self._started.remove(thread)
                self._ready.remove(thread)
                if not self._started:
                    self._idle()
            raise GuestOSError(policy.busy_message) from None
        finally:
            threading.stack_size(old_size)
        if policy.own_core:
            self.yield_now()
        return thread.ident

    def _entry(self, me: _Thread, fn, args: tuple, kwargs: dict, report) -> None:
        host = threading.get_ident()
        try:
            with self._cond:
                self._by_host[host] = me
                self._wait_turn(me)
            fn(*args, **kwargs)
        except (ThreadExit, SystemExit):
            pass
        except BaseException as exc:  # noqa: BLE001 - the guest's uncaught exception
            report(fn, exc)
        finally:
            with self._cond:
                self._by_host.pop(host, None)
                if me in self._started:
                    self._started.remove(me)
                if not self._started:
                    self._idle()
                if self.current is me:
                    self._pass_on()
                elif me in self._ready:
                    self._ready.remove(me)
                self._cond.notify_all()

    def _idle(self) -> None:
        """(Holding the condition) no thread besides main: full speed again."""
        runtime = self._runtime
        if runtime.interrupt_cell.cell_contents is runtime.idle_check:
            runtime.interrupt_cell.cell_contents = None
        runtime.idle_check = None
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)
            self._switch_interval = None
        if self._clock is not None and self._clock.threads is self:
            self._clock.threads = None

    def shutdown(self) -> None:
        """The program is over: stop every other thread (each leaves guest code at once)."""
        import time as host_time

        with self._cond:
            if self._closed:
                return
            self._closed = True
            for thread in self._started:
                thread.killed = True
            for thread in list(self._started):
                if thread.blocked_on is not None:
                    thread.blocked_on._remove_waiter(thread)
                    thread.blocked_on = None
                self._forget_sleeper(thread)
                if thread in self._ready:
                    self._ready.remove(thread)
                self.current = thread
                self._cond.notify_all()
                deadline = host_time.monotonic() + STOP_DEADLINE_SECONDS
                while thread in self._started and host_time.monotonic() < deadline:
                    self._cond.wait(POLL_SECONDS)
            self._ready.clear()
            self._sleepers.clear()
            self.current = None
            self._idle()
            self._cond.notify_all()


class lock:  # noqa: N801 - the guest's type name (_thread.LockType)
    # one class for every interpreter (the guest cannot change a host class): each lock
    # holds its interpreter's GuestThreads, given by allocate_lock() with the key
    def __init__(self, *key):
        if len(key) != 2 or key[0] is not _ALLOCATE:  # only allocate_lock() makes one
            raise TypeError("can't create 'lock' instances")
        self._threads: GuestThreads = key[1]
        self._taken = False
        self._waiters: deque = deque()

    def acquire(self, waitflag=1, timeout=-1):
        # the timeout is accepted and not used, as in py/modthread.c
        wait = _int(waitflag)
        if not self._taken:
            self._taken = True
            return True
        if not wait:
            return False
        self._threads.wait_for(self)
        return True

    def release(self):
        if not self._taken:
            raise RuntimeError()
        self._taken = False
        if self._waiters:
            self._threads.wake(self._waiters)

    def locked(self):
        return self._taken

    __enter__ = acquire

    def __exit__(self, exc_type, exc, tb):
        self.release()

    # the scheduler's side
    def _is_taken(self):
        return self._taken

    def _take(self):
        self._taken = True

    def _add_waiter(self, thread):
        self._waiters.append(thread)

    def _remove_waiter(self, thread):
        if thread in self._waiters:
            self._waiters.remove(thread)


lock.__module__ = "builtins"


def make_module(ctx):
    board = ctx.board
    policy = DEFAULT_POLICY
    if board is not None:
        policy = board.profile.port.thread_policy
        if policy is None:
            raise ImportError("no module named '_thread'")
    interp = ctx.interpreter
    runtime = interp.runtime
    threads = runtime.threads
    if threads is None:
        threads = runtime.threads = GuestThreads(runtime, native.clock_for(ctx), policy)
    state = {"stack_size": 0}

    def report(fn, exc: BaseException) -> None:
        exc = fix_exception(exc, runtime.guest_oserror)
        interp.write_stdout("Unhandled exception in thread started by " + mp_repr(fn) + "\n"
                            + interp.format_exception(exc))

    def start_new_thread(fn, args, kwargs=None):
        if not isinstance(args, (tuple, list)):
            raise TypeError(f"object '{type(args).__name__}' isn't a tuple or list")
        if kwargs is not None and type(kwargs) is not dict:
            raise TypeError("expecting a dict for keyword args")
        return threads.start(fn, tuple(args), dict(kwargs or {}), report)

    def get_ident():
        me = threads.me()
        return (me or threads.main).ident

    def stack_size(*size):
        if len(size) > 1:
            raise TypeError("function expected at most 1 arguments, got %d" % len(size))
        previous = state["stack_size"]
        state["stack_size"] = _int(size[0]) if size else 0
        return previous

    def exit():  # noqa: A001 - the guest's name
        raise SystemExit()

    def allocate_lock():
        return lock(_ALLOCATE, threads)

    return {
        "__name__": "_thread",
        "LockType": lock,
        "get_ident": get_ident,
        "stack_size": stack_size,
        "start_new_thread": start_new_thread,
        "exit": exit,
        "allocate_lock": allocate_lock,
    }


def _int(value) -> int:
    """mp_obj_get_int: ints and bools only."""
    if isinstance(value, int):
        return int(value)
    raise TypeError("can't convert %s to int" % type(value).__name__)
