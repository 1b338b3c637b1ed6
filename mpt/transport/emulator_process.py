"""The emulated board in a child process: `mpt emulate --socket-fd`, reached over a socket pair.

This is how `mpt -p emu` (every board command, `mpt repl`, `mpt mount`) gets the same OS
boundary as `mpt run` and `mpt emulate` (mpt.runtime.board.confine): the guest runs in a
process that confines itself once its board is built, while this process, which must read
and write the user's files (`mpt cp`, `mpt sync`), is left alone. The child is in a session of
its own, so a Ctrl-C on the terminal reaches mpt only; mpt passes it on as the byte 0x03, as
to a real board.

`start_emulator` returns a pyserial-like port (read, write, in_waiting, timeout, close) for
mpt.transport.link.Link. Closing it closes the socket and the child's stdin, which ends the
child; one that has not ended after CLOSE_WAIT_S is killed.

The port also watches the child, as mpt.runtime.board.supervisor watches `mpt run`: a guest
stuck in host C code (a backtracking regular expression, a huge power) holds the child's
interpreter, so not even the thread that reads the line runs to see a Ctrl-C. Each Ctrl-C
written is counted until the child reports (on a pipe, `--answer-fd`) that its guest took
it or that it was plain input; one unanswered after ANSWER_SECONDS gets the child killed and
a fresh one started on the same flash: the board resets, as a watchdog resets a real one,
and whoever reads the port sees its boot banner. `mpt emulate --pty/--tcp` serves its board
through such a port too (it relays the bytes), so a client's Ctrl-C always ends a hang.
"""

from __future__ import annotations

import fcntl
import logging
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import threading
import time
from typing import Callable

from serial.serialutil import SerialException

from mpt.errors import ConnectionFailed, MptError, UsageError
from mpt.transport.emulated import url_flag

log = logging.getLogger("mpt.transport")

START_WAIT_S = 60.0  # the child's start-up (imports, the board's build) on a loaded machine
CLOSE_WAIT_S = 10.0
# a Ctrl-C the child has not answered within this time (its guest is stuck in host C code)
# ends it, and a fresh board takes its place (as mpt.runtime.board.supervisor for `mpt run`)
ANSWER_SECONDS = 1.0
CTRL_C = 0x03
# how the child is started: `MPT_COMMAND + ["emulate", ...]` (a test may run mpt another way)
MPT_COMMAND = [sys.executable, "-m", "mpt"]
# emu:// URL options and the `mpt emulate` options they become (flags have no value)
_OPTIONS = {"board": "--board", "flash": "--flash", "flash_image": "--flash-image",
            "board_file": "--board-file", "virtual_time": "--virtual-time",
            "romfs_size": "--romfs-size", "romfs": "--romfs", "net": "--net"}
_SWITCHES = ("virtual_time", "net")


def runs_in_child(options: dict) -> bool:
    """Whether a board with these emu:// options can run in a child process: on POSIX
    systems, unless it needs an executor registered in this process."""
    return os.name == "posix" and (options.get("executor") or "vm") == "vm"


def emulate_arguments(options: dict) -> list[str]:
    """`mpt emulate` options for emu:// URL options (an unknown one is a usage error)."""
    arguments = []
    for key, value in options.items():
        if key == "executor" or value in (None, ""):
            continue
        flag = _OPTIONS.get(key)
        if flag is None:
            raise UsageError(f"unknown emu:// option {key!r} (known: "
                             f"{', '.join(sorted(_OPTIONS))})")
        if key in _SWITCHES:
            if url_flag(value):
                arguments.append(flag)
        else:
            arguments += [flag, str(value)]
    return arguments



def start_emulator(options: dict, name: str) -> EmulatorPort:
    """Start `mpt emulate` for these emu:// options; its port once the board is served.

    A child that ends before serving (an unknown board, a flash folder it cannot use)
    raises its own error: UsageError when it exited with the usage status 2."""
    return start_board_process(emulate_arguments(options), name,
                               on_reset=lambda: log.warning(
                                   "%s: the board did not answer Ctrl-C within %g s: reset",
                                   name, ANSWER_SECONDS))


