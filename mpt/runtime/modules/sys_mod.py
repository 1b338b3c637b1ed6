"""The guest's `sys` module."""

from __future__ import annotations

from mpt.runtime.objects import Module, register_guest_type


class _Implementation(tuple):
    def __new__(cls):
        return super().__new__(cls, ("micropython", (1, 29, 0, ""), "mpt emulated board", 0x2806))

    name = property(lambda self: self[0])
    version = property(lambda self: self[1])
    _machine = property(lambda self: self[2])
    _mpy = property(lambda self: self[3])

    def __repr__(self):
        return (f"(name='micropython', version=(1, 29, 0, ''), _machine='{self[2]}', "
                f"_mpy={self[3]})")


# guest-visible like a guest object, so the sandbox lets `_machine` and `_mpy` through
register_guest_type(_Implementation)


class _Stream:
    def __init__(self, write=None, readline=None):
        self._write = write
        self._readline = readline

    def write(self, text):
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode("utf-8", "replace")
        self._write(text)
        return len(text)

    def flush(self):
        return None

    def readline(self):
        line = self._readline()
        return line or ""

    def read(self, n=-1):
        return self.readline()


    def __repr__(self):
        return "<io.TextIOWrapper>"


class _BufferStream(_Stream):
    def __repr__(self):
        return "<io.FileIO>"


_Stream.__module__ = _BufferStream.__module__ = "builtins"
_Stream.__qualname__ = _Stream.__name__ = "TextIOWrapper"
_BufferStream.__qualname__ = _BufferStream.__name__ = "FileIO"


def _with_buffer(stream: _Stream) -> _Stream:
    stream.buffer = _BufferStream(stream._write, stream._readline)
    return stream


def make_module(ctx):
    interp = ctx.interpreter
    rt = interp.runtime

    def exit(code=None):  # noqa: A001
        raise SystemExit(code) if code is not None else SystemExit()

    def print_exception(exc, file=None):
        text = interp.format_exception(exc)
        if file is None:
            interp.write_stdout(text)
        else:
            file.write(text)

    board = ctx.board
    platform = getattr(getattr(board, "profile", None), "platform", None) or "linux"
    return {
        "argv": interp.argv,
        "path": rt.path,
        "modules": rt.modules,
        "exit": exit,
        "print_exception": print_exception,
        "stdout": _with_buffer(_Stream(interp.write_stdout)),
        "stderr": _with_buffer(_Stream(interp.write_stderr)),
        "stdin": _with_buffer(_Stream(readline=interp.read_line)),
        "version": "3.4.0; MicroPython v1.29.0",
        "version_info": (3, 4, 0),
        "implementation": _Implementation(),
        "platform": platform,
        "byteorder": "little",
        "maxsize": 2147483647,
        "__name__": "sys",
    }


_ = Module
