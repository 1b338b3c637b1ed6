l = [3, 1, 2]
l.append(5); l.extend([9, 0]); l.insert(0, 7)
print(l, l.pop(), l.pop(0), l.index(2), l.count(1), len(l))
l.sort(); print(l); l.reverse(); print(l); l.remove(5); print(l)
print(l[1:3], l[:-1], l[::2]); l[1:3] = [10, 20, 30]; print(l); del l[0]; print(l)
t = (1, 2, 3)
a, b, c = t
first, *rest = [1, 2, 3, 4]
*init, last = "xyz"
print(a, b, c, first, rest, init, last, t + (4,), t * 2, t.index(3))
d = {"k": 1}
d["j"] = 2
print(d["k"], d.get("z"), d.get("z", 0), "k" in d, len(d), sorted(d.keys()), sorted(d.values()))
print(sorted(d.items()), d.pop("j"), d, d.setdefault("n", 5), sorted(d))
s = {3, 1, 2}
s.add(4); s.discard(1)
print(sorted(s), 2 in s, sorted(s | {7}), sorted(s & {2, 3}), sorted(s - {2}), len(s))
print([x * x for x in range(6) if x % 2], {x: x + 1 for x in range(3)}[2], sorted({c for c in "hello"}))
print(list(zip([1, 2], "ab")), list(enumerate("ab", 1)), list(map(abs, [-1, 2])), list(filter(None, [0, 1, 2])))
print(list(reversed([1, 2, 3])), any([0, 0, 1]), all([1, 1, 0]), list(range(10, 0, -3)))
m = [[0] * 2 for _ in range(2)]
m[0][1] = 5
print(m, sum([[1], [2]], []), sorted([(2, "b"), (1, "z"), (2, "a")]))
