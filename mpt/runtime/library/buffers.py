"""The buffer protocol as MicroPython's modules accept it: str (its UTF-8 bytes), bytes,
bytearray, memoryview, array, the objects exposing a buffer through ``__buffer__`` on every
host version (runtime.vm.hostbuffer)... anything else is a TypeError with MicroPython's wording."""

from __future__ import annotations

from mpt.runtime.vm import hostbuffer

NOT_A_BUFFER = "object with buffer protocol required"


def readable_view(data) -> memoryview:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    try:
        return memoryview(data).cast("B")
    except TypeError:
        if not hostbuffer.exposes_buffer(data):
            raise TypeError(NOT_A_BUFFER) from None
    return memoryview(hostbuffer.host_buffer(data)).cast("B")


def writable_view(data) -> memoryview:
    view = readable_view(data)
    if view.readonly:
        raise TypeError(NOT_A_BUFFER)
    return view


def buffer_bytes(data) -> bytes:
    """A copy of the bytes of ``data``."""
    if isinstance(data, bytes):
        return data
    return readable_view(data).tobytes()
