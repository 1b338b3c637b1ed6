d = {}
for i, w in enumerate(["red", "green", "blue", "cyan", "magenta", "yellow", "black", "white"]):
    d[w] = i
print(d)
d.update({"orange": 8, "red": 100})
print(d, list(d.values()))
d.setdefault("pink", 9)
d["green"] = -1
print(list(d.items()))
e = dict(d)
e["violet"] = 10
print(e)
n = {i: str(i) for i in range(0, 40, 3)}
print(n)
n.update({k: "x" for k in (100, 7, 8)})
print(list(n)[:8], len(n))
m = {}
m["a"] = 1
m["b"] = 2
m["c"] = 3
print(m, dict(m))
