"""MicroPython's float formatting and parsing, bit-for-bit as mpy-cross 1.29 does them.

mpy-cross is built with double-precision floats and the "exact" float-format implementation,
which does its decimal scaling in C ``long double`` (x87 80-bit extended on x86-64 Linux: a
64-bit significand). We emulate that arithmetic exactly with integers, so the text matches
the real tool even where it differs from CPython's shortest repr (roughly 1 double in 70).

Every function takes ``long_double_bits``: 64 (the default, x87: what mpy-cross writes into .mpy
files) or 113 (QUAD_BITS: builds whose long double is IEEE quad, such as the webassembly port).

Public API:
    repr_float(x)            repr()/str() of a float ("1.0", "1e+100", "inf", "nan")
    repr_complex(z)          repr()/str() of a complex ("2j", "(1+2j)")
    format_float(x, fmt, prec, sign)   the %e/%f/%g engine (fmt in "eEfFgG")
    print_float(x, fmt, flags, fill, width, prec)   format_float plus sign/padding/percent
                             handling, as '%'-formatting and str.format use it (PF_* flags)
    parse_float(text)        MicroPython's float() parser (returns a Python float)
    parse_complex(text)      the imaginary / complex constant text of a .mpy object table
"""

from __future__ import annotations

import math
import struct
from typing import NamedTuple

REPR_PREC = 99  # the magic precision asking for the shortest exact repr
_MAX_MANTISSA_DIGITS = 19
_SAFE_MANTISSA_DIGITS = 16
_FPMIN_BUF_SIZE = 7
_MANTISSA_MAX = 0x1999999999999998
_U64 = (1 << 64) - 1
_DEFAULT_BUF_SIZE = 33  # mp_print_float's 36-byte buffer minus 3

_MODE_E = 0x01
_MODE_G = 0x02
_MODE_F = 0x04
_E_CASE = 0x20

# ---------------------------------------------------------------------------------------------
# Emulated long double: a positive value m * 2**e with m < 2**bits, rounded to nearest-even
# after every operation, exactly as the FPU does it. x87 extended precision (mpy-cross on x86-64
# Linux) has a 64-bit significand; IEEE quad (e.g. the webassembly build) has 113 bits.


