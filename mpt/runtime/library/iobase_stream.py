"""MicroPython's stream protocol over a guest ``io.IOBase`` subclass.

py/modio.c gives such a class the stream protocol through its methods: a read or a write is
one call of ``readinto(buf)`` or ``write(buf)`` on a bytearray over the data, whose result
says what happened (None: EAGAIN; a negative number: that errno; more than the buffer holds:
EIO). py/stream.c's ``mp_stream_write`` repeats the write until all is written, a call
writes nothing or one fails; a failure is raised as OSError, after the stream's
``ioctl(MP_STREAM_RAISE_ERROR, errno)`` had its say (MICROPY_STREAMS_DELEGATE_ERROR, on from
the "extra features" ROM level, where every board and the unix port are built).
"""

from __future__ import annotations

import errno

_RAISE_ERROR = 12  # MP_STREAM_RAISE_ERROR (py/stream.h)


class StreamFailed(Exception):
    """One call of the stream's method failed with ``errno``."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def _int(value) -> int:
    if isinstance(value, int):  # bool too, as mp_obj_get_int takes it
        return int(value)
    raise TypeError(f"can't convert {type(value).__name__} to int")


def transfer(stream, method: str, buf: bytearray) -> int:
    """One ``stream.readinto(buf)`` or ``stream.write(buf)``: how many bytes it moved
    (py/modio.c iobase_read_write), else StreamFailed."""
    result = getattr(stream, method)(buf)
    if result is None:
        raise StreamFailed(errno.EAGAIN)
    n = _int(result)
    if n < 0:
        raise StreamFailed(-n)
    if n > len(buf):
        raise StreamFailed(errno.EIO)
    return n


def raise_error(stream, code: int):
    """py/stream.c mp_stream_raise_error: the stream's ioctl first, then OSError(code)."""
    _int(stream.ioctl(_RAISE_ERROR, code))
    raise OSError(code)


def write(stream, data: bytes) -> int | None:
    """mp_stream_write(stream, data, MP_STREAM_RW_WRITE): the bytes written, None when the
    stream would block before writing any."""
    done = 0
    code = 0
    while done < len(data):
        try:
            n = transfer(stream, "write", bytearray(data[done:]))
        except StreamFailed as failed:
            code = failed.code
            if code == errno.EAGAIN and done:  # what was written counts
                code = 0
            break
        if n == 0:
            break
        done += n
    if code == errno.EAGAIN:
        return None
    if code:
        raise_error(stream, code)
    return done


def read_byte(stream) -> bytes:
    """One byte through ``readinto`` (b'' at the end), a failure raised as OSError, as
    extmod/modjson.c reads its stream."""
    buf = bytearray(1)
    try:
        n = transfer(stream, "readinto", buf)
    except StreamFailed as failed:
        raise OSError(failed.code) from None
    return bytes(buf[:n])


def print_writer(obj):
    """How print(file=obj) writes text to ``obj`` when it is a guest IOBase stream (each
    piece's UTF-8 bytes through :func:`write`), else None."""
    from mpt.runtime.library.io_mod import IOBase  # loaded on first use, as the io module is

    if not isinstance(obj, IOBase):
        return None
    return lambda text: write(obj, text.encode("utf-8", "surrogatepass"))
