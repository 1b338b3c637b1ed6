def gen(n):
    for i in range(n):
        x = yield i
        if x:
            print("got", x)
g = gen(3)
print(next(g), g.send("hi"), next(g))
try:
    next(g)
except StopIteration:
    print("stop")
def deleg():
    r = yield from sub()
    yield "ret=" + str(r)
def sub():
    yield 1
    yield 2
    return 3
print(list(deleg()))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
ge = (x * 2 for x in range(4))
print(list(ge), list(ge))
def closing():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
c = closing()
print(next(c))
c.close()
def thrower():
    try:
        yield 1
    except KeyError as e:
        yield "caught " + repr(e)
t = thrower()
next(t)
print(t.throw(KeyError("k")))
