"""The guest's `io` module."""

from __future__ import annotations

import io


class IOBase:
    """Base of guest-defined streams (read/write/ioctl methods), e.g. for select.poll."""


IOBase.__module__ = "builtins"


class BytesIO(io.BytesIO):
    """BytesIO with MicroPython's extended write(buf, len) and write(buf, offset, len)."""

    def write(self, buf, *extra):
        if len(extra) == 1:
            buf = bytes(buf)[: extra[0]]
        elif len(extra) == 2:
            buf = bytes(buf)[extra[0]: extra[0] + extra[1]]
        return super().write(buf)


class IOBase:
    """Base class for guest streams (print(file=...) calls their write())."""


for _cls in (BytesIO, IOBase):
    _cls.__module__ = "builtins"


def make_module(ctx):
    from mpt.runtime.files import open_file
    rt = ctx.interpreter.runtime
    return {"StringIO": io.StringIO, "BytesIO": BytesIO, "IOBase": IOBase, "IOBase": IOBase,
            "open": lambda path, mode="r", *a, **k: open_file(rt.vfs, path, mode)}
