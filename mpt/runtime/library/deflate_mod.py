"""The guest's `deflate` module: DeflateIO over another stream (extmod/moddeflate.c's API).

Reading decompresses RAW, ZLIB or GZIP data (AUTO detects zlib or gzip from the header)
lazily, byte by byte from the underlying stream, with MicroPython's errors: OSError(EINVAL)
for a bad header, a wrong format, corrupt data or a back reference beyond the 2**wbits
window, EOFError when the underlying stream ends early. Writing compresses into one
fixed-Huffman block making the same match choices as MicroPython's compressor (see
deflate_encoder), with its zlib/gzip headers and trailers, so the compressed bytes are a
board's.
"""

from __future__ import annotations

import errno
import struct
import zlib

from mpt.runtime.library.arity import check_arity
from mpt.runtime.library.deflate_decoder import (HEADER_GZIP, HEADER_ZLIB, DataError, Inflater,
                                                 checked_stream)
from mpt.runtime.library.deflate_encoder import FixedDeflater
from mpt.runtime.library.buffers import buffer_bytes
from mpt.runtime.library.files import _File
from mpt.runtime.library.io_mod import IOBase, _MemoryStream

AUTO, RAW, ZLIB, GZIP = 0, 1, 2, 3
_DEFAULT_WBITS = 8


def _int(value) -> int:
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"can't convert {type(value).__name__} to int")


def _einval() -> OSError:
    return OSError(errno.EINVAL)


def _stream_ops(stream):
    if isinstance(stream, (_MemoryStream, _File, IOBase, DeflateIO)):
        return stream
    raise OSError("stream operation not supported")


def _write_to(stream, data: bytes):
    """Write to the underlying stream; the errno if a guest stream reports an error."""
    if isinstance(stream, IOBase):
        n = stream.write(bytearray(data))
        if n is None:
            return errno.EAGAIN
        if n < 0:
            return -n
        return None
    stream.write(data)
    return None


