a = frozenset([1, 2, 3])
b = frozenset([3, 4])
print(type(a | b).__name__, type(a - b).__name__, type(a ^ b).__name__)
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(a.union([9]) == frozenset([1, 2, 3, 9]), a.issubset({1, 2, 3, 4}), a.isdisjoint(b))
print({a: "frozen key"}[frozenset([3, 2, 1])], a == {1, 2, 3}, frozenset() == set())
print(len(a), 2 in a, 9 not in a, sorted(a.copy()), a.copy() == a)
s = {1, 2}
s |= {3}
s &= {1, 3, 5}
s -= {1}
s ^= {7}
print(sorted(s))
for f in (lambda: a.add(1), lambda: a.remove(1), lambda: a.update([1]), lambda: a.pop()):
    try:
        print(f())
    except AttributeError as e:
        print("AttributeError", e)
