d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), "a" in d, d.get("z"), d.get("z", 0), d.setdefault("e", 5), d)
print(d.pop("a"), d.pop("zz", "dflt"), sorted(d.keys()), sorted(d.values()), sorted(d.items()))
d.update({"x": 9}, y=8)
print(sorted(d.items()), dict(a=1), dict([(1, 2)]), dict.fromkeys("ab", 0))
c = d.copy()
c.clear()
print(c, len(d), {1: "a"} == {1: "a"}, list({3: 1, 1: 2, 2: 3}))
for k in sorted(d):
    print(k, d[k], end="; ")
print()
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)
