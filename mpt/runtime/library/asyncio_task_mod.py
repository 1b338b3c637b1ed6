"""The guest's `_asyncio` module: Task and TaskQueue, the part of asyncio MicroPython has in C.

The rest of asyncio is MicroPython-compatible Python source (mpt/runtime/library/frozen/asyncio),
which imports this module as real firmware imports its built-in ``_asyncio``.

TaskQueue is a pairing heap ordered by ``ph_key`` (a ticks_ms value, compared with
ticks_diff), melding and pairing exactly as MicroPython's heap does: that fixes the order in
which tasks due at the same tick run (tests compare it with the C heap over random
push/pop/remove sequences).

A Task is awaitable: awaiting it registers the awaiting task on the Task's waiting queue
(``state``), and once the Task is done the awaiting coroutine gets its result (``data`` is
then the StopIteration carrying the value, or the exception that ended it).
"""

from __future__ import annotations

from typing import Callable

from mpt.runtime.library.guestclass import copy_class


# --- the pairing heap (nodes are Tasks; links live in _child/_child_last/_next/_parent);
# ``diff`` is the interpreter's time.ticks_diff


def _meld(first, second, diff):
    """Join two heaps; on equal keys ``second`` stays on top, so ``first`` runs later."""
    if first is None:
        return second
    if second is None:
        return first
    if diff(first.ph_key, second.ph_key) < 0:
        top, sub = first, second
        if top._child is None:
            top._child = sub
        else:
            top._child_last._next = sub
        top._child_last = sub
        sub._next = None
        sub._parent = top
        return top
    top, sub = second, first
    sub._next = top._child
    top._child = sub
    if sub._next is None:
        top._child_last = sub
        sub._parent = top
    return top


def _merge_pairs(child, diff):
    """Meld a list of siblings two by two, left to right (the pairing pass)."""
    heap = None
    while child is not None:
        a = child
        child = a._next
        a._next = None
        if child is not None:
            b = child
            child = b._next
            b._next = None
            a = _meld(a, b, diff)
        heap = _meld(heap, a, diff)
    if heap is not None:
        heap._parent = None
    return heap


def _delete(heap, node, diff):
    if node is heap:
        child = node._child
        node._child = None
        return _merge_pairs(child, diff)
    if node._next is None and node._parent is None:
        return heap  # not in this heap
    last = node
    while last._next is not None:
        last = last._next
    parent = last._parent
    if node is parent._child and node._child is None:
        parent._child = node._next
        if node._next is None:
            parent._child_last = None
        node._next = None
        node._parent = None
        return heap
    following = node._next
    replacement = _merge_pairs(node._child, diff)
    node._child = None
    node._next = None
    node._parent = None
    if parent._child is node:
        before = None
    else:
        before = parent._child
        while before._next is not node:
            before = before._next
    if replacement is None:
        if before is None:
            parent._child = following
            if following is None:
                parent._child_last = None
            return heap
        replacement = before
    elif before is None:
        parent._child = replacement
    else:
        before._next = replacement
    replacement._next = following
    if following is None:
        replacement._parent = parent
        parent._child_last = replacement
    else:
        replacement._parent = None
    return heap


class _TaskQueue:
    # each interpreter's TaskQueue is a copy naming its clock (make_module)
    _ticks: Callable  # time.ticks_ms
    _diff: Callable  # time.ticks_diff

    __slots__ = ("_heap",)

    def __init__(self):
        self._heap = None

    def peek(self):
        return self._heap

    def push(self, task, key=None):
        task.data = None
        task.ph_key = self._ticks() if key is None else key
        task._next = task._parent = None
        self._heap = _meld(task, self._heap, self._diff)

    def pop(self):
        top = self._heap
        if top is None:
            raise IndexError("empty heap")
        child = top._child
        top._child = top._child_last = None
        self._heap = _merge_pairs(child, self._diff)
        return top

    def remove(self, task):
        self._heap = _delete(self._heap, task, self._diff)

    def __repr__(self):
        return "<TaskQueue>"


class _Task:
    """A coroutine scheduled by the asyncio core; its module globals are the context."""

    # each interpreter's Task is a copy naming its clock, its TaskQueue and Task classes and
    # the asyncio core's globals (``_shared["context"]``, set by the first Task made with
    # them) (make_module)
    _ticks: Callable
    _diff: Callable
    _queue: type
    _task: type
    _shared: dict

    __slots__ = ("coro", "data", "state", "ph_key", "_child", "_child_last", "_next",
                 "_parent")

    def __init__(self, coro, context=None):
        self.coro = coro
        self.data = None
        # True: running; None: done, not awaited; False: done and awaited;
        # a TaskQueue: tasks awaiting it; a callable: called when done (gather).
        self.state = True
        self.ph_key = 0
        self._child = self._child_last = self._next = self._parent = None
        if context is not None:
            self._shared["context"] = context

    def done(self):
        return self.state is None or self.state is False

    def cancel(self):
        if self.done():
            return False
        context = self._shared["context"]
        if self is context.get("cur_task"):
            raise RuntimeError("can't cancel self")
        target = self
        while isinstance(target.data, self._task):
            target = target.data  # cancel what it waits for; the error comes back here
        queue = context["_task_queue"]
        remove = getattr(target.data, "remove", None)
        if remove is not None:
            remove(target)
            queue.push(target)
        elif self._diff(target.ph_key, self._ticks()) > 0:
            queue.remove(target)
            queue.push(target)
        target.data = context["CancelledError"]
        return True

    def __iter__(self):
        if self.done():
            self.state = False  # the result has been collected by an awaiter
        elif self.state is True:
            self.state = self._queue()
        elif type(self.state) is not self._queue:
            raise RuntimeError("can't wait")
        return self

    def __next__(self):
        if self.done():
            raise self.data
        waiter = self._shared["context"]["cur_task"]
        self.state.push(waiter)
        waiter.data = self
        return None

    def __repr__(self):
        return "<Task>"


def make_module(ctx):
    runtime = ctx.interpreter.runtime
    time_module = runtime.import_name("time", None, 0, {})

    def ticks():
        return time_module.ticks_ms()

    def ticks_diff(a, b):
        return time_module.ticks_diff(a, b)

    clock = {"_ticks": staticmethod(ticks), "_diff": staticmethod(ticks_diff)}
    task_queue = copy_class(_TaskQueue, "TaskQueue", **clock)
    task = copy_class(_Task, "Task", _queue=task_queue, _shared={"context": {}}, **clock)
    task._task = task
    return {"Task": task, "TaskQueue": task_queue}
