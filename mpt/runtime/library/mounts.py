"""MicroPython's VFS layer (extmod/vfs.c): the mount table every file operation goes through.

Mounted objects speak the guest VFS protocol (mount, umount, ilistdir, chdir, getcwd, mkdir,
remove, rename, rmdir, stat, statvfs, open): a user-defined guest class, or the board's flash
wrapped by :mod:`mpt.runtime.library.builtin_vfs`. A path is looked up the way the board does it: an
absolute path (or any path while the current directory is the virtual root) goes to the first
mount point that prefixes it, with anything mounted at ``/`` kept last; a relative path goes to
the current mount, which resolves it against its own current directory.

The table is also the runtime's ``vfs`` for imports: :meth:`stat` and :meth:`open` (binary,
``read()``/``close()``) serve the module finder.

The root file system an interpreter is given (the board's flash folder) is host-side: its
paths are guest paths, its errors OSError with MicroPython's errno numbers, and its ``open``
returns binary raw files (read, write, seek, tell, flush, close); files.py adds text decoding.
"""

from __future__ import annotations

from typing import Any

from mpt.runtime.library.files import _File
from mpt.runtime.library.io_mod import IOBase, _MemoryStream
from mpt.runtime.library.builtin_vfs import detect_filesystem, wrap_host_vfs

EPERM, ENOENT, EEXIST, ENODEV, EINVAL = 1, 2, 17, 19, 22
S_IFDIR = 0x4000
PATH_MAX = 256  # MICROPY_ALLOC_PATH_MAX on the boards mpt emulates

ROOT = "root"  # the virtual root directory listing the mount points
NONE = "none"  # no mount point matches


class Mount:
    __slots__ = ("point", "obj")

    def __init__(self, point: str, obj):
        self.point = point
        self.obj = obj


def _str(value, what: str = "str") -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    raise TypeError(f"can't convert '{type(value).__name__}' object to {what} implicitly")


