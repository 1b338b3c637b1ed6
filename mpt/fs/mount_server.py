"""The host side of `mpt mount`: answers the board's file requests from one host folder.

`MountServer.feed` sits in the byte stream coming from the board (Link.intercept): it takes
out the requests (see mount_protocol), answers each on the line at once, and passes every
other byte on unchanged, so the program's output and the raw REPL framing are untouched.

The board never gets out of the folder: a path with a `..` part is refused, and so is any path
whose real location (symlinks followed) is outside the folder, unless `unsafe_links`.
Protocol code logs; it never prints.
"""

from __future__ import annotations

import calendar
import errno
import logging
import os
import stat as statmod
import struct
import time
from typing import IO, Callable

from mpt.fs import mount_protocol as P

log = logging.getLogger(__name__)

SOFT_REBOOT = b"MPY: soft reboot"  # what every port prints as a soft reset starts
LISTING_LIMIT = 256  # a stat brings its folder's listing only for folders up to this size
READ_LIMIT = 1 << 20  # the most one READ answers

# errno names -> MicroPython's numbers (the host's may differ, e.g. on macOS)
_MP_ERRNO = {"EPERM": 1, "ENOENT": 2, "EIO": 5, "EBADF": 9, "EACCES": 13, "EEXIST": 17,
             "ENOTDIR": 20, "EISDIR": 21, "EINVAL": 22, "ENOSPC": 28, "ENOTEMPTY": 39,
             "ENAMETOOLONG": 36}


class Refused(OSError):
    """A request the server will not carry out (its errno goes back to the board)."""


def _board_errno(exc: OSError) -> int:
    name = errno.errorcode.get(exc.errno or 0, "EIO")
    return _MP_ERRNO.get(name, 5)


