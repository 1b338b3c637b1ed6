"""Binary layout of values as MicroPython's struct and array modules store them (py/binary.c).

The emulated boards are 32-bit little-endian: native ``l``/``L``/``P``/``O`` are 4 bytes,
``q``/``Q``/``d`` align to 8. Integers that do not fit are truncated, as MicroPython 1.x does
(it raises OverflowError only in its 2.0 preview).
"""

from __future__ import annotations

import struct as _host_struct
from typing import Literal

from mpt.runtime.vm.floatformat import build_float

# typecode -> (size in '<'/'>' formats, size and alignment in native '@' formats)
STANDARD_SIZES = {"b": 1, "B": 1, "h": 2, "H": 2, "i": 4, "I": 4, "l": 4, "L": 4, "q": 8, "Q": 8,
                  "P": 4, "O": 4, "S": 4, "e": 2, "f": 4, "d": 8}
NATIVE_ALIGN = {"b": 1, "B": 1, "h": 2, "H": 2, "i": 4, "I": 4, "l": 4, "L": 4, "q": 8, "Q": 8,
                "P": 4, "O": 4, "S": 4, "e": 2, "f": 4, "d": 8}
SIGNED = frozenset("bhilq")
FLOATS = frozenset("efd")


def bad_typecode() -> ValueError:
    return ValueError("bad typecode")


def type_name(value) -> str:
    return type(value).__name__


def int_of(value) -> int:
    """mp_obj_get_int: ints and bools only."""
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"can't convert {type_name(value)} to int")


def float_of(value) -> float:
    """mp_obj_get_float: ints, bools and floats."""
    if isinstance(value, (int, float)):
        return float(value)
    raise TypeError(f"can't convert {type_name(value)} to float")


def float32_bits(x: float) -> int:
    try:
        return int.from_bytes(_host_struct.pack("<f", x), "little")
    except OverflowError:  # a C cast from double to float gives infinity
        return 0xFF800000 if x < 0 else 0x7F800000


def float32_from_bits(bits: int) -> float:
    return _host_struct.unpack("<f", bits.to_bytes(4, "little"))[0]


def half_float_bits(x: float) -> int:
    """MicroPython's own float -> half-float conversion (kept bit-for-bit, quirks included)."""
    fbits = float32_bits(x)
    m = (fbits >> 13) & 0x3FF
    if fbits & (1 << 12):
        m += 1
    e = (fbits >> 23) & 0xFF
    if e == 0xFF:
        e = 0x1F
    elif e != 0:
        e -= 127 - 15
        if e < 0:
            if e >= -11:
                m = (m | 0x400) >> -e
                m = (m >> 1) + 1 if m & 1 else m >> 1
            else:
                m = 0
            e = 0
        elif e > 0x3F:
            e = 0x1F
            m = 0
    return (((fbits >> 16) & 0x8000) | (e << 10) | m) & 0xFFFF


def half_float_from_bits(hf: int) -> float:
    m = hf & 0x3FF
    e = (hf >> 10) & 0x1F
    if e == 0x1F:
        e = 0xFF
    elif e:
        e += 127 - 15
    elif m:
        e = 127 - 15
        while not m & 0x400:
            m <<= 1
            e -= 1
        m -= 0x400
        e += 1
    return float32_from_bits(((hf & 0x8000) << 16) | (e << 23) | (m << 13))


# Objects stored with the 'O' typecode, by the "address" written into the buffer.
_OBJECTS: dict[int, object] = {}


def object_address(obj) -> int:
    addr = (id(obj) >> 3) & 0xFFFFFFFF or 8
    _OBJECTS[addr] = obj
    return addr


def object_at(addr: int):
    try:
        return _OBJECTS[addr]
    except KeyError:
        raise ValueError("invalid object reference") from None


def encode(code: str, size: int, value, big_endian: bool) -> bytes:
    """The bytes of ``value`` stored with typecode ``code`` in ``size`` bytes."""
    order: Literal["big", "little"] = "big" if big_endian else "little"
    if code in FLOATS:
        x = float_of(value)
        if code == "d":
            return _host_struct.pack(">d" if big_endian else "<d", x)
        bits = float32_bits(x) if code == "f" else half_float_bits(x)
        return bits.to_bytes(size, order)
    if code == "O":
        n = object_address(value)
    else:
        n = int_of(value)
    return (n & ((1 << (8 * size)) - 1)).to_bytes(size, order)


def decode(code: str, data, big_endian: bool, cstring_at=None):
    """The value stored with typecode ``code`` in ``data``; ``cstring_at(addr)`` reads the
    C string an 'S' item points to (py/binary.c makes a str of it)."""
    order: Literal["big", "little"] = "big" if big_endian else "little"
    if code == "d":  # a single-precision build keeps it as its float
        return build_float(_host_struct.unpack(">d" if big_endian else "<d", data)[0])
    n = int.from_bytes(data, order, signed=code in SIGNED)
    if code == "f":
        return float32_from_bits(n)
    if code == "e":
        return half_float_from_bits(n)
    if code == "O":
        return object_at(n)
    if code == "S":
        if cstring_at is None:
            raise ValueError("bad typecode")
        return cstring_at(n).decode("utf-8", "surrogateescape")
    return n
