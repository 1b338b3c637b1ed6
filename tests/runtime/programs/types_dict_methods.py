d = {"a": 1}
d["b"] = 2
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 9))
print(d.pop("c"), d.pop("zz", "dflt"), "a" in d, "zz" not in d, len(d))
d.update({"x": 10}); d.update(y=20); d.update([("w", 30)])
print(sorted(d.items()), sorted(d.keys()), sorted(d.values()))
e = d.copy(); e["a"] = 100; print(d["a"], e["a"])
print(dict.fromkeys(["p", "q"]), dict.fromkeys("ab", 0), dict(a=1), dict([(1, 2)]))
k, v = {"only": 1}.popitem(); print(k, v)
d.clear(); print(d, {} == {}, {"a": 1} == {"a": 1.0}, {1: 2} != {1: 3})
print(len({1: 1, 1.0: 2, True: 3}), {1: 1, 1.0: 2})
for f in (lambda: {}["x"], lambda: {}.pop("x"), lambda: {}.popitem(), lambda: {[1]: 2},
          lambda: {"a": 1} < {"b": 2}, lambda: dict(1),
          lambda: {}.update(1), lambda: {"a": 1} + {"b": 2}, lambda: {1: 2}[(1, [2])]):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
try:
    del d["nope"]
except Exception as e:
    print(type(e).__name__, e, repr(e), e.args)
