"""littlefs v2 on a guest block device: the host side of `vfs.VfsLfs2(bdev)`.

The file system is littlefs itself, through the ``littlefs-python`` package (the same littlefs
release, 2.11 with on-disk version 2.1, that MicroPython 1.29 builds), configured as
extmod/vfs_lfsx.c configures it: block size and count from the device's ioctl, read and prog
size and lookahead from the constructor (32 each by default), a cache of
``min(block_size, 4 * max(read_size, prog_size))``, 100 block cycles, names up to 255 bytes. So
the bytes ``mkfs`` and later writes put on the device are ones the firmware mounts, and the
other way round.

littlefs calls back into the block device for every read, program, erase and sync. A guest
exception (or an error code from a read, which the binding cannot pass on) stops the current
operation: every later callback of that operation fails without touching the device, and the
exception (or ``OSError(-code)``) is raised once littlefs returns, as the firmware's exception
unwinds out of littlefs at once.

Files and directory listings the guest drops without closing are closed by their finalisers
(littlefs keeps open files on a list, so one must not simply vanish). A finaliser can run in
the middle of a littlefs operation (a collection triggered inside a block-device callback) or on
another thread, so it never calls littlefs: it hands the handle to the volume, which closes it
before its next operation.

Modification times are littlefs user attribute 1 (nanoseconds since 1970, little-endian), kept
as the firmware keeps them: a file opened for writing gets the time it was opened (or, opened
with ``+``, the time it had), a write sets it to the time of the write, and it is stored when the
file is closed.
"""

from __future__ import annotations

import time
from typing import Any

from mpt.runtime.library.blockdev import (
    IOCTL_BLOCK_COUNT, IOCTL_BLOCK_ERASE, IOCTL_BLOCK_SIZE, IOCTL_INIT, IOCTL_SYNC, BlockDevice,
)
from mpt.runtime.library.guestpath import path_parts


EBADF, EIO, EINVAL = 9, 5, 22
S_IFDIR, S_IFREG = 0x4000, 0x8000
LFS_TYPE_REG = 1
NAME_MAX = 255
ATTR_MTIME = 1
BLOCK_CYCLES = 100
O_RDONLY, O_WRONLY, O_RDWR = 1, 2, 3
O_CREAT, O_EXCL, O_TRUNC, O_APPEND = 0x100, 0x200, 0x400, 0x800
ENCODING = "utf-8"

# littlefs.lfs, imported by the first volume (_import_littlefs): with importlib.metadata, email
# and socket under it, it costs some 60 ms that a board whose flash is a host folder never needs
lfs: Any = None


class _NotImported(Exception):
    """Stands for littlefs's error class until littlefs is imported (nothing raises it)."""


LittleFSError: type[Exception] = _NotImported


def _import_littlefs() -> None:
    global lfs, LittleFSError
    import littlefs.lfs
    from littlefs.errors import LittleFSError as error

    lfs, LittleFSError = littlefs.lfs, error


def open_flags(mode: str) -> int:
    """littlefs open flags from a MicroPython mode string (vfs_lfsx_file.c's reading)."""
    flags = 0
    for ch in mode:
        new = {"r": O_RDONLY, "w": O_WRONLY | O_CREAT | O_TRUNC,
               "x": O_WRONLY | O_CREAT | O_EXCL, "a": O_WRONLY | O_CREAT | O_APPEND}.get(ch, 0)
        if ch == "+":
            flags |= O_RDWR
        if new:
            if flags:
                raise ValueError()
            flags = new
    return flags or O_RDONLY


