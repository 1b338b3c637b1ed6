print(0.1 + 0.2, 1 / 3, 2 / 2, 7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 2 ** 0.5)
print(1e10, 1e16, 1e-5, 123456789.0, 1.5e300 * 1e10, -1e400, 0.0 == -0.0, repr(-0.0))
print(float("1e3"), float("  -2.5 "), float(7), int(2.0 ** 40))
print(round(0.125, 2), round(2.675, 2), round(-1.5), round(1e15 + 0.5), str(1.0), str(100.0), 1e100)
print(float("inf") > 1e308, float("nan") == float("nan"), 3.0 == 3, 1.1 * 3, 10 / 4, 10.0 // 3)
print(divmod(7.5, 2), divmod(-7.5, 2), abs(-3.25), max(1, 2.5), min(-0.5, 0))
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