class MountTable:
    def __init__(self):
        self.mounts: list[Mount] = []
        self.cur: Mount | str = ROOT
        # the board's VFS classes by name (set by the os and vfs modules), for mounting a
        # block device
        self.filesystems: dict[str, type] = {}
        # os.mount is vfs.mount on a board: both modules export these same objects
        self.guest_mount = self.mount
        self.guest_umount = self.umount

    @classmethod
    def with_root(cls, host_vfs) -> "MountTable":
        """A table with ``host_vfs`` (the board's flash or a host folder) mounted at ``/``."""
        table = cls()
        if host_vfs is not None:
            table.mounts.append(Mount("/", wrap_host_vfs(host_vfs)))
            table.cur = table.mounts[0]
        return table

    def use_filesystems(self, types: dict[str, Any]) -> None:
        """Take the board's VFS classes (the os and vfs modules give them): block devices are
        mounted with them, and the built-in file system becomes an instance of its class."""
        self.filesystems = types
        for m in self.mounts:
            kind = types.get(type(m.obj).__name__)
            if kind is not None and type(m.obj) is not kind and isinstance(m.obj, kind.__base__):
                rewrapped = kind._over(m.obj._host)
                rewrapped._readonly = m.obj._readonly
                m.obj = rewrapped

    # --- lookup --------------------------------------------------------------------------

    def lookup(self, path: str):
        """(mount or ROOT or NONE, path inside the mount)."""
        if path[:1] == "/" or self.cur is ROOT:
            rest = path[1:] if path[:1] == "/" else path
            if rest == "":
                return ROOT, None
            for m in self.mounts:
                if m.point == "/":
                    return m, path
                name = m.point[1:]
                if rest.startswith(name):
                    after = rest[len(name):len(name) + 1]
                    if after == "/":
                        return m, rest[len(name):]
                    if after == "":
                        return m, "/"
            return NONE, None
        return self.cur, path

    def _lookup_arg(self, path_in):
        path = _str(path_in)
        mount, inner = self.lookup(path)
        if inner is not None and isinstance(path_in, (bytes, bytearray)):
            inner = inner.encode("utf-8")
        return mount, inner

    @staticmethod
    def _call(mount, method: str, *args):
        if mount is NONE:
            raise OSError(ENODEV)
        if mount is ROOT:
            raise OSError(EPERM)
        return getattr(mount.obj, method)(*args)

    def _root_mount(self) -> Mount | None:
        for m in self.mounts:
            if m.point == "/":
                return m
        return None

    # --- mount / umount ------------------------------------------------------------------

    def mount(self, *args, readonly=False, mkfs=False):
        if not args:
            return [(m.obj, m.point) for m in self.mounts]
        if len(args) != 2:
            raise TypeError("function missing required positional argument #%d" % (len(args) + 1)
                            if len(args) < 2 else
                            "function takes 2 positional arguments but %d were given" % len(args))
        fsobj, point = args
        point = _str(point)
        if getattr(fsobj, "mount", None) is None:
            fsobj = detect_filesystem(fsobj, self.filesystems)  # a block device
        new = Mount(point, fsobj)
        self._call(new, "mount", readonly, mkfs)
        existing, _ = self.lookup(point)
        if existing is not NONE and existing is not ROOT:
            if not (point != "/" and existing.point == "/"):
                raise OSError(EPERM)
        index = len(self.mounts)
        for i, m in enumerate(self.mounts):
            if m.point == "/":
                index = i  # anything mounted at / stays last
                break
        self.mounts.insert(index, new)
        return None

    def umount(self, target):
        found = None
        for i, m in enumerate(self.mounts):
            if (isinstance(target, str) and target == m.point) or m.obj is target:
                found = self.mounts.pop(i)
                break
        if found is None:
            raise OSError(EINVAL)
        if self.cur is found:
            self.cur = ROOT
        self._call(found, "umount")
        return None

    # --- the os functions ----------------------------------------------------------------

    def open_guest(self, path, mode="r"):
        """open(): whatever the mounted object's open() returns."""
        mount, inner = self._lookup_arg(path)
        return self._call(mount, "open", inner, mode)

    def chdir(self, path_in) -> None:
        mount, inner = self._lookup_arg(path_in)
        if mount is ROOT:
            root = self._root_mount()
            if root is not None:
                root.obj.chdir("/")
        else:
            self._call(mount, "chdir", inner)
        self.cur = mount

    def getcwd(self) -> str:
        cur = self.cur
        if not isinstance(cur, Mount):  # ROOT
            return "/"
        cwd = _str(cur.obj.getcwd())
        if cur.point == "/":
            return cwd
        return cur.point + ("" if cwd == "/" else cwd)

    def ilistdir(self, path_in=""):
        mount, inner = self._lookup_arg(path_in)
        if mount is ROOT:
            return self._iter_root(isinstance(path_in, str))
        return self._call(mount, "ilistdir", inner)

    def _iter_root(self, as_str: bool):
        for m in list(self.mounts):
            if m.point == "/":
                yield from m.obj.ilistdir("/")
                return
            name = m.point[1:]
            yield (name if as_str else name.encode("utf-8"), S_IFDIR, 0)

    def listdir(self, path_in=""):
        return [entry[0] for entry in self.ilistdir(path_in)]

    def mkdir(self, path_in) -> None:
        mount, inner = self._lookup_arg(path_in)
        if mount is ROOT or (mount is not NONE and _str(inner) == "/"):
            raise OSError(EEXIST)
        return self._call(mount, "mkdir", inner)

    def remove(self, path_in) -> None:
        mount, inner = self._lookup_arg(path_in)
        return self._call(mount, "remove", inner)

    def rmdir(self, path_in) -> None:
        mount, inner = self._lookup_arg(path_in)
        return self._call(mount, "rmdir", inner)

    def rename(self, old_in, new_in) -> None:
        old_mount, old = self._lookup_arg(old_in)
        new_mount, new = self._lookup_arg(new_in)
        if old_mount is not new_mount:
            raise OSError(EPERM)  # no renaming across file systems
        return self._call(old_mount, "rename", old, new)

    def stat(self, path_in):
        mount, inner = self._lookup_arg(path_in)
        if mount is ROOT:
            return (S_IFDIR, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        return self._call(mount, "stat", inner)

    def statvfs(self, path_in):
        mount, inner = self._lookup_arg(path_in)
        if mount is ROOT:
            root = self._root_mount()
            if root is None:
                return (0, 0, 0, 0, 0, 0, 0, 0, 0, PATH_MAX)
            mount, inner = root, "/"
        return self._call(mount, "statvfs", inner)

    # --- what the module finder needs ----------------------------------------------------

    def import_stat(self, path: str) -> int:
        """st_mode of ``path``, or 0 when it does not exist (any error counts as missing)."""
        mount, inner = self.lookup(path)
        if mount is NONE or mount is ROOT:
            return 0
        try:
            return int(self._call(mount, "stat", inner)[0])
        except Exception:  # noqa: BLE001 - as the board: an exception means "not found"
            return 0

    def open(self, path: str, mode: str = "rb"):
        """A binary reader over a mounted file, for imports."""
        return _StreamReader(self.open_guest(path, mode))


# extmod/vfs_reader.c on a 32-bit port: the import reader's buffer sizes
READER_DEFAULT_BUFFER, READER_MIN_BUFFER, READER_MAX_BUFFER = 20, 4, 255
STREAM_CLOSE, STREAM_GET_BUFFER_SIZE = 4, 11


class _StreamReader:
    """Reads a mounted file for import as the board's reader does: mpt's own files directly;
    a guest io.IOBase subclass through its stream methods (ioctl for the buffer size,
    readinto, ioctl to close); anything else is not a stream."""

    def __init__(self, stream):
        self._stream = stream
        self._native = isinstance(stream, (_File, _MemoryStream))
        if not self._native and not isinstance(stream, IOBase):
            raise OSError("stream operation not supported")
        self._bufsize = READER_DEFAULT_BUFFER
        if not self._native:
            size = stream.ioctl(STREAM_GET_BUFFER_SIZE, 0)
            if isinstance(size, int) and size > 0:
                self._bufsize = min(READER_MAX_BUFFER, max(READER_MIN_BUFFER, size))

    def read(self, size: int = -1) -> bytes:
        if self._native:
            data = self._stream.read()
            return data.encode("utf-8") if isinstance(data, str) else bytes(data)
        out = bytearray()
        chunk = bytearray(self._bufsize)
        while True:
            n = self._stream.readinto(chunk)
            if not n:
                return bytes(out)
            out += chunk[:n]
            if n < self._bufsize:
                return bytes(out)

    def close(self) -> None:
        if self._native:
            self._stream.close()
        else:
            self._stream.ioctl(STREAM_CLOSE, 0)


def as_mount_table(vfs) -> MountTable:
    """The mount table itself, or a new one with a host-side VFS mounted at ``/``."""
    return vfs if isinstance(vfs, MountTable) else MountTable.with_root(vfs)
