# dicts, dict views and sets consumed by builtins/methods/unpacking list in MicroPython's order
d = {}
for k in ("zeta", "alpha", 7, 3, "m", 100, 35, "q"):
    d[k] = len(str(k))
print(d)
print(list(d))
print(list(d.keys()), list(d.values()))
print(list(d.items()))
print(tuple(d), tuple(d.items()))
print(",".join(k for k in d if type(k) is str))
print("-".join({"a": 1, "bb": 2, "zz": 3, "q": 4}))
print("".join({"x", "yy", "abc", "q"}))
print(list(enumerate(d)))
print(list(zip(d, d.values())))
print(list(map(str, d)), list(filter(lambda k: type(k) is int, d)))
print(sum(d.values()), min(d.values()), any(d))
a, *b = d
print(a, b)
x, y, z = {"one": 1, "two": 2, "three": 3}
print(x, y, z)
out = []
out.extend(d.items())
print(out)
print(list(set("abcdefgh")), list(frozenset((5, 16, 27, 38))))
it = iter({"k1": 1, "k2": 2, "k3": 3, "k4": 4})
print(next(it), list(it))
print(bytes({1: 0, 9: 0, 17: 0}), sorted(d, key=str))
