"""The guest's `os` module (also `uos`): the flash file system and board identity."""

from __future__ import annotations

import os as host_os

from mpt.runtime.library.builtin_vfs import vfs_types
from mpt.runtime.library.dupterm import dupterm_of, tee_interpreter
from mpt.runtime.library.mounts import as_mount_table


_UNAME_FIELDS = ("sysname", "nodename", "release", "version", "machine")


class uname_result(tuple):  # noqa: N801 - the guest's type name
    # os.uname()'s result: a tuple whose items are also attributes (one class for every
    # interpreter: it holds no state, and the guest cannot change a host class)
    def __new__(cls, values):
        return tuple.__new__(cls, values)

    def __getattr__(self, name):
        if name in _UNAME_FIELDS:
            return self[_UNAME_FIELDS.index(name)]
        raise AttributeError(name)

    def __repr__(self):
        return "(%s)" % ", ".join("%s=%r" % (n, v) for n, v in zip(_UNAME_FIELDS, self))


uname_result.__module__ = "builtins"


def make_module(ctx):
    table = as_mount_table(ctx.vfs)
    table.use_filesystems(vfs_types(ctx))
    board = ctx.board

    def uname():
        if board is not None:
            return uname_result(board.profile.uname())
        return uname_result(("mpt", "mpt", "1.29.0", "v1.29.0", "mpt emulator"))

    def listdir(path=""):
        return table.listdir(path)

    def ilistdir(path=""):
        return iter(table.ilistdir(path))

    def sync():
        return None

    def urandom(n):
        return host_os.urandom(int(n))

    def dupterm(stream, index=0):
        slots = dupterm_of(ctx)
        previous = slots.attach(stream, index)
        if "console_rx" not in ctx.extra:  # no REPL session: tee the interpreter's console
            tee_interpreter(ctx.interpreter, slots)
        return previous

    def dupterm_notify(obj):
        """Move what the streams have into the console's input (rp2, esp32)."""
        slots = dupterm_of(ctx)
        feed = ctx.extra.get("console_feed")
        while True:
            c = slots.rx()
            if c < 0:
                return None
            if feed is not None:
                feed(bytes([c]))
            else:
                slots.pending.append(c)

    return {
        "uname": uname, "listdir": listdir, "ilistdir": ilistdir,
        "mkdir": lambda path: table.mkdir(path), "rmdir": lambda path: table.rmdir(path),
        "remove": lambda path: table.remove(path),
        "unlink": lambda path: table.remove(path),
        "rename": lambda old, new: table.rename(old, new),
        "stat": lambda path: table.stat(path), "statvfs": lambda path: table.statvfs(path),
        "getcwd": lambda: table.getcwd(), "chdir": lambda path: table.chdir(path),
        "sync": sync, "urandom": urandom, "mount": table.guest_mount,
        "umount": table.guest_umount, "sep": "/", **vfs_types(ctx),
        **({"dupterm": dupterm} if ctx.features.os_dupterm else {}),
        **({"dupterm_notify": dupterm_notify} if ctx.features.os_dupterm_notify else {}),
    }
