for x in (0.1, 1.0, -0.0, 1e16, 1e-5, 123456789.0, 1.5e300, 2.0 ** 0.5, 1 / 3, 100.0,
          1e15, 12345678901234567.0, 0.000123, 3.14159, 1e22, 1.7976931348623157e308):
    print(x, repr(x), str(x))
print(float("inf"), float("-inf"), float("nan"), -float("inf"))
print([0.5, 2.25], (1.0,), {1.5: 2.5})
print(float("1.5"), float(" 2 "), float("1e3"), float("-.5"), float("inf"), float("-Infinity"), float(3))
print(float(2 ** 2000) if False else "", float(10 ** 20), float("1_0.5") if False else "")
for f in (lambda: float("abc"), lambda: float(""), lambda: float(None), lambda: float([]),
          lambda: float("1e"), lambda: float("0x10")):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
