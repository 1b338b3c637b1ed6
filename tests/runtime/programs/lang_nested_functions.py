def make_multipliers():
    return [lambda x, n=n: x * n for n in range(1, 4)]
print([m(10) for m in make_multipliers()])
def memo(f):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return w
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60))
def apply(f, *args, **kw):
    return f(*args, **kw)
print(apply(max, 3, 9, 2), apply(sorted, [3, 1], reverse=True), apply(lambda: "none"))
def rec(n, acc=()):
    return acc if n == 0 else rec(n - 1, acc + (n,))
print(rec(5))
