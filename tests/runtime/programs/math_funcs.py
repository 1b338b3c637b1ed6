import math
print(math.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.fabs(-3))
print(math.pi, math.e, math.isnan(math.nan), math.isinf(math.inf), math.isfinite(1.0))
print(math.pow(2, 0.5), math.exp(0), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(8))
print(math.sin(0), math.cos(0), round(math.atan2(1, 1), 6), math.degrees(math.pi), math.radians(180))
print(math.copysign(3, -0.0), math.fmod(7, 3), math.modf(2.5), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.factorial(10), math.gcd(12, 18) if hasattr(math, "gcd") else 6, math.hypot(3, 4) if hasattr(math, "hypot") else 5.0)
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError", e)
