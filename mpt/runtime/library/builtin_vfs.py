"""The board's built-in file system as a guest VFS object (what `os.mount()` lists at ``/``).

It wraps the host-side root file system (the board's flash folder, or any object with its
methods) in the guest VFS protocol, so the guest can unmount it and mount it again, here or
elsewhere, like `vfs.VfsLfs2`/`vfs.VfsFat` objects on a board.
Its type is named after the file system the board formats: VfsLfs2 (esp32, rp2), VfsFat
(pyboard), VfsPosix for a bare host folder (as the unix port).

What mpt cannot offer: building one from a block device (`vfs.VfsLfs2(bdev)`), `mkfs=True`
and `vfs.VfsLfs2.mkfs()`; those raise OSError(ENODEV) since mpt emulates no block devices.
"""

from __future__ import annotations

from mpt.runtime.library.files import open_host_file, open_mode

ENODEV, EROFS = 19, 30


class _BuiltinVfs:
    _host = None
    _readonly = False  # mounted with readonly=True (the host flash may be read-only too)

    def __init__(self, *args, **kwargs):
        raise OSError(ENODEV)  # no block devices in mpt

    @classmethod
    def _over(cls, host_fs):
        self = object.__new__(cls)
        self._host = host_fs
        return self

    def __repr__(self):
        return f"<{type(self).__name__}>"

    @staticmethod
    def mkfs(*args):
        raise OSError(ENODEV)

    # --- the protocol --------------------------------------------------------------------

    def mount(self, readonly=False, mkfs=False):
        if mkfs:
            raise OSError(ENODEV)
        self._readonly = bool(readonly)

    def _check_writable(self):
        if self._readonly:
            raise OSError(EROFS)

    def umount(self):
        return None

    def open(self, path, mode="r"):
        if open_mode(mode)[0] != "r":
            self._check_writable()
        return open_host_file(self._host, _text(path), mode)

    def ilistdir(self, path="."):
        entries = self._host.ilistdir(_text(path))
        if isinstance(path, (bytes, bytearray)):
            return iter([(e[0].encode("utf-8"),) + tuple(e[1:]) for e in entries])
        return iter(entries)

    def stat(self, path):
        return self._host.stat(_text(path))

    def statvfs(self, path):
        statvfs = getattr(self._host, "statvfs", None)
        if statvfs is None:
            raise OSError(ENODEV)
        return statvfs(_text(path))

    def chdir(self, path):
        self._host.chdir(_text(path))

    def getcwd(self):
        return self._host.getcwd()

    def mkdir(self, path):
        self._check_writable()
        self._host.mkdir(_text(path))

    def rmdir(self, path):
        self._check_writable()
        self._host.rmdir(_text(path))

    def remove(self, path):
        self._check_writable()
        self._host.remove(_text(path))

    def rename(self, old, new):
        self._check_writable()
        self._host.rename(_text(old), _text(new))


def _text(path) -> str:
    if isinstance(path, (bytes, bytearray)):
        return bytes(path).decode("utf-8", "replace")
    if not isinstance(path, str):
        raise TypeError("can't convert '%s' object to str implicitly" % type(path).__name__)
    return path


class VfsLfs2(_BuiltinVfs):
    pass


class VfsFat(_BuiltinVfs):
    pass


class VfsPosix(_BuiltinVfs):
    pass


for _cls in (VfsLfs2, VfsFat, VfsPosix):
    _cls.__module__ = "vfs"


def vfs_type_for(host_fs) -> type:
    """The guest's class for a host file system: the one it names as its ``vfs_type`` (the
    board's flash: VfsFat or VfsLfs2), else VfsPosix (a host folder)."""
    return {"VfsFat": VfsFat, "VfsLfs2": VfsLfs2}.get(getattr(host_fs, "vfs_type", None),
                                                      VfsPosix)


def wrap_host_vfs(host_fs):
    return vfs_type_for(host_fs)._over(host_fs)


def vfs_types(ctx) -> dict[str, type]:
    """The VFS classes the board's firmware has (os and vfs both export them)."""
    board = getattr(ctx, "board", None)
    if board is None:
        return {"VfsPosix": VfsPosix}
    if board.profile.fs_kind == "fat":
        return {"VfsFat": VfsFat}
    return {"VfsFat": VfsFat, "VfsLfs2": VfsLfs2}
