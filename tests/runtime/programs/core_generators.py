def gen(n):
    for i in range(n):
        x = yield i
        if x:
            print("got", x)
    return "done"
g = gen(3)
print(next(g), g.send("hello"), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.args)
def inner():
    yield 1
    yield 2
    return 3
def outer():
    r = yield from inner()
    yield r
print(list(outer()))
def closing():
    try:
        yield 1
        yield 2
    finally:
        print("closed")
c = closing()
print(next(c))
c.close()
def thrower():
    while True:
        try:
            yield
        except ValueError as e:
            print("caught in gen", e)
t = thrower()
next(t)
t.throw(ValueError("boom"))
print(sum(x * 2 for x in range(5)), list(x for x in "ab"))
def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for f in fibs():
    if f > 50:
        break
    out.append(f)
print(out)
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
class Count:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n
print(list(Count(3)))
async def coro(x):
    return x * 2
async def main():
    a = await coro(2)
    b = await coro(a)
    return a + b
m = main()
try:
    m.send(None)
except StopIteration as e:
    print("async result", e.value)
