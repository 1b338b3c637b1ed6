a = list(range(10))
print(a[2:8:2], a[::-3], a[-3:], a[:-7], a[8:2:-2], a[100:], len(a[::4]))
b = a[:]
b[2:5] = ["x", "y", "z"]
print(b)
del b[1:4]
print(b)
c = [[0] * 2] * 2
c[0][0] = 1
print(c)
print([1, [2, [3]]], [x * x for x in range(5) if x % 2], list(map(str, [1, 2])))
print(list(zip([1, 2, 3], "ab")), list(enumerate("xy", 1)), list(reversed([1, 2, 3])))
print(sum([[1], [2]], []), [3, 1, 2].index(2), [] * 5, [None] * 2)
l = [5, 3, 8]
l.sort(key=lambda v: v % 3, reverse=True)
print(l, sorted(l, reverse=True), [1, 2, 3][-1:-4:-1])
