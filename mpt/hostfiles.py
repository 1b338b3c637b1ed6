"""Reading the user's input files from the host, bounded.

Every input file mpt reads whole (a script, a .mpy, a firmware image, a file to copy to a
board, a config) goes through :func:`read_input`, with the :class:`InputKind` saying what the
file is meant to be and how large such a file can sensibly be. A path naming something
endless (``/dev/zero``, a FIFO whose writer never stops, ``-`` fed by ``yes``) or a regular
file over the limit is refused with one clear :class:`~mpt.errors.InputFileError` naming the
file and the limit, instead of being read until memory runs out. A regular file's size is
checked before a byte is read; anything else is read in pieces and refused as soon as it
passes the limit.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO, NamedTuple

from mpt.errors import InputFileError

MIB = 2**20
_PIECE = 1 << 20


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


def read_stream(stream: BinaryIO, name: str, kind: InputKind) -> bytes:
    """All of ``stream`` (a pipe, a device, stdin), refused once it passes ``kind.limit``."""
    pieces: list[bytes] = []
    total = 0
    while True:
        piece = stream.read(min(_PIECE, kind.limit + 1 - total))
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        total += len(piece)
        if total > kind.limit:
            raise too_large(name, kind)
