"""Number literal parsing as MicroPython's py/parsenum.c does it on the mpy-cross host build.

Integers are exact. Floats are NOT parsed with Python's correctly rounded ``float()``: mpy-cross
(a 64-bit x86 build with 80-bit ``long double``) accumulates up to ~19 decimal digits into a
64-bit mantissa and scales it by powers of ten in ``long double`` arithmetic, then rounds to
double. mpt.floatrepr emulates that exactly (one implementation, shared with the
.mpy reader and the runtime).
"""

from __future__ import annotations

from mpt.floatrepr import parse_float_prefix
from mpt.intdigits import decimal_to_int


class NumberSyntaxError(Exception):
    """The literal is malformed; ``args[0]`` is MicroPython's message."""


def parse_integer(text: bytes) -> int:
    """mp_parse_num_integer(text, base=0) for a lexer INTEGER token (no sign, no spaces)."""
    base = 0
    pos = 0
    if len(text) > 1 and text[0] == 0x30:
        c = text[1] | 0x20
        if c == 0x78:
            base, pos = 16, 2
        elif c == 0x6F:
            base, pos = 8, 2
        elif c == 0x62:
            base, pos = 2, 2
        else:
            base = 1  # a leading zero: only zeros may follow
    else:
        base = 10
    start = pos
    digits = bytearray()
    while pos < len(text):
        c = text[pos]
        if 0x30 <= c <= 0x39:
            dig = c - 0x30
        elif c == 0x5F:
            pos += 1
            continue
        elif 0x61 <= (c | 0x20) <= 0x7A:
            dig = (c | 0x20) - 0x61 + 10
        else:
            break
        if dig >= base:
            break
        digits.append(c)
        pos += 1
    if pos == start or pos != len(text):
        shown = text[start:].decode("latin-1")
        raise NumberSyntaxError(
            f"invalid syntax for integer with base {0 if base == 1 else base}: {quote_bytes(shown)}")
    return _digits_value(bytes(digits), base)


def _digits_value(digits: bytes, base: int) -> int:
    """The value of validated digits."""
    if base == 1:
        return 0  # only zeros can follow a leading zero
    if base != 10:
        return int(digits, base)
    return decimal_to_int(digits)


def quote_bytes(s: str) -> str:
    """mp_str_print_quoted for the plain ASCII text of a number token."""
    q = '"' if ("'" in s and '"' not in s) else "'"
    out = []
    for ch in s:
        o = ord(ch)
        if ch == q or ch == "\\":
            out.append("\\" + ch)
        elif 32 <= o < 127:
            out.append(ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        else:
            out.append(f"\\x{o:02x}")
    return q + "".join(out) + q


def parse_decimal(text: bytes, prefix_parser=parse_float_prefix):
    """mp_parse_num_float(text, allow_imag=True) for a lexer FLOAT_OR_IMAG token:
    a float, or a complex for an imaginary literal. ``prefix_parser`` reads the unsigned
    decimal (the build's: mpy-cross's double precision by default)."""
    parsed = prefix_parser(text.decode("ascii", "replace"))
    if parsed is None:
        raise NumberSyntaxError("invalid syntax for number")
    value, pos = parsed
    imag = False
    if pos < len(text) and (text[pos] | 0x20) == 0x6A:
        if pos == 0:
            value = 1.0
        pos += 1
        imag = True
    if pos == 0 or pos != len(text):
        raise NumberSyntaxError("invalid syntax for number")
    if imag:
        return complex(0.0, value)
    return value
