"""The guest's `io` module."""

from __future__ import annotations

import io


def make_module(ctx):
    from mpt.runtime.files import open_file
    rt = ctx.interpreter.runtime
    return {"StringIO": io.StringIO, "BytesIO": io.BytesIO,
            "open": lambda path, mode="r", *a, **k: open_file(rt.vfs, path, mode)}
