"""The guest's `random` module: MicroPython's yasmarang generator (extmod/modrandom.c).

The same seed gives the same numbers as on a board: getrandbits/randrange/randint/choice
draw 32-bit words from yasmarang (rejection sampling below a power-of-two mask), random()
fills a double's 52-bit fraction from two words. seed() without an argument (and the import
itself) seeds from the host's entropy, as a board seeds from its hardware RNG.
"""

from __future__ import annotations

import os
import struct

from mpt.float32 import to_f32
from mpt.runtime.library.arity import check_arity

_M32 = 0xFFFFFFFF


def _int(value) -> int:
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"can't convert {type(value).__name__} to int")


def _float(value) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    raise TypeError(f"can't convert {type(value).__name__} to float")


def _c_div(a: int, b: int) -> int:
    """Integer division truncating toward zero, as C's."""
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


class Yasmarang:
    __slots__ = ("pad", "n", "d", "dat")

    def __init__(self, seed: int):
        self.seed(seed)

    def seed(self, seed: int) -> None:
        self.pad = seed & _M32
        self.n = 69
        self.d = 233
        self.dat = 0

    def next(self) -> int:
        pad = (self.pad + self.dat + self.d * self.n) & _M32
        pad = ((pad << 3) + (pad >> 29)) & _M32
        self.pad = pad
        self.n = pad | 2
        d = self.d ^ (((pad << 31) + (pad >> 1)) & _M32)
        self.d = d
        dat = (self.dat ^ pad ^ (d >> 8) ^ 1) & 0xFF  # an 8-bit variable in the C code
        self.dat = dat
        return (pad ^ ((d << 5) & _M32) ^ (pad >> 18) ^ ((dat << 1) & _M32)) & _M32

    def below(self, n: int) -> int:
        mask = 1
        while (n & mask) < n:
            mask = (mask << 1) | 1
        while True:
            r = self.next() & mask
            if r < n:
                return r

    def fraction(self) -> float:
        high = self.next()
        low = self.next()
        frac = ((high << 32) | low) & ((1 << 52) - 1)
        return struct.unpack("<d", struct.pack("<Q", (1023 << 52) | frac))[0] - 1.0

    def fraction32(self) -> float:
        """yasmarang_float of a single-precision build: one draw's low 23 bits."""
        frac = self.next() & ((1 << 23) - 1)
        return struct.unpack("<f", struct.pack("<I", (127 << 23) | frac))[0] - 1.0


def make_module(ctx):
    gen = Yasmarang(int.from_bytes(os.urandom(4), "little"))
    single = ctx.features.float_bits == 32
    fraction = gen.fraction32 if single else gen.fraction

    def seed(*args):
        check_arity(args, 0, 1)
        if not args or args[0] is None:
            gen.seed(int.from_bytes(os.urandom(4), "little"))
        else:
            gen.seed(_int(args[0]))

    def getrandbits(*args):
        check_arity(args, 1, 1)
        n = _int(args[0])
        if n > 32 or n < 0:
            raise ValueError("bits must be 32 or less")
        if n == 0:
            return 0
        return gen.next() & (_M32 >> (32 - n))

    def randrange(*args):
        check_arity(args, 1, 3)
        start = _int(args[0])
        if len(args) == 1:
            if start > 0:
                return gen.below(start)
            raise ValueError()
        stop = _int(args[1])
        if len(args) == 2:
            if start < stop:
                return start + gen.below(stop - start)
            raise ValueError()
        step = _int(args[2])
        if step > 0:
            n = _c_div(stop - start + step - 1, step)
        elif step < 0:
            n = _c_div(stop - start + step + 1, step)
        else:
            raise ValueError()
        if n > 0:
            return start + step * gen.below(n)
        raise ValueError()

    def randint(*args):
        check_arity(args, 2, 2)
        a, b = _int(args[0]), _int(args[1])
        if a <= b:
            return a + gen.below(b - a + 1)
        raise ValueError()

    def choice(*args):
        check_arity(args, 1, 1)
        seq = args[0]
        n = len(seq)
        if n > 0:
            return seq[gen.below(n)]
        raise IndexError()

    def random():
        return fraction()

    def uniform(*args):
        check_arity(args, 2, 2)
        a, b = _float(args[0]), _float(args[1])
        if single:  # each operation in binary32
            a, b = to_f32(a), to_f32(b)
            return to_f32(a + to_f32(to_f32(b - a) * fraction()))
        return a + (b - a) * fraction()

    return {"seed": seed, "getrandbits": getrandbits, "randrange": randrange,
            "randint": randint, "choice": choice, "random": random, "uniform": uniform}
