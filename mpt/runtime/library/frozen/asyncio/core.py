# asyncio for mpt's emulated board: the scheduler, sleeping, and waiting on streams.
#
# Guest code (MicroPython-compatible). Task and TaskQueue come from the built-in _asyncio
# module. Time is the board clock's ticks_ms, and waiting happens in select.poll's ipoll,
# so with --virtual-time a long sleep takes no real time.
#
# Task life cycle, as MicroPython's asyncio keeps it in Task.state:
#   True       running, nobody awaits it yet
#   TaskQueue  running, the queue holds the tasks awaiting it
#   callable   running, to be called with (task, exception) when it ends (used by gather)
#   None       finished, the outcome not collected yet
#   False      finished and collected
# Task.data: while queued somewhere, the object it waits on (a queue with remove(), or a
# Task); when it is to be woken with an exception, that exception; when finished, the
# StopIteration or exception that ended it.

from time import ticks_ms as ticks, ticks_diff, ticks_add
import sys, select

from _asyncio import TaskQueue, Task


class CancelledError(BaseException):
    pass


class TimeoutError(Exception):
    pass


# The context handed to the exception handler (one dict, reused).
_exc_context = {"message": "Task exception wasn't retrieved", "exception": None, "future": None}


class SingletonGenerator:
    # What sleep_ms returns: yields once after queueing the current task at its wake-up
    # time, then finishes. One instance is reused, so sleeping allocates nothing.

    def __init__(self):
        self.state = None

    def __iter__(self):
        return self

    def __next__(self):
        wake_at = self.state
        if wake_at is None:
            raise StopIteration
        self.state = None
        _task_queue.push(cur_task, wake_at)
        return None


def sleep_ms(t, sgen=SingletonGenerator()):
    assert sgen.state is None
    sgen.state = ticks_add(ticks(), max(0, t))
    return sgen


def sleep(t):
    return sleep_ms(int(t * 1000))


class IOQueue:
    # Tasks waiting for a stream to become readable or writable, and the poller watching
    # those streams. map: id(stream) -> [reader task, writer task, stream].

    def __init__(self):
        self.poller = select.poll()
        self.map = {}

    def _enqueue(self, s, idx):
        entry = self.map.get(id(s))
        if entry is None:
            entry = [None, None, s]
            entry[idx] = cur_task
            self.map[id(s)] = entry
            self.poller.register(s, select.POLLOUT if idx else select.POLLIN)
        else:
            assert entry[idx] is None
            assert entry[1 - idx] is not None
            entry[idx] = cur_task
            self.poller.modify(s, select.POLLIN | select.POLLOUT)
        cur_task.data = self  # so that cancelling the task takes it off this queue

    def _dequeue(self, s):
        del self.map[id(s)]
        self.poller.unregister(s)

    def queue_read(self, s):
        self._enqueue(s, 0)

    def queue_write(self, s):
        self._enqueue(s, 1)

    def remove(self, task):
        while True:
            found = None
            for key in self.map:
                entry = self.map[key]
                if entry[0] is task or entry[1] is task:
                    found = entry[2]
                    break
            if found is None:
                return
            self._dequeue(found)

    def wait_io_event(self, dt):
        for s, ev in self.poller.ipoll(dt):
            entry = self.map[id(s)]
            if ev & ~select.POLLOUT and entry[0] is not None:
                _task_queue.push(entry[0])  # readable, or an error: wake the reader
                entry[0] = None
            if ev & ~select.POLLIN and entry[1] is not None:
                _task_queue.push(entry[1])  # writable, or an error: wake the writer
                entry[1] = None
            if entry[0] is None and entry[1] is None:
                self._dequeue(s)
            else:
                self.poller.modify(s, select.POLLIN if entry[0] is not None else select.POLLOUT)


def _promote_to_task(aw):
    return aw if isinstance(aw, Task) else create_task(aw)


def create_task(coro):
    if not hasattr(coro, "send"):
        raise TypeError("coroutine expected")
    t = Task(coro, globals())
    _task_queue.push(t)
    return t


def run_until_complete(main_task=None):
    global cur_task
    excs_all = (CancelledError, Exception)
    excs_stop = (CancelledError, StopIteration)
    while True:
        # Sleep in the poller until the first queued task is due (dt < 0: until a stream
        # is ready; a last poll with dt == 0 also wakes streams that became ready).
        dt = 1
        while dt > 0:
            dt = -1
            t = _task_queue.peek()
            if t:
                dt = max(0, ticks_diff(t.ph_key, ticks()))
            elif not _io_queue.map:
                cur_task = None
                if not main_task or not main_task.state:
                    return  # nothing left that could run
                dt = 3  # the main task waits with nothing to wake it: idle, as firmware does
            _io_queue.wait_io_event(dt)

        t = _task_queue.pop()
        cur_task = t
        try:
            exc = t.data
            if not exc:
                t.coro.send(None)
            else:
                t.data = None
                if t.state is None or t.state is False:
                    # A finished task queued again so its uncollected exception gets
                    # reported: resuming a finished coroutine just stops it.
                    raise StopIteration
                t.coro.throw(exc)
        except excs_all as er:
            assert t.data is None
            awaited = t is main_task
            if awaited:
                cur_task = None
                if not isinstance(er, StopIteration):
                    t.state = False
                    raise er
                if t.state is None:
                    t.state = False
            state = t.state
            if state:
                if state is True:
                    t.state = False if awaited else None
                elif callable(state):
                    state(t, er)
                    t.state = False
                    awaited = True
                else:
                    while state.peek():
                        _task_queue.push(state.pop())
                        awaited = True
                    t.state = False
                if not awaited and not isinstance(er, excs_stop):
                    # Nobody awaits this task: unless somebody collects the exception
                    # before the task comes round again, the exception handler reports it.
                    _task_queue.push(t)
                t.data = er
            elif state is None:
                t.data = exc
                _exc_context["exception"] = exc
                _exc_context["future"] = t
                Loop.call_exception_handler(_exc_context)
            if t is main_task:
                return er.value


def run(coro):
    return run_until_complete(create_task(coro))


async def _stopper():
    pass


cur_task = None
_stop_task = None


class Loop:
    _exc_handler = None

    def create_task(coro):
        return create_task(coro)

    def run_forever():
        global _stop_task
        _stop_task = Task(_stopper(), globals())
        run_until_complete(_stop_task)

    def run_until_complete(aw):
        return run_until_complete(_promote_to_task(aw))

    def stop():
        global _stop_task
        if _stop_task is not None:
            _task_queue.push(_stop_task)
            _stop_task = None

    def close():
        pass

    def set_exception_handler(handler):
        Loop._exc_handler = handler

    def get_exception_handler():
        return Loop._exc_handler

    def default_exception_handler(loop, context):
        print(context["message"], file=sys.stderr)
        print("future:", context["future"], "coro=", context["future"].coro, file=sys.stderr)
        sys.print_exception(context["exception"], sys.stderr)

    def call_exception_handler(context):
        (Loop._exc_handler or Loop.default_exception_handler)(Loop, context)


def get_event_loop(runq_len=0, waitq_len=0):
    return Loop


def current_task():
    if cur_task is None:
        raise RuntimeError("no running event loop")
    return cur_task


def new_event_loop():
    global _task_queue, _io_queue
    _task_queue = TaskQueue()
    _io_queue = IOQueue()
    return Loop


new_event_loop()