class DeflateReader:
    """DeflateIO of a firmware without MICROPY_PY_DEFLATE_COMPRESS: no write method."""

    __slots__ = ("_stream", "_format", "_wbits", "_close", "_reader", "_eof",
                 "_writer", "_input_len", "_checksum")

    def __init__(self, *args):
        check_arity(args, 1, 4)
        fmt = _int(args[1]) if len(args) > 1 else AUTO
        wbits = _int(args[2]) if len(args) > 2 else 0
        if not AUTO <= fmt <= GZIP:
            raise ValueError("format")
        if wbits != 0 and not 5 <= wbits <= 15:
            raise ValueError("wbits")
        self._stream = args[0]
        self._format = fmt
        self._wbits = wbits
        self._close = bool(args[3]) if len(args) > 3 else False
        self._reader = None
        self._eof = False
        self._writer = None
        self._input_len = 0
        self._checksum = 0

    # --- reading ---------------------------------------------------------------------

    def _source_byte(self) -> int:
        stream = _stream_ops(self._stream)
        if isinstance(stream, IOBase):  # a guest stream: its readinto, as MicroPython calls it
            buf = bytearray(1)
            n = stream.readinto(buf)
            if n is None or n < 0:
                raise OSError(errno.EIO if n is None else -n)
            data = bytes(buf[:n])
        else:
            data = stream.read(1)
        if not data:
            raise EOFError()
        return buffer_bytes(data)[0]

    def _start_reading(self) -> None:
        if self._reader is not None:
            return
        _stream_ops(self._stream)
        inflater = Inflater(self._source_byte)
        wbits = self._wbits
        kind = None
        if self._format == RAW:
            wbits = wbits or _DEFAULT_WBITS
        else:
            try:
                kind, header_wbits = inflater.header()
            except DataError:
                raise _einval() from None
            if (self._format == ZLIB and kind != HEADER_ZLIB) or \
                    (self._format == GZIP and kind != HEADER_GZIP):
                raise _einval()
            if wbits == 0 or header_wbits < wbits:
                wbits = header_wbits
        self._reader = checked_stream(inflater, kind, 1 << wbits)

    def _read_bytes(self, size: int) -> bytes:
        if self._stream is None:
            raise _einval()
        self._start_reading()
        out = bytearray()
        reader = self._reader
        try:
            while (size < 0 or len(out) < size) and not self._eof:
                try:
                    out.append(next(reader))
                except StopIteration:
                    self._eof = True
        except DataError:
            raise _einval() from None
        return bytes(out)

    def read(self, *args):
        check_arity((self,) + args, 1, 2)
        size = _int(args[0]) if args else -1
        return self._read_bytes(-1 if size == -1 else size)

    def readinto(self, *args):
        check_arity((self,) + args, 2, 3)
        view = memoryview(args[0]).cast("B")
        n = len(view) if len(args) < 2 else min(len(view), _int(args[1]))
        data = self._read_bytes(n)
        view[:len(data)] = data
        return len(data)

    def readline(self, *args):
        check_arity((self,) + args, 1, 2)
        limit = _int(args[0]) if args else -1
        line = bytearray()
        while limit == -1 or len(line) < limit:
            c = self._read_bytes(1)
            if not c:
                break
            line += c
            if c == b"\n":
                break
        return bytes(line)

    def _finish_writing(self, stream):
        return None  # nothing was written

    def close(self):
        stream = self._stream
        if stream is None:
            return
        error = self._finish_writing(stream)
        if self._close:
            if isinstance(stream, IOBase):
                ioctl = getattr(stream, "ioctl", None)
                if ioctl is not None:
                    ioctl(4, 0)  # MP_STREAM_CLOSE
            else:
                stream.close()
        self._stream = None
        if error is not None:
            raise OSError(error)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class DeflateIO(DeflateReader):
    """DeflateIO with compression (MICROPY_PY_DEFLATE_COMPRESS)."""

    __slots__ = ()

    def _start_writing(self) -> None:
        if self._writer is not None:
            return
        stream = _stream_ops(self._stream)
        wbits = self._wbits or _DEFAULT_WBITS
        self._writer = FixedDeflater(wbits)
        header = b""
        if self._format == ZLIB:
            cmf = 0x08 | (max(wbits - 8, 1) << 4)
            flg = 0x80
            flg |= 31 - ((cmf * 256 + flg) % 31)
            header = bytes([cmf, flg])
            self._checksum = 1
        elif self._format == GZIP:
            header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\x03"
            self._checksum = 0
        if header and _write_to(stream, header) is not None:
            raise _einval()

    def _emit(self, data: bytes) -> None:
        """Compressed bytes go out one by one, as MicroPython's compressor writes them."""
        stream = self._stream
        if isinstance(stream, IOBase):
            for b in data:
                error = _write_to(stream, bytes([b]))
                if error is not None:
                    raise OSError(error)
        elif data:
            stream.write(data)

    def write(self, *args):
        check_arity((self,) + args, 2, 4)
        data = buffer_bytes(args[0])
        if len(args) == 2:
            data = data[:_int(args[1])]
        elif len(args) == 3:
            offset = min(_int(args[1]), len(data))
            data = data[offset:offset + _int(args[2])]
        if not data:  # MicroPython's stream layer never passes an empty write on
            return 0
        if self._stream is None:
            raise _einval()
        self._start_writing()
        self._input_len += len(data)
        if self._format == ZLIB:
            self._checksum = zlib.adler32(data, self._checksum)
        elif self._format == GZIP:
            self._checksum = zlib.crc32(data, self._checksum)
        self._emit(self._writer.compress(data))
        return len(data)

    def _finish_writing(self, stream):
        """End the compressed stream (an error code from the stream, or None)."""
        if self._writer is None:
            return None
        self._emit(self._writer.finish())
        footer = b""
        if self._format == ZLIB:
            footer = struct.pack(">I", self._checksum & 0xFFFFFFFF)
        elif self._format == GZIP:
            footer = struct.pack("<II", self._checksum & 0xFFFFFFFF,
                                 self._input_len & 0xFFFFFFFF)
        return _write_to(stream, footer) if footer else None


DeflateReader.__name__ = DeflateReader.__qualname__ = "DeflateIO"
DeflateIO.__module__ = DeflateReader.__module__ = "builtins"


def make_module(ctx):
    deflate_io = DeflateIO if ctx.features.deflate_compress else DeflateReader
    return {"DeflateIO": deflate_io, "AUTO": AUTO, "RAW": RAW, "ZLIB": ZLIB, "GZIP": GZIP}
