# Dict and set order after deletions, reinsertions, pop/popitem/clear and growth in between.
def digest(seq):
    h = 0
    n = 0
    for x in seq:
        for c in repr(x):
            h = (h * 131 + ord(c)) % 1000000007
        n += 1
    return n, h


d = {}
for i in range(3000):
    d["s" + str(i)] = i
    if i % 3 == 0 and ("s" + str(i // 2)) in d:
        del d["s" + str(i // 2)]
    if i % 250 == 0:
        print(i, digest(d), list(d)[:6])
for r in range(6):
    print(d.popitem())
print(d.pop("s2999", None), d.pop("s2998", "gone"), d.pop("nope", "default"))
print(digest(d))
d.clear()
for i in range(40):
    d[i * 3] = i
print(d)
e = {i: i for i in range(50)}
for i in range(0, 50, 2):
    del e[i]
print(e)
for i in range(100, 130):
    e[i] = i
print(e)
for i in range(0, 50, 2):
    e[i] = i
print(list(e))
for k in list(e):
    if k % 3 == 0:
        del e[k]
e[999] = 1
print(e)
while len(e) > 20:
    e.popitem()
e[5] = 5
e[6] = 6
print(e)
s = {i * 3 for i in range(200)}
print(digest(s), list(s)[:10])
for i in range(0, 600, 9):
    s.discard(i)
for i in range(1000, 1050):
    s.add(i)
print(digest(s), list(s)[:10])
popped = []
while len(s) > 150:
    popped.append(s.pop())
print(popped[:10], digest(popped), digest(s))
s.remove(1049)
s.add(2000)
s.add(1049)
print(digest(s))
s.clear()
for i in range(12):
    s.add(i * 5)
print(s)
t = set()
for r in range(20):
    for i in range(40):
        t.add("x" + str((r * 40 + i) % 300))
    for i in range(0, 300, 7):
        t.discard("x" + str((i + r) % 300))
    if r % 5 == 0:
        print(r, digest(t), sorted(t)[:3], list(t)[:4])
m = {}
for r in range(200):
    m[r % 37] = r
    if r % 4 == 0:
        m.pop((r * 5) % 37, None)
    if r % 9 == 0:
        m[1000 + r] = r
print(m)
u = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}
del u["a"]
u["f"] = 6
u["a"] = 7
print(u)
for k in u:
    u[k] = u[k] * 10
print(u, list(u.items()))
