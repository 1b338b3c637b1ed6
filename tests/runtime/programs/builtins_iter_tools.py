it = iter(range(5))
print(next(it), list(it), list(it))
print(list(zip(range(3), range(10, 13), "abc")), list(enumerate([], 1)))
m = map(lambda a, b: a - b, [10, 20], [1, 2])
print(list(m), list(m))
f = filter(lambda x: x > 2, range(5))
print(next(f), list(f))
r = reversed("abc")
print(next(r), "".join(r))
print(sorted(range(5), key=lambda x: -x), sum((0.5, 0.25)), min(range(3), default=9), max("ab", "b"))
class It:
    def __init__(self):
        self.l = [1, 2, 3]
    def __getitem__(self, i):
        return self.l[i]
print(list(It()), 2 in It())
