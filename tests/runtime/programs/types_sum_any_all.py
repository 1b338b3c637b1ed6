print(sum([]), sum([1, 2, 3]), sum([0.5, 0.25]), sum(range(10), 5), sum([1, 2.5]), sum((x for x in [3, 4])))
print(any([]), all([]), any([0, "", None]), all([1, "x"]), any(x > 2 for x in [1, 3]), all(iter([1, 0])))
print(sum([[1], [2, 3]], []), sum([(1,), (2,)], ()), sum([1j, 2]))
print(list(map(abs, [-1, 2])), list(map(lambda a, b: a + b, [1, 2], [10, 20, 30])), list(filter(None, [0, 1, None, 2])))
print(list(zip()), list(zip([1])), list(zip("ab", "cde", [1, 2, 3])), list(enumerate([], 5)))
print(sorted({3: 1, 1: 2}), sorted((3, 1, 2), reverse=True), list(reversed("abc")), list(reversed(range(3))))
for f in (lambda: sum("abc"), lambda: sum([1, "a"]), lambda: sum(1), lambda: any(1), lambda: sorted(1),
          lambda: list(map(None, [1])), lambda: list(zip(1)), lambda: reversed({1: 2})):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
