"""Arithmetic on constants with MicroPython's semantics, for the parser's constant folding.

Each function returns the folded value, or ``NO_FOLD`` where MicroPython's runtime operation
would raise (division by zero, negative shift, unsupported types, out of memory) or would give a
complex result; in those cases parse.c leaves the expression unfolded.
"""

from __future__ import annotations

import math

NO_FOLD = object()

# Beyond these sizes mpy-cross (a 2 MiB heap) runs out of memory while folding, so it leaves
# the expression be. Measured: powers with results up to 500 KiB fold, 255 ** 1000000 (1 MiB)
# does not; a power needs about three times its result size in temporaries.
_MAX_RESULT_BITS = 8 * 1024 * 1024
_MAX_POWER_RESULT_BITS = 2 * 1024 * 1024 * 8 // 3
_MACHINE_WORD_LIMIT = 1 << 63


def is_number(value) -> bool:
    """mp_obj_is_int(o) || mp_obj_is_float(o) (bool is not an int in MicroPython)."""
    return type(value) is int or type(value) is float


def _float_pow(a: float, b: float):
    if a == 0 and b < 0 and not math.isinf(b):
        return NO_FOLD
    if a < 0 and b != math.floor(b) and not math.isnan(b):
        return NO_FOLD  # complex result
    try:
        return math.pow(a, b)
    except OverflowError:
        if a < 0 and b == math.floor(b) and int(b) % 2 == 1:
            return -math.inf
        return math.inf
    except ValueError:
        return NO_FOLD


def _as_float(v) -> float:
    """An int or float as a double, the way MicroPython converts: big ints via mpz_as_float,
    which accumulates 32-bit digits in double arithmetic (not always correctly rounded)."""
    if type(v) is float or -(1 << 64) < v < (1 << 64):
        return float(v)  # a single rounding, as C's (double) cast
    mag = abs(v)
    val = 0.0
    for shift in range((mag.bit_length() - 1) // 32 * 32, -1, -32):
        val = val * 4294967296.0 + ((mag >> shift) & 0xFFFFFFFF)
    return -val if v < 0 else val


def _float_op(op: str, a: float, b: float):
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op in ("/", "//", "%") and b == 0:
        return NO_FOLD
    if op == "/":
        return a / b
    if op == "//":
        return a // b
    if op == "%":
        return a % b
    if op == "**":
        return _float_pow(a, b)
    return NO_FOLD


def binary_op(op: str, a, b, rounding=None):
    """``a <op> b`` with op one of | ^ & << >> + - * @ // / % **.

    ``rounding`` (a build with single-precision floats: mpt.float32.to_f32) rounds every
    float made, operands converted from ints and the result, as that build computes."""
    if rounding is None:
        return _binary_op(op, a, b, _as_float)

    def as_float(v) -> float:
        return rounding(_as_float(v))
    value = _binary_op(op, a, b, as_float)
    return rounding(value) if type(value) is float else value


def _binary_op(op: str, a, b, _as_float):
    if type(a) is int and type(b) is int:
        if op == "|":
            return a | b
        if op == "^":
            return a ^ b
        if op == "&":
            return a & b
        if op in ("<<", ">>"):
            if b < 0 or b >= _MACHINE_WORD_LIMIT:
                return NO_FOLD  # negative shift count, or a count that overflows mp_int_t
            if op == ">>":
                return a >> b
            if a == 0:
                return 0  # a shifted zero stays zero without allocating, whatever the count
            if a.bit_length() + b > _MAX_RESULT_BITS:
                return NO_FOLD
            return a << b
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op in ("//", "%"):
            if b == 0:
                return NO_FOLD
            return a // b if op == "//" else a % b
        if op == "/":
            if b == 0:
                return NO_FOLD
            return _as_float(a) / _as_float(b)
        if op == "**":
            if b < 0:
                return _float_pow(_as_float(a), _as_float(b))
            if a not in (0, 1, -1) and b * math.log2(abs(a)) > _MAX_POWER_RESULT_BITS:
                return NO_FOLD
            return a ** b
        return NO_FOLD
    if op in ("|", "^", "&", "<<", ">>", "@"):
        return NO_FOLD
    return _float_op(op, _as_float(a), _as_float(b))


def unary_op(op: str, a):
    """``<op> a`` with op one of + - ~ (a is an int or a float)."""
    if op == "~":
        return ~a if type(a) is int else NO_FOLD
    if op == "-":
        return -a
    return a
