"""micropython.RingIO (py/objringio.c): a byte ring buffer with a stream interface.

RingIO(n) holds up to n bytes; RingIO(buf) uses a buffer of len(buf) and holds one byte
less. write() stores what fits and returns how many bytes that was; read()/readinto()/
readline() take what is there and never block.
"""

from __future__ import annotations


class RingIO:
    def __init__(self, size_or_buffer):
        if isinstance(size_or_buffer, (bytearray, memoryview)):
            size = len(size_or_buffer)
        elif isinstance(size_or_buffer, int) and not isinstance(size_or_buffer, bool):
            size = size_or_buffer + 1
        else:
            raise TypeError("can't convert %s to int" % type(size_or_buffer).__name__)
        if size < 2 or size > 0xFFFF:
            raise ValueError()
        self._capacity = size - 1
        self._data = bytearray()

    def any(self):
        return len(self._data)

    def _take(self, n) -> bytes:
        n = len(self._data) if n is None or n < 0 else min(n, len(self._data))
        out = bytes(self._data[:n])
        del self._data[:n]
        return out

    def read(self, size=-1):
        return self._take(size)

    def readinto(self, buf, size=None):
        n = len(buf) if size is None else min(size, len(buf))
        data = self._take(n)
        buf[: len(data)] = data
        return len(data)

    def readline(self, size=-1):
        end = self._data.find(b"\n")
        n = len(self._data) if end < 0 else end + 1
        if size is not None and size >= 0:
            n = min(n, size)
        return self._take(n)

    def write(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        elif not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError("object with buffer protocol required")
        room = self._capacity - len(self._data)
        chunk = bytes(data)[:room]
        self._data += chunk
        return len(chunk)

    def close(self):
        return None

    def __repr__(self):
        return "<RingIO>"


RingIO.__module__ = "builtins"
