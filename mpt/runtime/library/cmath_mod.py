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
from mpt.float32 import to_f32
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


class _Float:
    """The C float type and libm functions the formulas compute with: double by default; a
    single-precision build's rounds every operation and function result to binary32."""

    def __init__(self, rounding=None):
        r = self.r = rounding if rounding is not None else (lambda x: x)

        def rounded(fn):
            return (lambda *args: r(fn(*args))) if rounding is not None else fn
        self.exp, self.log, self.log10, self.cosh, self.sinh, self.pow = (
            rounded(_c(f)) for f in (math.exp, math.log, math.log10, math.cosh, math.sinh,
                                     math.pow))
        self.cos, self.sin, self.atan2, self.sqrt = (
            rounded(f) for f in (math.cos, math.sin, math.atan2, math.sqrt))

    def mul(self, a: float, b: float) -> float:
        try:
            return self.r(a * b)
        except OverflowError:
            return math.inf


def _formulas(f: _Float) -> dict:
    """py/modcmath.c's functions, each over (real, imag), in the float type ``f``."""
    r, mul = f.r, f.mul

    def norm(re, im):
        return r(r(re * re) + r(im * im))

    def phase(re, im):
        return f.atan2(im, re)

    def polar(re, im):
        return (f.sqrt(norm(re, im)), f.atan2(im, re))

    def exp(re, im):
        e = f.exp(re)
        return complex(mul(e, f.cos(im)) if not math.isinf(im) else math.nan,
                       mul(e, f.sin(im)) if not math.isinf(im) else math.nan)

    def log(re, im):
        return complex(r(0.5 * f.log(norm(re, im))), f.atan2(im, re))

    def log10(re, im):
        return complex(r(0.5 * f.log10(norm(re, im))), mul(r(_LOG10_E), f.atan2(im, re)))

    def sqrt(re, im):
        modulus_root = f.pow(norm(re, im), 0.25)
        theta = r(0.5 * f.atan2(im, re))
        return complex(r(modulus_root * f.cos(theta)), r(modulus_root * f.sin(theta)))

    def cos(re, im):
        return complex(r(f.cos(re) * f.cosh(im)), r(-f.sin(re) * f.sinh(im)))

    def sin(re, im):
        return complex(r(f.sin(re) * f.cosh(im)), r(f.cos(re) * f.sinh(im)))

    def rect(*args):
        check_arity(args, 2, 2)
        radius, phi = r(as_float(args[0])), r(as_float(args[1]))
        return complex(r(radius * f.cos(phi)), r(radius * f.sin(phi)))

    attrs: dict = {"e": r(math.e), "pi": r(math.pi), "rect": rect}
    for fn in (phase, polar, exp, log, log10, sqrt, cos, sin):
        attrs[fn.__name__] = _one(fn, r)
    return attrs


def _one(fn, r):
    def wrapper(*args):
        check_arity(args, 1, 1)
        re, im = _parts(args[0])
        return fn(r(re), r(im))
    wrapper.__name__ = fn.__name__
    return wrapper


def make_module(ctx):
    return _formulas(_Float(to_f32 if ctx.features.float_bits == 32 else None))
