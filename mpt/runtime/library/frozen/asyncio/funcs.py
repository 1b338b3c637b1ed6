# wait_for and gather (guest code).

from . import core


async def _run(waiter, aw):
    # Await aw for wait_for; when aw ends first, wake the waiter by cancelling its sleep,
    # with the outcome carried in the CancelledError: (True, result) or (exception, None).
    try:
        result = await aw
        status = True
    except BaseException as er:
        result = None
        status = er
    if waiter.data is None and waiter.cancel():
        waiter.data = core.CancelledError(status, result)


async def wait_for(aw, timeout, sleep=core.sleep):
    aw = core._promote_to_task(aw)
    if timeout is None:
        return await aw
    runner_task = core.create_task(_run(core.cur_task, aw))
    try:
        await sleep(timeout)
    except core.CancelledError as er:
        status = er.args[0] if er.args else None
        if status is None:
            # Cancelled from outside: cancel aw too.
            runner_task.cancel()
            raise er
        if status is True:
            return er.args[1]
        raise status
    # Timed out: stop aw and wait until it has finished unwinding.
    runner_task.cancel()
    await runner_task
    raise core.TimeoutError


def wait_for_ms(aw, timeout):
    return wait_for(aw, timeout, core.sleep_ms)


class _Remove:
    # The data of a gather task while it waits: cancelling it has no queue to leave.
    @staticmethod
    def remove(t):
        pass


def gather(*aws, return_exceptions=False):
    def done(t, er):
        # Called by the scheduler when sub-task t ends with er (StopIteration or error).
        nonlocal state
        if gather_task.data is not _Remove:
            return  # the gather task is already woken (an error, or it was cancelled)
        if not return_exceptions and not isinstance(er, StopIteration):
            state = er
        else:
            state -= 1
            if state:
                return
        core._task_queue.push(gather_task)

    ts = [core._promote_to_task(aw) for aw in aws]
    # state: how many sub-tasks are still awaited; negative when one already failed.
    state = 0
    for i in range(len(ts)):
        sub = ts[i]
        if sub.state is True:
            sub.state = done
            state += 1
        elif not sub.state:
            if not isinstance(sub.data, StopIteration) and not return_exceptions:
                state = -len(ts)
        else:
            raise RuntimeError("can't gather")

    gather_task = core.cur_task
    cancel_all = False
    if state > 0:
        gather_task.data = _Remove
        try:
            yield
        except core.CancelledError as er:
            cancel_all = True
            state = er

    for i in range(len(ts)):
        sub = ts[i]
        if sub.state is done:
            sub.state = True
            if cancel_all:
                sub.cancel()
        elif isinstance(sub.data, StopIteration):
            ts[i] = sub.data.value
        elif return_exceptions:
            ts[i] = sub.data
        elif isinstance(state, int):
            state = sub.data

    if state:
        raise state
    return ts
