d = {}
for w in ("alpha", "beta", "gamma", "delta", "eps"):
    d[w] = len(w)
print(d)
del d["beta"]
print(d)
d["beta"] = 0
print(d)
d["zeta"] = 6
print(d)
del d["alpha"]; del d["gamma"]
d["theta"] = 9; d["alpha"] = 1
print(d, list(d.keys()), list(d.items())[0])
n = {}
for i in range(20):
    n[i * 7] = i
for i in range(0, 20, 3):
    del n[i * 7]
for i in range(5):
    n[i * 100] = i
print(n)
p = {"a": 1, "b": 2, "c": 3, "d": 4}
p.pop("b")
p["e"] = 5
print(p)
for k in p:
    print(k, end=" ")
print()
