"""Number literal parsing as MicroPython's py/parsenum.c does it on the mpy-cross host build.

Integers are exact. Floats are NOT parsed with Python's correctly rounded ``float()``: mpy-cross
(a 64-bit x86 build with 80-bit ``long double``) accumulates up to ~19 decimal digits into a
64-bit mantissa and scales it by powers of ten in ``long double`` arithmetic, then rounds to
double. That is emulated here exactly with rationals rounded to a 64-bit significand.
"""

from __future__ import annotations

import math
from fractions import Fraction

from mpt.intdigits import decimal_to_int

MANTISSA_MAX = 0x1999999999999998
_LD_BITS = 64            # significand bits of x87 extended precision
_LD_MAX_EXP = 16384      # |value| >= 2**16384 overflows long double
_INT_MAX = 2**31 - 1


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


# A long double is held as (m, e) meaning m * 2**e with 2**63 <= m < 2**64, or (0, 0);
# _LD_INF stands for an infinite long double.
_LD_INF = None


def _ld_round(num: int, den: int, e: int):
    """The long double nearest to num/den * 2**e (num, den > 0), ties to even."""
    s = _LD_BITS - (num.bit_length() - den.bit_length())
    while True:
        q, r = divmod(num << s, den) if s >= 0 else divmod(num, den << -s)
        if q >= 1 << _LD_BITS:
            s -= 1
        elif q < 1 << (_LD_BITS - 1):
            s += 1
        else:
            break
    d = den if s >= 0 else den << -s
    if 2 * r > d or (2 * r == d and q & 1):
        q += 1
        if q == 1 << _LD_BITS:
            q >>= 1
            s -= 1
    e -= s
    if e + _LD_BITS > _LD_MAX_EXP:
        return _LD_INF
    return (q, e)


def _ld_mul(a, b):
    if a is _LD_INF or b is _LD_INF:
        return _LD_INF
    if a[0] == 0 or b[0] == 0:
        return (0, 0)
    return _ld_round(a[0] * b[0], 1, a[1] + b[1])


def _ld_div(a, b):
    if b is _LD_INF:
        return (0, 0)
    if a[0] == 0:
        return a
    return _ld_round(a[0], b[0], a[1] - b[1])


def _ld_to_double(a) -> float:
    if a is _LD_INF:
        return float("inf")
    m, e = a
    if m == 0:
        return 0.0
    if e + _LD_BITS > -1021:
        try:
            return math.ldexp(float(m), e)  # float(m) is the only rounding here
        except OverflowError:
            return float("inf")
    if e < -1200:
        return 0.0
    return float(Fraction(m, 1 << -e))  # subnormal: round once, from the exact value


def _decimal_exp(mantissa: int, dec_exp: int) -> float:
    """mp_decimal_exp in long double arithmetic, rounded to a double."""
    if dec_exp == 0 or mantissa == 0:
        return float(mantissa)
    res = _ld_round(mantissa, 1, 0)
    neg_exp = dec_exp < 0
    dec_exp = abs(dec_exp)
    expo = _ld_round(10, 1, 0)
    while dec_exp:
        if dec_exp & 1:
            res = _ld_div(res, expo) if neg_exp else _ld_mul(res, expo)
            if res is _LD_INF or res[0] == 0:
                break
        dec_exp >>= 1
        if dec_exp:
            expo = _ld_mul(expo, expo)
    return _ld_to_double(res)


def parse_float_internal(text: bytes, pos: int):
    """mp_parse_float_internal: returns (value, stop position) or (None, None) on error."""
    top = len(text)
    in_part = 0  # 0 integer part, 1 fraction, 2 exponent
    exp_neg = False
    mantissa = 0
    exp_val = 0
    exp_extra = 0
    tz_intg = tz_frac = 0

    def accept(m: int, dig: int, where: int) -> int:
        nonlocal exp_extra
        if m < MANTISSA_MAX:
            if where == 1:
                exp_extra -= 1
            return 10 * m + dig
        if where == 0:
            exp_extra += 1
        return m

    while pos < top:
        dig = text[pos]
        pos += 1
        if 0x30 <= dig <= 0x39:
            dig -= 0x30
            if in_part == 2:
                if exp_val < (_INT_MAX // 2 - 9) // 10:
                    exp_val = 10 * exp_val + dig
            elif dig == 0 or mantissa >= MANTISSA_MAX:
                if in_part == 0:
                    tz_intg += 1
                else:
                    tz_frac += 1
            else:
                while tz_intg:
                    mantissa = accept(mantissa, 0, 0)
                    tz_intg -= 1
                while tz_frac:
                    mantissa = accept(mantissa, 0, 1)
                    tz_frac -= 1
                mantissa = accept(mantissa, dig, in_part)
        elif in_part == 0 and dig == 0x2E:
            in_part = 1
        elif in_part != 2 and (dig | 0x20) == 0x65:
            in_part = 2
            if pos < top:
                if text[pos] == 0x2B:
                    pos += 1
                elif text[pos] == 0x2D:
                    pos += 1
                    exp_neg = True
            if pos == top:
                return None, None
        elif dig == 0x5F:
            continue
        else:
            pos -= 1
            break
    if exp_neg:
        exp_val = -exp_val
    exp_val += exp_extra + tz_intg
    return _decimal_exp(mantissa, exp_val), pos


def parse_decimal(text: bytes):
    """mp_parse_num_float(text, allow_imag=True) for a lexer FLOAT_OR_IMAG token:
    a float, or a complex for an imaginary literal."""
    value, pos = parse_float_internal(text, 0)
    if value is None:
        raise NumberSyntaxError("invalid syntax for number")
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