def start_board_process(arguments: list[str], name: str, *,
                        stderr_sink: Callable[[bytes], object] | None = None,
                        on_reset: Callable[[], object] | None = None) -> EmulatorPort:
    """Start `mpt emulate ARGUMENTS` serving its board on a socket pair, watched (see the
    module's text); its port once the board is served. ``name`` names the port in errors
    (empty: the child's error is raised as it is, with its exit status). ``stderr_sink`` takes what the
    child says on stderr, line by line (default: the log); ``on_reset`` is called when a
    board that did not answer a Ctrl-C has been replaced by a fresh one."""
    port = EmulatorPort(arguments, name, stderr_sink, on_reset)
    port.start()
    return port


class _Child:
    """One `mpt emulate --socket-fd` process and the two channels to it."""

    def __init__(self, arguments: list[str], name: str,
                 stderr_sink: Callable[[bytes], object] | None):
        ours, theirs = socket.socketpair()
        answers, answer_end = os.pipe()
        try:
            self.process = subprocess.Popen(
                [*MPT_COMMAND, "emulate", "--socket-fd", str(theirs.fileno()),
                 "--answer-fd", str(answer_end), *arguments],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                pass_fds=(theirs.fileno(), answer_end), start_new_session=True)
        except OSError as exc:
            ours.close()
            os.close(answers)
            raise ConnectionFailed(f"cannot start the emulated board: {exc}") from exc
        finally:
            theirs.close()
            os.close(answer_end)
        self.socket = ours
        self.answers = answers
        self._stderr_thread: threading.Thread | None = None
        try:
            _wait_until_served(self.process, name)
        except BaseException:
            self.end()
            raise
        self._stderr_thread = threading.Thread(
            target=_pass_stderr, args=(self.process.stderr, stderr_sink), daemon=True,
            name="mpt-emulator-stderr")
        self._stderr_thread.start()

    def end(self, *, kill: bool = False) -> None:
        """Close the channels (which ends the child) and wait for it; killed if ``kill`` or
        if it has not ended after CLOSE_WAIT_S."""
        if kill:  # its whole session: the network broker it forked too
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except OSError:
                self.process.kill()
        try:
            self.socket.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.socket.close()
        os.close(self.answers)
        _end(self.process)
        if self._stderr_thread is not None:  # all it said is passed on before we go on
            self._stderr_thread.join(CLOSE_WAIT_S)


def _wait_until_served(process: subprocess.Popen, name: str) -> None:
    """Wait for the child's address line; raise the child's error if it ends first."""
    assert process.stdout is not None and process.stderr is not None
    deadline = time.monotonic() + START_WAIT_S
    line = b""
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ConnectionFailed(f"the emulated board did not start within {START_WAIT_S:g} s")
        ready, _, _ = select.select([process.stdout], [], [], remaining)
        if ready:
            byte = os.read(process.stdout.fileno(), 1)
            if not byte:
                break
            line += byte
    if line.startswith(b"socket-fd:"):
        return
    _, err = process.communicate()  # (reads all it says, however much, while it ends)
    said = err.decode("utf-8", "replace").strip().splitlines()
    message = said[-1] if said else f"the emulated board ended (status {process.returncode})"
    message = message.removeprefix("mpt: error: ")
    if not name:  # `mpt emulate` serving: the child's own error and exit status
        raise MptError(message, exit_code=process.returncode if process.returncode > 0 else 1)
    raise (UsageError if process.returncode == 2 else ConnectionFailed)(
        f"cannot open {name}: {message}")


def _pass_stderr(stream, sink: Callable[[bytes], object] | None) -> None:
    """What the child says on stderr (its banner, warnings, --trace lines): to ``sink``, or
    to the log (-v shows it)."""
    for line in stream:
        if sink is not None:
            sink(line)
        else:
            log.info("emulated board: %s", line.decode("utf-8", "replace").rstrip())


