"""The guest's `math` module, with MicroPython's py/modmath.c semantics.

Every function converts its arguments to float first (so floor(10**20 + 1) loses the last
digit, as on a board) and reports any NaN or infinite result from finite arguments as
ValueError("math domain error") -- MicroPython has no OverflowError here. floor/ceil/trunc
return ints through MicroPython's float-to-int conversion errors.
"""

from __future__ import annotations

import math

from mpt.runtime.library.arity import check_arity, check_keywords
from mpt.float32 import to_f32
from mpt.runtime.vm.single_float import single_math
from mpt.runtime.vm.objects import is_guest_object

_INF = math.inf


def _domain_error() -> ValueError:
    return ValueError("math domain error")


def as_float(value) -> float:
    """mp_obj_get_float: bools, ints (huge ones become infinite), floats, and objects of
    guest classes with __float__."""
    t = type(value)
    if t is float:
        return value
    if isinstance(value, float):
        return float(value)
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:
            return _INF if value > 0 else -_INF
    if is_guest_object(value) and hasattr(type(value), "__float__"):
        return float(value)
    raise TypeError(f"can't convert {type(value).__name__} to float")


def as_int(value) -> int:
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"can't convert {type(value).__name__} to int")


def _one(host):
    def fn(*args):
        check_arity(args, 1, 1)
        x = as_float(args[0])
        try:
            result = host(x)
        except (ValueError, OverflowError):
            raise _domain_error() from None
        if (result != result and x == x) or (result in (_INF, -_INF) and x not in (_INF, -_INF)):
            raise _domain_error()
        return result
    return fn


def _two(host):
    def fn(*args):
        check_arity(args, 2, 2)
        x, y = as_float(args[0]), as_float(args[1])
        try:
            result = host(x, y)
        except (ValueError, OverflowError):
            raise _domain_error() from None
        if (result != result and x == x and y == y) or (
                result in (_INF, -_INF) and x not in (_INF, -_INF) and y not in (_INF, -_INF)):
            raise _domain_error()
        return result
    return fn


def float_to_int(x: float) -> int:
    """mp_obj_new_int_from_float."""
    if x != x:
        raise ValueError("can't convert NaN to int")
    if x in (_INF, -_INF):
        raise OverflowError("can't convert inf to int")
    return int(x)


def _to_int(host):
    def fn(*args):
        check_arity(args, 1, 1)
        x = as_float(args[0])
        if x != x or x in (_INF, -_INF):
            return float_to_int(x)
        return int(host(x))
    return fn


def _to_bool(host):
    def fn(*args):
        check_arity(args, 1, 1)
        return host(as_float(args[0]))
    return fn


def _log(*args):
    check_arity(args, 1, 2)
    x = as_float(args[0])
    if x <= 0.0:
        raise _domain_error()
    result = math.log(x)
    if len(args) == 1:
        return result
    base = as_float(args[1])
    if base <= 0.0:
        raise _domain_error()
    if base == 1.0:
        raise ZeroDivisionError("divide by zero")
    return result / math.log(base)


def _ldexp(*args):
    check_arity(args, 2, 2)
    x, exp = as_float(args[0]), as_int(args[1])
    try:
        return math.ldexp(x, exp)
    except OverflowError:  # C's ldexp overflows to infinity silently
        return math.copysign(_INF, x)


def _frexp(*args):
    check_arity(args, 1, 1)
    return math.frexp(as_float(args[0]))


def _modf(*args):
    check_arity(args, 1, 1)
    return math.modf(as_float(args[0]))


def _scale(name: str, factor: float, rounding):
    """radians/degrees: x times a constant (in a single-precision build folded in float by
    the C compiler from MP_PI, and the product rounded)."""
    def fn(*args):
        check_arity(args, 1, 1)
        if rounding is None:
            return as_float(args[0]) * factor
        return rounding(rounding(as_float(args[0])) * factor)
    fn.__name__ = name
    return fn


def _factorial(*args):
    check_arity(args, 1, 1)
    n = as_int(args[0])
    if n < 0:
        raise ValueError("negative factorial")
    return math.factorial(n)


def _isclose(*args, **kwargs):
    check_arity(args, 2)
    if len(args) > 2:
        raise TypeError("extra positional arguments given")
    check_keywords(kwargs, ("rel_tol", "abs_tol"))
    a, b = as_float(args[0]), as_float(args[1])
    rel_tol = as_float(kwargs["rel_tol"]) if kwargs.get("rel_tol") is not None else 1e-9
    abs_tol = as_float(kwargs.get("abs_tol", 0))
    if rel_tol < 0.0 or abs_tol < 0.0:
        raise _domain_error()
    if a == b:
        return True
    difference = abs(a - b)
    if difference == _INF:
        return False
    return difference <= abs_tol or difference <= abs(rel_tol * a) or difference <= abs(rel_tol * b)


def _c_pow(x: float, y: float) -> float:
    try:
        return math.pow(x, y)
    except ZeroDivisionError:
        raise _domain_error() from None


def make_module(ctx):
    single = ctx.features.float_bits == 32
    if single:
        pi = to_f32(math.pi)
        radians = _scale("radians", to_f32(pi / 180.0), to_f32)
        degrees = _scale("degrees", to_f32(180.0 / pi), to_f32)
    else:
        radians = _scale("radians", math.pi / 180.0, None)
        degrees = _scale("degrees", 180.0 / math.pi, None)
    attrs = {
        "e": math.e, "pi": math.pi, "tau": math.tau, "inf": _INF, "nan": math.nan,
        "log": _log, "ldexp": _ldexp, "frexp": _frexp, "modf": _modf, "radians": radians,
        "degrees": degrees, "factorial": _factorial, "isclose": _isclose,
        "pow": _two(_c_pow), "atan2": _two(math.atan2), "copysign": _two(math.copysign),
        "fmod": _two(math.fmod),
        "floor": _to_int(math.floor), "ceil": _to_int(math.ceil), "trunc": _to_int(math.trunc),
        "isfinite": _to_bool(math.isfinite), "isinf": _to_bool(math.isinf),
        "isnan": _to_bool(math.isnan),
    }
    for name in ("sqrt exp expm1 log2 log10 cosh sinh tanh acosh asinh atanh cos sin tan acos "
                 "asin atan fabs erf erfc gamma lgamma").split():
        attrs[name] = _one(getattr(math, name))
    if single:
        return single_math(attrs)
    return attrs
