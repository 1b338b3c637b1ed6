print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5), round(2.675, 2))
print(round(1234.5678, -2), round(1234.5678, 1), round(5, -1), round(15, -1), round(25, -1))
print(round(7), round(7, 1), round(1.23456, 3), round(-0.5), type(round(2.5)).__name__)
print(type(round(2.5, 0)).__name__, round(2.5, 0), round(1e20), round(0.125, 2))
import math
print(math.floor(2.5), math.ceil(2.1), math.trunc(-2.7), int(-0.5))
print(abs(-1.5), -(1.5), +1.5, 1.5 // 1, 1.5 % 1, divmod(7.5, 2))
for f in (lambda: round(float("inf")), lambda: round(float("nan")), lambda: round("1"),
          lambda: divmod(1.0, 0.0), lambda: 1.5 % 0):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
