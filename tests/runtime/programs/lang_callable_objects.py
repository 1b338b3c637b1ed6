class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *rest, scale=1):
        return (self.n + x + sum(rest)) * scale

a = Adder(10)
print(a(1), a(1, 2, 3), a(1, scale=3))
print(callable(a), callable(Adder), callable(5))
print(list(map(a, [1, 2, 3])))

class Memo:
    def __init__(self, f):
        self.f = f
        self.cache = {}
        self.calls = 0
    def __call__(self, n):
        if n not in self.cache:
            self.calls += 1
            self.cache[n] = self.f(n)
        return self.cache[n]

@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(40), fib.calls)

class Method:
    def __call__(self):
        return "called"
class Holder:
    m = Method()
print(Holder().m())
try:
    Adder(1)()
except TypeError as e:
    print("TypeError")
