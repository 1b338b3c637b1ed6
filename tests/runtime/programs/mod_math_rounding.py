import math

for x in (2.5, -2.5, 3.7, -3.7, 0.0, -0.0, 1e20, 5, -5, True):
    print(x, math.floor(x), math.ceil(x), math.trunc(x), type(math.floor(x)).__name__)
print(math.floor(10**20), math.ceil(-10**20), math.trunc(2**70))
print(math.isfinite(1.0), math.isfinite(math.inf), math.isfinite(math.nan), math.isfinite(5))
print(math.isinf(math.inf), math.isinf(-math.inf), math.isinf(1e308), math.isinf(3))
print(math.isnan(math.nan), math.isnan(math.inf), math.isnan(0))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(1, 1.05, rel_tol=0.1))
print(math.isclose(0, 1e-10), math.isclose(0, 1e-10, abs_tol=1e-9), math.isclose(math.inf, math.inf))
for name in ("gcd", "lcm", "comb", "perm", "prod", "dist", "hypot", "isqrt", "fsum", "nextafter", "ulp", "remainder", "cbrt", "exp2"):
    print(name, hasattr(math, name))
