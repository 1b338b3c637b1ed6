# Event and ThreadSafeFlag (guest code).

import io

from . import core


class Event:
    def __init__(self):
        self.state = False
        self.waiting = core.TaskQueue()

    def is_set(self):
        return self.state

    def set(self):
        # Wake every waiter (they run in the order they started waiting).
        while self.waiting.peek():
            core._task_queue.push(self.waiting.pop())
        self.state = True

    def clear(self):
        self.state = False

    def wait(self):
        if not self.state:
            self.waiting.push(core.cur_task)
            core.cur_task.data = self.waiting
            yield
        return True


class ThreadSafeFlag(io.IOBase):
    # Set from an interrupt handler, awaited by one task. It is a stream for select.poll
    # (ioctl request 3 asks for readiness), so the scheduler's poller wakes the waiter.

    def __init__(self):
        self.state = 0

    def ioctl(self, req, flags):
        if req == 3:
            return self.state * flags
        return -1

    def set(self):
        self.state = 1

    def clear(self):
        self.state = 0

    async def wait(self):
        if not self.state:
            yield core._io_queue.queue_read(self)
        self.state = 0
