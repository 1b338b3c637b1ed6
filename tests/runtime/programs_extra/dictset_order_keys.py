# Dict and set order with float, bool, bytes and mixed keys, and through dict/set builtins.
def digest(seq):
    h = 0
    n = 0
    for x in seq:
        for c in repr(x):
            h = (h * 131 + ord(c)) % 1000000007
        n += 1
    return n, h


f = {}
for i in range(60):
    f[float(i * 37 % 101)] = i
print(f)
g = {1.0: "a", 2: "b", 3.0: "c", True: "d", "x": 1, "y": 2, 7: 3}
print(g)
h = {}
for i in range(30):
    h[i] = 1
    h[str(i)] = 2
print(h)
hb = {}
for i in range(30):
    hb[bytes([65 + i, 48 + i % 10])] = i
print(hb)
print({float(i) for i in range(0, 200, 11)})
print({b"k" + bytes([i]) for i in range(48, 80)})
v = {}
for w in "the quick brown fox jumps over the lazy dog and the cat".split():
    v[w] = v.setdefault(w, 0) + 1
print(v)
v.update(alpha=1, beta=2)
v.update([("gamma", 3), ("delta", 4)])
print(v)
z = dict(zip(["p", "q", "r", "s", "t", "u"], range(6)))
print(z, list(z))
c = {k: len(k) for k in ("one", "two", "three", "four", "five", "six", "seven")}
print(c, [k for k in c], [x for x in c.values()])
print(sorted(c) == sorted(c.keys()), ",".join(c), tuple(c.items()))
s = set("abcdefghijklmnop")
print(s, frozenset(range(20, 40)))
print(digest({i: str(i) for i in range(500)}.items()))
