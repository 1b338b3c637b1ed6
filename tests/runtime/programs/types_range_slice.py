r = range(2, 20, 3)
print(r, range(5), range(0, 5, 1), range(1, 2), len(r), r[0], r[-1], r[1:3], r[::-1], 5 in r, 6 in r)
print(list(range(5, 0, -2)), list(range(0)))
print(list(r[::2]), bool(range(0)), reversed(range(3)).__class__.__name__ if False else "")
print([0, 1, 2, 3, 4, 5][1:5:2], [0, 1, 2][::-1], "abcdef"[2:], (1, 2, 3)[:2])
for f in (lambda: range(1, 2, 0), lambda: range(3)[5], lambda: range(1.5), lambda: range("a"),
          lambda: [1, 2][::0], lambda: range(2) + range(2)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
