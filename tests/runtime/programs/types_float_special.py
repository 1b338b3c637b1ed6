inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, inf + 1, inf - inf, inf * 0, -inf < 0 < inf, nan > 0, nan < 0, nan == nan)
print(1 / inf, -1 / inf, inf > 10 ** 100, abs(-inf), min(inf, 5), max(-inf, -5))
print(float("INF"), float("-iNf"), float("NaN"), float("infinity"), str(inf), repr(nan))
print(0.0 == -0.0, str(-0.0), repr(-0.0 * 1), 1e308 * 10, 2.0 ** -1074 > 0)
print(round(inf) if False else "", [inf, nan], {"x": inf}, (nan,))
import math
print(math.isinf(inf), math.isnan(nan), math.isfinite(1.0), math.copysign(1, -0.0))
for f in (lambda: int(inf), lambda: int(nan), lambda: inf // 0, lambda: 1 % inf, lambda: divmod(inf, 1)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
