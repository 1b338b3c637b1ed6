from collections import OrderedDict
d = OrderedDict()
d["z"] = 1
d["a"] = 2
d["m"] = 3
print(list(d.keys()), list(d.values()), d)
del d["a"]
d["a"] = 4
print(list(d.items()), d.pop("z"), d)
print(OrderedDict([("b", 1), ("a", 2)]))
