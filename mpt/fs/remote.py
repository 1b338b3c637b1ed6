"""File-system operations on a board, each built on `Transport.exec` alone."""

from __future__ import annotations

import base64
import binascii
import calendar
import functools
import hashlib
import logging
import re
import zlib
from dataclasses import dataclass
from typing import Callable

from mpt.errors import DeviceError, RemoteException
from mpt.fs import snippets
from mpt.fs.paths import join, normalise, parent
from mpt.transport.base import Transport, board_literal

log = logging.getLogger("mpt.fs")

# (bytes done, bytes total)
OnProgress = Callable[[int, int], None]

TEMP_SUFFIX = ".mpt-tmp"

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


@dataclass
class Entry:
    name: str
    is_dir: bool
    size: int = 0
    mtime: int = 0
    sha256: str | None = None


# What reading a board's answer raises when the answer has the wrong shape (a tuple too short,
# a string where a number belongs, a line that is not base64, ...).
_WRONG_SHAPE = (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError)


def _reads_answer(method):
    """``method`` interprets what the board printed: an answer of the wrong shape (a broken
    or impostor board) is a DeviceError naming the operation, never a host traceback."""
    @functools.wraps(method)
    def checked(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _WRONG_SHAPE as exc:
            where = f" :{args[0]}" if args and isinstance(args[0], str) else ""
            raise DeviceError(f"unexpected answer from the board to {method.__name__}{where} "
                              f"({exc})") from None
    return checked


def _entry(name, is_dir, size, mtime, digest=None) -> Entry:
    """An Entry from a row the board printed (TypeError when its fields have the wrong types)."""
    if not (isinstance(name, str) and all(type(v) is int for v in (size, mtime))
            and isinstance(digest, (str, type(None)))):
        raise TypeError(f"not a file entry: {(name, is_dir, size, mtime, digest)!r:.100}")
    return Entry(name, bool(is_dir), size, mtime, digest)


def _ints(values, count: int) -> tuple:
    values = tuple(values)
    if len(values) != count or any(type(v) is not int for v in values):
        raise TypeError(f"expected {count} integers, got {values!r:.100}")
    return values


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


def encode_chunk(data: bytes, encoding: str) -> bytes:
    """`data` as a MicroPython bytes literal the board's decoder turns back into `data`."""
    if encoding == "base64":
        return b"b'" + base64.b64encode(data) + b"'"
    if encoding == "hex":
        return b"'" + binascii.hexlify(data) + b"'"
    return repr(data).encode("ascii")


class BoardFS:
    """The board's files, as seen through a Transport."""

    def __init__(self, transport: Transport, *, chunk_size: int = 4096, timeout: float = 10.0,
                 compress: bool = True):
        self.transport = transport
        self.chunk_size = chunk_size
        self.compress = compress
        self.timeout = timeout
        self._capabilities: Capabilities | None = None
        self._helpers_sent = False

    # -- plumbing ----------------------------------------------------------------------------

    def _exec(self, code: str | bytes, path: str = "", on_output=None) -> bytes:
        if isinstance(code, str):
            code = code.encode("utf-8")
        for attempt in (1, 2):
            if not self._helpers_sent:
                code_to_send = snippets.HELPERS.encode() + code
            else:
                code_to_send = code
            try:
                output = self.transport.exec(code_to_send, timeout=self.timeout,
                                             on_output=on_output)
                self._helpers_sent = True
                return output
            except RemoteException as exc:
                if attempt == 1 and self._helpers_sent and _lost_helpers(exc):
                    self._helpers_sent = False  # a reset wiped them: send them again
                    continue
                raise board_error(exc, path) from exc
        raise AssertionError("unreachable")

    def _literal(self, code: str, path: str = ""):
        return board_literal(self._exec(code, path))

    @property
    def capabilities(self) -> Capabilities:
        """What this board's firmware offers, probed once per connection."""
        if self._capabilities is None:
            self._capabilities = self._probe()
        return self._capabilities

    @_reads_answer
    def _probe(self) -> Capabilities:
        platform, cwd, *flags = self._literal(snippets.PROBE)
        epoch = flags.pop() if len(flags) > 6 else 1970
        if not isinstance(platform, str) or not isinstance(cwd, str) or type(epoch) is not int:
            raise TypeError(f"not a probe answer: {(platform, cwd, *flags, epoch)!r:.100}")
        return Capabilities(platform, cwd, *(bool(f) for f in flags), epoch_year=epoch)

    def absolute(self, path: str) -> str:
        """`path` resolved against the board's current directory ('' is that directory)."""
        path = normalise(path)
        if not path.startswith("/"):
            path = join(self.capabilities.cwd or "/", path)
        path = normalise(path)
        return path.rstrip("/") or "/"

    # -- queries -----------------------------------------------------------------------------

    @_reads_answer
    def stat(self, path: str) -> Entry | None:
        path = self.absolute(path)
        found = self._literal(snippets.stat(path), path)
        if found is None:
            return None
        is_dir, size, mtime = found
        return _entry(path.rstrip("/").rsplit("/", 1)[-1], is_dir, size, mtime)

    def is_dir(self, path: str) -> bool:
        entry = self.stat(path)
        return entry is not None and entry.is_dir

    @_reads_answer
    def listdir(self, path: str) -> list[Entry]:
        path = self.absolute(path)
        rows = self._literal(snippets.listdir(path), path)
        entries = [_entry(name, is_dir, size, mtime) for name, is_dir, size, mtime in rows]
        return sorted(entries, key=lambda e: e.name)

    @_reads_answer
    def list(self, path: str) -> tuple[str | None, list[Entry]]:
        """One round trip: ('dir', its entries) / ('file', [entry]) / (None, [])."""
        path = self.absolute(path)
        found = self._literal(snippets.list_path(path), path)
        if found is None:
            return None, []
        kind, rows = found
        entries = [_entry(name, is_dir, size, mtime) for name, is_dir, size, mtime in rows]
        return _kind(kind), sorted(entries, key=lambda e: e.name)

    @_reads_answer
    def walk(self, path: str, *, hashes: bool = False) -> tuple[str | None, list[Entry]]:
        """One round trip: ('dir', entries below path) / ('file', [entry]) / (None, [])."""
        path = self.absolute(path)
        with_hashes = hashes and self.capabilities.sha256
        lines = self._exec(snippets.walk(path, with_hashes), path).decode("utf-8", "replace")
        rows = [board_literal(line) for line in lines.splitlines() if line.strip()]
        if not rows or rows[0] is None:
            return None, []
        kind = _kind(rows[0])
        entries = [_entry(name, is_dir, size, mtime, digest)
                   for name, is_dir, size, mtime, digest in rows[1:]]
        return kind, entries

    @_reads_answer
    def sha256(self, path: str) -> str | None:
        """Hex SHA-256 of a board file, computed on the board; None without hashlib."""
        path = self.absolute(path)
        if not self.capabilities.sha256:
            return None
        digest = self._literal(snippets.sha256(path), path)
        if digest is not None and not isinstance(digest, str):
            raise TypeError(f"not a SHA-256: {digest!r:.100}")
        return digest

    @_reads_answer
    def df(self, path: str = "/") -> dict:
        path = self.absolute(path)
        if not self.capabilities.statvfs:
            raise DeviceError("this board's firmware has no os.statvfs")
        bsize, frsize, blocks, bfree, bavail = _ints(self._literal(snippets.statvfs(path), path), 5)
        unit = frsize or bsize
        return {"path": path, "size": blocks * unit, "used": (blocks - bfree) * unit,
                "free": bavail * unit}

    # -- transfers ---------------------------------------------------------------------------

    @_reads_answer
    def read_file(self, path: str, on_progress: OnProgress | None = None) -> bytes:
        """The content of a board file, streamed in one round trip, binary-safe."""
        log.info("reading :%s", path)
        path = self.absolute(path)
        # hexlify would need binascii too, so without it the board sends repr() lines
        encoding = "base64" if self.capabilities.base64 else "repr"
        received = bytearray()
        pending = bytearray()
        header: list[int] = []  # the size, which the board prints first

        longest = 4 * self.chunk_size + 64  # one chunk's line, repr-encoded at worst

        def take(data: bytes) -> None:
            pending.extend(data)
            end = pending.rfind(b"\n")
            if end < 0:
                if len(pending) > longest:
                    raise ValueError(f"a line of over {longest} bytes")
                return
            complete = bytes(pending[:end]).split(b"\n")
            del pending[:end + 1]
            for line in complete:
                line = line.strip()
                if not header:
                    header.append(int(line))
                elif line:
                    received.extend(_decode_line(line, encoding))
                    if len(received) > header[0]:
                        raise ValueError(f"more than the {header[0]} bytes announced")
            if on_progress is not None and header:
                on_progress(min(len(received), header[0]), header[0])

        code = snippets.open_for_read(path) + snippets.read_chunks(self.chunk_size, encoding)
        self._exec(code, path, on_output=take)
        if pending.strip():
            received.extend(_decode_line(bytes(pending).strip(), encoding))
        if not header:
            raise DeviceError(f":{path}: the board sent no size")
        size = header[0]
        if len(received) != size:
            raise DeviceError(f":{path}: read {len(received)} bytes, expected {size}")
        return bytes(received)

    def write_file(self, path: str, data: bytes, on_progress: OnProgress | None = None) -> None:
        """Write `data` to a board file safely.

        The bytes go to a temporary file first; its size (and SHA-256 when the board has
        hashlib) is checked on the board before it is renamed over `path`, so an interrupted
        or failed copy never leaves a truncated file behind.
        """
        log.info("writing %d bytes to :%s", len(data), path)
        path = self.absolute(path)
        capabilities = self.capabilities
        encoding = capabilities.encoding
        # compressed pieces need binary-safe base64 and the board's deflate module
        inflate = self.compress and capabilities.deflate and encoding == "base64"
        tmp_path = path + TEMP_SUFFIX
        expected = hashlib.sha256(data).hexdigest() if capabilities.sha256 else None
        pieces = list(self._pieces(data, inflate)) if len(data) <= 4 * self.chunk_size else None
        if pieces is not None and len(pieces) <= 1:
            # small file: one round trip does it all
            payload, compressed, _size = pieces[0] if pieces else (b"", False, 0)
            code = snippets.write_whole(tmp_path, path, encode_chunk(payload, encoding),
                                        encoding, compressed, expected, len(data),
                                        capabilities.statvfs)
            try:
                self._exec(code, path)
            except BaseException:
                self._abandon(tmp_path)
                raise
            if on_progress is not None:
                on_progress(len(data), len(data))
            return
        existing = self.stat(path)
        if existing is not None and existing.is_dir:
            raise BoardFileError(f":{path}: is a directory", "EISDIR")
        if not self._fits_beside(path, len(data), existing):
            # room only once the old file is gone: write over it in place
            tmp_path = path
        self._exec(snippets.open_for_write(tmp_path, encoding, inflate), path)
        try:
            sent = 0
            if on_progress is not None:
                on_progress(0, len(data))
            for payload, compressed, size in self._pieces(data, inflate):
                self._exec(snippets.write_chunk(encode_chunk(payload, encoding), compressed),
                           path)
                sent += size
                if on_progress is not None:
                    on_progress(sent, len(data))
            self._exec(snippets.finish_write(tmp_path, path, expected, len(data)), path)
        except BaseException:
            self._abandon(tmp_path)
            raise

    def _pieces(self, data: bytes, inflate: bool):
        """(payload, compressed?, bytes of data it stands for), each small enough for one exec.

        With `inflate`, a piece of 2 or 4 chunks is sent raw-deflated when that fits in one
        chunk's payload and saves at least 20%; otherwise chunks go as they are.
        """
        step = self.chunk_size
        offset = 0
        while offset < len(data):
            if inflate:
                for span in (4 * step, 2 * step):
                    piece = data[offset:offset + span]
                    packer = zlib.compressobj(9, zlib.DEFLATED,
                                              -snippets.DEFLATE_WINDOW_BITS)
                    packed = packer.compress(piece) + packer.flush()
                    if len(packed) <= step and len(packed) <= 0.8 * len(piece):
                        yield packed, True, len(piece)
                        offset += len(piece)
                        break
                else:
                    piece = data[offset:offset + step]
                    yield piece, False, len(piece)
                    offset += len(piece)
            else:
                piece = data[offset:offset + step]
                yield piece, False, len(piece)
                offset += len(piece)

    def _abandon(self, tmp_path: str) -> None:
        """Best effort: remove the temporary file of a failed copy."""
        try:
            self.transport.exec(snippets.abandon_write(tmp_path), timeout=self.timeout)
        except Exception:
            pass

    def _fits_beside(self, path: str, size: int, existing: Entry | None) -> bool:
        """Whether `size` bytes fit on the board next to the file they replace (True when
        the firmware cannot tell). When they fit only once that file's own space is counted
        they are written over it in place (False); when they do not fit even then, the copy
        is refused before anything is sent."""
        if not self.capabilities.statvfs:
            return True
        try:
            free = self.df(parent(path))["free"]
        except DeviceError:
            return True
        if size <= free:
            return True
        replaced = existing.size if existing is not None and not existing.is_dir else 0
        if size > free + replaced:
            raise BoardFileError(
                f":{path}: not enough space on the board ({size} bytes needed, {free} free"
                + (f" + {replaced} of the file it replaces)" if replaced else ")"), "ENOSPC")
        return False

    # -- changes -----------------------------------------------------------------------------

    def remove(self, path: str, *, recursive: bool = False) -> None:
        log.info("removing :%s%s", path, " (recursive)" if recursive else "")
        path = self.absolute(path)
        code = snippets.remove_tree(path) if recursive else snippets.remove(path)
        self._exec(code, path)

    def mkdir(self, path: str, *, parents: bool = False) -> None:
        log.info("making folder :%s", path)
        path = self.absolute(path)
        self._exec(snippets.mkdir(path, parents), path)

    def rmdir(self, path: str) -> None:
        log.info("removing folder :%s", path)
        path = self.absolute(path)
        self._exec(snippets.rmdir(path), path)

    def rename(self, source: str, target: str) -> None:
        log.info("renaming :%s to :%s", source, target)
        source, target = self.absolute(source), self.absolute(target)
        self._exec(snippets.rename(source, target), source)

    def touch(self, path: str) -> None:
        log.info("touching :%s", path)
        path = self.absolute(path)
        self._exec(snippets.touch(path), path)

    def join(self, *parts: str) -> str:
        return join(*parts)


def _kind(kind):
    if kind not in ("dir", "file"):
        raise ValueError(f"not a kind of path: {kind!r:.100}")
    return kind


def _lost_helpers(exc: RemoteException) -> bool:
    return exc.message.startswith("NameError") and any(
        name in exc.message for name in snippets.HELPER_NAMES)


def _decode_line(line: bytes, encoding: str) -> bytes:
    if encoding == "base64":
        return base64.b64decode(line)
    if encoding == "hex":
        return binascii.unhexlify(line)
    value = board_literal(line)
    if not isinstance(value, bytes):
        raise ValueError(f"not a bytes literal: {line[:60].decode('utf-8', 'replace')}")
    return value
