t = (1, 2, 3, 2)
print(t, t.count(2), t.index(3), len(t), t + (4,), t * 2, (1,), (), 2 in t)
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2), max((3, 1), (2, 9)), tuple([1]), tuple())
a, b = t[:2]
print(a, b, hash((1, 2)) == hash((1, 2)), sorted([(2, "b"), (1, "z"), (1, "a")]))
