# Lock (guest code).

from . import core


class Lock:
    def __init__(self):
        # state: 0 free, 1 held, or the waiting Task it has just been handed to.
        self.state = 0
        self.waiting = core.TaskQueue()

    def locked(self):
        return self.state == 1

    def release(self):
        if self.state != 1:
            raise RuntimeError("Lock not acquired")
        if self.waiting.peek():
            # Hand the lock straight to the next waiter.
            self.state = self.waiting.pop()
            core._task_queue.push(self.state)
        else:
            self.state = 0

    def acquire(self):
        if self.state != 0:
            self.waiting.push(core.cur_task)
            core.cur_task.data = self.waiting
            try:
                yield
            except core.CancelledError as er:
                if self.state == core.cur_task:
                    # Cancelled just after being handed the lock: pass it on.
                    self.state = 1
                    self.release()
                raise er
        self.state = 1
        return True

    async def __aenter__(self):
        return await self.acquire()

    async def __aexit__(self, exc_type, exc, tb):
        return self.release()