class MountServer:
    """Serves `root` to the board; `write` sends bytes to the board."""

    def __init__(self, root: str, write: Callable[[bytes], None], *, unsafe_links: bool = False,
                 epoch_year: int = 1970):
        self.root = os.path.abspath(root)
        self.real_root = os.path.realpath(root)
        self.write = write
        self.unsafe_links = unsafe_links
        self.epoch_offset = calendar.timegm((epoch_year, 1, 1, 0, 0, 0))
        self._buffer = bytearray()
        self._files: dict[int, IO[bytes]] = {}
        self._next_handle = 1
        self.requests = 0
        self.soft_reboot_seen = False
        self._tail = b""  # the end of the passed-on output, to spot "soft reboot" across reads

    # -- the byte stream ---------------------------------------------------------------------

    def feed(self, data: bytes) -> bytes:
        """Bytes from the board; returns those that are not part of a request."""
        buffer = self._buffer
        buffer += data
        out = bytearray()
        while buffer:
            start = buffer.find(P.REQUEST)
            if start < 0:
                # keep a last byte that may begin a request
                keep = 1 if buffer[-1:] == P.REQUEST[:1] else 0
                out += buffer[:len(buffer) - keep]
                del buffer[:len(buffer) - keep]
                break
            out += buffer[:start]
            del buffer[:start]
            head_end = len(P.REQUEST) + P.REQUEST_HEAD_SIZE
            if len(buffer) < head_end:
                break
            op, a, b, path_len, data_len = struct.unpack_from(P.REQUEST_HEAD, buffer,
                                                              len(P.REQUEST))
            end = head_end + path_len + data_len
            if len(buffer) < end:
                break
            path = bytes(buffer[head_end:head_end + path_len]).decode("utf-8", "replace")
            payload = bytes(buffer[head_end + path_len:end])
            del buffer[:end]
            self._answer(op, path, a, b, payload)
        if out:
            self._watch(bytes(out))
        return bytes(out)

    def _watch(self, text: bytes) -> None:
        seen = self._tail + text
        if SOFT_REBOOT in seen:
            self.soft_reboot_seen = True
            self._close_all()
            seen = seen[seen.rindex(SOFT_REBOOT) + len(SOFT_REBOOT):]
        self._tail = seen[-len(SOFT_REBOOT):]

    def _answer(self, op: int, path: str, a: int, b: int, data: bytes) -> None:
        self.requests += 1
        if op == P.RESEND:
            self.write(data)
            return
        try:
            payload = self._handle(op, path, a, b, data)
            status = 0
        except OSError as exc:
            status = _board_errno(exc)
            payload = b""
            log.debug("mount: op %d %r refused: %s", op, path, exc)
        self.write(struct.pack(P.ANSWER_HEAD, P.SYNC, status, len(payload)) + payload)

    # -- paths -------------------------------------------------------------------------------

    def host_path(self, path: str) -> str:
        """The host path for a board path inside the mount; refuses any way out."""
        parts = [part for part in path.split("/") if part and part != "."]
        if ".." in parts:
            raise Refused(errno.EACCES, "'..' is not allowed in a mounted path")
        full = os.path.join(self.root, *parts)
        if not self.unsafe_links:
            real = os.path.realpath(full)
            if real != self.real_root and not real.startswith(self.real_root + os.sep):
                raise Refused(errno.EACCES, "the path leads out of the mounted folder")
        return full

    def _board_time(self, seconds: float) -> int:
        local = time.localtime(seconds)
        board = calendar.timegm(local) - self.epoch_offset
        return max(0, min(board, 0xFFFFFFFF))

    def _entry(self, folder: str, name: str) -> bytes | None:
        full = os.path.join(folder, name)
        try:
            if not self.unsafe_links and os.path.islink(full):
                self.host_path(os.path.relpath(full, self.root).replace(os.sep, "/"))
            st = os.stat(full)
        except OSError:  # a dangling link, or one leading out
            return None
        encoded = name.encode("utf-8", "surrogateescape")
        is_dir = statmod.S_ISDIR(st.st_mode)
        return struct.pack(P.ENTRY, is_dir, 0 if is_dir else st.st_size & 0xFFFFFFFF,
                           self._board_time(st.st_mtime), len(encoded)) + encoded

    def _listing(self, folder: str, limit: int | None = None) -> bytes | None:
        names = os.listdir(folder)
        if limit is not None and len(names) > limit:
            return None
        return b"".join(e for e in (self._entry(folder, n) for n in sorted(names)) if e)

    # -- requests ----------------------------------------------------------------------------

    def _handle(self, op: int, path: str, a: int, b: int, data: bytes) -> bytes:
        if op == P.STAT:
            return self._stat(path)
        if op == P.LIST:
            folder = self.host_path(path)
            if not os.path.isdir(folder):
                raise OSError(errno.ENOTDIR if os.path.exists(folder) else errno.ENOENT, path)
            return self._listing(folder) or b""
        if op == P.OPEN_READ:
            return self._read(path, 0, a, with_size=True)
        if op == P.READ:
            return self._read(path, a, b)
        if op == P.OPEN_WRITE:
            return self._open_write(path, data.decode("ascii", "replace"))
        if op == P.WRITE:
            self._file(a).write(data)
            return b""
        if op == P.SEEK:
            handle = self._file(a)
            handle.flush()
            return struct.pack("<i", handle.seek(b, data[0] if data else 0))
        if op == P.CLOSE:
            closing = self._files.pop(a, None)
            if closing is None:
                raise OSError(errno.EBADF, "bad handle")
            closing.close()
            return b""
        if op == P.MKDIR:
            os.mkdir(self.host_path(path))
            return b""
        if op == P.RMDIR:
            os.rmdir(self.host_path(path))
            return b""
        if op == P.REMOVE:
            target = self.host_path(path)
            if os.path.isdir(target):
                raise OSError(errno.EISDIR, path)
            os.remove(target)
            return b""
        if op == P.RENAME:
            os.replace(self.host_path(path), self.host_path(data.decode("utf-8", "replace")))
            return b""
        if op == P.STATVFS:
            v = os.statvfs(self.host_path(path))
            values = (v.f_bsize, v.f_frsize, v.f_blocks, v.f_bfree, v.f_bavail, v.f_files,
                      v.f_ffree, v.f_favail, 0, v.f_namemax)
            return struct.pack("<10I", *(min(x, 0xFFFFFFFF) for x in values))
        raise OSError(errno.EINVAL, f"unknown request {op}")

    def _stat(self, path: str) -> bytes:
        target = self.host_path(path)
        folder = os.path.dirname(target) if target != self.root else self.root
        listing = None
        try:
            listing = self._listing(folder, LISTING_LIMIT)
        except OSError:
            pass
        try:
            st = os.stat(target)
            found = 1
            mode = 0x4000 if statmod.S_ISDIR(st.st_mode) else 0x8000
            size = 0 if mode == 0x4000 else st.st_size & 0xFFFFFFFF
            mtime = self._board_time(st.st_mtime)
        except OSError:
            found, mode, size, mtime = 0, 0, 0, 0
        flags = found | (2 if listing is not None else 0)
        return struct.pack(P.STAT_HEAD, flags, mode, size, mtime) + (listing or b"")

    def _read(self, path: str, offset: int, count: int, with_size: bool = False) -> bytes:
        target = self.host_path(path)
        if os.path.isdir(target):
            raise OSError(errno.EISDIR, path)
        with open(target, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            handle.seek(max(0, offset))
            data = handle.read(max(0, min(count, READ_LIMIT)))
        return (struct.pack("<I", size & 0xFFFFFFFF) + data) if with_size else data

    def _open_write(self, path: str, mode: str) -> bytes:
        if "+" in mode or not set(mode) <= set("wabx"):
            raise OSError(errno.EINVAL, f"mode {mode!r} is not supported on a mount")
        target = self.host_path(path)
        handle = open(target, mode.replace("b", "") + "b")
        number = self._next_handle
        self._next_handle += 1
        self._files[number] = handle
        return struct.pack("<i", number)

    def _file(self, number: int) -> IO[bytes]:
        handle = self._files.get(number)
        if handle is None:
            raise OSError(errno.EBADF, "bad handle")
        return handle

    def _close_all(self) -> None:
        for handle in self._files.values():
            try:
                handle.close()
            except OSError:
                pass
        self._files.clear()

    def close(self) -> None:
        self._close_all()
