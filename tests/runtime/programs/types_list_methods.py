a = [3, 1, 2]
a.append(4); a.extend([5, 6]); a.insert(0, 0); a.insert(-1, 9); a.insert(100, 7)
print(a, a.pop(), a.pop(0), a.pop(-2), a)
a.remove(9); a.reverse(); print(a, a.index(2), a.count(1), a.copy() == a, a.copy() is a)
a.sort(); print(a); a.sort(reverse=True); print(a); a.sort(key=lambda v: -v); print(a)
b = ["bb", "a", "ccc"]; b.sort(key=len); print(b, sorted(b), sorted(b, key=len, reverse=True))
a.clear(); print(a, len(a))
print([1, 2] + [3], [0] * 3, 2 * [1, 2], [1, 2] == [1, 2], [1, 2] < [1, 3], [1] < [1, 0])
x = [1, 2, 3, 4, 5]
x[1:3] = [9]; print(x); x[::2] = [0, 0, 0]; print(x); del x[::2]; print(x); x[:] = []; print(x)
y = [1, 2]; y += (3,); y *= 2; print(y)
for f in (lambda: [].pop(), lambda: [1].pop(5), lambda: [1].remove(2), lambda: [1].index(2),
          lambda: [1][3], lambda: [1] + (2,), lambda: [3, "a"].sort(), lambda: [1]["a"],
          lambda: [1, 2, 3].__setitem__(slice(0, 3, 2), [1]), lambda: [1].insert("a", 1),
          lambda: [1, 2].index(1, 1)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
try:
    z = [1]
    z[5] = 1
except Exception as e:
    print(type(e).__name__, e)
try:
    del z[5]
except Exception as e:
    print(type(e).__name__, e)
