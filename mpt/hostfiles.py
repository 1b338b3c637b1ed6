"""Reading the user's input files from the host, bounded.

Every input file mpt reads whole (a script, a .mpy, a firmware image, a file to copy to a
board, a config) goes through :func:`read_input`, with the :class:`InputKind` saying what the
file is meant to be and how large such a file can sensibly be. A path naming something
endless (``/dev/zero``, a FIFO whose writer never stops, ``-`` fed by ``yes``) or a regular
file over the limit is refused with one clear :class:`~mpt.errors.InputFileError` naming the
file and the limit, instead of being read until memory runs out. A regular file's size is
checked before a byte is read; anything else is read in pieces and refused as soon as it
passes the limit.

A FIFO (named pipe) is opened without waiting for its writer: mpt waits at most
:data:`FIFO_WRITER_WAIT_S` seconds for a program to open it for writing, then refuses it with
an InputFileError, instead of blocking silently forever. Once a writer is there, its data is
read as it comes, however slowly.
"""

from __future__ import annotations

import os
import select
import stat
import sys
import time
from typing import BinaryIO, NamedTuple

from mpt.errors import InputFileError

MIB = 2**20
_PIECE = 1 << 20

FIFO_WRITER_WAIT_S = 10.0  # how long a FIFO may have no writer before it is refused
_WRITER_POLL_S = 0.05      # how often to look for that writer meanwhile


class InputKind(NamedTuple):
    what: str    # "a Python script", as in "too large for a Python script"
    limit: int   # bytes


# The largest flash of any supported board is 16 MiB: no program, .mpy or board file is
# larger. Firmware images get more room: Intel HEX doubles the bytes and ELF files carry
# symbols and sections that are never flashed.
SOURCE = InputKind("Python source file", 16 * MIB)
MPY = InputKind(".mpy file", 16 * MIB)
BOARD_FILE = InputKind("file to copy to a board", 16 * MIB)
CONFIG = InputKind("config file", 16 * MIB)
FIRMWARE = InputKind("firmware image", 128 * MIB)
ROMFS_IMAGE = InputKind("ROMFS image", 128 * MIB)


def too_large(name: str, kind: InputKind) -> InputFileError:
    return InputFileError(f"{name}: too large for a {kind.what} "
                          f"(over {_size_text(kind.limit)})")


def _size_text(limit: int) -> str:
    return f"{limit // MIB} MiB" if limit % MIB == 0 else f"{limit} bytes"


def read_input(path: str | os.PathLike, kind: InputKind, *, folder_hint: str = "") -> bytes:
    """The bytes of host file ``path``, at most ``kind.limit`` of them; ``"-"`` is stdin.

    InputFileError (exit 2) when the file cannot be read, is a folder (``folder_hint``
    is added to that message) or holds more than the limit.
    """
    name = os.fspath(path)
    try:
        if name == "-":
            return read_stream(sys.stdin.buffer, "<stdin>", kind)
        if _is_fifo(name):
            return _read_fifo(name, kind)
        with open(name, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(21, "Is a directory")
            if stat.S_ISREG(info.st_mode) and info.st_size > kind.limit:
                raise too_large(name, kind)
            return read_stream(handle, name, kind)
    except IsADirectoryError:
        raise InputFileError(f"cannot read {name}: it is a directory"
                             + (f" ({folder_hint})" if folder_hint else "")) from None
    except OSError as exc:
        raise InputFileError(f"cannot read {name}: {exc.strerror or exc}") from None


def read_stream(stream: BinaryIO, name: str, kind: InputKind, first: bytes = b"") -> bytes:
    """All of ``stream`` (a pipe, a device, stdin), refused once it passes ``kind.limit``
    (``first``: bytes already taken from it)."""
    pieces: list[bytes] = [first]
    total = len(first)
    if total > kind.limit:
        raise too_large(name, kind)
    while True:
        piece = stream.read(min(_PIECE, kind.limit + 1 - total))
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        total += len(piece)
        if total > kind.limit:
            raise too_large(name, kind)


def _is_fifo(name: str) -> bool:
    if not hasattr(os, "O_NONBLOCK"):
        return False  # no FIFOs to open this way (Windows)
    try:
        return stat.S_ISFIFO(os.stat(name).st_mode)
    except OSError:
        return False  # open() reports it


def _read_fifo(name: str, kind: InputKind) -> bytes:
    """A FIFO's bytes: opened without blocking, so that a missing writer is noticed."""
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK)  # never waits for a writer
    try:
        first, ended = _wait_for_writer(fd, name)
        if ended:
            return first
        os.set_blocking(fd, True)  # a writer is there: wait for its data as long as it takes
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        return read_stream(handle, name, kind, first)


def _wait_for_writer(fd: int, name: str) -> tuple[bytes, bool]:
    """Wait (up to FIFO_WRITER_WAIT_S) until a program has FIFO ``fd`` open for writing.

    Returns (bytes already read, whether the FIFO has ended). A non-blocking read of an empty
    FIFO fails with EAGAIN while a writer holds it open and returns end-of-file when none
    does; a writer that came and went shows as the FIFO being readable (hang-up) although
    nothing is left to read.
    """
    deadline = time.monotonic() + FIFO_WRITER_WAIT_S
    while True:
        hung_up = bool(select.select([fd], [], [], 0)[0])
        try:
            data = os.read(fd, _PIECE)
        except BlockingIOError:
            return b"", False  # a writer holds it open and has not written yet
        if data or hung_up:
            return data, not data
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise InputFileError(
                f"cannot read {name}: it is a FIFO (named pipe) that no program opened for "
                f"writing within {FIFO_WRITER_WAIT_S:g} s")
        # wakes at once when a writer writes (or opens and closes again)
        select.select([fd], [], [], min(remaining, _WRITER_POLL_S))
