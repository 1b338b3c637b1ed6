"""Floats as the guest sees them printed: MicroPython's py/formatfloat.c, not the host's repr.

``str(x)``, ``repr(x)``, ``'%.2f' % x`` and ``'{:10.3e}'.format(x)`` all go through
mp_format_float in MicroPython (py/mpprint.c's mp_print_float with its 33-byte buffer, which
is why ``'%.2f' % 8.888e32`` prints ``8.89e+32``). :mod:`mpt.floatrepr` models it bit for bit;
this module applies it to the VM's printing and string formatting.

The decimal scaling is done in the build's C ``long double``, so the digits depend on the
build: :func:`use_build` sets the width for the features of the interpreter being made (the
unix port's x87 extended precision, the webassembly port's IEEE quad). A build with
single-precision floats (rp2, esp32, stm32) parses and prints them with :mod:`mpt.float32`.
"""

from __future__ import annotations

import re

from mpt import float32
from mpt.floatrepr import (PF_FLAG_ADD_PERCENT, PF_FLAG_CENTER_ADJUST, PF_FLAG_LEFT_ADJUST,
                           PF_FLAG_PAD_AFTER_SIGN, PF_FLAG_SHOW_SIGN, PF_FLAG_SPACE_SIGN,
                           REPR_PREC, parse_float, print_float, repr_complex, repr_float)

_bits = 64  # the long double significand of the build being emulated
_engine = None  # its mp_format_float when not the double-precision one (float32's)
_parse = None  # likewise its float parser
_round = None  # and its rounding of a host float to its own


def use_build(long_double_bits: int, float_bits: int = 64) -> None:
    """The build whose floats are printed and parsed from now on."""
    global _bits, _engine, _parse, _round
    _bits = long_double_bits
    single = float_bits == 32
    _engine = float32.format_float if single else None
    _parse = float32.parse_float if single else None
    _round = float32.to_f32 if single else None


def build_float(x: float) -> float:
    """A host float as the build holds it (rounded to binary32 on a single-precision one)."""
    return x if _round is None else _round(x)


def float_repr(x: float) -> str:
    if _engine is None:
        return repr_float(x, long_double_bits=_bits)
    text = _engine(x, "g", REPR_PREC)
    if "." not in text and "e" not in text and "n" not in text:
        text += ".0"
    return text


def complex_repr(z: complex) -> str:
    if _engine is None:
        return repr_complex(z, long_double_bits=_bits)
    if z.real != 0:
        return "(" + _engine(z.real, "g", REPR_PREC) + _engine(z.imag, "g", REPR_PREC, "+") \
            + "j)"
    return _engine(z.imag, "g", REPR_PREC) + "j"


def float_of_text(text) -> float:
    """float(text) as py/parsenum.c reads it (its decimal scaling in the build's long
    double, so the last bit can differ from CPython's correctly rounded value)."""
    if not isinstance(text, str):
        text = bytes(text).decode("utf-8", "surrogateescape")
    text = text.replace("_", "") if "_" in text else text
    try:
        if _parse is not None:
            return _parse(text)
        return parse_float(text, long_double_bits=_bits)
    except ValueError:
        raise ValueError("invalid syntax for number") from None


_FLOAT_CODES = frozenset("eEfFgG")

# one %-conversion (py/objstr.c str_modulo_format): key, flags, width, precision, type
_PERCENT = re.compile(r"%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(.)?", re.S)


def _number(arg):
    """mp_obj_get_float's argument check: ints, bools and floats only."""
    t = type(arg)
    if t is float or t is int or t is bool or isinstance(arg, float):
        return float(arg) if _round is None else _round(float(arg))
    return None


