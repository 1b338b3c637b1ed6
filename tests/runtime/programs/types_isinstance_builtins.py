vals = [1, 1.5, 1j, "s", b"b", bytearray(), [1], (1,), {1: 2}, {1}, frozenset(), range(1), None, True, int]
for v in vals:
    print(type(v).__name__, isinstance(v, int), isinstance(v, (list, tuple)), isinstance(v, object),
          isinstance(v, type), callable(v))
print(issubclass(int, object), issubclass(bool, int), issubclass(list, (tuple, list)), issubclass(type, object))
print(issubclass(KeyError, LookupError), issubclass(OSError, Exception), isinstance(KeyError(), IndexError))
for f in (lambda: isinstance(1, 1), lambda: issubclass(1, int), lambda: issubclass(int, "x"),
          lambda: isinstance(1, (int, 1))):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
