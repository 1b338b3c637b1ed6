print(True, False, None, bool(0), bool(""), bool([]), bool(0.0), bool(None), bool("0"), bool([0]))
print(True + 1, True * 2.5, ~True, -False, int(True))
print(type(True).__name__, type(None).__name__, repr(None), str(True), None is None, None == 0)
print(isinstance(True, int), isinstance(True, bool), issubclass(bool, int), True == 1, hash(True))
print(bool.__name__, bool(1j), bool(b""), bool({}), bool(set()), bool(range(0)), bool(range(1)))
print([True, None, False], {None: 1}, (None,), not None, not 0, 1 if None else 2)
for f in (lambda: None + 1, lambda: None < 1, lambda: len(None), lambda: None(), lambda: None[0],
          lambda: iter(None), lambda: None.x, lambda: True < "a"):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
