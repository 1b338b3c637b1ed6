# .value and .errno: every exception's first argument (None without arguments)
import sys

cases = (Exception(), Exception(1), Exception(1, 2), ValueError("x"), StopIteration(),
         StopIteration(5), StopIteration(5, 6), OSError(), OSError(2), OSError(2, "x"),
         OSError("a"), KeyError("k"), SystemExit(3), SystemExit(), TypeError(None))
for e in cases:
    print(type(e).__name__, repr(e.value), repr(e.errno), e.args)
    print(getattr(e, "value"), hasattr(e, "errno"))


class Mine(Exception):
    pass


class Own(Exception):
    def __init__(self, a):
        self.value = a * 2


class ClassLevel(OSError):
    errno = "class"


print(Mine(4).value, Mine().value, Own(3).value, ClassLevel(1).errno, ClassLevel(1).value)
try:
    e = Exception(1)
    e.value = 3
    print(e.value)
except AttributeError as x:
    print("AttributeError", x)


def gen():
    yield 1
    return "done"


g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print("returned", e.value, e.args)
try:
    (lambda: 0)(0)
except TypeError as er:
    print(len(er.value or ""))
try:
    import nosuchmodule
except ImportError as e:
    print(e.value)


class Plain:
    value = 7


print(Plain().value, getattr(Plain(), "value"))
sys.print_exception(Exception)
sys.print_exception(ValueError, sys.stdout)
