print(dict(), dict({}), dict(a=1), dict([("x", 1)]), dict({"k": 2}, k=3, m=4) == {"k": 3, "m": 4})
print(dict(zip("ab", [1, 2])) == {"a": 1, "b": 2}, dict.fromkeys(range(3)))
d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
print(d, len(d))
d2 = {(1, 2): "t", frozenset([1]): "f", None: "n", b"b": "bytes", "s": "str"}
print(d2[(1, 2)], d2[frozenset([1])], d2[None], d2[b"b"], d2["s"], len(d2))
print({k: v for k, v in [(1, 2), (3, 4)]})
e = {"x": [1]}
f = e.copy()
f["x"].append(2)
print(e, f, e == f, e is f)
print(sorted({"b": 1, "a": 2}), sorted({"b": 1, "a": 2}.items()), list({}.items()))
print(dict([[1, 2], (3, 4)]))
