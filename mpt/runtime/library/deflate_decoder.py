"""A lazy DEFLATE decoder (RFC 1951) with MicroPython's reading behaviour.

It reads the compressed stream one byte at a time and only when it needs the next bit, so the
underlying stream is left where a board would leave it; back references further than the
window (2**wbits bytes) fail, as they do on a board with that little memory. The zlib/gzip
header rules and trailer checks are MicroPython's: a gzip header's own CRC and the gzip size
field are not checked.
"""

from __future__ import annotations

import zlib
from typing import Callable, Iterator

from mpt.runtime.library.deflate_tables import DIST_BASE, DIST_EXTRA, LENGTH_BASE, LENGTH_EXTRA

_CODE_LENGTH_ORDER = (16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15)

HEADER_ZLIB, HEADER_GZIP = 1, 2


class DataError(Exception):
    """Corrupt or unsupported compressed data (MicroPython reports OSError(EINVAL))."""


class _Huffman:
    __slots__ = ("counts", "symbols")

    def __init__(self, lengths):
        counts = [0] * 16
        for n in lengths:
            counts[n] += 1
        counts[0] = 0
        offsets = [0] * 16
        for i in range(1, 16):
            offsets[i] = offsets[i - 1] + counts[i - 1]
        symbols = [0] * len(lengths)
        for symbol, n in enumerate(lengths):
            if n:
                symbols[offsets[n]] = symbol
                offsets[n] += 1
        self.counts = counts
        self.symbols = symbols


_FIXED_LITERALS = _Huffman([8] * 144 + [9] * 112 + [7] * 24 + [8] * 8)
_FIXED_DISTANCES = _Huffman([5] * 30)


class Inflater:
    def __init__(self, read_byte: Callable[[], int]):
        self._read_byte = read_byte
        self._bits = 0
        self._n_bits = 0

    # --- bits and bytes --------------------------------------------------------------

    def byte(self) -> int:
        return self._read_byte()

    def bit(self) -> int:
        if not self._n_bits:
            self._bits = self._read_byte()
            self._n_bits = 8
        b = self._bits & 1
        self._bits >>= 1
        self._n_bits -= 1
        return b

    def bits(self, n: int) -> int:
        value = 0
        for i in range(n):
            value |= self.bit() << i
        return value

    def align(self) -> None:
        self._n_bits = 0

    def _decode(self, table: _Huffman) -> int:
        code = first = index = 0
        counts = table.counts
        for length in range(1, 16):
            code |= self.bit()
            count = counts[length]
            if code - first < count:
                return table.symbols[index + code - first]
            index += count
            first += count
            first <<= 1
            code <<= 1
        raise DataError("bad code")

    # --- headers ---------------------------------------------------------------------

    def header(self) -> tuple[int, int]:
        """Parse a zlib or gzip header: (kind, window bits)."""
        cmf, flg = self.byte(), self.byte()
        if cmf == 0x1F and flg == 0x8B:
            if self.byte() != 8:
                raise DataError("method")
            flags = self.byte()
            if flags & 0xE0:
                raise DataError("flags")
            for _ in range(6):
                self.byte()
            if flags & 4:
                extra = self.byte() | self.byte() << 8
                for _ in range(extra):
                    self.byte()
            for flag in (8, 16):
                if flags & flag:
                    while self.byte():
                        pass
            if flags & 2:
                self.byte()
                self.byte()
            return HEADER_GZIP, 15
        if (256 * cmf + flg) % 31 or (cmf & 0x0F) != 8 or (cmf >> 4) > 7 or flg & 0x20:
            raise DataError("header")
        return HEADER_ZLIB, (cmf >> 4) + 8

    # --- blocks ----------------------------------------------------------------------

    def _dynamic_tables(self) -> tuple[_Huffman, _Huffman]:
        n_lit = self.bits(5) + 257
        n_dist = self.bits(5) + 1
        n_len = self.bits(4) + 4
        lengths = [0] * 19
        for i in range(n_len):
            lengths[_CODE_LENGTH_ORDER[i]] = self.bits(3)
        code_lengths = _Huffman(lengths)
        out: list[int] = []
        while len(out) < n_lit + n_dist:
            symbol = self._decode(code_lengths)
            if symbol < 16:
                out.append(symbol)
            elif symbol == 16:
                if not out:
                    raise DataError("repeat")
                out.extend([out[-1]] * (3 + self.bits(2)))
            elif symbol == 17:
                out.extend([0] * (3 + self.bits(3)))
            else:
                out.extend([0] * (11 + self.bits(7)))
        if len(out) > n_lit + n_dist:
            raise DataError("lengths")
        return _Huffman(out[:n_lit]), _Huffman(out[n_lit:])

    def inflate(self, window: int) -> Iterator[int]:
        """Yield the decompressed bytes one by one."""
        history = bytearray()
        while True:
            final = self.bit()
            kind = self.bits(2)
            if kind == 0:
                self.align()
                length = self.byte() | self.byte() << 8
                inverse = self.byte() | self.byte() << 8
                if length != (~inverse & 0xFFFF):
                    raise DataError("stored length")
                for _ in range(length):
                    b = self.byte()
                    history.append(b)
                    yield b
            elif kind == 3:
                raise DataError("block type")
            else:
                literals, distances = (_FIXED_LITERALS, _FIXED_DISTANCES) if kind == 1 \
                    else self._dynamic_tables()
                while True:
                    symbol = self._decode(literals)
                    if symbol < 256:
                        history.append(symbol)
                        yield symbol
                        continue
                    if symbol == 256:
                        break
                    symbol -= 257
                    if symbol >= 29:
                        raise DataError("length")
                    length = LENGTH_BASE[symbol] + self.bits(LENGTH_EXTRA[symbol])
                    d = self._decode(distances)
                    if d >= 30:
                        raise DataError("distance")
                    dist = DIST_BASE[d] + self.bits(DIST_EXTRA[d])
                    if dist > window or dist > len(history):
                        raise DataError("distance too far back")
                    for _ in range(length):
                        b = history[-dist]
                        history.append(b)
                        yield b
            if len(history) > 2 * window + 65536:
                del history[:-window]
            if final:
                return


def checked_stream(inflater: Inflater, kind: int | None, window: int) -> Iterator[int]:
    """The decompressed bytes, then the trailer check of a zlib or gzip stream."""
    adler, crc = 1, 0
    chunk = bytearray()
    for b in inflater.inflate(window):
        chunk.append(b)
        if len(chunk) >= 256:
            adler, crc = zlib.adler32(chunk, adler), zlib.crc32(chunk, crc)
            chunk.clear()
        yield b
    adler, crc = zlib.adler32(chunk, adler), zlib.crc32(chunk, crc)
    if kind == HEADER_ZLIB:
        value = 0
        for _ in range(4):
            value = value << 8 | inflater.byte()
        if value != adler:
            raise DataError("checksum")
    elif kind == HEADER_GZIP:
        value = 0
        for i in range(4):
            value |= inflater.byte() << (8 * i)
        if value != crc:
            raise DataError("checksum")
        for _ in range(4):  # the size, read but not checked
            inflater.byte()
