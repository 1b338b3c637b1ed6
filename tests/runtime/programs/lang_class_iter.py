class Count:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Count(4)), sum(Count(10)), [x * x for x in Count(3)])
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return t is ValueError
with Ctx() as c:
    print("body")
with Ctx():
    raise ValueError("swallowed")
print("after")
class Call:
    def __call__(self, a, b=2):
        return a + b
print(Call()(1), Call()(1, b=5))
