add = lambda a, b=1: a + b
print(add(1), add(1, 5), add(b=3, a=4))
print((lambda *a, **k: (a, sorted(k)))(1, 2, x=3))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6])))
print(list(filter(lambda v: v % 2, range(7))))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10))
print((lambda: (yield 1))().__next__() if False else "no gen lambda")
cond = lambda x: "pos" if x > 0 else "neg" if x < 0 else "zero"
print([cond(v) for v in (-1, 0, 1)])
print((lambda x: (lambda y: x + y))(10)(5))
