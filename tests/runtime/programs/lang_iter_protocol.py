class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

print(list(Countdown(4)))
c = Countdown(2)
print(next(c), next(c))
try:
    next(c)
except StopIteration:
    print("stop")
print(next(Countdown(0), "dflt"))

class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * i
print(list(Seq()))
for v in Seq():
    print("v", v)
print(4 in Seq(), 1 in Seq())

class GenIter:
    def __init__(self, data):
        self.data = data
    def __iter__(self):
        for d in self.data:
            yield d.upper()
print(list(GenIter(["a", "b"])))
print(sorted(GenIter(["q", "c"])))
x, y = GenIter("mn")
print(x, y)
print(dict(zip(Countdown(3), GenIter("abc"))))
it = iter(Countdown(3))
print(it.n)
