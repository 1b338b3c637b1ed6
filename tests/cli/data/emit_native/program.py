# Run with -X emit=native: every function (and the module) is native code, as the unix
# port compiles it. Native code adds no traceback entries.
import sys


def gen(n):
    for i in range(n):
        yield i * i


def outer(x):
    def inner(y):
        return x + y
    return inner


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, by=1):
        self.n += by
        return self.n


def fails():
    return 1 // 0


print(list(gen(5)), outer(3)(4), [c * 2 for c in "ab"], {k: v for k, v in zip("xy", (1, 2))})
c = Counter()
c.bump()
print(c.bump(5))
try:
    fails()
except ZeroDivisionError as e:
    sys.print_exception(e)
try:
    with open("/no/such/file") as f:
        pass
except OSError as e:
    print("OSError", e.errno)
try:
    try:
        raise ValueError("inner")
    finally:
        print("finally ran")
except ValueError as e:
    print(repr(e))
print(sum(x for x in range(10) if x % 2))
fails()