def percent_floats(template: str, args):
    """``template % args`` rewritten so that every float conversion is MicroPython's text:
    (new template, new args) with those conversions turned into ``%s`` of the printed float,
    or None when the template has none (or has anything the host should report as an
    error itself)."""
    if "%" not in template:
        return None
    is_tuple = type(args) is tuple
    mapping = dict(args) if type(args) is dict and "%(" in template else None
    seq = list(args) if is_tuple else [args]
    out: list[str] = []
    new_args: list = []
    i = 0
    pos = 0
    changed = False
    for m in _PERCENT.finditer(template):
        out.append(template[pos:m.start()])
        pos = m.end()
        key, flag_text, width_text, prec_text, code = m.groups()
        if code == "%" and key is None and not flag_text and width_text is None \
                and prec_text is None:
            out.append("%%")
            continue
        if code is None:
            return None
        star_args = []
        width = 0
        if width_text == "*":
            if i >= len(seq):
                return None
            star_args.append(seq[i])
            width = seq[i]
            i += 1
        elif width_text:
            width = int(width_text)
        prec = -1
        if prec_text == "*":
            if i >= len(seq):
                return None
            star_args.append(seq[i])
            prec = seq[i]
            i += 1
        elif prec_text is not None:
            prec = int(prec_text) if prec_text else 0
        if key is not None:
            if mapping is None:
                return None
            try:
                arg = mapping[key]
            except Exception:
                return None
        else:
            if i >= len(seq):
                return None
            arg = seq[i]
            i += 1
        if code in _FLOAT_CODES:
            value = _number(arg)
            if value is None or type(width) is not int or type(prec) is not int:
                return None
            flags = 0
            fill = " "
            for ch in flag_text:
                if ch == "-":
                    flags |= PF_FLAG_LEFT_ADJUST
                elif ch == "+":
                    flags |= PF_FLAG_SHOW_SIGN
                elif ch == " ":
                    flags |= PF_FLAG_SPACE_SIGN
                elif ch == "0":
                    flags |= PF_FLAG_PAD_AFTER_SIGN
                    fill = "0"
            text = print_float(value, code, flags, fill, width, prec, long_double_bits=_bits,
                               engine=_engine)
            if key is None:
                out.append("%s")
                new_args.append(text)
            else:  # under a key of its own: the same key may have other conversions
                own = f"\0{len(out)}"
                mapping[own] = text  # type: ignore[index]
                out.append(f"%({own})s")
            changed = True
        else:
            out.append(m.group(0))
            if key is None:
                new_args.extend(star_args)
                new_args.append(arg)
            else:
                new_args.extend(star_args)
    out.append(template[pos:])
    if not changed:
        return None
    if mapping is not None:
        return "".join(out), mapping
    if i < len(seq):
        new_args.extend(seq[i:])
    return "".join(out), tuple(new_args) if is_tuple else new_args[0] if len(new_args) == 1 \
        else tuple(new_args)


# str.format's spec (py/objstr.c mp_obj_str_format_helper): [[fill]align][sign][#][0][width]
# [,|_][.precision][type]
_SPEC = re.compile(r"(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?\Z",
                   re.S)


def format_float_spec(value: float, spec: str) -> str | None:
    """``format(value, spec)`` of a float as MicroPython prints it, or None where the host's
    own error should be raised (a spec MicroPython refuses)."""
    m = _SPEC.match(spec)
    if m is None:
        return None
    fill, align, sign, _alt, zero, width_text, _sep, prec_text, code = m.groups()
    if code is not None and code not in "eEfFgGn%":
        return None
    flags = 0
    if sign == "+":
        flags |= PF_FLAG_SHOW_SIGN
    elif sign == " ":
        flags |= PF_FLAG_SPACE_SIGN
    if zero and not align:
        align = "="
    if zero and fill is None:
        fill = "0"
    if align is None:
        align = ">"
    if fill is None:
        fill = " "
    if align == "<":
        flags |= PF_FLAG_LEFT_ADJUST
    elif align == "=":
        flags |= PF_FLAG_PAD_AFTER_SIGN
    elif align == "^":
        flags |= PF_FLAG_CENTER_ADJUST
    width = int(width_text) if width_text else -1
    prec = int(prec_text) if prec_text else -1
    if code is None or code == "n":
        code = "g"
    if code == "%":
        return print_float(value * 100.0 if _round is None else _round(value * 100.0), "f", flags | PF_FLAG_ADD_PERCENT, fill, width, prec,
                           long_double_bits=_bits, engine=_engine)
    return print_float(value, code, flags, fill, width, prec, long_double_bits=_bits,
                       engine=_engine)
