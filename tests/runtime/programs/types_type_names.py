import sys
def f():
    pass
def g():
    yield 1
class K:
    def m(self):
        pass
for v in (len, print, f, g(), K, K(), int, type, object, sys,
          iter([]), iter(()), iter(""), iter({}), zip(), map(len, []), filter(None, []),
          enumerate([]), reversed([]), range(2), {}.keys(), {}.items(), {}.values(),
          1j, memoryview(b""), Exception(), ZeroDivisionError, lambda: 0):
    print(type(v).__name__)
print(type(len).__name__, type(type).__name__, type(int), type(K), type(sys))
print(type(1) is int, type("") == str, type(True) is bool, type(None))
