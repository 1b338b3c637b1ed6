def inner(n):
    for i in range(n):
        got = yield i
        if got:
            print("inner got", got)
    return n * 10

def outer():
    r1 = yield from inner(2)
    print("r1", r1)
    r2 = yield from inner(1)
    print("r2", r2)
    return r1 + r2

g = outer()
print(next(g))
print(g.send("hello"))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("result", e.value, e.args)

def deleg():
    yield from [1, 2]
    yield from (x * 2 for x in range(2))
    yield from "ab"
print(list(deleg()))

def thrower():
    try:
        yield 1
    except ValueError:
        yield "handled in inner"
def wrap():
    yield from thrower()
    yield "after"
g = wrap()
next(g)
print(g.throw(ValueError))
print(next(g))

def ret_only():
    return 7
    yield
def use():
    x = yield from ret_only()
    yield x
print(list(use()))
