"""SIGINT while guest code runs in this process (`mpt run`, mpt-micropython).

CPython's own handler raises KeyboardInterrupt wherever the host happens to be: inside a
runtime helper half-way through its work, or (CPython 3.11 and 3.12) at a loop back-edge
where the guest's ``try`` does not see it, so the guest's ``except``/``finally`` never run.
The unix port instead records the Ctrl-C and raises it at the VM's next check point (a
backward jump, a sleep, the end of the program), and a second Ctrl-C while the first is
still pending ends the program at once. This handler does the same: the first SIGINT asks
the runtime for a KeyboardInterrupt; a second one, or one while the guest waits in a host
read that the signal cannot end, raises it right away.

A Ctrl-C the guest has not taken ESCALATE_SECONDS later (the host is busy in a helper with no
check point, such as a regular expression that backtracks for minutes) is raised where the
host is, as a second Ctrl-C would be. Host C code that never lets a signal handler run is
ended from outside by mpt.runtime.board.supervisor.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from mpt.runtime.vm.runtime import Runtime

from mpt.runtime.board import supervisor

ESCALATE_SECONDS = supervisor.ESCALATE_SECONDS


@contextlib.contextmanager
def sigint_to_guest(runtime_of: Callable[[], Runtime]) -> Iterator[None]:
    """Route SIGINT to the runtime ``runtime_of()`` returns, while the block runs.

    Only in the main thread and only over CPython's default handler: a program that set
    its own (``mpt emulate``, an application embedding the runtime) keeps it.
    """
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return

    def on_sigint(signum, frame) -> None:
        runtime = runtime_of()
        if runtime.interrupt_pending or runtime.blocked_in_read:
            supervisor.answered()  # the guest is told: the watcher outside need not end it
            raise KeyboardInterrupt()
        runtime.request_interrupt()
        supervisor.answered()  # (once the request is there to be seen)
        if escalate:
            signal.setitimer(signal.ITIMER_REAL, ESCALATE_SECONDS)

    def on_alarm(signum, frame) -> None:
        runtime = runtime_of()
        threads = getattr(runtime, "threads", None)
        if runtime.interrupt_pending and (threads is None or threads.on_main()):
            runtime.take_interrupt()
            raise KeyboardInterrupt()

    supervisor.answer_when_taken(lambda: runtime_of().interrupt_pending)
    # the alarm only where nobody else uses it (an application embedding the runtime might)
    escalate = hasattr(signal, "setitimer") and \
        signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    if escalate:
        signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if escalate:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
