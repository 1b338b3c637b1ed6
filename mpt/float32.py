"""Single-precision floats as MicroPython firmware built with ``MICROPY_FLOAT_IMPL_FLOAT`` has them.

The rp2, esp32 and stm32 ports keep floats in IEEE binary32 (``mp_float_t`` is C ``float``).
Such a build also formats and parses them with py/formatfloat.c's "approx" implementation
(``MICROPY_FLOAT_FORMAT_IMPL_APPROX``, the default when floats are single: no wider type to
scale in), whose decimal scaling works on the float's exponent bits and ``powf(5, n)``, and which
searches for a decimal mantissa that parses back to the same float. Both are modelled here bit
for bit on Python floats that hold binary32 values.

Public API:
    to_f32(x)          x rounded to the nearest binary32 value (inf beyond its range)
    parse_float(text)  float(text) as the firmware reads it (ValueError if malformed)
    format_float(x, fmt, prec, sign)   the %e/%f/%g engine (fmt in "eEfFgG"; prec 99: repr)
"""

from __future__ import annotations

import math
import struct

from mpt.floatrepr import (_Buf, _format_mantissa, place_point, plan_digits,
                           repr_float, scan_decimal, start_format)

_F32 = struct.Struct("<f")
_U32 = struct.Struct("<I")
_pack, _unpack = _F32.pack, _F32.unpack

_MAX_MANTISSA_DIGITS = 9
_SAFE_MANTISSA_DIGITS = 6
_FPMIN_BUF_SIZE = 6
_MANTISSA_MAX = 0x19999998
_MASK32 = 0xFFFFFFFF
_DEFAULT_BUF_SIZE = 33  # mp_print_float's 36-byte buffer minus 3
_MAX_EXACT_POWER_OF_5 = 10

_MODE_E = 0x01
_MODE_G = 0x02
_MODE_F = 0x04
_E_CASE = 0x20