class _Device:
    """littlefs's view of the block device (the binding's user context)."""

    def __init__(self, bdev: BlockDevice):
        self.bdev = bdev
        self.failure: BaseException | None = None  # what stopped the current operation

    def _fail(self, exc: BaseException) -> int:
        if self.failure is None:
            self.failure = exc
        return -EIO

    def read(self, cfg, block: int, off: int, size: int) -> bytes:
        buf = bytearray(size)
        if self.failure is None:
            try:
                code = self.bdev.read_ext(block, off, buf)
            except BaseException as exc:  # noqa: BLE001 - re-raised when littlefs returns
                self._fail(exc)
            else:
                if code:
                    self._fail(OSError(-code))
        return bytes(buf)

    def prog(self, cfg, block: int, off: int, data: bytes) -> int:
        if self.failure is not None:
            return -EIO
        try:
            return self.bdev.write_ext(block, off, bytearray(data))
        except BaseException as exc:  # noqa: BLE001
            return self._fail(exc)

    def erase(self, cfg, block: int) -> int:
        if self.failure is not None:
            return -EIO
        try:
            self.bdev.ioctl_int(IOCTL_BLOCK_ERASE, block, required=True)
        except BaseException as exc:  # noqa: BLE001
            return self._fail(exc)
        return 0

    def sync(self, cfg) -> int:
        if self.failure is not None:
            return -EIO
        try:
            self.bdev.ioctl(IOCTL_SYNC, 0)
        except BaseException as exc:  # noqa: BLE001
            return self._fail(exc)
        return 0


