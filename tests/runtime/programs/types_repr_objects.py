import sys
print(len, print, int, str, type, object, Exception, ValueError)
print(repr(len), str(int), repr(sys), repr([len, int]))
print(type(len), type(f := None))
print(range(3), NotImplemented, Ellipsis, ...)
print(ValueError("x"), repr(ValueError("x")), repr(ValueError()), repr(KeyError("k")), str(KeyError("k")))
print(repr(Exception(1, 2)), str(Exception(1, 2)), str(Exception()), repr(OSError(2)), str(OSError(2, "x")))
print(str(StopIteration(5)), repr(StopIteration()), str(KeyError()), str(KeyError(1, 2)))
print({}.keys(), {"a": 1}.values(), {"a": 1}.items())
class P:
    pass
print(repr(P)[:16], str(P)[:16])
print(iter([]), iter(""), iter({}), zip(), map(len, []), filter(None, []), enumerate([]), reversed([]))
print(type(iter([])), type(zip()), type(reversed([])), type({}.keys()))
