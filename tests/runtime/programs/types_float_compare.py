print(1 == 1.0, 0.1 + 0.2 == 0.3, 1 < 1.5, 2 ** 60 == 2.0 ** 60, float("nan") == float("nan"))
print(1.0 in [1], hash(1.0) == hash(1), {1: "a"}[1.0], True == 1, False == 0.0)
print(max(1, 2.5, 2), min(-1, -1.5), sorted([3, 1.5, 2, -0.5]))
print(1e308 * 10, -1e308 * 10, 1e-320 > 0, 2.0 ** 1023 * 2 == float("inf"))
print(float(1) is not None, (3.0).__class__.__name__)
for f in (lambda: 2.0 ** 10000, lambda: 10 ** 400 * 1.0, lambda: 1.0 < "a", lambda: [1] < 1.0):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