class LfsVolume:
    """One littlefs file system on a block device, with the VFS object's current directory.
    Paths are the guest's (str); errors are OSError with littlefs's (errno) numbers."""

    def __init__(self, bdev_obj, readsize: int = 32, progsize: int = 32, lookahead: int = 32,
                 mtime: bool = True, *, now_ns=None, epoch_offset: int = 0, mount: bool = True):
        self.bdev = BlockDevice(bdev_obj)
        self.device = _Device(self.bdev)
        self.mtime = bool(mtime)
        self._now_ns = now_ns
        self.epoch_offset = epoch_offset
        self.cwd = "/"
        self._deferred: list = []  # closings handed over by finalisers
        self._draining = False
        if lfs is None:
            _import_littlefs()
        self.fs = lfs.LFSFilesystem()
        self.cfg = self._config(readsize, progsize, lookahead)
        self.mounted = False
        if mount:
            self._mount()

    def _config(self, readsize: int, progsize: int, lookahead: int):
        bdev = self.bdev
        bdev.ioctl(IOCTL_INIT, 1)
        block_size = bdev.ioctl_int(IOCTL_BLOCK_SIZE, required=True)
        block_count = bdev.ioctl_int(IOCTL_BLOCK_COUNT, required=True)
        bdev.block_size = block_size
        cache = min(block_size, 4 * max(readsize, progsize))
        return lfs.LFSConfig(self.device, block_size=block_size, block_count=block_count,
                             read_size=readsize, prog_size=progsize, cache_size=cache,
                             lookahead_size=lookahead, block_cycles=BLOCK_CYCLES,
                             name_max=NAME_MAX)

    @classmethod
    def format(cls, bdev_obj, readsize: int = 32, progsize: int = 32, lookahead: int = 32,
               mtime: bool = True) -> None:
        volume = cls(bdev_obj, readsize, progsize, lookahead, mtime, mount=False)
        volume._call(lfs.format, volume.fs, volume.cfg)

    # --- calling littlefs ----------------------------------------------------------------
    def defer(self, action) -> None:
        """Run ``action()`` (a closing) before the next littlefs operation."""
        self._deferred.append(action)

    def _drain(self) -> None:
        self._draining = True
        try:
            while self._deferred:
                try:
                    self._deferred.pop(0)()
                except Exception:  # noqa: BLE001 - a finaliser's work never raises
                    pass
        finally:
            self._draining = False

    def _mount(self) -> None:
        self._call(lfs.mount, self.fs, self.cfg)
        self.mounted = True

    def _call(self, fn, *args):
        if not self.mounted and fn is not lfs.mount and fn is not lfs.format:
            # used after umount(): the firmware's littlefs state lives on in buffers it owns;
            # here unmounting freed them, so mount again from the device
            self._mount()
        if self._deferred and not self._draining:
            self._drain()
        device = self.device
        device.failure = None
        try:
            result = fn(*args)
        except LittleFSError as exc:
            failure, device.failure = device.failure, None
            if failure is not None:
                raise failure from None
            raise OSError(-exc.code) from None
        failure, device.failure = device.failure, None
        if failure is not None:
            raise failure
        return result

    def path(self, path: str) -> str:
        """make_path: a relative path is taken from the current directory, unnormalised."""
        if not path.startswith("/") and self.cwd:
            return self.cwd + path
        return path

    def now_ns(self) -> int:
        """The guest's wall clock in nanoseconds since 1970 (the host's without a board)."""
        return time.time_ns() if self._now_ns is None else self._now_ns()

    # --- the VFS operations ---------------------------------------------------------------
    def stat(self, path: str) -> tuple:
        full = self.path(path)
        info = self._call(lfs.stat, self.fs, full, ENCODING)
        mtime = 0
        stamp = self._mtime_attr(full)
        if stamp is not None:
            mtime = stamp // 1_000_000_000 - self.epoch_offset
        mode = S_IFREG if info.type == LFS_TYPE_REG else S_IFDIR
        return (mode, 0, 0, 0, 0, 0, info.size, mtime, mtime, mtime)

    def _mtime_attr(self, full: str) -> int | None:
        try:
            raw = self._call(lfs.getattr, self.fs, full, ATTR_MTIME, ENCODING)
        except OSError:
            return None
        if len(raw) != 8:
            return None
        return int.from_bytes(raw, "little")

    def statvfs(self, path: str) -> tuple:
        # the firmware counts with lfs2_fs_traverse, which (orphans included) visits a
        # directory's metadata pair twice: from the directory list and from its parent's
        # entry; lfs2_fs_size visits it once
        used = self._call(lfs.fs_size, self.fs) + 2 * self._count_dirs("/")
        size, count = self.cfg.block_size, self.cfg.block_count
        free = count - used
        return (size, size, count, free, free, 0, 0, 0, 0, NAME_MAX)

    def _count_dirs(self, path: str) -> int:
        handle = self._call(lfs.dir_open, self.fs, path, ENCODING)
        subdirs = []
        try:
            while True:
                info = self._call(lfs.dir_read, self.fs, handle, ENCODING)
                if info is None:
                    break
                if info.type != LFS_TYPE_REG and info.name not in (".", ".."):
                    subdirs.append(path + info.name + "/")
        finally:
            self._call(lfs.dir_close, self.fs, handle)
        return len(subdirs) + sum(self._count_dirs(sub) for sub in subdirs)

    def ilistdir(self, path: str | None = None):
        full = self.cwd if path is None else self.path(path)
        handle = self._call(lfs.dir_open, self.fs, full, ENCODING)
        return _DirIterator(self, handle)

    def mkdir(self, path: str) -> None:
        self._call(lfs.mkdir, self.fs, self.path(path), ENCODING)

    def remove(self, path: str) -> None:
        self._call(lfs.remove, self.fs, self.path(path), ENCODING)

    rmdir = remove  # littlefs removes either (an empty directory)

    def rename(self, old: str, new: str) -> None:
        new_full = new if new.startswith("/") else self.cwd + new
        self._call(lfs.rename, self.fs, self.path(old), new_full, ENCODING)

    def chdir(self, path: str) -> None:
        full = self.path(path)
        if full != "/":
            try:
                info = self._call(lfs.stat, self.fs, full, ENCODING)
            except OSError:
                info = None
            if info is None or info.type == LFS_TYPE_REG:
                raise OSError(2)
        self.cwd = "/" + "".join(p + "/" for p in path_parts(full))

    def getcwd(self) -> str:
        return "/" if self.cwd == "/" else self.cwd[:-1]

    def open(self, path: str, mode: str = "r") -> "LfsFile":
        flags = open_flags(mode)
        full = self.path(path)
        stamp = None  # the modification time the file will be given, if it is written
        if self.mtime and flags & O_WRONLY:
            stamp = self.now_ns()
            if flags & O_RDONLY:  # opened with "+": littlefs reads the stored one first
                stored = self._mtime_attr(full)
                if stored is not None:
                    stamp = stored
        handle = self._call(lfs.file_open, self.fs, full, flags, ENCODING)
        return LfsFile(self, handle, full, flags, stamp)

    def mount(self, readonly: bool, mkfs: bool) -> None:
        """vfs.mount(): littlefs is mounted already; readonly stops every write to the device."""
        self.bdev.readonly = readonly

    def unmount(self) -> None:
        if self.mounted:  # littlefs frees its buffers: never twice
            self._call(lfs.unmount, self.fs)
            self.mounted = False


