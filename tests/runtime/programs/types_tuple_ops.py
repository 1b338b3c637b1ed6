t = (1, 2, 3, 2)
print(t.count(2), t.index(3), t[1:], t + (4,), t * 2, 2 in t, len(t), (1,) * 0)
print((), (1,), tuple([1, 2]), tuple("ab"), tuple(range(3)), (1, 2) < (1, 3), (1, 2) == (1, 2.0))
a, *b = t; print(a, b); *c, d = t; print(c, d)
print(hash((1, 2)) == hash((1, 2)), max((1, 5), (1, 3)), sorted([(2, "a"), (1, "b")]))
for f in (lambda: t[10], lambda: t.index(9), lambda: t + [1], lambda: t.__setitem__(0, 1),
          lambda: hash(([1],))):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
try:
    t[0] = 5
except Exception as e:
    print(type(e).__name__, e)
try:
    x, y = (1, 2, 3)
except Exception as e:
    print(type(e).__name__, e)
try:
    x, y, z = (1, 2)
except Exception as e:
    print(type(e).__name__, e)
