# @micropython.native functions: their machine code runs on the board's core (compiled with
# mpy-cross -march for the board's CPU and imported as a .mpy file)
import micropython

SCALE = 3


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


@micropython.native
def arith(a, b):
    return a + b, a - b, a * b, a // b, a % b, a ** 2, a << 3, a >> 1, a & b, a | b, a ^ b, -a


@micropython.native
def bigs(n):
    x = 1
    for i in range(n):
        x = x * 7 + i
    return x, x % 1000003, x > (1 << 80)


@micropython.native
def loops(n):
    total = 0
    i = 0
    while i < n:
        if i % 3 == 0:
            i += 1
            continue
        total += i * SCALE
        if total > 500:
            break
        i += 1
    return total, i


@micropython.native
def calls(a, b=10, *rest, key="k", **more):
    return a, b, rest, key, sorted(more.items())


@micropython.native
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@micropython.native
def objects():
    p = Point(3, -4)
    p.x += 10
    s = {1, 2, 3}
    s.add(4)
    d = {"a": 1, "b": 2}
    d["c"] = d["a"] + d["b"]
    lst = [i * i for i in range(6)]
    lst.append(100)
    a, b, *c = lst
    t = (p.norm1(), len(s), d["c"], lst[1:4], lst[-1], a, b, c)
    del d["a"]
    return t, sorted(d), "-".join([str(x) for x in range(4)]), "%d:%s" % (5, "x")


@micropython.native
def set_global(v):
    global SCALE
    SCALE = v
    return SCALE


@micropython.native
def strings(s):
    out = []
    for ch in s:
        if ch.isdigit():
            out.append(int(ch))
    return out, s.upper(), s[1:-1], s.find("3"), "{}-{}".format(s[0], len(s))


print(arith(17, 5))
print(arith(-17, 5))
print(bigs(40))
print(loops(100))
print(calls(1))
print(calls(1, 2, 3, 4, key="z", q=1, r=2))
print(calls(b=5, a=6))
print(fib(15))
print(objects())
print(set_global(7), SCALE)
print(strings("ab12c3"))
try:
    calls()
except TypeError as e:
    print("TypeError", e)
try:
    calls(1, nope=2, key=3, b=4, a=5)
except TypeError as e:
    print("TypeError", e)
print(type(fib).__name__, fib.__name__)


@micropython.native
def churn(n):
    # many short-lived objects (big ints, lists) next to ones kept: the emulation's table of
    # object words forgets only those nothing refers to any more
    kept = []
    for i in range(n):
        big = (1 << 70) + i
        pair = [big, str(i)]
        if i % 1000 == 0:
            kept.append(pair)
    return len(kept), kept[-1][0] - (1 << 70), kept[3][1]


print(churn(12000))
