# @micropython.native functions keep Python semantics: generators, exceptions, with,
# closures, keyword arguments; native code adds no traceback entry
import micropython
import sys


@micropython.native
def gen(n):
    for i in range(n):
        yield i * i


@micropython.native
def catch(x):
    try:
        return 10 // x
    except ZeroDivisionError:
        return "div0"
    finally:
        print("finally", x)


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *a):
        print("exit", a[0])


@micropython.native
def use_with():
    with Ctx():
        print("body")


@micropython.native
def outer(a):
    def inner(b):
        return a + b

    return inner


@micropython.native
def kw(a, b=2, *args, c, **kwargs):
    return a, b, args, c, sorted(kwargs)


@micropython.native
def big(x):
    return x * 2**70


@micropython.native
def fails(x):
    return x[3]


def caller():
    return fails([])


print(list(gen(5)))
print(catch(5), catch(0))
use_with()
print(outer(3)(4))
print(kw(1, c=3), kw(1, 5, 6, c=7, d=8, e=9))
print(big(3))
print(type(fails))
try:
    caller()
except IndexError as e:
    sys.print_exception(e)