class _LongDouble:
    def __init__(self, bits: int):
        self.bits = bits
        # The successive squares 10, 10**2, 10**4, ... as the C loop computes them (each rounded).
        self.ten_squares = [(10, 0)]
        for _ in range(12):
            self.ten_squares.append(self.mul(self.ten_squares[-1], self.ten_squares[-1]))

    def round(self, m: int, e: int, sticky: bool = False) -> tuple[int, int]:
        shift = m.bit_length() - self.bits
        if shift <= 0:
            return m, e
        q = m >> shift
        rem = m & ((1 << shift) - 1)
        half = 1 << (shift - 1)
        if rem > half or (rem == half and (sticky or q & 1)):
            q += 1
            if q >> self.bits:
                q >>= 1
                shift += 1
        return q, e + shift

    def mul(self, a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
        return self.round(a[0] * b[0], a[1] + b[1])

    def div(self, a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
        ma, mb = a[0], b[0]
        k = max(0, self.bits + 3 + mb.bit_length() - ma.bit_length())
        q, r = divmod(ma << k, mb)
        return self.round(q, a[1] - b[1] - k, r != 0)

    def add(self, a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
        e = min(a[1], b[1])
        return self.round((a[0] << (a[1] - e)) + (b[0] << (b[1] - e)), e)

    def decimal_exp(self, num: tuple[int, int], dec_exp: int) -> tuple[int, int]:
        """num * 10**dec_exp by binary powering (mp_decimal_exp)."""
        if dec_exp == 0 or num[0] == 0:
            return num
        neg = dec_exp < 0
        if neg:
            dec_exp = -dec_exp
        res = num
        i = 0
        while dec_exp:
            if dec_exp & 1:
                if i >= len(self.ten_squares):
                    # 10**(2**13) overflows a long double: the result is 0 or inf.
                    return (0, 0) if neg else (1, 1 << 20)
                power = self.ten_squares[i]
                res = self.div(res, power) if neg else self.mul(res, power)
            dec_exp >>= 1
            i += 1
        return res


def _ld_from_double(x: float) -> tuple[int, int]:
    num, den = x.as_integer_ratio()
    return num, -(den.bit_length() - 1)


def _ld_to_double(a: tuple[int, int]) -> float:
    m, e = a
    if m == 0:
        return 0.0
    try:
        if e >= 0:
            return float(m << e)
        return m / (1 << -e)  # int true division rounds correctly, subnormals included
    except OverflowError:
        return math.inf


def _ld_to_u64(a: tuple[int, int]) -> int:
    m, e = a
    return ((m << e) if e >= 0 else (m >> -e)) & _U64


_LD_ONE = (1, 0)
_LD_HALF = (1, -1)
X87_BITS = 64  # mpy-cross 1.29 on x86-64: what .mpy files contain
QUAD_BITS = 113  # MicroPython builds whose long double is IEEE quad (e.g. webassembly)
_MODELS: dict[int, _LongDouble] = {}


def _model(bits: int) -> _LongDouble:
    model = _MODELS.get(bits)
    if model is None:
        model = _MODELS[bits] = _LongDouble(bits)
    return model


# ---------------------------------------------------------------------------------------------
# Parsing


def _parse_unsigned(text: str, pos: int = 0, ld_bits: int = X87_BITS) -> tuple[float, int] | None:
    """mp_parse_float_internal: digits[.digits][e[+-]digits] (with '_'); stops at anything else.

    Returns (value, end position), or None when an exponent marker has no digits after it.
    """
    scanned = scan_decimal(text, pos, _MANTISSA_MAX)
    if scanned is None:
        return None
    mantissa, exp_val, pos = scanned
    return _ld_to_double(_model(ld_bits).decimal_exp((mantissa, 0), exp_val)), pos


def plan_digits(fmt_flags: int, e: int, prec: int, buf_size: int, max_mantissa_digits: int,
                fpmin_buf_size: int) -> tuple[int, int, int, int, int]:
    """mp_format_float's plan for the digits of a number of decimal exponent ``e``, shared by
    the double and the single-precision formatters (which differ in the two limits):
    (format flags, precision, digits to produce, leading and trailing zeros)."""
    if (fmt_flags & _MODE_F) and e > 0 and e + prec + 2 > buf_size:
        fmt_flags ^= _MODE_F  # too wide for %f: as %g
        fmt_flags |= _MODE_G
        prec += 1
    max_digits = prec
    lead_zeros = 0
    trail_zeros = 0
    if fmt_flags & _MODE_F:
        if max_digits > buf_size - 3:
            max_digits = buf_size - 3
        if e < 0:
            if max_digits > 2 and e < -2:
                lead_zeros = (-e if -e < max_digits else max_digits) - 2
                max_digits -= lead_zeros
            else:
                max_digits += 1
        else:
            max_digits += e + 1
    elif not (fmt_flags & _MODE_G) or max_digits == 0:
        max_digits += 1
    if max_digits > max_mantissa_digits:
        trail_zeros = max_digits - max_mantissa_digits
        max_digits = max_mantissa_digits
    overhead = 3 if fmt_flags & _MODE_F else fpmin_buf_size + 1
    if trail_zeros > buf_size - max_digits - overhead:
        trail_zeros = buf_size - max_digits - overhead
    return fmt_flags, prec, max_digits, lead_zeros, trail_zeros


def scan_decimal(text: str, pos: int, mantissa_max: int) -> tuple[int, int, int] | None:
    """The digit scan of mp_parse_float_internal, shared by the double and single-precision
    parsers (``mantissa_max``: where the mantissa stops taking digits): (mantissa, decimal
    exponent, end position), or None when an exponent marker has no digits after it."""
    end = len(text)
    in_part = 0  # 0 integer, 1 fraction, 2 exponent
    exp_neg = False
    mantissa = 0
    exp_val = 0
    exp_extra = 0
    zeros_intg = 0
    zeros_frac = 0
    exp_limit = (0x7FFFFFFF // 2 - 9) // 10
    while pos < end:
        ch = text[pos]
        pos += 1
        if "0" <= ch <= "9":
            dig = ord(ch) - 48
            if in_part == 2:
                if exp_val < exp_limit:
                    exp_val = 10 * exp_val + dig
            elif dig == 0 or mantissa >= mantissa_max:
                if in_part == 0:
                    zeros_intg += 1
                else:
                    zeros_frac += 1
            else:
                while zeros_intg:
                    mantissa, exp_extra = _accept_digit(mantissa, 0, exp_extra, 0, mantissa_max)
                    zeros_intg -= 1
                while zeros_frac:
                    mantissa, exp_extra = _accept_digit(mantissa, 0, exp_extra, 1, mantissa_max)
                    zeros_frac -= 1
                mantissa, exp_extra = _accept_digit(mantissa, dig, exp_extra, in_part,
                                                    mantissa_max)
        elif in_part == 0 and ch == ".":
            in_part = 1
        elif in_part != 2 and ch in "eE":
            in_part = 2
            if pos < end and text[pos] in "+-":
                exp_neg = text[pos] == "-"
                pos += 1
            if pos == end:
                return None
        elif ch == "_":
            continue
        else:
            pos -= 1
            break
    if exp_neg:
        exp_val = -exp_val
    return mantissa, exp_val + exp_extra + zeros_intg, pos


def _accept_digit(mantissa: int, dig: int, exp_extra: int, in_part: int,
                  mantissa_max: int) -> tuple[int, int]:
    if mantissa < mantissa_max:
        if in_part == 1:
            exp_extra -= 1
        return 10 * mantissa + dig, exp_extra
    if in_part == 0:
        exp_extra += 1
    return mantissa, exp_extra


def parse_float_prefix(text: str, pos: int = 0) -> tuple[float, int] | None:
    """The unsigned decimal at ``pos`` as mpy-cross's lexer reads it: (value, end) or None."""
    return _parse_unsigned(text, pos, X87_BITS)


def _parse_real(text: str, pos: int, ld_bits: int) -> tuple[float, int] | None:
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
        parsed = _parse_unsigned(text, pos, ld_bits)
        if parsed is None:
            return None
        value, pos = parsed
        if pos == start:
            return None
    return (-value if neg else value), pos


def parse_float(text: str, *, long_double_bits: int = X87_BITS) -> float:
    """MicroPython's float(text) for a decimal/inf/nan string; ValueError if malformed."""
    stripped = text.strip()
    parsed = _parse_real(stripped, 0, long_double_bits)
    if parsed is None or parsed[1] != len(stripped):
        raise ValueError(f"invalid syntax for number: {text!r}")
    return parsed[0]


def parse_complex(text: str, *, long_double_bits: int = X87_BITS) -> complex:
    """The complex constants of a .mpy object table: "2j", "-0j", or "(1+2j)"."""
    body = text.strip()
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    if not body.endswith(("j", "J")):
        raise ValueError(f"invalid syntax for complex number: {text!r}")
    body = body[:-1]
    real_part = _parse_real(body, 0, long_double_bits)
    if real_part is not None and real_part[1] == len(body):
        return complex(0.0, real_part[0])
    if real_part is None:
        raise ValueError(f"invalid syntax for complex number: {text!r}")
    imag_part = _parse_real(body, real_part[1], long_double_bits)
    if imag_part is None or imag_part[1] != len(body):
        raise ValueError(f"invalid syntax for complex number: {text!r}")
    return complex(real_part[0], imag_part[0])


# ---------------------------------------------------------------------------------------------
# Formatting


def _exp_field(f: float) -> int:
    return ((struct.unpack("<Q", struct.pack("<d", f))[0] >> 52) & 0x7FF) - 1023


class _Buf:
    """The C output buffer: characters written at arbitrary positions."""

    __slots__ = ("chars",)

    def __init__(self):
        self.chars = [""] * 64

    def put(self, i: int, ch: str) -> None:
        if i >= len(self.chars):
            self.chars.extend([""] * (i + 32 - len(self.chars)))
        self.chars[i] = ch

    def text(self, end: int) -> str:
        return "".join(self.chars[:end])


def _prepend_zeros(buf: _Buf, s: int, cnt: int) -> int:
    buf.put(s, "0")
    buf.put(s + 1, ".")
    s += 2
    while cnt > 0:
        buf.put(s, "0")
        s += 1
        cnt -= 1
    return s


def _format_mantissa(mantissa: int, mantissa_cap: int, buf: _Buf, s: int, num_digits: int,
                     max_exp_zeros: int, trailing_zeros: int, dec: int, e: int,
                     fmt_flags: int) -> int:
    """Write the decimal mantissa at ``s`` per the format rules; returns the text length."""
    if mantissa and mantissa >= mantissa_cap:
        if fmt_flags & _MODE_F:
            num_digits += 1
            dec += 1
        else:
            mantissa //= 10
            e += 1

    if (fmt_flags & _MODE_G) and e != 0:
        if e >= 0:
            if e < max_exp_zeros:
                dec += e
                if dec >= num_digits:
                    trailing_zeros = dec - (num_digits - 1)
                e = 0
        elif e >= -4:
            cnt = 0
            while e < 0 and not mantissa % 10:
                mantissa //= 10
                cnt += 1
                e += 1
            num_digits -= cnt
            s = _prepend_zeros(buf, s, cnt - e - 1)
            dec = 255
            e = 0

    for digit in range(num_digits - 1, -1, -1):
        buf.put(s + (digit + 1 if digit > dec else digit), chr(48 + mantissa % 10))
        mantissa //= 10
    dot = dec >= 255
    if dec + 1 < num_digits:
        dot = True
        s += 1
        buf.put(s + dec, ".")
    s += num_digits

    if trailing_zeros:
        dec -= num_digits - 1
        while trailing_zeros:
            trailing_zeros -= 1
            if dec == 0:
                buf.put(s, ".")
                s += 1
                dot = True
            dec -= 1
            buf.put(s, "0")
            s += 1
    if fmt_flags & _MODE_G and dot:
        while buf.chars[s - 1] == "0":
            s -= 1
        if buf.chars[s - 1] == ".":
            s -= 1

    if (e != 0 or fmt_flags & _MODE_E) and not fmt_flags & _MODE_F:
        buf.put(s, "e" if fmt_flags & _E_CASE else "E")
        s += 1
        if e >= 0:
            buf.put(s, "+")
        else:
            buf.put(s, "-")
            e = -e
        s += 1
        if e >= 100:
            buf.put(s, chr(48 + e // 100))
            s += 1
        buf.put(s, chr(48 + (e // 10) % 10))
        buf.put(s + 1, chr(48 + e % 10))
        s += 2
    return s


class FormatStart(NamedTuple):
    """What mp_format_float settles before it looks at digits (see :func:`start_format`)."""
    special: str | None  # the whole text for inf and nan
    f: float  # the magnitude
    sign: str
    buf_size: int
    fmt_flags: int
    prec: int
    max_exp_zeros: int


def start_format(f: float, fmt: str, prec: int, sign: str, buf_size: int,
                 max_mantissa_digits: int) -> FormatStart:
    """The opening of mp_format_float, alike in both precisions: the sign taken off, inf and
    nan, the mode flags of ``fmt`` and the precision (REPR_PREC asks for every digit)."""
    if math.copysign(1.0, f) < 0 and not math.isnan(f):
        f = -f
        sign = "-"
    if sign:
        buf_size -= 1
    uc = ord(fmt) & 0x20
    special = None
    if math.isinf(f):
        special = sign + ("inf" if uc else "INF")
    elif math.isnan(f):
        special = sign + ("nan" if uc else "NAN")
    fmt_flags = uc
    lofmt = chr(ord(fmt) | 0x20)
    if lofmt == "f":
        fmt_flags |= _MODE_F
    elif lofmt == "g":
        fmt_flags |= _MODE_G
    else:
        fmt_flags |= _MODE_E
    if prec < 0:
        prec = 6
    max_exp_zeros = prec if prec < buf_size - 3 else buf_size - 3
    if prec == REPR_PREC:
        prec = max_mantissa_digits
        max_exp_zeros = 16
    return FormatStart(special, f, sign, buf_size, fmt_flags, prec, max_exp_zeros)


def place_point(buf: _Buf, is_zero: bool, fmt_flags: int, e: int, num_digits: int,
                lead_zeros: int) -> tuple[int, int, int]:
    """Where the decimal point goes for ``num_digits`` digits: (chars written, the digit count
    before the point or 255 for a leading '0.', the power of ten that scales the mantissa)."""
    s = 0
    dec = 0
    if is_zero:
        decexp = 0
    elif fmt_flags & _MODE_F:
        decexp = num_digits - 1
        if e < 0:
            if lead_zeros > 0:
                s = _prepend_zeros(buf, s, lead_zeros)
                decexp += lead_zeros + 1
                dec = 255
        else:
            decexp -= e
            dec = e
    else:
        decexp = num_digits - e - 1
    return s, dec, decexp


def format_float(f: float, fmt: str = "g", prec: int = -1, sign: str = "",
                 buf_size: int = _DEFAULT_BUF_SIZE, *, long_double_bits: int = X87_BITS) -> str:
    """mp_format_float: ``fmt`` one of e E f F g G; ``prec`` < 0 means 6, 99 means repr.

    ``sign`` is "", "+" or " " (what to put before a non-negative number). ``buf_size`` is the
    C buffer size, which limits the digits of huge %f output exactly as MicroPython does.
    """
    special, f, sign, buf_size, fmt_flags, prec, max_exp_zeros = start_format(
        f, fmt, prec, sign, buf_size, _MAX_MANTISSA_DIGITS)
    if special is not None:
        return special

    ld = _model(long_double_bits)
    e = 0
    if f != 0.0:
        e = int(_exp_field(f) * 0.3010299956639812)
        positive_exp = not f < 1.0
        u_base = _ld_to_double(ld.decimal_exp(_LD_ONE, e + positive_exp))
        while (f >= u_base) == positive_exp:
            e += 1 if positive_exp else -1
            u_base = _ld_to_double(ld.decimal_exp(_LD_ONE, e + positive_exp))

    fmt_flags, prec, max_digits, lead_zeros, trail_zeros = plan_digits(
        fmt_flags, e, prec, buf_size, _MAX_MANTISSA_DIGITS, _FPMIN_BUF_SIZE)

    f_ld = _ld_from_double(f)
    num_digits = _SAFE_MANTISSA_DIGITS if _SAFE_MANTISSA_DIGITS < max_digits else max_digits
    while True:
        buf = _Buf()
        extra_zeros = trail_zeros + (max_digits - num_digits)
        s, dec, decexp = place_point(buf, f == 0.0, fmt_flags, e, num_digits, lead_zeros)

        mantissa_cap = 10 ** num_digits if num_digits >= 1 else 10
        mantissa_f = ld.decimal_exp(f_ld, decexp)
        mantissa = _ld_to_u64(ld.add(mantissa_f, _LD_HALF)) if mantissa_f[0] else 0
        end = _format_mantissa(mantissa, mantissa_cap, buf, s, num_digits, max_exp_zeros,
                               extra_zeros, dec, e, fmt_flags)
        text = buf.text(end)
        if num_digits < max_digits:
            check = _parse_unsigned(text, 0, long_double_bits)
            if check is None or check[0] != f:
                num_digits += 1
                continue
        return sign + text


# mp_print_float flags (py/mpprint.h).
PF_FLAG_LEFT_ADJUST = 0x001
PF_FLAG_SHOW_SIGN = 0x002
PF_FLAG_SPACE_SIGN = 0x004
PF_FLAG_PAD_AFTER_SIGN = 0x010
PF_FLAG_CENTER_ADJUST = 0x020
PF_FLAG_ADD_PERCENT = 0x040
PF_FLAG_ALWAYS_DECIMAL = 0x100


def pad_field(text: str, flags: int = 0, fill: str = " ", width: int = -1) -> str:
    """mp_print_strn's padding: right-aligned unless LEFT_ADJUST or CENTER_ADJUST."""
    pad = width - len(text)
    if pad <= 0:
        return text
    fill = fill or " "
    if flags & PF_FLAG_CENTER_ADJUST:
        left = pad // 2
        return fill * left + text + fill * (pad - left)
    if flags & PF_FLAG_LEFT_ADJUST:
        return text + fill * pad
    return fill * pad + text


def print_float(f: float, fmt: str = "g", flags: int = 0, fill: str = " ", width: int = -1,
                prec: int = -1, *, long_double_bits: int = X87_BITS, engine=None) -> str:
    """mp_print_float: what '%+08.3f' % x and friends print, given the parsed spec.

    ``engine`` is another mp_format_float (``engine(f, fmt, prec, sign)``, such as the
    single-precision one of :mod:`mpt.float32`); by default this module's.
    Digit-grouping separators (str.format's ',' and '_') are not handled here.
    """
    sign = "+" if flags & PF_FLAG_SHOW_SIGN else (" " if flags & PF_FLAG_SPACE_SIGN else "")
    if engine is None:
        text = format_float(f, fmt, prec, sign, long_double_bits=long_double_bits)
    else:
        text = engine(f, fmt, prec, sign)
    if flags & PF_FLAG_ALWAYS_DECIMAL and not any(c in text for c in ".en"):
        text += ".0"
    if flags & PF_FLAG_ADD_PERCENT:
        text += "%"
    if flags & PF_FLAG_PAD_AFTER_SIGN and text and text[0] < "0":
        return text[0] + pad_field(text[1:], flags, fill, width - 1)
    return pad_field(text, flags, fill, width)


def repr_float(f: float, *, long_double_bits: int = X87_BITS) -> str:
    """repr(f) / str(f) as MicroPython 1.29 (double precision) prints it."""
    text = format_float(f, "g", REPR_PREC, long_double_bits=long_double_bits)
    if "." not in text and "e" not in text and "n" not in text:
        text += ".0"
    return text


def repr_complex(z: complex, *, long_double_bits: int = X87_BITS) -> str:
    """repr(z) / str(z) as MicroPython prints a complex."""
    bits = long_double_bits
    if z.real != 0:
        return ("(" + format_float(z.real, "g", REPR_PREC, long_double_bits=bits)
                + format_float(z.imag, "g", REPR_PREC, "+", long_double_bits=bits) + "j)")
    return format_float(z.imag, "g", REPR_PREC, long_double_bits=bits) + "j"
