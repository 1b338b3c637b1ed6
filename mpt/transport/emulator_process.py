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
"""

from __future__ import annotations

import fcntl
import logging
import os
import select
import socket
import struct
import subprocess
import sys
import termios
import threading
import time

from serial.serialutil import SerialException

from mpt.errors import ConnectionFailed, UsageError
from mpt.transport.emulated import url_flag

log = logging.getLogger("mpt.transport")

START_WAIT_S = 60.0  # the child's start-up (imports, the board's build) on a loaded machine
CLOSE_WAIT_S = 10.0
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
    arguments = emulate_arguments(options)
    ours, theirs = socket.socketpair()
    try:
        process = subprocess.Popen(
            [*MPT_COMMAND, "emulate", "--socket-fd", str(theirs.fileno()), *arguments],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            pass_fds=(theirs.fileno(),), start_new_session=True)
    except OSError as exc:
        ours.close()
        raise ConnectionFailed(f"cannot start the emulated board: {exc}") from exc
    finally:
        theirs.close()
    try:
        _wait_until_served(process, name)
    except BaseException:
        ours.close()
        _end(process)
        raise
    return EmulatorPort(ours, process, name)


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
        threading.Thread(target=_log_stderr, args=(process.stderr,), daemon=True,
                         name="mpt-emulator-stderr").start()
        return
    _, err = process.communicate()  # (reads all it says, however much, while it ends)
    said = err.decode("utf-8", "replace").strip().splitlines()
    message = said[-1] if said else f"the emulated board ended (status {process.returncode})"
    message = message.removeprefix("mpt: error: ")
    raise (UsageError if process.returncode == 2 else ConnectionFailed)(
        f"cannot open {name}: {message}")


def _log_stderr(stream) -> None:
    """What the child says on stderr (its banner, warnings) goes to the log (-v shows it)."""
    for line in stream:
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
    """The pyserial-like end of the socket pair; the other end is the child's board."""

    def __init__(self, sock: socket.socket, process: subprocess.Popen, name: str):
        self._socket_pair_end = sock
        self.process = process
        self.port = name
        self.timeout: float | None = None
        self.is_open = True

    @property
    def in_waiting(self) -> int:
        waiting = fcntl.ioctl(self._socket_pair_end, termios.FIONREAD, b"\0\0\0\0")
        return struct.unpack("i", waiting)[0]

    def read(self, size: int = 1) -> bytes:
        if not self.is_open:
            raise SerialException("the emulated board's port is closed")
        ready, _, _ = select.select([self._socket_pair_end], [], [], self.timeout)
        if not ready:
            return b""
        data = self._socket_pair_end.recv(size)
        if not data:
            raise SerialException("the emulated board has shut down")
        return data

    def write(self, data: bytes) -> int:
        if not self.is_open:
            raise SerialException("the emulated board's port is closed")
        self._socket_pair_end.sendall(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if not self.is_open:
            return
        self.is_open = False
        try:
            self._socket_pair_end.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._socket_pair_end.close()
        _end(self.process)
