d = {}
for i, k in enumerate(["zeta", "alpha", "mid", "beta"]):
    d[k] = i
print(list(d), list(d.values()), list(d.items()))
inv = {v: k for k, v in d.items()}
print(inv)
nested = {"a": {"b": {"c": 1}}}
print(nested["a"]["b"]["c"], nested.get("x", {}).get("y"))
keys = d.keys()
d["late"] = 1
print(len(keys), "late" in keys)
