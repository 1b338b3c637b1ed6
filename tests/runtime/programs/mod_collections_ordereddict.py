from collections import OrderedDict

o = OrderedDict()
o["z"] = 1
o["a"] = 2
o[3] = 3
print(o)
print(list(o.keys()), list(o.values()), list(o.items()))
del o["a"]
o["a"] = 5
print(o, len(o), "a" in o, "q" in o)
o["z"] = 100
print(o)
print(OrderedDict([(1, 2), (0, 1), (-1, 0)]))
print(OrderedDict(b=1))
print(o.popitem(), o)
print(o.pop("z"), o)
print(o.get(3), o.get(4, "none"), o.setdefault("n", []), o)
o.update([("x", 1), ("b", 2)])
print(o)
c = o.copy()
print(type(c).__name__, c)
print(type(o).__name__, isinstance(o, dict))
print(o == {3: 3, "n": [], "x": 1, "b": 2})
for k in o:
    print(k, end=" ")
print()
o.clear()
print(o, len(o))
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError", e)
try:
    o["missing"]
except KeyError as e:
    print("KeyError", e)
