a = [1, 2, 3, 4, 5]
print(a.index(3, 1), a.index(5, -1), a.count(9), a[-1:-3], a[1:100], a[::-1][:2])
b = a.copy()
b.insert(-100, 0)
b.insert(100, 9)
b.insert(-1, 8)
print(b)
c = [3, 1, 2]
c.sort(key=lambda v: v)
print(c, c.reverse(), c, c.clear(), c)
d = [1, 2, 3]
d[1:1] = [7, 8]
d[len(d):] = [9]
d[:0] = [0]
print(d, d.pop(-1), d.pop(1), d)
e = [[1, 2], [3]]
f = list(e)
f[0].append(99)
print(e, f, e == f, e is f)
g = [1, 2] * 2
g.remove(2)
print(g, [] == [], [0] * -2, list(range(3)) + list("ab"))
print(sorted([3, 1, 2], key=lambda v: -v), sorted([(1, "b"), (1, "a")]), [1, 2, 3][::2])
for h in (lambda: a.index(3, 3), lambda: [].index(1), lambda: a.remove(10), 
          lambda: a.insert(1), lambda: a.extend(5), lambda: a.count()):
    try:
        print(h())
    except Exception as e:
        print(type(e).__name__, e)
