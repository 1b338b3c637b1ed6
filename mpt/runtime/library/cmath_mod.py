"""The guest's `cmath` module, with MicroPython's py/modcmath.c formulas.

MicroPython computes from the real and imaginary parts with the plain textbook formulas
(sqrt through the modulus and half the phase, log through log(|z|^2)/2, ...), without
CPython's care for special values, so its results differ from CPython's in the last digits
(cmath.sqrt(-1) is (6.123233995736766e-17+1j)) and infinities come out instead of errors.
"""

from __future__ import annotations

import math

from mpt.runtime.library.arity import check_arity
from mpt.runtime.library.math_mod import as_float
from mpt.runtime.vm.objects import is_guest_object

_LOG10_E = 0.4342944819032518


def _parts(value) -> tuple[float, float]:
    if isinstance(value, complex):
        return value.real, value.imag
    if isinstance(value, (int, float)):
        return as_float(value), 0.0
    if is_guest_object(value):
        if hasattr(type(value), "__complex__"):
            z = complex(value)
            return z.real, z.imag
        if hasattr(type(value), "__float__"):
            return float(value), 0.0
    raise TypeError(f"can't convert {type(value).__name__} to complex")


def _c(fn):
    """Call a libm function with C's results: infinity and NaN instead of exceptions."""
    def call(*args):
        try:
            return fn(*args)
        except OverflowError:
            return math.inf
        except ValueError:
            if fn is math.log or fn is math.log10:
                return -math.inf if args[0] == 0 else math.nan
            return math.nan
    return call


_exp, _log, _log10, _cosh, _sinh = (_c(f) for f in (math.exp, math.log, math.log10, math.cosh,
                                                    math.sinh))
_pow = _c(math.pow)


def _mul(a: float, b: float) -> float:
    try:
        return a * b
    except OverflowError:
        return math.inf


def _one(fn):
    def wrapper(*args):
        check_arity(args, 1, 1)
        return fn(*_parts(args[0]))
    return wrapper


def phase(re, im):
    return math.atan2(im, re)


def polar(re, im):
    return (math.sqrt(re * re + im * im), math.atan2(im, re))


def exp(re, im):
    e = _exp(re)
    return complex(_mul(e, math.cos(im)) if not math.isinf(im) else math.nan,
                   _mul(e, math.sin(im)) if not math.isinf(im) else math.nan)


def log(re, im):
    return complex(0.5 * _log(re * re + im * im), math.atan2(im, re))


def log10(re, im):
    return complex(0.5 * _log10(re * re + im * im), _LOG10_E * math.atan2(im, re))


def sqrt(re, im):
    modulus_root = _pow(re * re + im * im, 0.25)
    theta = 0.5 * math.atan2(im, re)
    return complex(modulus_root * math.cos(theta), modulus_root * math.sin(theta))


def cos(re, im):
    return complex(math.cos(re) * _cosh(im), -math.sin(re) * _sinh(im))


def sin(re, im):
    return complex(math.sin(re) * _cosh(im), math.cos(re) * _sinh(im))


def rect(*args):
    check_arity(args, 2, 2)
    r, phi = as_float(args[0]), as_float(args[1])
    return complex(r * math.cos(phi), r * math.sin(phi))


def make_module(ctx):
    attrs = {"e": math.e, "pi": math.pi, "rect": rect}
    for fn in (phase, polar, exp, log, log10, sqrt, cos, sin):
        wrapper = _one(fn)
        wrapper.__name__ = fn.__name__
        attrs[fn.__name__] = wrapper
    return attrs
