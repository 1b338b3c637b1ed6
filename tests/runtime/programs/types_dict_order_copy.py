src = {"m": 1, "n": 2, "o": 3, "p": 4, "q": 5, "zz": 6}
print(src)
c = dict(src)
print(c)
u = {}
u.update(src)
print(u)
u2 = {"first": 0}
u2.update(src)
print(u2)
print(src.copy())
k = dict(zip(["x1", "x2", "x3", "x4"], range(4)))
print(k)
f = dict.fromkeys(["red", "green", "blue", "cyan"], 0)
print(f)
kw = dict(one=1, two=2, three=3, four=4)
print(kw)
print(dict([("k1", 1), ("k2", 2), ("k3", 3)]))
