"""Decimal text <-> int without CPython's 4300-digit conversion limit (MicroPython has none)."""

from __future__ import annotations

_CHUNK = 4000  # decimal digits converted at once, under CPython's limit


def int_to_decimal(n: int) -> str:
    if n < 0:
        return "-" + int_to_decimal(-n)
    try:
        return str(n)
    except ValueError:  # over the limit: split in halves of about equal digit counts
        half = int(n.bit_length() * 0.30102999566398) // 2
        high, low = divmod(n, 10 ** half)
        return int_to_decimal(high) + int_to_decimal(low).rjust(half, "0")


def decimal_to_int(digits: str | bytes) -> int:
    """The value of a string of decimal digits (an optional leading sign allowed)."""
    if len(digits) <= _CHUNK:
        return int(digits)
    sign = 1
    if digits[:1] in ("-", b"-", "+", b"+"):
        sign = -1 if digits[:1] in ("-", b"-") else 1
        digits = digits[1:]
    value = 0
    for i in range(0, len(digits), _CHUNK):
        chunk = digits[i:i + _CHUNK]
        value = value * 10 ** len(chunk) + int(chunk)
    return sign * value
