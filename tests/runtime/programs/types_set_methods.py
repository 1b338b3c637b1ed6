a = {1, 2, 3}
b = {3, 4}
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(a.isdisjoint({9}), {1}.issubset(a), a.issuperset({1, 2}), a <= a, a < a, {1} < a, a > {1}, a >= b)
c = a.copy(); c.update([7], (8,)); c.difference_update({1}); print(sorted(c))
c.intersection_update({2, 7, 8, 99}); print(sorted(c)); c.symmetric_difference_update({2, 5}); print(sorted(c))
c.remove(5); c.discard(100); print(sorted(c), len(c), c.pop() in (7, 8))
f = frozenset([1, 2]); print(f, f | {3}, type(f | {3}).__name__, {3} | f, hash(f) == hash(frozenset([2, 1])))
print(set() == set(), {1} == frozenset([1]), set(), frozenset(), len(set("aab")))
for g in (lambda: set().pop(), lambda: {1}.remove(2), lambda: {[1]}, lambda: {1} + {2},
          lambda: f.add(3), lambda: {1} < [1], lambda: set(1), lambda: {{1}}):
    try:
        print(g())
    except Exception as e:
        print(type(e).__name__, e)
