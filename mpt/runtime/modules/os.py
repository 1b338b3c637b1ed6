"""The guest's `os` module (also `uos`): the flash file system and board identity."""

from __future__ import annotations

import os as host_os

from mpt.runtime.board.flash import EPERM


def make_module(ctx):
    vfs = ctx.vfs
    board = ctx.board
    uname_fields = ("sysname", "nodename", "release", "version", "machine")

    class uname_result(tuple):
        def __new__(cls, values):
            return tuple.__new__(cls, values)

        def __getattr__(self, name):
            if name in uname_fields:
                return self[uname_fields.index(name)]
            raise AttributeError(name)

        def __repr__(self):
            return "(%s)" % ", ".join("%s=%r" % (n, v) for n, v in zip(uname_fields, self))

    def uname():
        if board is not None:
            return uname_result(board.profile.uname())
        return uname_result(("mpt", "mpt", "1.29.0", "v1.29.0", "mpt emulator"))

    def _fs():
        if vfs is None:
            raise OSError(19)  # ENODEV: nothing mounted
        return vfs

    def listdir(path=""):
        return _fs().listdir(path)

    def ilistdir(path=""):
        return iter(_fs().ilistdir(path))

    def statvfs(path="/"):
        fs = _fs()
        if not hasattr(fs, "statvfs"):
            raise OSError(EPERM)
        return fs.statvfs(path)

    def sync():
        return None

    def urandom(n):
        return host_os.urandom(int(n))

    def dupterm(stream=None, index=0):
        return None

    def mount(*args, **kwargs):
        raise OSError(EPERM)

    def umount(path):
        raise OSError(EPERM)

    return {
        "uname": uname, "listdir": listdir, "ilistdir": ilistdir,
        "mkdir": lambda path: _fs().mkdir(path), "rmdir": lambda path: _fs().rmdir(path),
        "remove": lambda path: _fs().remove(path),
        "unlink": lambda path: _fs().remove(path),
        "rename": lambda old, new: _fs().rename(old, new),
        "stat": lambda path: _fs().stat(path), "statvfs": statvfs,
        "getcwd": lambda: _fs().getcwd(), "chdir": lambda path: _fs().chdir(path),
        "sync": sync, "urandom": urandom, "dupterm": dupterm, "mount": mount,
        "umount": umount, "sep": "/",
    }
