# math and cmath in single precision (the functions whose float version in glibc, which the
# recorded unix build calls, returns the correctly rounded result for these arguments; the
# firmware's own libm differs from both in places)
import math, cmath
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
xs = [0.1, 0.5, 1.0, 2.0, 3.0, 10.0, 20.0, 0.4, 7.77]
for name in ("sqrt", "exp", "log", "log2", "sin", "cos", "tan", "atan", "sinh", "tanh", "erf", "fabs"):
    fn = getattr(math, name)
    print(name, [fn(x) for x in xs])
for name in ("asin", "acos"):
    print(name, [getattr(math, name)(x) for x in (0.1, 0.5, 1 / 3, -0.9)])
print(math.acosh(2.0), math.atan2(1, 3), math.atan2(2.5, 0.5), math.pow(2, 0.5), math.pow(10, -3))
print(math.copysign(1.5, -0.0), math.fmod(7.5, 2), math.fmod(1e10, 3), math.hypot(3, 4) if hasattr(math, "hypot") else "-")
print(math.floor(2.7), math.ceil(2.1), math.trunc(-2.7), math.floor(16777217), math.ceil(1e10 / 3))
print(math.frexp(0.1), math.frexp(1e10), math.modf(2.5), math.modf(-1 / 3), math.ldexp(1.0, 100), math.ldexp(0.75, -130))
print(math.degrees(1), math.degrees(math.pi), math.radians(90), math.radians(1))
print(math.isfinite(1e38 * 10), math.isinf(1e39), math.isnan(math.inf - math.inf), math.isclose(0.1 + 0.2, 0.3))
print(math.log(8, 2), math.log(100, 10), math.log(1e10), math.sqrt(16777217), math.exp(88.0))
for bad in ("math.exp(100.0)", "math.sinh(100.0)", "math.sqrt(-1)", "math.log(0)", "math.pow(10, 50)"):
    try:
        print(bad, eval(bad))
    except (ValueError, OverflowError) as e:
        print(bad, type(e).__name__, e)
print(cmath.pi, cmath.e, cmath.sqrt(-1), cmath.sqrt(2j), cmath.exp(1j), cmath.exp(1 + 1j))
print(cmath.log(1j), cmath.log10(10j), cmath.polar(1 + 1j), cmath.rect(2, 1), cmath.phase(-1))
print(cmath.cos(1 + 2j))
