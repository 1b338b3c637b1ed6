from collections import OrderedDict
od = OrderedDict(zip("dcba", range(4)))
print(od, list(od.items()))
od["c"] = 100
print(list(od.items()))
od.pop("d")
od["d"] = -1
print(list(od), len(od), "d" in od, od.get("zz", "none"))
print(OrderedDict(a=1) == OrderedDict(a=1) if False else "eq", dict(od) == {"c": 100, "b": 2, "a": 3, "d": -1})
