"""The guest's float-making builtins and math/cmath functions on a single-precision build.

A firmware built with ``MICROPY_FLOAT_IMPL_FLOAT`` converts every argument to a binary32
``float`` and calls the C library's float functions (``sinf``, ``powf``, ...), whose results are
binary32 again. mpt computes in double and rounds: the double result of a binary32 argument,
rounded once, is the correctly rounded one, which is what these functions return all but
rarely (measured against a unix build with single-precision floats: tests/runtime). The
checks MicroPython makes on a result (an infinite result from finite arguments is a
``math domain error``) apply to the rounded result, so ``math.exp(100.0)`` fails as on a board.

:func:`single_math` wraps the double-precision math module's attributes (cmath computes
in the build's float type itself: mpt/runtime/library/cmath_mod.py);
:func:`single_builtins` replaces ``sum``, ``round``, ``pow`` and ``divmod``. The arithmetic of
translated code rounds through :func:`mpt.float32.round_value` (the translator's ``float_round``).
"""

from __future__ import annotations

import functools
import math

from mpt.float32 import round_value, to_f32
from mpt.runtime.vm.hashorder import ordered_arg

_INF = math.inf

# math functions whose float arguments and result are floats (C: float f(float[, float]))
_FLOAT_FUNCTIONS = frozenset(
    "sqrt exp expm1 log log2 log10 cosh sinh tanh acosh asinh atanh cos sin tan acos asin atan "
    "fabs erf erfc gamma lgamma pow atan2 copysign fmod".split())
# functions whose arguments are rounded, results exact or not floats
_ROUNDED_ARGUMENTS = frozenset("floor ceil trunc isfinite isinf isnan frexp modf isclose".split())


def _argument(value):
    """A number argument as the firmware's mp_obj_get_float gives it: rounded to binary32."""
    t = type(value)
    if t is float:
        return value
    if t is int:
        try:
            return to_f32(float(value))
        except OverflowError:
            return _INF if value > 0 else -_INF
    if t is complex:
        return complex(to_f32(value.real), to_f32(value.imag))
    return value  # bool, objects with __float__, wrong types: the function itself decides


def _float_function(fn):
    @functools.wraps(fn)
    def single(*args, **kwargs):
        args = tuple(_argument(a) for a in args)
        result = round_value(fn(*args, **kwargs))
        if type(result) is float and result in (_INF, -_INF) and not any(
                type(a) is float and a in (_INF, -_INF) for a in args):
            raise ValueError("math domain error")
        return result
    return single


def _rounded_arguments(fn):
    @functools.wraps(fn)
    def single(*args, **kwargs):
        return fn(*(_argument(a) for a in args), **kwargs)
    return single


def _rounded_result(fn):
    @functools.wraps(fn)
    def single(*args, **kwargs):
        result = fn(*(_argument(a) if i == 0 else a for i, a in enumerate(args)), **kwargs)
        if type(result) is tuple:
            return tuple(round_value(item) for item in result)
        return round_value(result)
    return single


def single_math(attrs: dict) -> dict:
    """The math module's attributes (double precision) as a single-precision build has them."""
    out: dict = {}
    for name, value in attrs.items():
        if type(value) is float:
            out[name] = to_f32(value)
        elif name in _FLOAT_FUNCTIONS:
            out[name] = _float_function(value)
        elif name in _ROUNDED_ARGUMENTS:
            out[name] = _rounded_arguments(value)
        elif name == "ldexp":  # no range check on the board: an overflow is inf
            out[name] = _rounded_result(value)
        else:
            out[name] = value
    return out


def single_builtins(builtins: dict) -> dict:
    """Replacements for the builtins that make floats: sum adds with the rounding +, round
    scales in binary32 (powf(10, n), nearbyint), pow and divmod round what they return."""
    host_pow = builtins["pow"]
    host_divmod = builtins["divmod"]
    host_round = builtins["round"]
    host_sum = builtins["sum"]

    def sum_(*args, **kwargs):
        if len(args) in (1, 2) and not kwargs:  # else: the double one's errors
            total = args[1] if len(args) == 2 else 0
            for item in ordered_arg(args[0]):
                if type(item) is int and type(total) is int:  # (an int sum needs no rounding)
                    total += item
                else:
                    total = round_value(total + item)
            return total
        return host_sum(*args, **kwargs)

    def round_(number, ndigits=None):
        if ndigits is None or type(number) is not float:
            return host_round(number, ndigits) if ndigits is not None else host_round(number)
        mult = to_f32(10.0 ** ndigits) if -60 < ndigits < 60 else (0.0 if ndigits < 0 else _INF)
        scaled = to_f32(number * mult)
        if scaled != scaled or scaled in (_INF, -_INF):
            return number
        return to_f32(float(host_round(scaled)) / mult)

    def pow_(*args):
        return round_value(host_pow(*(_argument(a) if type(a) is not int else a
                                      for a in args)))

    def divmod_(a, b):
        result = host_divmod(_argument(a) if type(b) is float else a,
                             _argument(b) if type(a) is float else b)
        if type(result) is tuple:
            return tuple(round_value(item) for item in result)
        return result

    return {"sum": sum_, "round": round_, "pow": pow_, "divmod": divmod_}
