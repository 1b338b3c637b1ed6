print(list(zip([1, 2, 3], "ab")), list(zip()))
print(list(enumerate("xyz", 5)))
print(list(map(pow, [2, 3], [3, 2])))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))))
class Rev:
    def __reversed__(self):
        return iter("reversed!")
print("".join(reversed(Rev())))
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
print(sorted({3: "a", 1: "b"}), sorted("bca", reverse=True))
print(any(x > 2 for x in [1, 3]), all([]), any([]))
print(sum(range(5), 10), min("qwe"), max([3, 7], key=lambda v: -v))
def gen():
    yield 3
    yield 1
print(sorted(gen()), tuple(gen()), set(gen()) == {1, 3})
e = enumerate(["a", "b"])
print(next(e), next(e))
z = zip(range(3), range(10, 13))
print(dict(z))
print(list(filter(None, [0, 1, "", "x", None, []])))
print(list(range(10, 0, -3)))
