"""A Ctrl-C always ends the guest, even while the host is stuck in C code.

The guest sees a Ctrl-C at the VM's next check point (mpt.runtime.board.sigint). Some host
operations never reach one and hold the interpreter for as long as they run: a catastrophic
regular expression in the C regex engine, the decimal text of a huge int, a struct of
billions of items. CPython's C-level signal handler still runs at once; its Python-level
handler, and so the guest's KeyboardInterrupt, waits until the C call returns.

So, just before the process confines itself, it forks. The child goes on (confines itself,
runs the guest) and the parent, outside the boundary, only watches:

* every signal the child receives is written by CPython's C handler to a pipe
  (``signal.set_wakeup_fd``) the parent reads: the parent knows at once that the child got
  a SIGINT, whatever the child is doing;
* the child's Python-level SIGINT handler tells a thread of the child, which writes to a
  second pipe once the guest has taken its KeyboardInterrupt (``answered``,
  ``answer_when_taken``): a guest that entered C code before its next check point keeps
  that thread from running;
* a terminal's Ctrl-C reaches the whole process group, the child included (siginfo tells it
  apart); a SIGINT sent with kill() is passed on to the child unless the child reports one
  of its own within SAME_SIGNAL_SECONDS (killpg reaches both); SIGTERM and SIGHUP are passed
  on;
* a SIGINT the child has not answered within ANSWER_SECONDS ends it with SIGKILL, and the
  parent prints ``mpt: error: interrupted`` and exits 130, the status of an interrupted run;
* otherwise the parent exits with the child's status (killed by a signal: by the same signal).

The child dies with the parent (PR_SET_PDEATHSIG). Linux only (it needs pidfd_open);
elsewhere nothing forks and a stuck guest ends only when its C call returns.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time
from typing import Callable

ANSWER_SECONDS = 1.0
ESCALATE_SECONDS = 1.0  # mpt.runtime.board.sigint's: a pending Ctrl-C raised where the host is
HEARD, TAKEN = b"h", b"t"  # the answers: the SIGINT handler ran; the guest took it
_SI_KERNEL = 0x80  # siginfo's si_code of a signal the kernel sent (a terminal's Ctrl-C)
# a SIGINT sent with kill() may have gone to the whole process group (killpg) or to this
# process alone: it is passed on if the child has not reported its own within this time
SAME_SIGNAL_SECONDS = 0.2
EXIT_INTERRUPTED = 130  # mpt.errors.EXIT_INTERRUPTED
_PR_SET_PDEATHSIG = 1
_PASSED_ON = (signal.SIGTERM, signal.SIGHUP)
WATCHED = (signal.SIGINT, *_PASSED_ON)

_answer_fd: int | None = None
_told_fd: int | None = None  # to the thread that answers once the guest took the interrupt
_pending: Callable[[], bool] | None = None
LOOK_AGAIN_S = 0.01


def answer_to(fd: int) -> None:
    """Answer on ``fd`` (a process that watches this one another way: the Python API's)."""
    global _answer_fd
    _answer_fd = fd


def answer_when_taken(pending: Callable[[], bool]) -> None:
    """From now on an answer waits until ``pending()`` is false: the guest has taken its
    KeyboardInterrupt. A guest that went into host C code after the SIGINT handler ran but
    before its next check point holds the interpreter, so the thread that answers cannot
    run, and the watcher ends the process as it should."""
    global _pending, _told_fd
    _pending = pending
    if _answer_fd is None or _told_fd is not None:
        return
    told_read, _told_fd = os.pipe()
    answer_fd = _answer_fd

    def answer() -> None:
        while os.read(told_read, 512):
            while _pending is not None and _pending():
                time.sleep(LOOK_AGAIN_S)
            try:
                os.write(answer_fd, TAKEN)
            except OSError:
                return

    threading.Thread(target=answer, daemon=True, name="mpt-sigint-answers").start()


def answered() -> None:
    """Called by the child's SIGINT handler once it asked the guest for a KeyboardInterrupt:
    the watcher hears at once that the handler ran (HEARD), and again when the guest has
    taken it (TAKEN, see answer_when_taken)."""
    for fd, what in ((_answer_fd, HEARD), (_told_fd, b"!")):
        if fd is not None:
            try:
                os.write(fd, what)
            except OSError:
                pass


def answer_deadline(answers: bytes, now: float, answer_by: float | None) -> float | None:
    """The watcher's side: when an interrupt must be answered by, given the answers just
    read. The handler ran (HEARD): the guest takes it at its next check point or, from a
    helper with none, by the escalation (mpt.runtime.board.sigint) after ESCALATE_SECONDS;
    only a guest that entered C code in between misses both, and is ended then. The guest
    took it (TAKEN): nothing is due."""
    if TAKEN in answers:
        return None
    if HEARD in answers and answer_by is not None:
        return now + ESCALATE_SECONDS + ANSWER_SECONDS
    return answer_by


def supervise() -> None:
    """Fork a watcher outside the boundary (see the module's text). Returns in the child;
    the parent never returns. Does nothing where it cannot work."""
    global _answer_fd
    if (not hasattr(os, "pidfd_open") or not sys.platform.startswith("linux")
            or threading.current_thread() is not threading.main_thread()
            or threading.active_count() > 1):  # fork() keeps only the calling thread
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # or both processes would write what is buffered
        except (AttributeError, OSError, ValueError):
            pass
    wake_read, wake_write = os.pipe()
    answer_read, answer_write = os.pipe()
    parent = os.getpid()
    # held until each side is ready for them: a Ctrl-C right after the fork must neither
    # raise in the parent (which would go on running the program) nor get past the child
    held = signal.pthread_sigmask(signal.SIG_BLOCK, WATCHED)
    child = os.fork()
    if child == 0:
        os.close(wake_read)
        os.close(answer_read)
        _die_with(parent)
        os.set_blocking(wake_write, False)
        signal.set_wakeup_fd(wake_write, warn_on_full_buffer=False)
        _answer_fd = answer_write
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return
    status = 1
    try:
        os.close(wake_write)
        os.close(answer_write)
        status = _watch(child, wake_read, answer_read)
    except BaseException:  # nothing the parent does may outlive the child or print
        pass
    os._exit(status)  # not sys.exit: the child owns every cleanup (temporary files, ...)


def _die_with(parent: int) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent was gone before prctl took effect
        os._exit(EXIT_INTERRUPTED)


def _watch(child: int, wake_read: int, answer_read: int) -> int:
    """The parent's loop; returns the exit status to leave with.

    The watched signals stay blocked in the parent; one thread takes them with their origin
    (sigwaitinfo): a SIGINT the terminal sent went to the child's process group too, one sent
    with kill() to the parent alone is passed on at once."""
    signal_read, signal_write = os.pipe()

    def take_signals() -> None:
        while True:
            info = signal.sigwaitinfo(WATCHED)
            from_terminal = info.si_code == _SI_KERNEL
            os.write(signal_write, bytes([info.si_signo, from_terminal]))

    threading.Thread(target=take_signals, daemon=True, name="mpt-watcher-signals").start()
    child_fd = os.pidfd_open(child)
    pass_on_at: float | None = None  # when to pass a SIGINT sent with kill() on to the child
    answer_by: float | None = None   # when an unanswered SIGINT ends the child
    child_sigint_at = -1.0
    while True:
        now = time.monotonic()
        timeouts = [moment - now for moment in (pass_on_at, answer_by) if moment is not None]
        ready = select.select([child_fd, wake_read, answer_read, signal_read], [], [],
                              max(0.0, min(timeouts)) if timeouts else None)[0]
        now = time.monotonic()
        if child_fd in ready:
            return _status_of(os.waitpid(child, 0)[1])
        if wake_read in ready and signal.SIGINT in os.read(wake_read, 512):
            child_sigint_at = now  # the child has it
            pass_on_at = None
            answer_by = answer_by or now + ANSWER_SECONDS
        if answer_read in ready:
            answer_by = answer_deadline(os.read(answer_read, 512), now, answer_by)
        if signal_read in ready:
            received = os.read(signal_read, 512)
            for number, from_terminal in zip(received[::2], received[1::2]):
                if number != signal.SIGINT:
                    os.kill(child, number)
                elif not from_terminal and now - child_sigint_at > SAME_SIGNAL_SECONDS:
                    # kill() of this process alone, or of the whole group (killpg, as a
                    # terminal would): passed on unless the child reports its own first
                    pass_on_at = now + SAME_SIGNAL_SECONDS
        if pass_on_at is not None and now >= pass_on_at:
            pass_on_at = None
            os.kill(child, signal.SIGINT)
        if answer_by is not None and now >= answer_by:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            os.write(2, b"mpt: error: interrupted\n")
            return EXIT_INTERRUPTED


def _status_of(wait_status: int) -> int:
    if os.WIFSIGNALED(wait_status):
        ended_by = os.WTERMSIG(wait_status)
        signal.signal(ended_by, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {ended_by})
        # to this thread: the signal thread, waiting for the watched ones, must not take it
        signal.pthread_kill(threading.get_ident(), ended_by)  # ends the parent as the child
        return 128 + ended_by
    return os.waitstatus_to_exitcode(wait_status)
