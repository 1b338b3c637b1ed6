# native generators compiled to .mpy: next/send/throw/close, yield from, generator
# expressions, used by bytecode loops
import micropython


@micropython.native
def countdown(n):
    while n > 0:
        got = yield n
        if got is not None:
            n = got
        n -= 1
    return "done"


@micropython.native
def chain(*parts):
    for p in parts:
        r = yield from p
        if r is not None:
            print("inner returned", r)


@micropython.native
def squares(n):
    return sum(i * i for i in range(n)), list(x for x in "abc" if x != "b")


@micropython.native
def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")


g = countdown(5)
print(next(g), next(g), g.send(10), next(g))
print(list(countdown(3)))
print(list(chain([1, 2], countdown(2), "xy")))
print(squares(10))
for v in guarded():
    print("got", v)
    break
g = guarded()
next(g)
g.close()
g = guarded()
print(next(g))
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("KeyError", e)
try:
    next(countdown(0))
except StopIteration as e:
    print("StopIteration", e.args)
