t = (5, 3, 5, 1)
print(t.index(5), t.index(5, 1), t.count(5), sorted(t), tuple(sorted(t)), t + (), () + t)
print(t[1:3], t[-1], t[:], t[:] is t if False else "", len(t * 3), (1, 2) * 0, (0,) * 3)
a = (1, [2])
a[1].append(3)
print(a, (1, 2) == (1, 2), (1, 2) != (1, 3), (1,) < (1, 0), () < (0,), (2,) > (1, 9))
print(tuple(), tuple([]), tuple((1,)), tuple({"k": 1}), tuple(x * 2 for x in range(3)))
x = 1, 2
y, = (9,)
print(x, y, type(x).__name__, len(()), bool(()), bool((0,)))
print(hash((1, "a")) == hash((1, "a")), {(1, 2): "pt"}[(1, 2)], max([(1, 2), (1, 3)]))
for f in (lambda: t.index(9), lambda: t.count(), lambda: t[1:2:0], lambda: (1, 2) + [3]):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
