"""The guest's `asyncio` module: MicroPython's asyncio API on a small host-side scheduler.

Guest coroutines are host generators (see mpt.runtime.translate), so awaitables here are
host generators too: ``await asyncio.sleep(1)`` delegates to a generator that yields a
request to the scheduler (sleep, wait for a task, wait for an event). Time comes from the
board's ``time`` module, so programs run in virtual time when the board does.

Provided: run, sleep, sleep_ms, create_task, current_task, gather, wait_for, wait_for_ms,
Task (cancel/done/await), Event, Lock, ThreadSafeFlag, CancelledError, TimeoutError,
get_event_loop/new_event_loop (run_until_complete, run_forever, create_task, stop, close).
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque


class CancelledError(BaseException):
    pass


class TimeoutError(Exception):  # noqa: A001 - MicroPython's asyncio.TimeoutError
    pass


for _cls in (CancelledError, TimeoutError):
    _cls.__module__ = "builtins"

_SLEEP, _WAIT_TASK, _WAIT_EVENT = "sleep", "task", "event"


def _completed(value):
    """An awaitable that is already done."""
    return value
    yield  # noqa: unreachable - makes this a generator


def make_module(ctx):
    rt = ctx.interpreter.runtime
    time_mod = rt.import_module("time", None, 0, {})
    ticks_ms = time_mod.ticks_ms
    ticks_diff = time_mod.ticks_diff
    sleep_ms_host = time_mod.sleep_ms
    seq = itertools.count()

    class Task:
        def __init__(self, coro):
            self.coro = coro
            self.finished = False
            self.result = None
            self.exception = None
            self.waiters: list = []
            self.pending_cancel = False
            self.sleeping = None  # heap entry while asleep
            self.blocked = False  # waiting for a task or an event

        def done(self):
            return self.finished

        def cancel(self):
            if self.finished:
                return False
            loop.cancel(self)
            return True

        def __iter__(self):
            if not self.finished:
                yield (_WAIT_TASK, self)
            if self.exception is not None:
                raise self.exception
            return self.result

        __await__ = __iter__

        def __repr__(self):
            return f"<Task>"

    Task.__module__ = "builtins"

    class Loop:
        def __init__(self):
            self.ready: deque = deque()
            self.sleepers: list = []
            self.current = None
            self.stopped = False
            self.exc_handler = None

        def create_task(self, coro):
            if isinstance(coro, Task):
                return coro
            task = Task(coro)
            self.ready.append((task, None, None))
            return task

        def wake(self, task, value=None, exc=None):
            task.blocked = False
            if task.sleeping is not None:
                task.sleeping[2] = None
                task.sleeping = None
            self.ready.append((task, value, exc))

        def cancel(self, task):
            if task is self.current:
                task.pending_cancel = True
                return
            if any(t is task for t, _, _ in self.ready):
                task.pending_cancel = True
                return
            self.wake(task, exc=CancelledError())

        def finish(self, task, result=None, exc=None):
            task.finished = True
            task.result = result
            task.exception = exc
            for waiter in task.waiters:
                self.wake(waiter)
            task.waiters = []
            if exc is not None and not isinstance(exc, CancelledError) and \
                    task.retrieve_default and not task.awaited:
                interp = ctx.interpreter
                interp.write_stdout("Task exception wasn't retrieved\n"
                                    f"future: {task!r} coro= {task.coro!r}\n")
                interp.write_stdout(interp.format_exception(exc))

        def step(self, task, value, exc):
            if task.pending_cancel and exc is None:
                task.pending_cancel = False
                exc = CancelledError()
            self.current = task
            try:
                if exc is not None:
                    request = task.coro.throw(exc)
                else:
                    request = task.coro.send(value)
            except StopIteration as stop:
                self.finish(task, result=stop.value)
                return
            except BaseException as err:  # the guest task raised
                if isinstance(err, (KeyboardInterrupt, SystemExit)):
                    raise
                self.finish(task, exc=err)
                return
            finally:
                self.current = None
            if request is None:
                self.ready.append((task, None, None))
            elif request[0] == _SLEEP:
                entry = [ticks_ms() + request[1], next(seq), task]
                task.sleeping = entry
                heapq.heappush(self.sleepers, entry)
            elif request[0] == _WAIT_TASK:
                target = request[1]
                target.awaited = True
                if target.finished:
                    self.ready.append((task, None, None))
                else:
                    task.blocked = True
                    target.waiters.append(task)
            elif request[0] == _WAIT_EVENT:
                request[1].waiting.append(task)
                task.blocked = True
            else:
                self.ready.append((task, None, None))

        def run_until(self, main):
            while not main.finished and not self.stopped:
                self.run_once()

        def run_once(self):
            if self.ready:
                task, value, exc = self.ready.popleft()
                if not task.finished:
                    self.step(task, value, exc)
                return
            while self.sleepers and self.sleepers[0][2] is None:
                heapq.heappop(self.sleepers)
            if not self.sleepers:
                raise RuntimeError("no runnable tasks: the program would wait forever")
            wake_at, _, task = self.sleepers[0]
            delay = ticks_diff(wake_at, ticks_ms())
            if delay > 0:
                sleep_ms_host(delay)
                return
            heapq.heappop(self.sleepers)
            task.sleeping = None
            self.ready.append((task, None, None))

        # the event-loop object API
        def run_until_complete(self, aw):
            task = self.create_task(aw)
            self.run_until(task)
            if task.exception is not None:
                raise task.exception
            return task.result

        def run_forever(self):
            self.stopped = False
            while not self.stopped:
                self.run_once()

        def stop(self):
            self.stopped = True

        def close(self):
            pass

        def set_exception_handler(self, handler):
            self.exc_handler = handler

        def get_exception_handler(self):
            return self.exc_handler

    Loop.__module__ = "builtins"
    Task.retrieve_default = True
    Task.awaited = False
    loop = Loop()

    def sleep_ms(ms):
        if ms <= 0:
            yield None
        else:
            yield (_SLEEP, int(ms))

    def sleep(seconds):
        return sleep_ms(int(seconds * 1000))

    def create_task(coro):
        return loop.create_task(coro)

    def current_task():
        return loop.current

    def run(coro):
        return loop.run_until_complete(coro)

    def gather(*aws, return_exceptions=False):
        tasks = [loop.create_task(aw) for aw in aws]
        results = []
        for t in tasks:
            try:
                results.append((yield from t.__iter__()))
            except CancelledError:
                raise
            except Exception as err:  # noqa: BLE001 - gathered on request
                if not return_exceptions:
                    raise
                results.append(err)
        return results

    def wait_for_ms(aw, timeout_ms):
        task = loop.create_task(aw)
        timed_out = []

        def watchdog():
            yield from sleep_ms(timeout_ms)
            if not task.finished:
                timed_out.append(True)
                task.cancel()

        if timeout_ms is not None:
            loop.create_task(watchdog())
        try:
            return (yield from task.__iter__())
        except CancelledError:
            if timed_out:
                raise TimeoutError() from None
            raise

    def wait_for(aw, timeout):
        return wait_for_ms(aw, None if timeout is None else int(timeout * 1000))

    class Event:
        def __init__(self):
            self.state = False
            self.waiting: list = []

        def is_set(self):
            return self.state

        def set(self):
            self.state = True
            for task in self.waiting:
                loop.wake(task)
            self.waiting = []

        def clear(self):
            self.state = False

        def wait(self):
            if not self.state:
                yield (_WAIT_EVENT, self)
            return True

    class ThreadSafeFlag(Event):
        def wait(self):
            if not self.state:
                yield (_WAIT_EVENT, self)
            self.state = False

    class Lock:
        def __init__(self):
            self.holder = None
            self.event = Event()

        def locked(self):
            return self.holder is not None

        def acquire(self):
            while self.holder is not None:
                self.event.clear()
                yield from self.event.wait()
            self.holder = loop.current
            return True

        def release(self):
            if self.holder is None:
                raise RuntimeError("Lock not acquired")
            self.holder = None
            self.event.set()

        def __aenter__(self):
            return self.acquire()

        def __aexit__(self, exc_type, exc, tb):
            self.release()
            return _completed(None)

    for cls in (Event, ThreadSafeFlag, Lock):
        cls.__module__ = "builtins"

    return {
        "run": run, "sleep": sleep, "sleep_ms": sleep_ms, "create_task": create_task,
        "current_task": current_task, "gather": gather, "wait_for": wait_for,
        "wait_for_ms": wait_for_ms, "Task": Task, "Event": Event, "Lock": Lock,
        "ThreadSafeFlag": ThreadSafeFlag, "CancelledError": CancelledError,
        "TimeoutError": TimeoutError, "get_event_loop": lambda *a: loop,
        "new_event_loop": lambda: loop, "Loop": Loop,
    }