def to_f32(x: float) -> float:
    """The binary32 value nearest to ``x`` (as a C ``(float)`` cast rounds it)."""
    try:
        return _unpack(_pack(x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def round_value(v, _pack=_pack, _unpack=_unpack):
    """An arithmetic result as a single-precision build has it: a float (or a complex's
    parts) rounded to binary32, any other value unchanged."""
    t = type(v)
    if t is float:
        try:
            return _unpack(_pack(v))[0]
        except OverflowError:
            return math.copysign(math.inf, v)
    if t is complex:
        return complex(to_f32(v.real), to_f32(v.imag))
    return v


def stored_constant(value):
    """A constant of a .mpy file as a single-precision build loads it: a float (or complex)
    is read back from its text, ``repr`` as mpy-cross wrote it, with this build's parser."""
    t = type(value)
    if t is float:
        return parse_float(repr_float(value))
    if t is complex:
        return complex(stored_constant(value.real), stored_constant(value.imag))
    if t is tuple:
        return tuple([stored_constant(item) for item in value])
    return value


def _bits(x: float) -> int:
    return _U32.unpack(_pack(x))[0]


def _from_bits(i: int) -> float:
    return _unpack(_U32.pack(i & _MASK32))[0]


def _ratio_to_f32(p: int, q: int) -> float:
    """The binary32 value nearest to p/q (p, q > 0), rounded once, subnormals included."""
    e = p.bit_length() - q.bit_length() - 26
    m, r = divmod(p << -e, q) if e < 0 else divmod(p, q << e)
    e_final = max(e + m.bit_length() - 24, -149)  # 24 significant bits, or a subnormal's
    shift = e_final - e
    low = m & ((1 << shift) - 1)
    m >>= shift
    half = 1 << (shift - 1)
    if low > half or (low == half and (r or m & 1)):
        m += 1
    return to_f32(math.ldexp(float(m), e_final))


_POW5: dict[int, float] = {}


def _pow5(n: int) -> float:
    """powf(5, n), correctly rounded (as the C libraries give it for these exact powers)."""
    value = _POW5.get(n)
    if value is None:
        if n > 60:
            value = math.inf
        elif n < -70:
            value = 0.0
        else:
            value = _ratio_to_f32(5 ** n, 1) if n >= 0 else _ratio_to_f32(1, 5 ** -n)
        _POW5[n] = value
    return value


def _decimal_exp(num: float, dec_exp: int) -> float:
    """mp_decimal_exp of the approx implementation: num * 10**dec_exp, as 2**dec_exp added
    to the exponent bits (a bit field: it wraps) times powf(5, dec_exp)."""
    if dec_exp == 0 or num == 0.0:
        return num
    i = _bits(num)
    exp = ((i >> 23) + dec_exp) & 0xFF
    res = _from_bits((i & ~(0xFF << 23)) | (exp << 23))
    if -_MAX_EXACT_POWER_OF_5 <= dec_exp < 0:
        return to_f32(res / _pow5(-dec_exp))
    p = _pow5(dec_exp)
    if math.isinf(p) and res == 0.0:
        return math.nan
    return to_f32(res * p)


# ---------------------------------------------------------------------------------------------
# Parsing (py/parsenum.c, mp_parse_float_internal with 32-bit mantissa)


def _parse_unsigned(text: str, pos: int = 0) -> tuple[float, int] | None:
    scanned = scan_decimal(text, pos, _MANTISSA_MAX)
    if scanned is None:
        return None
    mantissa, exp_val, pos = scanned
    return _decimal_exp(to_f32(float(mantissa)), exp_val), pos


def parse_float_prefix(text: str, pos: int = 0) -> tuple[float, int] | None:
    """The unsigned decimal at ``pos`` as a single-precision build's lexer reads it."""
    return _parse_unsigned(text, pos)


def parse_real(text: str, pos: int = 0) -> tuple[float, int] | None:
    """An optionally signed decimal, inf/infinity or nan (case-insensitive) at ``pos``."""
    neg = False
    if pos < len(text) and text[pos] in "+-":
        neg = text[pos] == "-"
        pos += 1
    low = text[pos:pos + 8].lower()
    if low.startswith("inf"):
        value = math.inf
        pos += 8 if low.startswith("infinity") else 3
    elif low.startswith("nan"):
        value = math.nan
        pos += 3
    else:
        start = pos
        parsed = _parse_unsigned(text, pos)
        if parsed is None:
            return None
        value, pos = parsed
        if pos == start:
            return None
    return (-value if neg else value), pos


def parse_float(text: str) -> float:
    """float(text) of a single-precision build; ValueError if malformed."""
    stripped = text.strip()
    parsed = parse_real(stripped, 0)
    if parsed is None or parsed[1] != len(stripped):
        raise ValueError(f"invalid syntax for number: {text!r}")
    return parsed[0]


# ---------------------------------------------------------------------------------------------
# Formatting (py/formatfloat.c, approx implementation, binary32)

_LOG10_2 = to_f32(0.3010299956639812)


def format_float(f: float, fmt: str = "g", prec: int = -1, sign: str = "",
                 buf_size: int = _DEFAULT_BUF_SIZE) -> str:
    """mp_format_float of a single-precision build (``f`` is first rounded to binary32)."""
    special, f, sign, buf_size, fmt_flags, prec, max_exp_zeros = start_format(
        to_f32(f), fmt, prec, sign, buf_size, _MAX_MANTISSA_DIGITS)
    if special is not None:
        return special

    e = 0
    fbits = _bits(f)
    if fbits:
        e = int(to_f32((((fbits >> 23) & 0xFF) - 127) * _LOG10_2))
        positive_exp = not fbits < 0x3F800000
        u_base = _decimal_exp(1.0, e + positive_exp)
        while (f >= u_base) == positive_exp:
            e += 1 if positive_exp else -1
            u_base = _decimal_exp(1.0, e + positive_exp)

    fmt_flags, prec, max_digits, lead_zeros, trail_zeros = plan_digits(
        fmt_flags, e, prec, buf_size, _MAX_MANTISSA_DIGITS, _FPMIN_BUF_SIZE)

    num_digits = _SAFE_MANTISSA_DIGITS if _SAFE_MANTISSA_DIGITS < max_digits else max_digits
    while True:  # try_again
        buf = _Buf()
        extra_zeros = trail_zeros + (max_digits - num_digits)
        s, dec, decexp = place_point(buf, not fbits, fmt_flags, e, num_digits, lead_zeros)

        mantissa_cap = 10 ** num_digits if num_digits >= 1 else 10
        mantissa = 1
        if num_digits > _SAFE_MANTISSA_DIGITS and decexp > 1:
            if num_digits > _SAFE_MANTISSA_DIGITS + 1 and decexp > 2:
                mantissa = 100
                decexp -= 2
            else:
                mantissa = 10
                decexp -= 1
        mantissa_f = _decimal_exp(f, decexp)
        mantissa = (mantissa * _to_u32(to_f32(mantissa_f + 0.5))) & _MASK32

        def render(m: int) -> tuple[str, float]:
            end = _format_mantissa(m, mantissa_cap, buf, s, num_digits, max_exp_zeros,
                                   extra_zeros, dec, e, fmt_flags)
            text = buf.text(end)
            parsed = _parse_unsigned(text, 0)
            check = parsed[0] if parsed is not None else 0.0
            return text, to_f32(check - f)

        text, diff = render(mantissa)
        if _bits(diff) == 0:
            return sign + text
        best_diff = diff
        best_mantissa = mantissa
        err_range = 1
        if num_digits > _SAFE_MANTISSA_DIGITS:
            err_range <<= 3 * (num_digits - _SAFE_MANTISSA_DIGITS)
        maxruns = 3 + 3 * (_MAX_MANTISSA_DIGITS - _SAFE_MANTISSA_DIGITS)
        retry = False
        while maxruns > 0:
            maxruns -= 1
            if math.copysign(1.0, diff) < 0:
                mantissa = (mantissa + err_range) & _MASK32
            else:
                mantissa = (mantissa - err_range) & _MASK32
            text, diff = render(mantissa)
            if _bits(diff) == 0:
                break
            delta = to_f32(abs(diff) - abs(best_diff))
            if math.copysign(1.0, delta) < 0 or (_bits(delta) == 0 and not mantissa % 10):
                best_diff = diff
                best_mantissa = mantissa
            if err_range > 1:
                err_range >>= 1
            else:
                if num_digits < max_digits:
                    num_digits += 1
                    retry = True
                elif mantissa != best_mantissa:
                    text, _ = render(best_mantissa)
                break
        if not retry:
            return sign + text


def _to_u32(x: float) -> int:
    """A C float-to-uint32 conversion (truncating; an out-of-range value keeps its low bits,
    as the 64-bit conversion instruction gives them)."""
    if not math.isfinite(x):
        return 0
    return int(x) & _MASK32
