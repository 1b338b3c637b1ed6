"""The variable-length integers of the .mpy format and of bytecode operands.

A var-uint is big-endian base-128: 7 bits a byte, most significant group first, the high bit
set on every byte but the last. The signed form (the LOAD_CONST_SMALL_INT operand) is the
same in two's complement, bit 6 of the first byte being the sign.
"""

from __future__ import annotations

from mpt.errors import MpyFormatError


def encode_var_uint(value: int) -> bytes:
    """The var-uint encoding of ``value`` (>= 0)."""
    if value < 0x80:
        return _ONE_BYTE[value]  # most operands: no list, no new bytes object
    groups = [value & 0x7F]
    value >>= 7
    while value:
        groups.append(0x80 | (value & 0x7F))
        value >>= 7
    groups.reverse()
    return bytes(groups)


_ONE_BYTE = [bytes((i,)) for i in range(0x80)]


def encode_var_sint(value: int) -> bytes:
    """The signed var-int encoding of ``value``, as LOAD_CONST_SMALL_INT stores it."""
    groups = []
    while True:
        groups.append(value & 0x7F)
        value >>= 7
        if value == 0 or value == -1:
            break
    if value == -1 and not groups[-1] & 0x40:
        groups.append(0x7F)
    elif value == 0 and groups[-1] & 0x40:
        groups.append(0)
    groups.reverse()
    return bytes([g | 0x80 for g in groups[:-1]] + [groups[-1]])


def read_var_uint(data: bytes, pos: int) -> tuple[int, int]:
    """The var-uint at ``pos`` and the position after it."""
    value = 0
    try:
        while True:
            b = data[pos]
            pos += 1
            value = (value << 7) | (b & 0x7F)
            if not b & 0x80:
                return value, pos
    except IndexError:
        raise MpyFormatError("truncated var-uint") from None


def read_var_sint(data: bytes, pos: int) -> tuple[int, int]:
    """The signed var-int at ``pos`` and the position after it."""
    try:
        value = -1 if data[pos] & 0x40 else 0
        while True:
            b = data[pos]
            pos += 1
            value = (value << 7) | (b & 0x7F)
            if not b & 0x80:
                return value, pos
    except IndexError:
        raise MpyFormatError("truncated var-int") from None
