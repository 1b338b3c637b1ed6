"""What a board answers to the file-system code, and what that means: the typed errors an
answer maps to (an OSError by its errno, an answer of the wrong shape), and the shapes answers
are read into (entries, listings, capabilities), each checked as it is read."""

from __future__ import annotations

import calendar
import functools
import re
from contextlib import contextmanager
from dataclasses import dataclass

from mpt.errors import DeviceError, RemoteException
from mpt.fs import snippets


ERRNO_NAMES = {
    1: "EPERM", 2: "ENOENT", 5: "EIO", 9: "EBADF", 12: "ENOMEM", 13: "EACCES", 17: "EEXIST",
    19: "ENODEV", 20: "ENOTDIR", 21: "EISDIR", 22: "EINVAL", 28: "ENOSPC", 30: "EROFS",
    39: "ENOTEMPTY",
}
ERRNO_TEXT = {
    "EPERM": "operation not permitted", "ENOENT": "no such file or directory",
    "EIO": "input/output error", "EACCES": "permission denied", "EEXIST": "already exists",
    "ENODEV": "no such device", "ENOTDIR": "not a directory", "EISDIR": "is a directory",
    "EINVAL": "invalid argument", "ENOSPC": "no space left on the board",
    "EROFS": "read-only file system", "ENOTEMPTY": "directory not empty",
    "ENOMEM": "the board ran out of memory",
}
_OSERROR = re.compile(r"OSError: (?:\[Errno (\d+)\] (\w+)|(\d+))\s*$")


class BoardFileError(DeviceError):
    """An OSError on the board, with its errno name (``ENOENT``...)."""

    def __init__(self, message: str, errno_name: str | None):
        super().__init__(message)
        self.errno_name = errno_name


def missing_on_board(path: str) -> BoardFileError:
    """The one error for a board path that does not exist (exit 4 from every command)."""
    return BoardFileError(f":{path.lstrip(':')}: no such file or directory", "ENOENT")


def board_error(exc: RemoteException, path: str) -> DeviceError:
    match = _OSERROR.search(exc.traceback_text.strip())
    if match:
        number = int(match.group(1) or match.group(3))
        name = match.group(2) or ERRNO_NAMES.get(number, f"errno {number}")
        text = ERRNO_TEXT.get(name, name)
        return BoardFileError(f":{path}: {text}", name)
    if "MemoryError" in exc.message:
        return DeviceError(f":{path}: the board ran out of memory ({exc.message})")
    return exc


def unexpected_answer(answer) -> DeviceError:
    """The one error for an answer that is not what the code sent asked for (a board with
    other firmware, noise on the line)."""
    if isinstance(answer, (bytes, bytearray)):
        answer = bytes(answer).decode("utf-8", "replace")
    return DeviceError(f"unexpected answer from the board: {str(answer)[:200]!r}")


# what reading a malformed answer raises: a wrong literal, wrong types, a wrong shape
MALFORMED = (ValueError, TypeError, SyntaxError, IndexError, KeyError, AttributeError,
              OverflowError, MemoryError,
              RecursionError)


@contextmanager
def reading(answer):
    """Turn a failure to make sense of `answer` into unexpected_answer (never a traceback)."""
    try:
        yield
    except MALFORMED as exc:
        raise unexpected_answer(answer) from exc


def as_int(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{value!r} is not an integer")
    return value


@dataclass
class Entry:
    name: str
    is_dir: bool
    size: int = 0
    mtime: int = 0
    sha256: str | None = None


# what list() and walk() answer: ('dir', entries) / ('file', [entry]) / (None, [])
# (an alias: BoardFS's own list method hides the builtin inside its class body)
Listing = tuple[str | None, list[Entry]]


def reads_answer(method):
    """``method`` interprets what the board printed: an answer of the wrong shape (a broken
    or impostor board) is a DeviceError naming the operation, never a host traceback."""
    @functools.wraps(method)
    def checked(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except MALFORMED as exc:
            where = f" :{args[0]}" if args and isinstance(args[0], str) else ""
            raise DeviceError(f"unexpected answer from the board to {method.__name__}{where} "
                              f"({exc})") from None
    return checked


@dataclass
class Capabilities:
    platform: str
    cwd: str
    base64: bool
    sha256: bool
    statvfs: bool
    ilistdir: bool
    fromhex: bool
    deflate: bool = False
    epoch_year: int = 1970  # time.gmtime(0)'s year: 2000 on esp32, pyboard and others
    # sys.stdin.buffer, sys.stdout.buffer, micropython.kbd_intr and select.poll: the binary
    # transfer mode (mpt.fs.wire) may be tried; a board or line that turns out unable to
    # carry raw bytes clears it
    binary: bool = False
    memory_free: int = 0  # gc.mem_free() when probed (0: unknown; older probes said)

    @property
    def epoch_offset(self) -> int:
        """Seconds from 1970-01-01 to the board's epoch (board times + this = Unix-style)."""
        return calendar.timegm((self.epoch_year, 1, 1, 0, 0, 0))

    @property
    def encoding(self) -> str:
        if self.base64:
            return "base64"
        if self.fromhex:
            return "hex"
        return "repr"


def lost_helpers(exc: RemoteException) -> bool:
    return exc.message.startswith("NameError") and any(
        name in exc.message for name in snippets.HELPER_NAMES)


def read_capabilities(values) -> Capabilities:
    """The probe's answer: platform, cwd, six flags, then (newer helpers) the epoch year,
    whether raw bytes can flow, and the free heap."""
    platform, cwd, *flags = values
    if not isinstance(platform, str) or not isinstance(cwd, str) or not 6 <= len(flags) <= 9:
        raise ValueError("not a probe answer")
    flags += [0] * (9 - len(flags))
    base64, sha256, statvfs, ilistdir, fromhex, deflate = (bool(f) for f in flags[:6])
    return Capabilities(platform, cwd, base64, sha256, statvfs, ilistdir, fromhex, deflate,
                        epoch_year=as_int(flags[6] or 1970), binary=bool(flags[7]),
                        memory_free=as_int(flags[8]))


def read_entry(row, with_hash: bool = False) -> Entry:
    """(name, is_dir, size, mtime[, sha256]) as the snippets print it."""
    name, is_dir, size, mtime, *rest = row
    if not isinstance(name, str) or len(rest) != (1 if with_hash else 0):
        raise ValueError("not a directory entry")
    return Entry(name, bool(is_dir), as_int(size), as_int(mtime), read_digest(rest[0]) if rest else None)


def read_entries(rows) -> list[Entry]:
    if not isinstance(rows, (list, tuple)):
        raise TypeError("not a list of entries")
    return [read_entry(row) for row in rows]


def read_listing(found) -> Listing:
    if found is None:
        return None, []
    kind, rows = found
    return read_kind(kind), read_entries(rows)


def read_statvfs(values) -> tuple[int, ...]:
    bsize, frsize, blocks, bfree, bavail = values
    return tuple(as_int(v) for v in (bsize, frsize, blocks, bfree, bavail))


def read_kind(kind) -> str:
    if kind not in ("dir", "file"):
        raise ValueError(f"{kind!r} is not a kind of path")
    return kind


def read_digest(value) -> str | None:
    if value is not None and not (isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value)):
        raise ValueError("not a SHA-256")
    return value