def _end(process: subprocess.Popen) -> None:
    for stream in (process.stdin, process.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    try:
        process.wait(timeout=CLOSE_WAIT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class EmulatorPort:
    """The pyserial-like end of the socket pair; the other end is the child's board.

    Each Ctrl-C written counts until the child answers it (mpt.transport.ctrl_c_answers);
    one left unanswered for ANSWER_SECONDS (the guest is stuck in host C code that no
    check point reaches) gets the child killed and a fresh board started on the same
    flash, as a watchdog resets a real board. That is checked while the port is read (and
    written), so a reader that keeps reading sees the fresh board's banner."""

    def __init__(self, arguments: list[str], name: str,
                 stderr_sink: Callable[[bytes], object] | None = None,
                 on_reset: Callable[[], object] | None = None):
        self._arguments = arguments
        self._stderr_sink = stderr_sink
        self._on_reset = on_reset
        self.port = name
        self.timeout: float | None = None
        self.is_open = False
        self._lock = threading.RLock()  # the child may be replaced while others write
        self._child: _Child | None = None
        self._unanswered = 0
        self._answer_by: float | None = None
        self.resets = 0

    def start(self) -> None:
        self._child = _Child(self._arguments, self.port, self._stderr_sink)
        self.is_open = True

    @property
    def process(self) -> subprocess.Popen:
        return self._current().process

    def _current(self) -> _Child:
        child = self._child
        if child is None or not self.is_open:
            raise SerialException("the emulated board's port is closed")
        return child

    @property
    def in_waiting(self) -> int:
        waiting = fcntl.ioctl(self._current().socket, termios.FIONREAD, b"\0\0\0\0")
        return struct.unpack("i", waiting)[0]

    def read(self, size: int = 1) -> bytes:
        end = None if self.timeout is None else time.monotonic() + self.timeout
        while True:
            child = self._current()
            wait = None if end is None else max(0.0, end - time.monotonic())
            answer_by = self._answer_by
            if answer_by is not None:  # no longer than until an unanswered Ctrl-C is due
                due = max(0.0, answer_by - time.monotonic())
                wait = due if wait is None else min(wait, due)
            sock_fd = child.socket.fileno()
            try:
                ready, _, _ = select.select([sock_fd, child.answers], [], [], wait)
            except (OSError, ValueError):  # closed by another thread meanwhile
                self._current()
                continue
            if child.answers in ready:
                self._take_answers(child)
            if sock_fd in ready:
                try:
                    data = child.socket.recv(size)
                except OSError:
                    data = b""
                if data:
                    return data
                if child is self._child:
                    raise SerialException("the emulated board has shut down")
            self._reset_if_unanswered()
            if end is not None and time.monotonic() >= end:
                return b""

    def _take_answers(self, child: _Child) -> None:
        try:
            answered = len(os.read(child.answers, 4096))
        except OSError:
            answered = 0
        with self._lock:
            if child is not self._child:
                return
            self._unanswered = max(0, self._unanswered - answered)
            if not self._unanswered:
                self._answer_by = None
            elif answered:  # the next Ctrl-C has its own time
                self._answer_by = time.monotonic() + ANSWER_SECONDS

    def _reset_if_unanswered(self) -> None:
        with self._lock:
            if self._answer_by is None or time.monotonic() < self._answer_by \
                    or not self.is_open:
                return
            stuck = self._current()
            self._child = None
            self._unanswered = 0
            self._answer_by = None
            stuck.end(kill=True)
            try:
                self._child = _Child(self._arguments, self.port, self._stderr_sink)
            except MptError as exc:
                self.is_open = False
                raise SerialException(f"the emulated board did not come back: {exc}") from exc
            self.resets += 1
        if self._on_reset is not None:
            self._on_reset()

    def write(self, data: bytes) -> int:
        with self._lock:
            child = self._current()
            interrupts = data.count(CTRL_C)
            if interrupts:
                self._unanswered += interrupts
                if self._answer_by is None:
                    self._answer_by = time.monotonic() + ANSWER_SECONDS
        try:
            child.socket.sendall(data)
        except OSError as exc:
            if child is self._child:
                raise SerialException(f"the emulated board has shut down: {exc}") from exc
            # (a board being reset loses what was on its way to it, as a real one does)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        with self._lock:
            if not self.is_open:
                return
            self.is_open = False
            child, self._child = self._child, None
        if child is not None:
            child.end()
