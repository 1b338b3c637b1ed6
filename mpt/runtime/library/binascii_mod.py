"""The guest's `binascii` module, as MicroPython's extmod/modbinascii.c behaves.

MicroPython's decoders are lenient where CPython's are strict: a2b_base64 skips characters
outside the alphabet and stops at the padding; unhexlify skips white space between digit
pairs. hexlify's separator is the first character of the given string.
"""

from __future__ import annotations

import binascii
import zlib

from mpt.runtime.library.arity import check_arity, check_keywords
from mpt.runtime.library.buffers import buffer_bytes

_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SEXTET = {c: i for i, c in enumerate(_ALPHABET)}
_HEX_DIGITS = frozenset(b"0123456789abcdefABCDEF")
_SPACE = frozenset(b" \t\n\r\x0b\x0c")


def hexlify(*args):
    check_arity(args, 1, 2)
    data = buffer_bytes(args[0])
    if not data:
        return b""
    if len(args) < 2:
        return binascii.hexlify(data)
    sep = args[1]
    if isinstance(sep, (bytes, bytearray)):
        sep = bytes(sep).decode("latin-1")
    elif not isinstance(sep, str):
        raise TypeError(f"can't convert '{type(sep).__name__}' object to str implicitly")
    first = sep.encode("utf-8")[:1] or b"\x00"
    return first.join(binascii.hexlify(bytes([b])) for b in data)


def unhexlify(data):
    data = buffer_bytes(data)
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        c1 = data[i]
        i += 1
        if c1 in _SPACE:
            continue
        if i == n or c1 not in _HEX_DIGITS or data[i] not in _HEX_DIGITS:
            raise ValueError("non-hex digit")
        out.append(int(bytes([c1, data[i]]), 16))
        i += 1
    return bytes(out)


def a2b_base64(data):
    data = buffer_bytes(data)
    out = bytearray()
    shift = 0
    nbits = 0
    had_pad = False
    for c in data:
        if c == 0x3D:  # '='
            if nbits == 2 or (nbits == 4 and had_pad):
                nbits = 0
                break
            had_pad = True
        sextet = _SEXTET.get(c)
        if sextet is None:
            continue
        had_pad = False
        shift = ((shift << 6) | sextet) & 0xFFFFFFFF
        nbits += 6
        if nbits >= 8:
            nbits -= 8
            out.append((shift >> nbits) & 0xFF)
    if nbits:
        raise ValueError("incorrect padding")
    return bytes(out)


def b2a_base64(*args, **kwargs):
    check_arity(args, 1, 2)
    check_keywords(kwargs, ("newline",))
    newline = args[1] if len(args) > 1 else kwargs.get("newline", True)
    return binascii.b2a_base64(buffer_bytes(args[0]), newline=bool(newline))


def crc32(*args):
    check_arity(args, 1, 2)
    start = 0
    if len(args) > 1:
        if not isinstance(args[1], int):
            raise TypeError(f"can't convert {type(args[1]).__name__} to int")
        start = args[1] & 0xFFFFFFFF
    return zlib.crc32(buffer_bytes(args[0]), start)


def make_module(ctx):
    return {"hexlify": hexlify, "unhexlify": unhexlify, "a2b_base64": a2b_base64,
            "b2a_base64": b2a_base64, "crc32": crc32}
