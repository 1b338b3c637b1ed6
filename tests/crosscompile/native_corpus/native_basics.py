# @micropython.native: arithmetic, calls, globals, attributes and containers
import micropython

counter = 0


@micropython.native
def nothing():
    pass


@micropython.native
def add(a, b):
    return a + b


@micropython.native
def many_args(a, b, c, d, e=5, *rest, key=None, **kw):
    global counter
    counter += 1
    return a * b - c // d % e, rest, key, kw


@micropython.native
def containers(x):
    t = (x, 1, "two", b"three", 4.5, None, True, False, ...)
    l = [x, x + 1]
    d = {"a": x, x: "b"}
    s = {x, 2}
    l[0] = t[1:3]
    del d["a"]
    x, *y = l
    return t, l, d, s, x, y, -x, ~x, not x, x is None, x is not None, x in l, x not in l


@micropython.native
def strings(name):
    msg = "hello " + name + " " * 3
    return msg.upper().split(), len(msg), "{}-{}".format(name, 12345678901234567890)


@micropython.native
def compare(a, b):
    return a < b, a <= b, a == b, a != b, a > b, a >= b, a < b < 10


@micropython.native
def attrs(obj):
    obj.x = 1
    y = obj.x
    del obj.x
    return y


print(nothing(), add(1, 2), many_args(1, 2, 3, 4), containers(3), strings("x"), compare(1, 2))
