"""The guest's `io` module."""

from __future__ import annotations

import io


class IOBase:
    """Base of guest-defined streams (read/write/ioctl methods), e.g. for select.poll."""


IOBase.__module__ = "builtins"


def make_module(ctx):
    from mpt.runtime.files import open_file
    rt = ctx.interpreter.runtime
    return {"StringIO": io.StringIO, "BytesIO": io.BytesIO, "IOBase": IOBase,
            "open": lambda path, mode="r", *a, **k: open_file(rt.vfs, path, mode)}