class _DirIterator:
    """ilistdir's iterator: (name, type, 0, size) for each entry but . and .., over an open
    littlefs directory that is closed at the end."""

    def __init__(self, volume: LfsVolume, handle):
        self._volume: LfsVolume | None = volume
        self._handle = handle

    def __iter__(self):
        return self

    def __next__(self):
        volume = self._volume
        if volume is None:
            raise StopIteration
        while True:
            info = volume._call(lfs.dir_read, volume.fs, self._handle, ENCODING)
            if info is None:
                self.close()
                raise StopIteration
            if info.name not in (".", ".."):
                break
        return (info.name, S_IFREG if info.type == LFS_TYPE_REG else S_IFDIR, 0, info.size)

    def close(self) -> None:
        volume, self._volume = self._volume, None
        if volume is not None:
            volume._call(lfs.dir_close, volume.fs, self._handle)

    def __del__(self):
        volume, self._volume = self._volume, None
        if volume is not None:
            handle = self._handle
            volume.defer(lambda: volume._call(lfs.dir_close, volume.fs, handle))


class LfsFile:
    """An open littlefs file: the raw binary file guest file objects wrap."""

    def __init__(self, volume: LfsVolume, handle, path: str, flags: int, stamp: int | None):
        self._volume = volume
        self._handle = handle
        self._path = path
        self.readable = bool(flags & O_RDONLY)
        self.writable = bool(flags & O_WRONLY)
        self._stamp = stamp
        self.closed = False

    def _call(self, fn, *args):
        if self.closed:
            raise ValueError()
        return self._volume._call(fn, self._volume.fs, self._handle, *args)

    def read(self, size: int = -1) -> bytes:
        if not self.readable:
            raise OSError(EBADF)
        if size is None or size < 0:
            out = bytearray()
            while True:
                chunk = self._call(lfs.file_read, 4096)
                if not chunk:
                    return bytes(out)
                out += chunk
        return self._call(lfs.file_read, size)

    def write(self, data) -> int:
        if not self.writable:
            raise OSError(EBADF)
        if self._stamp is not None:
            self._stamp = self._volume.now_ns()
        return self._call(lfs.file_write, bytes(data))

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._call(lfs.file_seek, offset, whence)

    def tell(self) -> int:
        return self._call(lfs.file_tell)

    def flush(self) -> None:
        self._call(lfs.file_sync)
        self._store_mtime()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        _close_file(self._volume, self._handle, self._path, self._stamp)

    def __del__(self):
        # the firmware's finaliser: a file the guest drops is closed (by the volume, later)
        if not getattr(self, "closed", True):
            self.closed = True
            volume, handle, path, stamp = self._volume, self._handle, self._path, self._stamp
            volume.defer(lambda: _close_file(volume, handle, path, stamp))

    def _store_mtime(self) -> None:
        if self._stamp is not None:
            _store_mtime(self._volume, self._path, self._stamp)


def _close_file(volume: LfsVolume, handle, path: str, stamp: int | None) -> None:
    volume._call(lfs.file_close, volume.fs, handle)
    if stamp is not None:
        _store_mtime(volume, path, stamp)


def _store_mtime(volume: LfsVolume, path: str, stamp: int) -> None:
    volume._call(lfs.setattr, volume.fs, path, ATTR_MTIME, stamp.to_bytes(8, "little"),
                 ENCODING)
