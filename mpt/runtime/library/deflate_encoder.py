"""A small streaming DEFLATE compressor: one block with the fixed Huffman codes, LZ77
matches no further back than the window the reader will have (2**wbits bytes).

Used by the guest's deflate.DeflateIO for writing. Its choices follow MicroPython's
compressor: at each position the longest match (the nearest one among equals) starting in the
window and not reaching past the data of the current write, at most 259 bytes long (sent as
256 + 3), so a guest gets the same compressed bytes as on a board.
"""

from __future__ import annotations

from mpt.runtime.library.deflate_tables import DIST_BASE, DIST_EXTRA, LENGTH_BASE, LENGTH_EXTRA

_MIN_MATCH, _MAX_MATCH = 3, 259


def _reversed_bits(code: int, length: int) -> int:
    out = 0
    for _ in range(length):
        out = (out << 1) | (code & 1)
        code >>= 1
    return out


def _fixed_code(symbol: int) -> tuple[int, int]:
    """(code with its bits reversed for LSB-first output, length) of a literal/length symbol."""
    if symbol < 144:
        code, length = 0x30 + symbol, 8
    elif symbol < 256:
        code, length = 0x190 + symbol - 144, 9
    elif symbol < 280:
        code, length = symbol - 256, 7
    else:
        code, length = 0xC0 + symbol - 280, 8
    return _reversed_bits(code, length), length


_FIXED = [_fixed_code(s) for s in range(288)]
_DIST_CODES = [(_reversed_bits(d, 5), 5) for d in range(30)]


def _bucket(value: int, bases: tuple) -> int:
    i = len(bases) - 1
    while bases[i] > value:
        i -= 1
    return i


class FixedDeflater:
    def __init__(self, window_bits: int):
        self.window = 1 << window_bits
        self.history = bytearray()
        self.heads: dict[bytes, list[int]] = {}
        self.indexed = 0  # positions below this are in self.heads
        self.bits = 0
        self.n_bits = 0
        self.out = bytearray()
        self._put(1, 1)  # BFINAL
        self._put(1, 2)  # BTYPE = fixed Huffman codes

    def _put(self, value: int, length: int) -> None:
        self.bits |= value << self.n_bits
        self.n_bits += length
        while self.n_bits >= 8:
            self.out.append(self.bits & 0xFF)
            self.bits >>= 8
            self.n_bits -= 8

    def _symbol(self, symbol: int) -> None:
        self._put(*_FIXED[symbol])

    def _longest_match(self, pos: int, end: int) -> tuple[int, int]:
        data = self.history
        key = bytes(data[pos:pos + _MIN_MATCH])
        best_len, best_dist = 0, 0
        chain = self.heads.get(key, ())
        for start in reversed(chain):
            dist = pos - start
            if dist > self.window:
                break
            n = 0
            limit = min(_MAX_MATCH, end - pos)
            while n < limit and data[start + n] == data[pos + n]:
                n += 1
            if n > best_len:
                best_len, best_dist = n, dist
                if n == limit:
                    break
        return best_len, best_dist

    def _index_before(self, pos: int, end: int) -> None:
        """Index every earlier position whose first three bytes are known by now (a write
        may end in the middle of one)."""
        p = self.indexed
        history = self.history
        window = self.window
        while p < pos and p + _MIN_MATCH <= end:
            chain = self.heads.setdefault(bytes(history[p:p + _MIN_MATCH]), [])
            chain.append(p)
            if len(chain) > 64 and p - chain[0] > window:
                del chain[:next(i for i, q in enumerate(chain) if p - q <= window)]
            p += 1
        self.indexed = p

    def _match(self, length: int, dist: int) -> None:
        li = _bucket(length, LENGTH_BASE)
        self._symbol(257 + li)
        self._put(length - LENGTH_BASE[li], LENGTH_EXTRA[li])
        di = _bucket(dist, DIST_BASE)
        self._put(*_DIST_CODES[di])
        self._put(dist - DIST_BASE[di], DIST_EXTRA[di])

    def compress(self, data: bytes) -> bytes:
        pos = len(self.history)
        self.history += data
        end = len(self.history)
        while pos < end:
            self._index_before(pos, end)
            length, dist = (0, 0)
            if end - pos >= _MIN_MATCH:
                length, dist = self._longest_match(pos, end)
            if length >= _MIN_MATCH:
                for part in ((256, 3) if length == 259 else (length,)):
                    self._match(part, dist)
                pos += length
            else:
                self._symbol(self.history[pos])
                pos += 1
        return self._take()

    def finish(self) -> bytes:
        self._symbol(256)
        if self.n_bits:
            self.out.append(self.bits & 0xFF)
            self.bits = self.n_bits = 0
        return self._take()

    def _take(self) -> bytes:
        out = bytes(self.out)
        self.out.clear()
        return out
