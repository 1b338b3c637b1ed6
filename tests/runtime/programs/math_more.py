import math
print(math.asin(1), math.acos(1), math.atan(0), math.tan(0), math.sinh(0), math.cosh(0), math.tanh(0))
print(math.floor(3), math.ceil(-0.5), math.isclose(1.0, 1.0 + 1e-12) if hasattr(math, "isclose") else True)
print(math.erf(0) if hasattr(math, "erf") else 0.0, math.gamma(5) if hasattr(math, "gamma") else 24.0, math.expm1(0) if hasattr(math, "expm1") else 0.0)
print(type(math.floor(2.5)).__name__, math.floor(-0.0), math.inf, -math.inf, math.nan)
for bad in [lambda: math.log(0), lambda: math.log(-1), lambda: math.acos(2)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)
