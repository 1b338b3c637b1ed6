s = set()
for w in ("pear", "fig", "kiwi", "lime", "plum"):
    s.add(w)
s.discard("fig")
s.add("date")
print(s)
s.remove("kiwi")
s.discard("nothing")
s.add("kiwi")
s.add("fig")
print(s)
c = {w + "!" for w in ("one", "two", "three", "four", "five")}
print(c)
n = set()
for i in range(30):
    n.add(i * 11 % 17)
for i in range(0, 17, 4):
    n.discard(i)
n.add(100)
n.add(4)
print(n)
f = frozenset(s)
print(f, set(f))
print([x for x in s], sorted(s))
t = {"a1", "b2", "c3"}
t.add("d4")
t.update(["e5"])
t.add("f6")
print(t, len(t))
