def counter(start):
    n = start
    while True:
        yield n
        n += 1

c = counter(5)
print([next(c) for _ in range(3)])
print(type(c).__name__)
print(iter(c) is c)

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for x in fib():
    if x > 50:
        break
    out.append(x)
print(out)

def nested():
    for i in range(3):
        def sub():
            yield i
            yield i * 10
        yield from sub()
print(list(nested()))

def with_arg(*args, sep="-", **kw):
    for a in args:
        yield str(a) + sep
    for k in sorted(kw):
        yield k
print(list(with_arg(1, 2, sep="+", z=1, a=2)))

def early():
    yield 1
    return
    yield 2
print(list(early()))
g = (i * i for i in range(4))
print(sum(g), sum(g))
def running():
    yield g2.__class__
g2 = running()
print(next(g2) is type(g2))
