"""The guest's `math` module."""

from __future__ import annotations

import math

_NAMES = """acos acosh asin asinh atan atan2 atanh ceil copysign cos cosh degrees e erf erfc exp
expm1 fabs floor fmod frexp gamma isclose isfinite isinf isnan ldexp lgamma log log10 log1p
log2 modf pi pow radians sin sinh sqrt tan tanh tau trunc inf nan factorial""".split()


def make_module(ctx):
    attrs = {name: getattr(math, name) for name in _NAMES}

    def log(x, base=None):
        if base is None:
            return math.log(x)
        return math.log(x) / math.log(base)

    attrs["log"] = log
    return attrs
