a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), a > {1}, {1, 2} <= a)
a.add(10); a.discard(1); a.remove(2)
print(sorted(a), len(a), 3 in a, 1 in a)
print(sorted(a.union([7])), sorted(a.intersection(b)), sorted(a.difference(b)), a.isdisjoint({99}))
fs = frozenset([1, 2])
print(sorted(fs), 1 in fs, len(fs), type(fs).__name__)
try:
    a.remove(99)
except KeyError as e:
    print("KeyError", e)
print(set(), sorted(set("hello")), {1} == {1}, set([1, 1, 1]))
