"""The guest's `io` module: StringIO and BytesIO as MicroPython's py/objstringio.c has them,
IOBase for guest-defined streams, and open().

MicroPython's StringIO is a byte buffer holding UTF-8: write() returns the number of bytes,
tell() and seek() count bytes, and read(n) reads n characters. Seeking before the start with
SEEK_SET is OSError(EINVAL); a write after seeking past the end fills the gap with zero bytes.
There is no readlines(), closed, truncate() or writelines(); write() and readinto() take
MicroPython's optional (offset,) length arguments.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, Any

from mpt.runtime.library.files import LineStream, open_file, utf8_length
from mpt.runtime.library.arity import check_arity
from mpt.runtime.library.buffers import buffer_bytes


class IOBase:
    """Base class for guest streams (print(file=...) calls their write())."""

    if TYPE_CHECKING:  # what guest subclasses define (the library calls them)
        def write(self, data: bytearray) -> Any: ...
        def readinto(self, buf: bytearray) -> Any: ...
        def ioctl(self, request: int, arg: Any) -> Any: ...


def _int(value) -> int:
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"can't convert {type(value).__name__} to int")


class _MemoryStream(LineStream):
    _text = False

    def __init__(self, *args):
        check_arity(args, 0, 1)
        self._pos = 0
        self._buf: bytearray | None = bytearray()
        if args and not isinstance(args[0], int):
            self._buf += buffer_bytes(args[0])

    def _open_buffer(self) -> bytearray:
        if self._buf is None:
            raise ValueError("I/O operation on closed file")
        return self._buf

    def _content(self, data: bytes):
        if not self._text:
            return data
        try:
            return data.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            raise UnicodeError() from None

    def _read_bytes(self, n: int) -> bytes:
        buf = self._open_buffer()
        if n < 0:
            n = max(len(buf) - self._pos, 0)
        data = bytes(buf[self._pos:self._pos + n])
        self._pos += len(data)
        return data

    def read(self, *args):
        check_arity((self,) + args, 1, 2)
        size = -1 if not args else _int(args[0])
        if size == -1 or not self._text:
            return self._content(self._read_bytes(size))
        data = bytearray()
        chars = 0
        buf = self._open_buffer()
        while chars < size and self._pos < len(buf):  # size characters, not bytes
            n = utf8_length(buf[self._pos])
            data += self._read_bytes(n)
            chars += 1
        return self._content(bytes(data))

    def readline(self, *args):
        check_arity((self,) + args, 1, 2)
        limit = -1 if not args else _int(args[0])
        buf = self._open_buffer()
        end = buf.find(b"\n", self._pos)
        end = len(buf) if end < 0 else end + 1
        if limit != -1:
            end = min(end, self._pos + max(limit, 0))
        return self._content(self._read_bytes(max(end - self._pos, 0)))

    def readinto(self, *args):
        check_arity((self,) + args, 2, 3)
        target = args[0]
        try:
            view = memoryview(target).cast("B")
        except TypeError:
            raise TypeError("object with buffer protocol required") from None
        if view.readonly:
            raise TypeError("object with buffer protocol required")
        n = len(view) if len(args) < 2 else min(len(view), _int(args[1]) & 0xFFFFFFFF)
        data = self._read_bytes(n)
        view[:len(data)] = data
        return len(data)

    def write(self, *args):
        check_arity((self,) + args, 2, 4)
        data = buffer_bytes(args[0])
        if len(args) == 2:
            data = data[:_int(args[1]) & 0xFFFFFFFF]
        elif len(args) == 3:
            offset = min(_int(args[1]) & 0xFFFFFFFF, len(data))
            data = data[offset:offset + (_int(args[2]) & 0xFFFFFFFF)]
        buf = self._open_buffer()
        if self._pos > len(buf):
            buf += bytes(self._pos - len(buf))
        buf[self._pos:self._pos + len(data)] = data
        self._pos += len(data)
        return len(data)

    def seek(self, *args):
        check_arity((self,) + args, 2, 3)
        offset = _int(args[0])
        whence = _int(args[1]) if len(args) > 1 else 0
        if whence == 0 and offset < 0:
            raise OSError(errno.EINVAL)
        buf = self._open_buffer()
        ref = self._pos if whence == 1 else len(buf) if whence == 2 else 0
        self._pos = max(ref + offset, 0)
        return self._pos

    def tell(self):
        return self._pos

    def flush(self):
        return None

    def close(self):
        self._buf = None

    def getvalue(self):
        return self._content(bytes(self._open_buffer()))

    def __repr__(self):
        return f"<io.{type(self).__name__} 0x{id(self) & 0xFFFFFFF:x}>"


class StringIO(_MemoryStream):
    _text = True


class BytesIO(_MemoryStream):
    pass


for _cls in (StringIO, BytesIO, IOBase):
    _cls.__module__ = "builtins"


def make_module(ctx):
    rt = ctx.interpreter.runtime
    return {"StringIO": StringIO, "BytesIO": BytesIO, "IOBase": IOBase,
            "open": lambda path, mode="r", *a, **k: open_file(rt.vfs, path, mode)}
